package sdbtest

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// SimpleDB's limits (Developer Guide, "Amazon SimpleDB Limits").
const (
	maxNameBytes      = 1024 // item names, attribute names and values
	maxItemPairs      = 256  // attribute name-value pairs per item
	maxSubmittedPairs = 256  // pairs per PutAttributes call or per batch item
	maxBatchItems     = 25   // items per BatchPutAttributes / BatchDeleteAttributes
	maxDomains        = 250  // domains per account and region
	maxPredicates     = 20   // comparisons per select expression
	maxValueTests     = 20   // values of one in (...) comparison
	maxRequestedAttrs = 256  // attributes in a select output list
	maxResponseBytes  = 1 << 20
	defaultLimit      = 100
	maxListDomains    = 100
)

// rawAttr gathers the fields of one Attribute.N.
type rawAttr struct {
	index                     int
	name, value, replace      string
	hasName, hasValue, hasRep bool
}

// attrSet collects Attribute.N.* fields by N.
type attrSet map[int]*rawAttr

// add records field (like "3.Name") of an attribute list.
func (s attrSet) add(field, v string) {
	n, rest, ok := splitIndex(field)
	if !ok {
		return
	}
	a := s[n]
	if a == nil {
		a = &rawAttr{index: n}
		s[n] = a
	}
	switch rest {
	case "Name":
		a.name, a.hasName = v, true
	case "Value":
		a.value, a.hasValue = v, true
	case "Replace":
		a.replace, a.hasRep = v, true
	}
}

// sorted returns the attributes in index order.
func (s attrSet) sorted() []*rawAttr {
	out := make([]*rawAttr, 0, len(s))
	for _, a := range s {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].index < out[j].index })
	return out
}

// splitIndex splits "12.Name" into 12 and "Name".
func splitIndex(s string) (int, string, bool) {
	i := strings.IndexByte(s, '.')
	if i <= 0 || i > 9 {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n < 0 {
		return 0, "", false
	}
	return n, s[i+1:], true
}

// attrsOf collects the Attribute.N.* parameters of a single-item call.
func attrsOf(p url.Values) []*rawAttr {
	set := attrSet{}
	for k, vs := range p {
		if rest, ok := strings.CutPrefix(k, "Attribute."); ok && len(vs) > 0 {
			set.add(rest, vs[0])
		}
	}
	return set.sorted()
}

// rawItem gathers the fields of one Item.N of a batch.
type rawItem struct {
	index   int
	name    string
	hasName bool
	attrs   attrSet
}

// itemsOf collects the Item.N.* parameters of a batch call, in index
// order.
func itemsOf(p url.Values) []*rawItem {
	m := map[int]*rawItem{}
	for k, vs := range p {
		rest, ok := strings.CutPrefix(k, "Item.")
		if !ok || len(vs) == 0 {
			continue
		}
		n, field, ok := splitIndex(rest)
		if !ok {
			continue
		}
		it := m[n]
		if it == nil {
			it = &rawItem{index: n, attrs: attrSet{}}
			m[n] = it
		}
		if field == "ItemName" {
			it.name, it.hasName = vs[0], true
		} else if af, ok := strings.CutPrefix(field, "Attribute."); ok {
			it.attrs.add(af, vs[0])
		}
	}
	out := make([]*rawItem, 0, len(m))
	for _, it := range m {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].index < out[j].index })
	return out
}

// batchItemsOf collects and checks the items of a batch call: at least
// one, at most 25, each with a valid name given once.
func batchItemsOf(p url.Values) ([]*rawItem, *fake.Error) {
	raw := itemsOf(p)
	if len(raw) == 0 {
		return nil, errMissing("Item.1.ItemName")
	}
	if len(raw) > maxBatchItems {
		return nil, errSubmittedItems()
	}
	seen := make(map[string]bool, len(raw))
	for _, ri := range raw {
		if !ri.hasName {
			return nil, errMissing(ri.prefix() + "ItemName")
		}
		if e := checkName("ItemName", ri.name, true); e != nil {
			return nil, e
		}
		if seen[ri.name] {
			return nil, errDuplicateItem(ri.name)
		}
		seen[ri.name] = true
	}
	return raw, nil
}

// prefix is the parameter prefix of the item, "Item.N.".
func (ri *rawItem) prefix() string { return "Item." + strconv.Itoa(ri.index) + "." }

// checkName validates an item name, attribute name or value against the
// 1024-byte limit and, for names, emptiness.
func checkName(param, s string, name bool) *fake.Error {
	if name && s == "" {
		what := "attribute name"
		if param == "ItemName" {
			what = "item name"
		}
		return errInvalid(param, s, "The empty string is an illegal "+what+".")
	}
	if len(s) > maxNameBytes {
		return errInvalid(param, s, "Value exceeds maximum length of "+strconv.Itoa(maxNameBytes)+".")
	}
	return nil
}

// putAttrs validates the attributes of a put. prefix names them in
// errors ("Attribute." or "Item.N.Attribute.").
func putAttrs(raw []*rawAttr, prefix string) ([]putAttr, *fake.Error) {
	out := make([]putAttr, 0, len(raw))
	for _, a := range raw {
		idx := prefix + strconv.Itoa(a.index) + "."
		switch {
		case !a.hasName:
			return nil, errMissing(idx + "Name")
		case !a.hasValue:
			return nil, errMissing(idx + "Value")
		}
		if e := checkName("Name", a.name, true); e != nil {
			return nil, e
		}
		if e := checkName("Value", a.value, false); e != nil {
			return nil, e
		}
		rep := false
		if a.hasRep {
			var ok bool
			if rep, ok = parseBool(a.replace); !ok {
				return nil, errInvalid("Replace", a.replace, "The Replace flag should be either true or false.")
			}
		}
		out = append(out, putAttr{Name: a.name, Value: a.value, Replace: rep})
	}
	return out, nil
}

// delAttrs validates the attributes of a delete; values are optional.
func delAttrs(raw []*rawAttr, prefix string) ([]delAttr, *fake.Error) {
	out := make([]delAttr, 0, len(raw))
	for _, a := range raw {
		if !a.hasName {
			return nil, errMissing(prefix + strconv.Itoa(a.index) + ".Name")
		}
		if e := checkName("Name", a.name, true); e != nil {
			return nil, e
		}
		if e := checkName("Value", a.value, false); e != nil {
			return nil, e
		}
		out = append(out, delAttr{Name: a.name, Value: a.value, HasValue: a.hasValue})
	}
	return out, nil
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// consistentRead reads the ConsistentRead flag.
func consistentRead(p url.Values) (bool, *fake.Error) {
	if !p.Has("ConsistentRead") {
		return false, nil
	}
	v := p.Get("ConsistentRead")
	b, ok := parseBool(v)
	if !ok {
		return false, errInvalid("ConsistentRead", v, "The ConsistentRead flag should be either true or false.")
	}
	return b, nil
}

// validDomainName reports whether s is 3-255 of a-z, A-Z, 0-9, '_', '-'
// and '.'.
func validDomainName(s string) bool {
	if len(s) < 3 || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// domainName reads and validates DomainName.
func domainName(p url.Values) (string, *fake.Error) {
	if !p.Has("DomainName") {
		return "", errMissing("DomainName")
	}
	name := p.Get("DomainName")
	if !validDomainName(name) {
		return "", errInvalid("DomainName", name,
			"Domain names must be 3 to 255 characters long and use only a-z, A-Z, 0-9, '_', '-' and '.'.")
	}
	return name, nil
}

// itemName reads and validates ItemName.
func itemName(p url.Values) (string, *fake.Error) {
	if !p.Has("ItemName") {
		return "", errMissing("ItemName")
	}
	name := p.Get("ItemName")
	return name, checkName("ItemName", name, true)
}

// expected is a conditional put's or delete's Expected.*.
type expected struct {
	name     string
	value    string
	hasValue bool
	exists   bool // false: the attribute must be absent
}

// expectedOf reads Expected.Name/Value/Exists, or the Expected.1.* form
// older clients such as boto 2 send. It returns nil without a condition.
func expectedOf(p url.Values) (*expected, *fake.Error) {
	get := func(field string) (string, bool) {
		for _, k := range [...]string{"Expected." + field, "Expected.1." + field} {
			if p.Has(k) {
				return p.Get(k), true
			}
		}
		return "", false
	}
	name, hasName := get("Name")
	value, hasValue := get("Value")
	exists, hasExists := get("Exists")
	if !hasName && !hasValue && !hasExists {
		return nil, nil
	}
	if !hasName {
		return nil, errMissing("Expected.Name")
	}
	e := &expected{name: name, value: value, hasValue: hasValue, exists: true}
	if hasExists {
		b, ok := parseBool(exists)
		if !ok {
			return nil, errInvalid("Expected.Exists", exists, "The Exists flag should be either true or false.")
		}
		e.exists = b
	}
	switch {
	case !e.exists && hasValue:
		return nil, apiError(http.StatusBadRequest, "ExistsAndExpectedValue",
			"Expected.Exists=false and Expected.Value cannot be specified together")
	case e.exists && !hasValue:
		return nil, apiError(http.StatusBadRequest, "IncompleteExpectedExpression",
			"If Expected.Exists=true or unspecified, then Expected.Value has to be specified")
	}
	return e, nil
}

// check tests the condition against it, which is nil for a missing item.
func (e *expected) check(it *item) *fake.Error {
	var vals []string
	if it != nil {
		vals = it.attrs[e.name]
	}
	if !e.exists {
		if len(vals) > 0 {
			return apiError(http.StatusConflict, "ConditionalCheckFailed",
				"Conditional check failed. Attribute ("+short(e.name)+") value exists.")
		}
		return nil
	}
	switch {
	case len(vals) == 0:
		return apiError(http.StatusNotFound, "AttributeDoesNotExist", "Attribute ("+short(e.name)+") does not exist")
	case len(vals) > 1:
		return apiError(http.StatusConflict, "MultiValuedAttribute",
			"Attribute ("+short(e.name)+") is multi-valued. Conditional check can only be performed on a single-valued attribute")
	case vals[0] != e.value:
		return apiError(http.StatusConflict, "ConditionalCheckFailed",
			"Conditional check failed. Attribute ("+short(e.name)+") value is ("+short(vals[0])+") but was expected ("+short(e.value)+")")
	}
	return nil
}

// checkAttributeFields refuses an Attribute.N (or Item.N.Attribute.M)
// field other than Name, Value and Replace. The API model's Attribute
// shape, which requests share with answers, also has
// AlternateNameEncoding and AlternateValueEncoding, which SimpleDB only
// returns (Developer Guide, "Attribute"); a request that gave one and had
// it dropped would write or delete a name other than the one meant.
func checkAttributeFields(p url.Values) *fake.Error {
	for k, vs := range p {
		rest := k
		if after, ok := strings.CutPrefix(rest, "Item."); ok {
			if _, field, ok := splitIndex(after); ok {
				rest = field
			}
		}
		after, ok := strings.CutPrefix(rest, "Attribute.")
		if !ok {
			continue
		}
		_, field, ok := splitIndex(after)
		if !ok {
			continue
		}
		switch field {
		case "Name", "Value", "Replace":
			continue
		}
		v := ""
		if len(vs) > 0 {
			v = vs[0]
		}
		return errInvalid(k, v, "The fake SimpleDB (sdbtest) takes only Name, Value and Replace for an attribute; it changed nothing.")
	}
	return nil
}
