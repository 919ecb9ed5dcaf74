package suite

import (
	"context"
	"net/url"
	"testing"

	"github.com/goboto/goboto/sdb"
)

// testConditionalPut pins PutAttributes' Expected condition (Developer
// Guide, "Performing a Conditional Put"; API Error Codes:
// ConditionalCheckFailed "Conditional check failed. Attribute (" + name
// + ") value is (" + value + ") but was expected (" + expValue + ")" and
// "... value exists", 409 Conflict; AttributeDoesNotExist "Attribute (" +
// name + ") does not exist", 404 Not Found; MultiValuedAttribute
// "Attribute (" + name + ") is multi-valued. Conditional check can only
// be performed on a single-valued attribute", 409 Conflict). A refused
// put changes nothing.
func testConditionalPut(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "I", sdb.Attributes{"v": {"1"}, "m": {"x", "y"}}))
	wantNoError(t, b, "Put if v=1", d.Put(ctx, "I", sdb.Attributes{"v": {"2"}}, sdb.Replace(), sdb.IfValue("v", "1")))
	if got := get(t, b, d, "I")["v"]; len(got) != 1 || got[0] != "2" {
		t.Fatalf("%s: v after a put whose condition held = %v, want [2]", b.Name, got)
	}
	wantNoError(t, b, "Put if w absent", d.Put(ctx, "I", sdb.Attributes{"w": {"new"}}, sdb.IfNotExists("w")))
	wantNoError(t, b, "Put of a new item if v absent", d.Put(ctx, "K", sdb.Attributes{"v": {"k"}}, sdb.IfNotExists("v")))

	for _, c := range []struct {
		what   string
		cond   sdb.WriteOption
		code   string
		status int
	}{
		{"stale value", sdb.IfValue("v", "1"), "ConditionalCheckFailed", 409},
		{"value exists", sdb.IfNotExists("v"), "ConditionalCheckFailed", 409},
		{"missing attribute", sdb.IfValue("nope", "1"), "AttributeDoesNotExist", 404},
		{"multi-valued attribute", sdb.IfValue("m", "x"), "MultiValuedAttribute", 409},
	} {
		err := d.Put(ctx, "I", sdb.Attributes{"v": {"3"}}, sdb.Replace(), c.cond)
		if b.Diff.IgnoresExpected {
			// moto's known answer: the put happens.
			wantNoError(t, b, "put on "+c.what+" (moto)", err)
			if got := get(t, b, d, "I")["v"]; len(got) != 1 || got[0] != "3" {
				t.Errorf("%s: v after an unchecked put = %v, want [3]", b.Name, got)
			}
			continue
		}
		wantCode(t, b, "put on "+c.what, err, c.code, c.status)
		if !sdb.IsConditionFailed(err) {
			t.Errorf("%s: IsConditionFailed(%v) = false", b.Name, err)
		}
		if got := get(t, b, d, "I")["v"]; len(got) != 1 || got[0] != "2" {
			t.Errorf("%s: v after a refused put on %s = %v, want [2]", b.Name, c.what, got)
		}
	}
}

// testConditionalDelete pins DeleteAttributes' Expected condition
// (Developer Guide, "Performing a Conditional Delete"; error codes as for
// the conditional put).
func testConditionalDelete(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "I", sdb.Attributes{"v": {"1"}, "w": {"x"}}))
	err := d.DeleteAttributes(ctx, "I", sdb.Attributes{"w": nil}, sdb.IfValue("v", "2"))
	if b.Diff.NoDeleteAttributes {
		wantUnimplemented(t, b, "conditional DeleteAttributes (moto)", err)
		return
	}
	wantCode(t, b, "delete if v=2", err, "ConditionalCheckFailed", 409)
	err = d.Item("I").Delete(ctx, sdb.IfNotExists("v"))
	wantCode(t, b, "delete if v absent", err, "ConditionalCheckFailed", 409)
	err = d.Item("I").Delete(ctx, sdb.IfValue("nope", "1"))
	wantCode(t, b, "delete if nope=1", err, "AttributeDoesNotExist", 404)
	wantItem(t, b, d, "I", sdb.Attributes{"v": {"1"}, "w": {"x"}})

	wantNoError(t, b, "delete w if v=1", d.DeleteAttributes(ctx, "I", sdb.Attributes{"w": nil}, sdb.IfValue("v", "1")))
	wantItem(t, b, d, "I", sdb.Attributes{"v": {"1"}})
	wantNoError(t, b, "delete item if v=1", d.Item("I").Delete(ctx, sdb.IfValue("v", "1")))
	_, err = d.Get(ctx, "I", sdb.Consistent())
	wantCode(t, b, "Get after a conditional item delete", err, sdb.NoSuchItem, 200)
}

// testExpectedErrors pins the malformed conditions, sent past the client
// (which refuses the first itself): API Error Codes,
// ExistsAndExpectedValue "Expected.Exists=false and Expected.Value cannot
// be specified together", 400; IncompleteExpectedExpression "If
// Expected.Exists=true or unspecified, then Expected.Value has to be
// specified", 400. The parameters are the API model's UpdateCondition
// members, Expected.Name, Expected.Value and Expected.Exists.
func testExpectedErrors(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "I", sdb.Attributes{"v": {"1"}}))
	err := d.Put(ctx, "I", sdb.Attributes{"v": {"2"}}, sdb.If(sdb.Condition{Name: "v", Exists: false, Value: "1"}))
	if !isValidation(err) {
		t.Errorf("client put with Exists false and a Value = %v, want a *goboto.ValidationError", err)
	}
	for _, c := range []struct {
		what     string
		expected url.Values
		code     string
	}{
		{"Exists=false with a Value", url.Values{"Expected.Name": {"v"}, "Expected.Exists": {"false"}, "Expected.Value": {"1"}}, "ExistsAndExpectedValue"},
		{"Exists=true without a Value", url.Values{"Expected.Name": {"v"}, "Expected.Exists": {"true"}}, "IncompleteExpectedExpression"},
		{"a Name alone", url.Values{"Expected.Name": {"v"}}, "IncompleteExpectedExpression"},
	} {
		p := url.Values{"DomainName": {d.Name()}, "ItemName": {"I"}, "Attribute.1.Name": {"v"},
			"Attribute.1.Value": {"2"}, "Attribute.1.Replace": {"true"}}
		for k, v := range c.expected {
			p[k] = v
		}
		err := b.call("PutAttributes", p)
		if b.Diff.IgnoresExpected {
			wantNoError(t, b, "put with "+c.what+" (moto)", err)
			continue
		}
		wantCode(t, b, "put with "+c.what, err, c.code, 400)
		wantItem(t, b, d, "I", sdb.Attributes{"v": {"1"}})
	}
}
