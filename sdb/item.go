package sdb

import (
	"context"
	"encoding/base64"
	"slices"

	"github.com/goboto/goboto"
)

// Attributes are an item's attributes: SimpleDB attributes are
// multi-valued, so each name maps to its values. Unlike url.Values, the
// writers Set and Add take a pointer, so that they can make the map of a
// nil Attributes instead of panicking.
type Attributes map[string][]string

// Get returns the first value of name, or "" when it has none.
func (a Attributes) Get(name string) string {
	if vs := a[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Set makes values the only values of name.
func (a *Attributes) Set(name string, values ...string) {
	if *a == nil {
		*a = Attributes{}
	}
	(*a)[name] = append([]string(nil), values...)
}

// Add appends values to those of name.
func (a *Attributes) Add(name string, values ...string) {
	if *a == nil {
		*a = Attributes{}
	}
	(*a)[name] = append((*a)[name], values...)
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

// Item is a named set of attributes in a domain. Domain.Item, Get and
// Select make items that know their domain, so Save, Delete and Refresh
// know where the item lives. An Item written as a literal knows no domain:
// for BatchPut and BatchDelete only Name and Attributes matter.
type Item struct {
	Name string
	// Attributes are the attributes last read or set in memory.
	Attributes Attributes

	domain *Domain
}

// Domain returns the domain the item belongs to, or nil for an Item
// written as a literal.
func (it *Item) Domain() *Domain { return it.domain }

// Conn returns the connection of the item's domain, or nil when the item
// knows no domain.
func (it *Item) Conn() *Conn {
	if it.domain == nil {
		return nil
	}
	return it.domain.conn
}

// Get returns the first value of the attribute name, or "".
func (it *Item) Get(name string) string { return it.Attributes.Get(name) }

// Set makes values the only values of the attribute name in memory; Save
// writes it.
func (it *Item) Set(name string, values ...string) { it.Attributes.Set(name, values...) }

// noDomain is the error of an item that cannot reach SimpleDB.
func (it *Item) noDomain() error {
	return goboto.Invalid("Item.Domain", show(it.Name), "is not set: the item does not know its domain (make it with Domain.Item)")
}

// Refresh reads all the item's attributes into it.Attributes
// (GetAttributes with ConsistentRead, so that it sees every write that
// succeeded before it).
//
// An item exists in SimpleDB as long as it has an attribute, and SimpleDB
// answers a missing one with an empty success. Refresh reports that as
// a *goboto.APIError with code NoSuchItem and the GetAttributes answer's
// HTTP status and request ID, for which goboto.IsNotFound is true; the
// item is then unchanged.
func (it *Item) Refresh(ctx context.Context) error {
	if it.domain == nil {
		return it.noDomain()
	}
	attrs, err := it.domain.getAttributes(ctx, it.Name, ListOptions{Consistent: true})
	if err != nil {
		return err
	}
	it.Attributes = attrs
	return nil
}

// Save writes the item's attributes with PutAttributes, replacing the
// values stored under each name it holds, as boto's Item.save does.
// Attributes deleted from the map are not deleted in SimpleDB; use
// Domain.DeleteAttributes for that. opts may add a condition.
func (it *Item) Save(ctx context.Context, opts ...WriteOption) error {
	if it.domain == nil {
		return it.noDomain()
	}
	return it.domain.Put(ctx, it.Name, it.Attributes, append([]WriteOption{Replace()}, opts...)...)
}

// Delete deletes the whole item with DeleteAttributes. opts may add a
// condition.
func (it *Item) Delete(ctx context.Context, opts ...WriteOption) error {
	if it.domain == nil {
		return it.noDomain()
	}
	return it.domain.DeleteAttributes(ctx, it.Name, nil, opts...)
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
