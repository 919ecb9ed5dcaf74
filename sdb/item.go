package sdb

import (
	"context"
	"encoding/base64"
	"slices"

	"github.com/goboto/goboto"
)

// Attributes are an item's attributes: SimpleDB attributes are
// multi-valued, so each name maps to its values. Like url.Values, the
// helpers need a non-nil map to write to.
type Attributes map[string][]string

// Get returns the first value of name, or "" when it has none.
func (a Attributes) Get(name string) string {
	if vs := a[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Set makes values the only values of name.
func (a Attributes) Set(name string, values ...string) {
	a[name] = append([]string(nil), values...)
}

// Add appends values to those of name.
func (a Attributes) Add(name string, values ...string) {
	a[name] = append(a[name], values...)
}

// Del removes name and its values.
func (a Attributes) Del(name string) { delete(a, name) }

// Has reports whether name has at least one value.
func (a Attributes) Has(name string) bool { return len(a[name]) > 0 }

// Names returns the attribute names, sorted.
func (a Attributes) Names() []string {
	names := make([]string, 0, len(a))
	for n := range a {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Clone returns a deep copy of a.
func (a Attributes) Clone() Attributes {
	if a == nil {
		return nil
	}
	out := make(Attributes, len(a))
	for k, v := range a {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// Item is a named set of attributes in a domain. Get and Select fill in
// Domain, so Save and Delete know where the item lives; for BatchPut and
// BatchDelete only Name and Attributes matter.
type Item struct {
	Name       string
	Attributes Attributes
	Domain     *Domain
}

// Get returns the first value of the attribute name, or "".
func (it *Item) Get(name string) string { return it.Attributes.Get(name) }

// Set makes values the only values of the attribute name in memory; Save
// writes it.
func (it *Item) Set(name string, values ...string) {
	if it.Attributes == nil {
		it.Attributes = Attributes{}
	}
	it.Attributes.Set(name, values...)
}

// Save writes the item's attributes with PutAttributes, replacing the
// values stored under each name it holds, as boto's Item.save does.
// Attributes deleted from the map are not deleted in SimpleDB; use
// Domain.DeleteAttributes for that. opts may add a condition.
func (it *Item) Save(ctx context.Context, opts ...PutOption) error {
	if it.Domain == nil {
		return goboto.Invalid("Item.Domain", show(it.Name), "is not set: the item does not know its domain")
	}
	return it.Domain.Put(ctx, it.Name, it.Attributes, append([]PutOption{Replace()}, opts...)...)
}

// Delete deletes the whole item with DeleteAttributes. opts may add a
// condition.
func (it *Item) Delete(ctx context.Context, opts ...DeleteOption) error {
	if it.Domain == nil {
		return goboto.Invalid("Item.Domain", show(it.Name), "is not set: the item does not know its domain")
	}
	return it.Domain.DeleteAttributes(ctx, it.Name, nil, opts...)
}

// String returns "Item:<name>", as boto prints items.
func (it *Item) String() string { return "Item:" + it.Name }

// xmlText is an element SimpleDB may send Base64-encoded, marked by
// encoding="base64", when its text holds characters XML cannot carry.
type xmlText struct {
	Encoding string `xml:"encoding,attr"`
	Text     string `xml:",chardata"`
}

func (t xmlText) decode(alt string) (string, error) {
	if t.Encoding != "base64" && alt != "base64" {
		return t.Text, nil
	}
	b, err := base64.StdEncoding.DecodeString(t.Text)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// xmlAttribute is <Attribute><Name/><Value/></Attribute>. The Alternate*
// elements are how the API model spells the encoding marker; the service
// sends the encoding attribute, and both are honoured.
type xmlAttribute struct {
	Name         xmlText `xml:"Name"`
	NameEncoding string  `xml:"AlternateNameEncoding"`
	Value        xmlText `xml:"Value"`
	ValEncoding  string  `xml:"AlternateValueEncoding"`
}

// attributes decodes a list of <Attribute> elements into Attributes,
// keeping the order the values came in.
func attributes(list []xmlAttribute) (Attributes, error) {
	out := make(Attributes, len(list))
	for _, a := range list {
		name, err := a.Name.decode(a.NameEncoding)
		if err != nil {
			return nil, err
		}
		value, err := a.Value.decode(a.ValEncoding)
		if err != nil {
			return nil, err
		}
		out[name] = append(out[name], value)
	}
	return out, nil
}
