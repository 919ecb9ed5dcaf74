package suite

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"testing"

	"github.com/goboto/goboto/sdb"
)

// numbered is n items "i00".."i<n-1>", each {n: its number, kind: num}.
func numbered(n int) []sdb.Item {
	items := make([]sdb.Item, n)
	for i := range items {
		items[i] = sdb.Item{Name: fmt.Sprintf("i%02d", i),
			Attributes: sdb.Attributes{"n": {fmt.Sprintf("%02d", i)}, "kind": {"num"}}}
	}
	return items
}

// testBatchPut pins BatchPutAttributes: up to 25 items in one call, each
// written as a PutAttributes would, Replace per attribute (Developer
// Guide, BatchPutAttributes: "With the BatchPutAttributes operation, you
// can perform multiple PutAttribute operations in a single call"; Limits:
// 25 items per call).
func testBatchPut(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	items := numbered(25)
	err := d.BatchPut(ctx, items)
	if b.Diff.NoBatch {
		var be *sdb.BatchError
		if !errors.As(err, &be) || be.Done != 0 {
			t.Errorf("%s: BatchPut (moto) = %v, want a *sdb.BatchError with nothing done", b.Name, err)
		}
		wantUnimplemented(t, b, "BatchPutAttributes (moto)", err)
		_, err := d.Get(ctx, "i00", sdb.Consistent())
		wantCode(t, b, "Get after a refused batch (moto)", err, sdb.NoSuchItem, 200)
		return
	}
	wantNoError(t, b, "BatchPut of 25", err)
	for _, i := range []int{0, 12, 24} {
		wantItem(t, b, d, items[i].Name, items[i].Attributes)
	}

	// A second batch adds values, or replaces those it is told to.
	more := []sdb.Item{
		{Name: "i00", Attributes: sdb.Attributes{"kind": {"zero"}, "tag": {"a"}}},
		{Name: "i01", Attributes: sdb.Attributes{"kind": {"one"}}},
	}
	wantNoError(t, b, "BatchPut replacing kind", d.BatchPut(ctx, more, sdb.Replace("kind")))
	wantItem(t, b, d, "i00", sdb.Attributes{"n": {"00"}, "kind": {"zero"}, "tag": {"a"}})
	wantItem(t, b, d, "i01", sdb.Attributes{"n": {"01"}, "kind": {"one"}})
	wantNoError(t, b, "BatchPut adding", d.BatchPut(ctx, []sdb.Item{{Name: "i02", Attributes: sdb.Attributes{"kind": {"two"}}}}))
	wantItem(t, b, d, "i02", sdb.Attributes{"n": {"02"}, "kind": {"num", "two"}})
}

// testBatchDelete pins BatchDeleteAttributes: an item given by name alone
// is deleted whole, one with attributes loses those (Developer Guide,
// BatchDeleteAttributes: "Performs multiple DeleteAttributes operations
// in a single call").
func testBatchDelete(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	items := numbered(25)
	for _, it := range items[:3] {
		wantNoError(t, b, "Put "+it.Name, d.Put(ctx, it.Name, it.Attributes))
	}
	del := []sdb.Item{{Name: "i00"}, {Name: "i01", Attributes: sdb.Attributes{"kind": nil}}, {Name: "i02", Attributes: sdb.Attributes{"n": {"99"}}}}
	err := d.BatchDelete(ctx, del)
	if b.Diff.NoBatch {
		wantUnimplemented(t, b, "BatchDeleteAttributes (moto)", err)
		wantItem(t, b, d, "i00", items[0].Attributes)
		return
	}
	wantNoError(t, b, "BatchDelete", err)
	_, err = d.Get(ctx, "i00", sdb.Consistent())
	wantCode(t, b, "Get of a batch-deleted item", err, sdb.NoSuchItem, 200)
	wantItem(t, b, d, "i01", sdb.Attributes{"n": {"01"}})
	wantItem(t, b, d, "i02", items[2].Attributes) // 99 was never there

	// 25 whole items in one call.
	wantNoError(t, b, "BatchPut of 25", d.BatchPut(ctx, items))
	names := make([]sdb.Item, len(items))
	for i, it := range items {
		names[i] = sdb.Item{Name: it.Name}
	}
	wantNoError(t, b, "BatchDelete of 25", d.BatchDelete(ctx, names))
	for _, i := range []int{0, 24} {
		_, err = d.Get(ctx, items[i].Name, sdb.Consistent())
		wantCode(t, b, "Get after BatchDelete of 25", err, sdb.NoSuchItem, 200)
	}
}

// batchParams encodes items as Item.N.* parameters, past the client.
func batchParams(domain string, names ...string) url.Values {
	p := url.Values{"DomainName": {domain}}
	for i, n := range names {
		k := "Item." + strconv.Itoa(i+1) + "."
		p.Set(k+"ItemName", n)
		p.Set(k+"Attribute.1.Name", "a")
		p.Set(k+"Attribute.1.Value", "1")
	}
	return p
}

// testBatchErrors pins the batch limits SimpleDB checks itself (API Error
// Codes: NumberSubmittedItemsExceeded "Too many items in a single call.
// Up to 25 items per call allowed", 409 Conflict; DuplicateItemName "Item
// " + itemName + " was specified more than once", 400). The client splits
// long batches into calls of 25 and refuses duplicates before sending.
func testBatchErrors(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	dup := []sdb.Item{{Name: "x", Attributes: sdb.Attributes{"a": {"1"}}}, {Name: "x", Attributes: sdb.Attributes{"a": {"2"}}}}
	if err := d.BatchPut(ctx, dup); !isValidation(err) {
		t.Errorf("client BatchPut with a duplicate item = %v, want a *goboto.ValidationError", err)
	}

	var names []string
	for i := range 26 {
		names = append(names, fmt.Sprintf("x%02d", i))
	}
	cases := []struct {
		what   string
		action string
		p      url.Values
		code   string
		status int
	}{
		{"26 items", "BatchPutAttributes", batchParams(d.Name(), names...), "NumberSubmittedItemsExceeded", 409},
		{"26 deletes", "BatchDeleteAttributes", batchParams(d.Name(), names...), "NumberSubmittedItemsExceeded", 409},
		{"a duplicate item", "BatchPutAttributes", batchParams(d.Name(), "x", "y", "x"), "DuplicateItemName", 400},
		{"a duplicate delete", "BatchDeleteAttributes", batchParams(d.Name(), "x", "x"), "DuplicateItemName", 400},
		{"a missing domain", "BatchPutAttributes", batchParams(b.NewDomain(), "x"), "NoSuchDomain", 400},
	}
	for _, c := range cases {
		err := b.call(c.action, c.p)
		if b.Diff.NoBatch {
			wantUnimplemented(t, b, c.action+" with "+c.what+" (moto)", err)
			continue
		}
		wantCode(t, b, c.action+" with "+c.what, err, c.code, c.status)
	}
	if b.Diff.NoBatch {
		return
	}
	// Nothing of a refused batch is written.
	_, err := d.Get(ctx, "x00", sdb.Consistent())
	wantCode(t, b, "Get after refused batches", err, sdb.NoSuchItem, 200)

	// 30 items go as calls of 25 and 5.
	wantNoError(t, b, "BatchPut of 30", d.BatchPut(ctx, numbered(30)))
	wantItem(t, b, d, "i29", sdb.Attributes{"n": {"29"}, "kind": {"num"}})
}
