package suite

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goboto/goboto/sdb"
)

// testLimitsNamesValues pins the length limits, counted in bytes of
// UTF-8 (Developer Guide, Limits: item names, attribute names and values
// of at most 1024 bytes, domain names of 3-255 characters; API Error Codes:
// InvalidParameterValue "Value (" + value + ") for parameter Name is
// invalid. Value exceeds maximum length of 1024", 400). The client takes
// exactly the lengths the server does and refuses the rest before
// sending.
func testLimitsNamesValues(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	at := strings.Repeat("é", sdb.MaxNameBytes/2) // 1024 bytes, 512 characters
	over := "a" + at                              // 1025 bytes
	wantNoError(t, b, "Put of 1024-byte names and value", d.Put(ctx, at, sdb.Attributes{at: {at}}))
	wantItem(t, b, d, at, sdb.Attributes{at: {at}})

	for _, c := range []struct {
		what       string
		item, name string
		value      string
	}{
		{"item name", over, "a", "v"},
		{"attribute name", "i", over, "v"},
		{"attribute value", "i", "a", over},
	} {
		if err := d.Put(ctx, c.item, sdb.Attributes{c.name: {c.value}}); !isValidation(err) {
			t.Errorf("client Put with a 1025-byte %s = %v, want a *goboto.ValidationError", c.what, err)
		}
		err := b.call("PutAttributes", url.Values{"DomainName": {d.Name()}, "ItemName": {c.item},
			"Attribute.1.Name": {c.name}, "Attribute.1.Value": {c.value}})
		if b.Diff.NoLimits {
			wantNoError(t, b, "PutAttributes with a 1025-byte "+c.what+" (moto)", err)
			continue
		}
		wantCode(t, b, "PutAttributes with a 1025-byte "+c.what, err, "InvalidParameterValue", 400)
	}

	long := strings.Repeat("d", sdb.MaxDomainName+1)
	if _, err := b.conn.CreateDomain(ctx, long); !isValidation(err) {
		t.Errorf("client CreateDomain of 256 characters = %v, want a *goboto.ValidationError", err)
	}
	long = b.NewDomain() + "-" + long[:sdb.MaxDomainName] // unique on a shared server
	err := b.call("CreateDomain", url.Values{"DomainName": {long}})
	if b.Diff.NoLimits {
		wantNoError(t, b, "CreateDomain of a long name (moto)", err)
		wantNoError(t, b, "DeleteDomain of a long name (moto)", b.call("DeleteDomain", url.Values{"DomainName": {long}}))
		return
	}
	wantCode(t, b, "CreateDomain of a long name", err, "InvalidParameterValue", 400)
}

// pairs is n single-valued attributes a000.. on one item.
func pairs(n int) sdb.Attributes {
	a := make(sdb.Attributes, n)
	for i := range n {
		a[fmt.Sprintf("a%03d", i)] = []string{"v"}
	}
	return a
}

// testLimitsPairs pins the 256 attribute name-value pairs per call and
// per item (Developer Guide, Limits: "Attribute name-value pairs per
// item 256"; PutAttributes: "256 total attribute name-value pairs per
// item"; API Error Codes: NumberSubmittedAttributesExceeded "Too many
// attributes for item ... in a single call. Up to 256 attributes per call
// allowed", and NumberItemAttributesExceeded "Too many attributes in this
// item", both 409 Conflict).
func testLimitsPairs(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put of 256 pairs", d.Put(ctx, "full", pairs(sdb.MaxPairsPerPut)))
	if got := len(get(t, b, d, "full")); got != sdb.MaxPairsPerPut {
		t.Errorf("%s: item of 256 pairs answered %d attributes", b.Name, got)
	}
	if err := d.Put(ctx, "big", pairs(sdb.MaxPairsPerPut+1)); !isValidation(err) {
		t.Errorf("client Put of 257 pairs = %v, want a *goboto.ValidationError", err)
	}

	p := url.Values{"DomainName": {d.Name()}, "ItemName": {"big"}}
	for i := 1; i <= sdb.MaxPairsPerPut+1; i++ {
		p.Set("Attribute."+strconv.Itoa(i)+".Name", fmt.Sprintf("a%03d", i))
		p.Set("Attribute."+strconv.Itoa(i)+".Value", "v")
	}
	err := b.call("PutAttributes", p)
	one := url.Values{"DomainName": {d.Name()}, "ItemName": {"full"}, "Attribute.1.Name": {"more"}, "Attribute.1.Value": {"v"}}
	err2 := b.call("PutAttributes", one)
	if b.Diff.NoLimits {
		wantNoError(t, b, "PutAttributes of 257 pairs (moto)", err)
		wantNoError(t, b, "PutAttributes of a 257th pair (moto)", err2)
		return
	}
	wantCode(t, b, "PutAttributes of 257 pairs", err, "NumberSubmittedAttributesExceeded", 409)
	wantCode(t, b, "PutAttributes of a 257th pair", err2, "NumberItemAttributesExceeded", 409)
	if got := len(get(t, b, d, "full")); got != sdb.MaxPairsPerPut {
		t.Errorf("%s: a refused put changed the item to %d attributes", b.Name, got)
	}
	// Replacing within the item stays within its 256 pairs.
	wantNoError(t, b, "Put replacing a pair of a full item", d.Put(ctx, "full", sdb.Attributes{"a000": {"w"}}, sdb.Replace()))
}
