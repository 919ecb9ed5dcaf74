package sdb

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

// Domain is a handle on a SimpleDB domain. It is cheap, does no I/O by
// itself, and knows its connection, so its methods reach the right region.
type Domain struct {
	conn *Conn
	name string
}

// Name returns the domain's name.
func (d *Domain) Name() string { return d.name }

// Conn returns the connection the domain belongs to.
func (d *Domain) Conn() *Conn { return d.conn }

// String returns "Domain:<name>", as boto prints domains.
func (d *Domain) String() string { return "Domain:" + d.name }

// Item returns an empty item handle in d, to fill in and Save. It does no
// I/O.
func (d *Domain) Item(name string) *Item {
	return &Item{Name: name, Attributes: Attributes{}, Domain: d}
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

// Metadata returns the domain's item and attribute counts and sizes
// (DomainMetadata). A missing domain fails with NoSuchDomain.
func (d *Domain) Metadata(ctx context.Context) (*DomainMetadata, error) {
	if err := validDomainName(d.name); err != nil {
		return nil, err
	}
	var r domainMetadataResult
	if err := d.conn.do(ctx, "DomainMetadata", url.Values{"DomainName": {d.name}}, &r); err != nil {
		return nil, err
	}
	return &DomainMetadata{
		ItemCount:                r.ItemCount,
		ItemNamesSizeBytes:       r.ItemNamesSizeBytes,
		AttributeNameCount:       r.AttributeNameCount,
		AttributeNamesSizeBytes:  r.AttributeNamesSizeBytes,
		AttributeValueCount:      r.AttributeValueCount,
		AttributeValuesSizeBytes: r.AttributeValuesSizeBytes,
		Timestamp:                time.Unix(r.Timestamp, 0).UTC(),
	}, nil
}

// Delete deletes the domain and every item in it (DeleteDomain).
func (d *Domain) Delete(ctx context.Context) error { return d.conn.DeleteDomain(ctx, d.name) }

// Put writes attrs to the item (PutAttributes), creating the item if
// needed. By default values are added next to those already stored;
// Replace makes them replace the stored values of the named attributes,
// or of all of them. A Condition makes the write conditional.
func (d *Domain) Put(ctx context.Context, item string, attrs Attributes, opts ...PutOption) error {
	params, err := d.putParams(item, attrs, opts)
	if err != nil {
		return err
	}
	return d.conn.do(ctx, "PutAttributes", params, nil)
}

func (d *Domain) putParams(item string, attrs Attributes, opts []PutOption) (url.Values, error) {
	var cfg putConfig
	for _, o := range opts {
		if o != nil {
			o.applyPut(&cfg)
		}
	}
	if err := validDomainName(d.name); err != nil {
		return nil, err
	}
	if err := validItemName(item); err != nil {
		return nil, err
	}
	if len(attrs) == 0 {
		return nil, goboto.Invalid("Attribute", show(item), "has no attributes to put")
	}
	if err := validAttributes(attrs, MaxPairsPerPut, false); err != nil {
		return nil, err
	}
	if err := validReplace(attrs, cfg.replace); err != nil {
		return nil, err
	}
	cond, err := oneCondition(cfg.conds)
	if err != nil {
		return nil, err
	}
	params := url.Values{"DomainName": {d.name}, "ItemName": {item}}
	encodeAttributes(params, "", attrs, cfg.replaceAll, cfg.replace)
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
func encodeAttributes(p url.Values, prefix string, attrs Attributes, replaceAll bool, replace []string) {
	n := 0
	for _, name := range attrs.Names() {
		values := attrs[name]
		repl := replaceAll || slices.Contains(replace, name)
		if len(values) == 0 {
			n++
			p.Set(prefix+"Attribute."+strconv.Itoa(n)+".Name", name)
			continue
		}
		for _, v := range values {
			n++
			key := prefix + "Attribute." + strconv.Itoa(n) + "."
			p.Set(key+"Name", name)
			p.Set(key+"Value", v)
			if repl {
				p.Set(key+"Replace", "true")
			}
		}
	}
}

type getAttributesResult struct {
	Attributes []xmlAttribute `xml:"Attribute"`
}

// Get reads the item's attributes (GetAttributes), all of them or those
// named with Names; Consistent asks for a consistent read.
//
// SimpleDB answers a missing item with no attributes rather than an
// error. Get turns that into an *ItemNotFoundError, for which
// goboto.IsNotFound is true, the way boto's get_item returns None: an item
// cannot exist without attributes. With Names, an item holding none of the
// named attributes is reported the same way, as SimpleDB's answer does not
// tell the two apart.
func (d *Domain) Get(ctx context.Context, item string, opts ...GetOption) (*Item, error) {
	var cfg getConfig
	for _, o := range opts {
		if o != nil {
			o.applyGet(&cfg)
		}
	}
	if err := validDomainName(d.name); err != nil {
		return nil, err
	}
	if err := validItemName(item); err != nil {
		return nil, err
	}
	params := url.Values{"DomainName": {d.name}, "ItemName": {item}}
	for i, n := range cfg.names {
		if err := validAttrName(n); err != nil {
			return nil, err
		}
		params.Set("AttributeName."+strconv.Itoa(i+1), n)
	}
	if cfg.consistent {
		params.Set("ConsistentRead", "true")
	}
	var res getAttributesResult
	meta, err := d.conn.client.Do(ctx, "GetAttributes", params, &res)
	if err != nil {
		return nil, err
	}
	if len(res.Attributes) == 0 {
		return nil, &ItemNotFoundError{Domain: d.name, Item: item, RequestID: meta.RequestID}
	}
	attrs, err := attributes(res.Attributes)
	if err != nil {
		return nil, fmt.Errorf("SimpleDB GetAttributes: decode answer: %w", err)
	}
	return &Item{Name: item, Attributes: attrs, Domain: d}, nil
}

// ItemNotFoundError is Get's report of an item with no attributes. It is
// made by goboto, not sent by SimpleDB (which answers such a Get with an
// empty success), and matches goboto.IsNotFound through its code,
// NoSuchItem.
type ItemNotFoundError struct {
	Domain    string
	Item      string
	RequestID string // of the GetAttributes call that found nothing
}

func (e *ItemNotFoundError) Error() string {
	return "SimpleDB GetAttributes: NoSuchItem: item " + strconv.Quote(e.Item) +
		" in domain " + e.Domain + " has no attributes"
}

// ErrorCode implements smithy.APIError.
func (e *ItemNotFoundError) ErrorCode() string { return "NoSuchItem" }

// ErrorMessage implements smithy.APIError.
func (e *ItemNotFoundError) ErrorMessage() string { return "the item has no attributes" }

// ErrorFault implements smithy.APIError.
func (e *ItemNotFoundError) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// DeleteAttributes deletes attributes of the item (DeleteAttributes): for
// each name in attrs, the values listed, or every value when the list is
// empty. A nil or empty attrs deletes the whole item. Deleting what does
// not exist succeeds. A Condition makes the delete conditional.
func (d *Domain) DeleteAttributes(ctx context.Context, item string, attrs Attributes, opts ...DeleteOption) error {
	var cfg deleteConfig
	for _, o := range opts {
		if o != nil {
			o.applyDelete(&cfg)
		}
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
	cond, err := oneCondition(cfg.conds)
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
