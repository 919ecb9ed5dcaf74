package sdb

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/sigv2"
)

// Domain is a handle on a SimpleDB domain. It is cheap, does no I/O by
// itself, and knows its connection, so its methods reach the right region.
type Domain struct {
	conn *Conn
	name string

	// Metadata is the last DomainMetadata answer Refresh saw; nil
	// before the first.
	Metadata *DomainMetadata
}

// Name returns the domain's name.
func (d *Domain) Name() string { return d.name }

// Conn returns the connection the domain belongs to.
func (d *Domain) Conn() *Conn { return d.conn }

// String returns "Domain:<name>", as boto prints domains.
func (d *Domain) String() string { return "Domain:" + d.name }

// Item returns a handle on the item name in d, with no attributes yet:
// fill them in and Save, or Refresh to read them. It does no I/O.
func (d *Domain) Item(name string) *Item {
	return &Item{Name: name, Attributes: Attributes{}, domain: d}
}

// DomainMetadata is a snapshot of a domain's size, as SimpleDB last
// computed it (its Timestamp).
type DomainMetadata struct {
	ItemCount                int64
	ItemNamesSizeBytes       int64
	AttributeNameCount       int64
	AttributeNamesSizeBytes  int64
	AttributeValueCount      int64
	AttributeValuesSizeBytes int64
	Timestamp                time.Time
}

type domainMetadataResult struct {
	ItemCount                int64 `xml:"ItemCount"`
	ItemNamesSizeBytes       int64 `xml:"ItemNamesSizeBytes"`
	AttributeNameCount       int64 `xml:"AttributeNameCount"`
	AttributeNamesSizeBytes  int64 `xml:"AttributeNamesSizeBytes"`
	AttributeValueCount      int64 `xml:"AttributeValueCount"`
	AttributeValuesSizeBytes int64 `xml:"AttributeValuesSizeBytes"`
	Timestamp                int64 `xml:"Timestamp"`
}

// Refresh reads the domain's item and attribute counts and sizes into
// d.Metadata (DomainMetadata). A missing domain is SimpleDB's own answer,
// a *goboto.APIError with code NoSuchDomain, its HTTP status and request
// ID, for which goboto.IsNotFound is true; d.Metadata is then unchanged.
func (d *Domain) Refresh(ctx context.Context) error {
	if err := validDomainName(d.name); err != nil {
		return err
	}
	var r domainMetadataResult
	if err := d.conn.do(ctx, "DomainMetadata", url.Values{"DomainName": {d.name}}, &r); err != nil {
		return err
	}
	d.Metadata = &DomainMetadata{
		ItemCount:                r.ItemCount,
		ItemNamesSizeBytes:       r.ItemNamesSizeBytes,
		AttributeNameCount:       r.AttributeNameCount,
		AttributeNamesSizeBytes:  r.AttributeNamesSizeBytes,
		AttributeValueCount:      r.AttributeValueCount,
		AttributeValuesSizeBytes: r.AttributeValuesSizeBytes,
		Timestamp:                time.Unix(r.Timestamp, 0).UTC(),
	}
	return nil
}

// Delete deletes the domain and every item in it (DeleteDomain).
func (d *Domain) Delete(ctx context.Context) error { return d.conn.DeleteDomain(ctx, d.name) }

// Put writes attrs to the item (PutAttributes), creating the item if
// needed. By default values are added next to those already stored;
// Replace makes them replace the stored values of the named attributes,
// or of all of them. IfValue or IfNotExists makes the write conditional.
func (d *Domain) Put(ctx context.Context, item string, attrs Attributes, opts ...WriteOption) error {
	cfg := writeOptions(opts)
	if len(cfg.Conditions) == 0 {
		// The common put, with its parameters in canonical order: no
		// url.Values to build and no sort before signing.
		if err := d.checkPut(item, attrs, cfg); err != nil {
			return err
		}
		var buf [40]sigv2.Param // a put of 12 values, on the stack
		pairs := buf[:0]
		if n := 2 + attrParams(attrs); n > len(buf) {
			pairs = make([]sigv2.Param, 0, n)
		}
		pairs = encodeAttributePairs(pairs, attrs, cfg.ReplaceAll, cfg.Replace)
		pairs = append(pairs, sigv2.Param{Name: "DomainName", Value: d.name}, sigv2.Param{Name: "ItemName", Value: item})
		return d.conn.doPairs(ctx, "PutAttributes", pairs, nil)
	}
	params, err := d.putParams(item, attrs, cfg)
	if err != nil {
		return err
	}
	return d.conn.do(ctx, "PutAttributes", params, nil)
}

// checkPut validates a Put before anything is encoded.
func (d *Domain) checkPut(item string, attrs Attributes, cfg WriteOptions) error {
	if err := validDomainName(d.name); err != nil {
		return err
	}
	if err := validItemName(item); err != nil {
		return err
	}
	if len(attrs) == 0 {
		return goboto.Invalid("Attribute", show(item), "has no attributes to put")
	}
	if err := validAttributes(attrs, MaxPairsPerPut, false); err != nil {
		return err
	}
	return validReplace(attrs, cfg.Replace)
}

func (d *Domain) putParams(item string, attrs Attributes, cfg WriteOptions) (url.Values, error) {
	if err := d.checkPut(item, attrs, cfg); err != nil {
		return nil, err
	}
	cond, err := oneCondition(cfg.Conditions)
	if err != nil {
		return nil, err
	}
	params := make(url.Values, 5+attrParams(attrs))
	params["DomainName"] = []string{d.name}
	params["ItemName"] = []string{item}
	encodeAttributes(params, "", attrs, cfg.ReplaceAll, cfg.Replace)
	if cond != nil {
		cond.encode(params)
	}
	return params, nil
}

// validReplace refuses a Replace naming an attribute that is not written:
// it would do nothing, which is likely a mistake.
func validReplace(attrs Attributes, names []string) error {
	for _, n := range names {
		if _, ok := attrs[n]; !ok {
			return goboto.Invalid("Attribute.Replace", show(n), "names an attribute that is not being put")
		}
	}
	return nil
}

// encodeAttributes adds attrs as <prefix>Attribute.N.Name/Value[/Replace]
// parameters, numbered from 1, names in sorted order so that requests are
// reproducible. A name with no values is sent without a Value, which
// DeleteAttributes reads as "every value".
//
// It is on every write's path, so every value slice it adds shares one
// backing array, and the parameter names come from attrKeys.
func encodeAttributes(p url.Values, prefix string, attrs Attributes, replaceAll bool, replace []string) {
	names := attrs.Names()
	count := 0
	for _, name := range names {
		count += max(1, 3*len(attrs[name]))
	}
	vals := make([]string, 0, count)
	set := func(key, v string) {
		vals = append(vals, v)
		n := len(vals)
		p[key] = vals[n-1 : n : n]
	}
	n := 0
	for _, name := range names {
		values := attrs[name]
		repl := replaceAll || slices.Contains(replace, name)
		if len(values) == 0 {
			n++
			set(attrKey(prefix, n, keyName), name)
			continue
		}
		for _, v := range values {
			n++
			set(attrKey(prefix, n, keyName), name)
			set(attrKey(prefix, n, keyValue), v)
			if repl {
				set(attrKey(prefix, n, keyReplace), "true")
			}
		}
	}
}

// encodeAttributePairs appends the parameters encodeAttributes would add
// for attrs (with no prefix) to p, in canonical order: by attribute
// number in the order of its decimal digits (1, 10, 100, 11, ..., 2, ...),
// as "Attribute.1." sorts before "Attribute.10", and within a number
// Name, Replace, Value.
func encodeAttributePairs(p []sigv2.Param, attrs Attributes, replaceAll bool, replace []string) []sigv2.Param {
	type pair struct {
		name, value  string
		value0, repl bool // value0: a name with no values
	}
	// Small puts, the common ones, keep their working lists on the stack.
	var numbered [32]pair
	var sorted [16]string
	byNumber := numbered[:0]
	names := sorted[:0]
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		values := attrs[name]
		repl := replaceAll || slices.Contains(replace, name)
		if len(values) == 0 {
			byNumber = append(byNumber, pair{name: name, value0: true})
			continue
		}
		for _, v := range values {
			byNumber = append(byNumber, pair{name: name, value: v, repl: repl})
		}
	}
	for n := range decimalOrder(len(byNumber)) {
		a := byNumber[n-1]
		p = append(p, sigv2.Param{Name: attrKey("", n, keyName), Value: a.name})
		if a.value0 {
			continue
		}
		if a.repl {
			p = append(p, sigv2.Param{Name: attrKey("", n, keyReplace), Value: "true"})
		}
		p = append(p, sigv2.Param{Name: attrKey("", n, keyValue), Value: a.value})
	}
	return p
}

// decimalOrder yields 1 to n in the order their decimal forms sort as
// strings.
func decimalOrder(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		cur := 1
		for range n {
			if !yield(cur) {
				return
			}
			if cur*10 <= n {
				cur *= 10
				continue
			}
			for cur%10 == 9 || cur+1 > n {
				cur /= 10
			}
			cur++
		}
	}
}

// attrParams is how many parameters encodeAttributes adds for attrs at
// most, to size the url.Values it fills.
func attrParams(attrs Attributes) int {
	n := 0
	for _, values := range attrs {
		n += max(1, 3*len(values))
	}
	return n
}

// The fields of one attribute's parameters.
const (
	keyName = iota
	keyValue
	keyReplace
)

var keyFields = [...]string{keyName: "Name", keyValue: "Value", keyReplace: "Replace"}

// attrKeys holds "Attribute.N.Name", ".Value" and ".Replace" for every N
// a single item can use, made once and only read afterwards.
var attrKeys = sync.OnceValue(func() [][3]string {
	keys := make([][3]string, MaxPairsPerPut+1)
	for n := 1; n < len(keys); n++ {
		for f, field := range keyFields {
			keys[n][f] = "Attribute." + strconv.Itoa(n) + "." + field
		}
	}
	return keys
})

// attrKey is <prefix>Attribute.<n>.<field>.
func attrKey(prefix string, n, field int) string {
	if prefix == "" {
		if keys := attrKeys(); n < len(keys) {
			return keys[n][field]
		}
	}
	return prefix + "Attribute." + strconv.Itoa(n) + "." + keyFields[field]
}

type getAttributesResult struct {
	Attributes []xmlAttribute `xml:"Attribute"`
}

// Get reads the item's attributes (GetAttributes), all of them or those
// named with Names; Consistent asks for a consistent read. PageSize is
// refused.
//
// SimpleDB answers a missing item with no attributes rather than an
// error, since an item cannot exist without attributes. Get reports that
// as a *goboto.APIError with code NoSuchItem, made by goboto (SimpleDB
// has no such code) and carrying the GetAttributes answer's HTTP status
// and request ID, for which goboto.IsNotFound is true: the way boto's
// get_item returns None. With Names, an item holding none of the named
// attributes is reported the same way, as SimpleDB's answer does not tell
// the two apart.
func (d *Domain) Get(ctx context.Context, item string, opts ...ListOption) (*Item, error) {
	o := listOptions(opts)
	if err := o.refuse("Get", false, true, true); err != nil {
		return nil, err
	}
	attrs, err := d.getAttributes(ctx, item, o)
	if err != nil {
		return nil, err
	}
	return &Item{Name: item, Attributes: attrs, domain: d}, nil
}

// getAttributes is GetAttributes, with an empty answer as NoSuchItem.
func (d *Domain) getAttributes(ctx context.Context, item string, o ListOptions) (Attributes, error) {
	if err := validDomainName(d.name); err != nil {
		return nil, err
	}
	if err := validItemName(item); err != nil {
		return nil, err
	}
	params := url.Values{"DomainName": {d.name}, "ItemName": {item}}
	for i, n := range o.Names {
		if err := validAttrName(n); err != nil {
			return nil, err
		}
		params.Set("AttributeName."+strconv.Itoa(i+1), n)
	}
	if o.Consistent {
		params.Set("ConsistentRead", "true")
	}
	var res getAttributesResult
	meta, err := d.conn.call(ctx, "GetAttributes", params, &res)
	if err != nil {
		return nil, err
	}
	if len(res.Attributes) == 0 {
		return nil, &goboto.APIError{
			Service:    "SimpleDB",
			Operation:  "GetAttributes",
			Code:       NoSuchItem,
			Message:    "item " + strconv.Quote(item) + " in domain " + d.name + " has no attributes",
			RequestID:  meta.RequestID,
			StatusCode: meta.StatusCode,
		}
	}
	attrs, err := attributes(res.Attributes)
	if err != nil {
		return nil, fmt.Errorf("SimpleDB GetAttributes: decode answer: %w", err)
	}
	return attrs, nil
}

// NoSuchItem is the code of the *goboto.APIError that Get and
// Item.Refresh return for an item with no attributes. goboto makes it:
// SimpleDB answers such a GetAttributes with an empty success.
const NoSuchItem = "NoSuchItem"

// DeleteAttributes deletes attributes of the item (DeleteAttributes): for
// each name in attrs, the values listed, or every value when the list is
// empty. A nil or empty attrs deletes the whole item. Deleting what does
// not exist succeeds. IfValue or IfNotExists makes the delete
// conditional; Replace is refused.
func (d *Domain) DeleteAttributes(ctx context.Context, item string, attrs Attributes, opts ...WriteOption) error {
	cfg := writeOptions(opts)
	if err := cfg.noReplace("DeleteAttributes"); err != nil {
		return err
	}
	if err := validDomainName(d.name); err != nil {
		return err
	}
	if err := validItemName(item); err != nil {
		return err
	}
	if err := validAttributes(attrs, MaxPairsPerPut, true); err != nil {
		return err
	}
	cond, err := oneCondition(cfg.Conditions)
	if err != nil {
		return err
	}
	params := url.Values{"DomainName": {d.name}, "ItemName": {item}}
	encodeAttributes(params, "", attrs, false, nil)
	if cond != nil {
		cond.encode(params)
	}
	return d.conn.do(ctx, "DeleteAttributes", params, nil)
}

// IsConditionFailed reports whether err is SimpleDB refusing a conditional
// Put or DeleteAttributes because its Condition did not hold:
// ConditionalCheckFailed, AttributeDoesNotExist (the expected attribute is
// missing) or MultiValuedAttribute (it has several values).
func IsConditionFailed(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.ErrorCode() {
	case "ConditionalCheckFailed", "AttributeDoesNotExist", "MultiValuedAttribute":
		return true
	}
	return false
}
