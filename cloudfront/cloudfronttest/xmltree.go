package cloudfronttest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// CloudFront's documents are kept as element trees checked against the
// model's shapes (shapes_model.go), so that a configuration is stored
// and answered back with every member the caller sent, in the model's
// order, and an element the model does not have is refused by name
// rather than dropped.

// shape kinds.
const (
	kStruct = iota
	kList
	kString
	kInteger
	kBoolean
	kTimestamp
)

// shape is one XML shape of the model.
type shape struct {
	kind      int
	members   []member // kStruct, in the model's order
	item      string   // kList: the element name of each item
	itemShape string
	max       int
	enum      []string // kString: the allowed values, when the model has them
}

// member is one member of a structure: its element name, shape and
// whether the model requires it.
type member struct {
	name, shape string
	required    bool
}

// node is one XML element: its name, its text, or its children.
type node struct {
	name string
	text string
	kids []*node
}

// el makes an element with children; leaf makes one with text.
func el(name string, kids ...*node) *node { return &node{name: name, kids: kids} }
func leaf(name, text string) *node        { return &node{name: name, text: text} }

func leafBool(name string, b bool) *node { return leaf(name, strconv.FormatBool(b)) }
func leafInt(name string, i int) *node   { return leaf(name, strconv.Itoa(i)) }
func leafTime(name string, t time.Time) *node {
	return leaf(name, t.UTC().Format("2006-01-02T15:04:05.000Z"))
}

// child returns n's first child named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// at follows a path of child names ("DefaultCacheBehavior/TargetOriginId").
func (n *node) at(path string) *node {
	for _, p := range strings.Split(path, "/") {
		n = n.child(p)
	}
	return n
}

// str returns the text at path, "" when absent.
func (n *node) str(path string) string {
	if c := n.at(path); c != nil {
		return c.text
	}
	return ""
}

// has reports whether path exists.
func (n *node) has(path string) bool { return n.at(path) != nil }

// boolean returns the boolean at path, false when absent.
func (n *node) boolean(path string) bool { return n.str(path) == "true" }

// integer returns the integer at path and whether it is present.
func (n *node) integer(path string) (int64, bool) {
	c := n.at(path)
	if c == nil {
		return 0, false
	}
	v, err := strconv.ParseInt(c.text, 10, 64)
	return v, err == nil
}

// items returns the items of the list at path (a "Quantity/Items"
// container's Items, or a list element itself).
func (n *node) items(path string) []*node {
	if c := n.at(path); c != nil {
		return c.kids
	}
	return nil
}

// set replaces or adds the child name with c, keeping the model's order
// when the tree is rendered.
func (n *node) set(c *node) {
	for i, k := range n.kids {
		if k.name == c.name {
			n.kids[i] = c
			return
		}
	}
	n.kids = append(n.kids, c)
}

// clone returns a deep copy of n.
func (n *node) clone() *node {
	if n == nil {
		return nil
	}
	c := &node{name: n.name, text: n.text, kids: make([]*node, len(n.kids))}
	for i, k := range n.kids {
		c.kids[i] = k.clone()
	}
	return c
}

// parseDoc reads a request body's document, whose root must be root;
// an empty body is the model's MissingBody.
func parseDoc(body []byte, root string) (*node, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, cferr(http.StatusBadRequest, "MissingBody",
			"This operation requires a body. Ensure that the body is present and the Content-Type header is set.")
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []*node
	var top *node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errMalformed("The XML document is not well formed: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if top != nil {
				return nil, errMalformed("The XML document has more than one root element.")
			} else {
				top = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if top == nil {
		return nil, errMalformed("The request body holds no XML document.")
	}
	if top.name != root {
		return nil, errMalformed("The document's root element is %s; expected %s.", top.name, root)
	}
	return top, nil
}

// errMalformed is CloudFront's answer to a document it cannot read:
// InvalidArgument, which the model declares for every write the fake
// serves.
func errMalformed(format string, args ...any) *fake.Error { return errInvalidArgument(format, args...) }

// check validates n against the model's shape name: every child a member
// (once), every required member present, scalars well formed, enums one
// of their values, and in every Quantity/Items pair as many items as the
// quantity says (InconsistentQuantities). It puts the children in the
// model's order and trims the text of non-string scalars. path names n
// in errors.
func check(n *node, shapeName, path string) error {
	sh := modelShapes[shapeName]
	if sh == nil {
		return fmt.Errorf("cloudfronttest: no model shape %s", shapeName)
	}
	switch sh.kind {
	case kStruct:
		n.text = ""
		order := make(map[string]int, len(sh.members))
		for i, m := range sh.members {
			order[m.name] = i
		}
		seen := map[string]bool{}
		for _, k := range n.kids {
			i, ok := order[k.name]
			if !ok {
				return errMalformed("Unexpected element %s in %s.", k.name, path)
			}
			if seen[k.name] {
				return errMalformed("Element %s appears twice in %s.", k.name, path)
			}
			seen[k.name] = true
			if err := check(k, sh.members[i].shape, path+"."+k.name); err != nil {
				return err
			}
		}
		for _, m := range sh.members {
			if m.required && !seen[m.name] {
				return errMalformed("Missing required element %s in %s.", m.name, path)
			}
		}
		slices.SortStableFunc(n.kids, func(a, b *node) int { return order[a.name] - order[b.name] })
		if q, ok := order["Quantity"]; ok && sh.members[q].shape == "integer" {
			if _, hasItems := order["Items"]; hasItems {
				want, _ := n.integer("Quantity")
				if got := len(n.items("Items")); int64(got) != want {
					return cferr(http.StatusBadRequest, "InconsistentQuantities",
						"The value of Quantity (%d) and the number of Items (%d) in %s don't match.", want, got, path)
				}
			}
		}
	case kList:
		n.text = ""
		for _, k := range n.kids {
			if k.name != sh.item {
				return errMalformed("Unexpected element %s in %s; expected %s.", k.name, path, sh.item)
			}
			if err := check(k, sh.itemShape, path+"."+k.name); err != nil {
				return err
			}
		}
		if sh.max > 0 && len(n.kids) > sh.max {
			return errMalformed("%s has %d items; at most %d are allowed.", path, len(n.kids), sh.max)
		}
	case kString:
		if len(n.kids) > 0 {
			return errMalformed("%s must be text.", path)
		}
		if len(sh.enum) > 0 && !slices.Contains(sh.enum, n.text) {
			return errMalformed("%s must be one of %s; got %q.", path, strings.Join(sh.enum, ", "), n.text)
		}
	case kInteger:
		n.text = strings.TrimSpace(n.text)
		if _, err := strconv.ParseInt(n.text, 10, 64); err != nil || len(n.kids) > 0 {
			return errMalformed("%s must be an integer; got %q.", path, n.text)
		}
	case kBoolean:
		n.text = strings.TrimSpace(n.text)
		if (n.text != "true" && n.text != "false") || len(n.kids) > 0 {
			return errMalformed("%s must be true or false; got %q.", path, n.text)
		}
	case kTimestamp:
		n.text = strings.TrimSpace(n.text)
		if _, err := time.Parse(time.RFC3339, n.text); err != nil {
			return errMalformed("%s must be an ISO 8601 time; got %q.", path, n.text)
		}
	}
	return nil
}

// render writes n as XML, the root with CloudFront's namespace.
func render(n *node) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	renderNode(&buf, n, true)
	return buf.Bytes()
}

func renderNode(buf *bytes.Buffer, n *node, root bool) {
	buf.WriteByte('<')
	buf.WriteString(n.name)
	if root {
		buf.WriteString(` xmlns="` + xmlns + `"`)
	}
	buf.WriteByte('>')
	if len(n.kids) > 0 {
		for _, k := range n.kids {
			renderNode(buf, k, false)
		}
	} else {
		xml.EscapeText(buf, []byte(n.text))
	}
	buf.WriteString("</")
	buf.WriteString(n.name)
	buf.WriteByte('>')
}

// canonical is n rendered without the namespace: what two configurations
// are compared by (CreateDistribution: a repeated CallerReference with
// an identical configuration, "ignoring white space", is the same
// request).
func canonical(n *node) string {
	var buf bytes.Buffer
	renderNode(&buf, n, false)
	return buf.String()
}
