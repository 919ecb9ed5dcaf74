// Package ec2model reads the EC2 API model (service-2.json) for tests, so
// that limits and filter names the fake and the client check follow the
// model's documentation instead of copies of it.
//
// The model is not part of the repository. Load looks for
// shared/aws-models/ec2/service-2.json in the working directory's parents
// (the checkout's sibling "shared" directory) or at $GOBOTO_AWS_MODELS/ec2,
// and skips the test when it finds none.
package ec2model

import (
	"encoding/json"
	"errors"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Model is the part of service-2.json the tests read.
type Model struct {
	Operations map[string]Operation `json:"operations"`
	Shapes     map[string]Shape     `json:"shapes"`
}

// Operation is one API action.
type Operation struct {
	Input *struct {
		Shape string `json:"shape"`
	} `json:"input"`
}

// Shape is a structure, list or scalar type.
type Shape struct {
	Type    string            `json:"type"`
	Members map[string]Member `json:"members"`
}

// Member is a structure's field.
type Member struct {
	Shape         string `json:"shape"`
	Documentation string `json:"documentation"`
	LocationName  string `json:"locationName"`
	QueryName     string `json:"queryName"`
}

// Find returns the path of the EC2 model, or "" when there is none.
func Find() string {
	if dir := os.Getenv("GOBOTO_AWS_MODELS"); dir != "" {
		return filepath.Join(dir, "ec2", "service-2.json")
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "aws-models", "ec2", "service-2.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads the EC2 model, skipping t when it is absent.
func Load(t testing.TB) *Model {
	t.Helper()
	p := Find()
	if p == "" {
		t.Skip("no shared/aws-models/ec2/service-2.json above the working directory")
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", p)
	}
	if err != nil {
		t.Fatal(err)
	}
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return &m
}

// MemberDoc returns the documentation of an operation's input member, ""
// when the operation or member does not exist.
func (m *Model) MemberDoc(op, member string) string {
	o, ok := m.Operations[op]
	if !ok || o.Input == nil {
		return ""
	}
	return m.Shapes[o.Input.Shape].Members[member].Documentation
}

// Text strips the HTML of a documentation string, leaving its words.
func Text(doc string) string {
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(doc, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// filterItem is one documented filter: a list item that opens with the
// name in <code>, then " - " or ":" (tag:<key>).
var filterItem = regexp.MustCompile(`<li>\s*<p>\s*<code>([^<]+)</code>\s*(-|:\s*&lt;key&gt;|:\s*<key>)`)

// FilterNames returns the filter names documented in op's Filters member,
// in their documented order. The tag:<key> filter is returned as "tag:".
func (m *Model) FilterNames(op string) []string {
	doc := m.MemberDoc(op, "Filters")
	if doc == "" {
		doc = m.MemberDoc(op, "Filter")
	}
	var out []string
	for _, sub := range filterItem.FindAllStringSubmatch(doc, -1) {
		name := html.UnescapeString(strings.TrimSpace(sub[1]))
		switch {
		case name == "tag:<key>" || (name == "tag" && sub[2] != "-"):
			name = "tag:"
		case sub[2] != "-":
			continue // "x:<key>" for a name other than tag
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// ShapeMemberDoc returns the documentation of a structure's member, ""
// when there is none.
func (m *Model) ShapeMemberDoc(shape, member string) string {
	return m.Shapes[shape].Members[member].Documentation
}
