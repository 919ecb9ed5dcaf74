package suite

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sdb"
)

// get reads item consistently with its values sorted, so that answers
// compare whatever order the backend keeps values in.
func get(t *testing.T, b *backend, d *sdb.Domain, item string, opts ...sdb.ListOption) sdb.Attributes {
	t.Helper()
	it, err := d.Get(context.Background(), item, append(opts, sdb.Consistent())...)
	if err != nil {
		t.Fatalf("%s: Get %s: %v", b.Name, item, err)
	}
	for _, vs := range it.Attributes {
		slices.Sort(vs)
	}
	return it.Attributes
}

func wantItem(t *testing.T, b *backend, d *sdb.Domain, item string, want sdb.Attributes) {
	t.Helper()
	if diff := cmp.Diff(want, get(t, b, d, item)); diff != "" {
		t.Errorf("%s: item %s (-want +got):\n%s", b.Name, item, diff)
	}
}

// testPutGet pins PutAttributes adding values and GetAttributes reading
// them (API model, PutAttributes: "Attributes are uniquely identified in
// an item by their name/value combination"; GetAttributes: "Optionally,
// the attributes returned can be limited to one or more attributes by
// specifying an attribute name parameter", and "If the item does not
// exist ... an empty set is returned").
func testPutGet(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	// Values cross the wire as XML text: markup characters, non-ASCII and
	// the empty value (Developer Guide, Limits: a value is 0-1024 bytes)
	// come back unchanged.
	odd := `<a href="x">&amp; é ✓</a>`
	wantNoError(t, b, "Put", d.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}, "lang": {"fr", "en"}, "odd": {odd}, "empty": {""}}))
	wantItem(t, b, d, "alice", sdb.Attributes{"city": {"Paris"}, "lang": {"en", "fr"}, "odd": {odd}, "empty": {""}})

	// A second put adds values; one already there is kept once.
	wantNoError(t, b, "Put again", d.Put(ctx, "alice", sdb.Attributes{"lang": {"fr", "de"}}))
	wantLang := []string{"de", "en", "fr"}
	if b.Diff.ValuesNotSets {
		wantLang = []string{"de", "en", "fr", "fr"}
	}
	if diff := cmp.Diff(wantLang, get(t, b, d, "alice")["lang"]); diff != "" {
		t.Errorf("%s: lang after adding fr again (-want +got):\n%s", b.Name, diff)
	}

	got := get(t, b, d, "alice", sdb.Names("city", "odd", "nothing"))
	if diff := cmp.Diff(sdb.Attributes{"city": {"Paris"}, "odd": {odd}}, got); diff != "" {
		t.Errorf("%s: Get with names (-want +got):\n%s", b.Name, diff)
	}
	// An item with none of the names asked for answers no attributes,
	// which the client reports as NoSuchItem with the answer's status.
	_, err := d.Get(ctx, "alice", sdb.Names("nothing"))
	wantCode(t, b, "Get of absent names", err, sdb.NoSuchItem, 200)
	_, err = d.Get(ctx, "nobody", sdb.Consistent())
	wantCode(t, b, "Get of a missing item", err, sdb.NoSuchItem, 200)
	_, err = b.conn.Domain(b.NewDomain()).Get(ctx, "alice")
	wantCode(t, b, "Get in a missing domain", err, "NoSuchDomain", 400)
}

// testReplace pins Replace (API model, PutAttributes: "if an item has the
// attributes { 'a', '1' }, { 'b', '2'} and { 'b', '3' } and the requestor
// calls PutAttributes using the attributes { 'b', '4' } with the Replace
// parameter set to true, the final attributes of the item are changed to
// { 'a', '1' } and { 'b', '4' }"; BatchPutAttributes: Replace "will cause
// the new attribute values to replace the existing attribute values").
func testReplace(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "I", sdb.Attributes{"a": {"1"}, "b": {"2", "3"}}))
	wantNoError(t, b, "Put b=4 replacing", d.Put(ctx, "I", sdb.Attributes{"b": {"4"}}, sdb.Replace("b")))
	wantItem(t, b, d, "I", sdb.Attributes{"a": {"1"}, "b": {"4"}})

	// Replacing with several values keeps them all.
	wantNoError(t, b, "Put b=5,6 replacing", d.Put(ctx, "I", sdb.Attributes{"b": {"5", "6"}}, sdb.Replace()))
	wantB := []string{"5", "6"}
	if b.Diff.ReplaceKeepsLastValue {
		wantB = []string{"6"}
	}
	if diff := cmp.Diff(wantB, get(t, b, d, "I")["b"]); diff != "" {
		t.Errorf("%s: b after replacing with 5 and 6 (-want +got):\n%s", b.Name, diff)
	}

	// Replace only touches the names it is set for, and replacing a name
	// the item lacks adds it ("Using PutAttributes to replace attribute
	// values that do not exist will not result in an error response").
	wantNoError(t, b, "Put mixed", d.Put(ctx, "I", sdb.Attributes{"a": {"7"}, "c": {"8"}}, sdb.Replace("c")))
	got := get(t, b, d, "I")
	if diff := cmp.Diff(sdb.Attributes{"a": {"1", "7"}, "c": {"8"}}, sdb.Attributes{"a": got["a"], "c": got["c"]}); diff != "" {
		t.Errorf("%s: after a put replacing c only (-want +got):\n%s", b.Name, diff)
	}
}

// testDeleteAttributes pins DeleteAttributes (API Reference,
// DeleteAttributes: an attribute given with a value deletes that value,
// one given by name alone deletes every value, none deletes the item;
// "If all attributes of the item are deleted, the item is deleted";
// "DeleteAttributes is an idempotent operation; running it multiple times
// on the same item or attribute does not result in an error response").
func testDeleteAttributes(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "I", sdb.Attributes{"a": {"1", "2"}, "b": {"x"}, "c": {"y"}}))
	err := d.DeleteAttributes(ctx, "I", sdb.Attributes{"a": {"1"}, "b": nil, "zz": {"none"}})
	if b.Diff.NoDeleteAttributes {
		wantUnimplemented(t, b, "DeleteAttributes (moto)", err)
		wantItem(t, b, d, "I", sdb.Attributes{"a": {"1", "2"}, "b": {"x"}, "c": {"y"}})
		return
	}
	wantNoError(t, b, "DeleteAttributes a=1, b", err)
	wantItem(t, b, d, "I", sdb.Attributes{"a": {"2"}, "c": {"y"}})

	// Deleting the last values deletes the item.
	wantNoError(t, b, "DeleteAttributes a, c", d.DeleteAttributes(ctx, "I", sdb.Attributes{"a": {"2"}, "c": nil}))
	_, err = d.Get(ctx, "I", sdb.Consistent())
	wantCode(t, b, "Get of an emptied item", err, sdb.NoSuchItem, 200)

	wantNoError(t, b, "Put J", d.Put(ctx, "J", sdb.Attributes{"a": {"1"}, "b": {"2"}}))
	wantNoError(t, b, "Item.Delete", d.Item("J").Delete(ctx))
	_, err = d.Get(ctx, "J", sdb.Consistent())
	wantCode(t, b, "Get of a deleted item", err, sdb.NoSuchItem, 200)
	wantNoError(t, b, "delete of a missing item", d.Item("J").Delete(ctx))

	err = b.conn.Domain(b.NewDomain()).Item("J").Delete(ctx)
	wantCode(t, b, "DeleteAttributes in a missing domain", err, "NoSuchDomain", 400)
}
