package sdb_test

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
)

var ignoreDomain = cmpopts.IgnoreUnexported(sdb.Item{})

func TestGet(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	r := newRecorder(t, func(_ int, c call) (int, string) {
		return 200, ok("GetAttributes", `<Attribute><Name>color</Name><Value>red</Value></Attribute>`+
			`<Attribute><Name>color</Name><Value>blue &amp; green</Value></Attribute>`+
			`<Attribute><Name encoding="base64">`+b64([]byte("ctl\x01"))+`</Name><Value encoding="base64">`+b64([]byte("\x00zero"))+`</Value></Attribute>`+
			`<Attribute><Name>alt</Name><AlternateValueEncoding>base64</AlternateValueEncoding><Value>`+b64([]byte("via model"))+`</Value></Attribute>`)
	})
	dom := r.conn("us-east-1").Domain("MyDomain")
	item, err := dom.Get(context.Background(), "JumboFez", sdb.Consistent(), sdb.Names("color", "ctl\x01"))
	if err != nil {
		t.Fatal(err)
	}
	want := &sdb.Item{Name: "JumboFez", Attributes: sdb.Attributes{
		"color": {"red", "blue & green"}, "ctl\x01": {"\x00zero"}, "alt": {"via model"},
	}}
	if diff := cmp.Diff(want, item, ignoreDomain); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if item.Domain() != dom {
		t.Error("item does not know its domain")
	}
	if got := item.Get("color"); got != "red" {
		t.Errorf("Get(color) = %q", got)
	}
	wantForm := "Action: GetAttributes\nAttributeName.1: color\nAttributeName.2: ctl\x01\nConsistentRead: true\n" +
		"DomainName: MyDomain\nItemName: JumboFez\nVersion: 2009-04-15\n"
	if diff := cmp.Diff(wantForm, formText(r.seen()[0].Form)); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
}

func TestGetMissingItem(t *testing.T) {
	r := newRecorder(t, func(_ int, c call) (int, string) { return 200, ok("GetAttributes", "") })
	item, err := r.conn("us-east-1").Domain("MyDomain").Get(context.Background(), "ghost")
	if item != nil {
		t.Errorf("item = %v, want nil", item)
	}
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want *goboto.APIError", err, err)
	}
	want := &goboto.APIError{Service: "SimpleDB", Operation: "GetAttributes", Code: sdb.NoSuchItem,
		Message: `item "ghost" in domain MyDomain has no attributes`, RequestID: "req-GetAttributes", StatusCode: 200}
	if diff := cmp.Diff(want, ae); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !goboto.IsNotFound(err) {
		t.Error("goboto.IsNotFound is false for a missing item")
	}
}

func TestServiceErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		code      string
		status    int
		call      func(d *sdb.Domain) error
		notFound  bool
		condition bool
	}{
		{"no such domain", "NoSuchDomain", 400, func(d *sdb.Domain) error { return d.Refresh(context.Background()) }, true, false},
		{"conditional check", "ConditionalCheckFailed", 409, func(d *sdb.Domain) error {
			return d.Put(context.Background(), "i", sdb.Attributes{"v": {"2"}}, sdb.IfValue("v", "1"))
		}, false, true},
		{"attribute missing", "AttributeDoesNotExist", 404, func(d *sdb.Domain) error {
			return d.DeleteAttributes(context.Background(), "i", nil, sdb.IfValue("v", "1"))
		}, true, true},
		{"multi-valued", "MultiValuedAttribute", 409, func(d *sdb.Domain) error {
			return d.Put(context.Background(), "i", sdb.Attributes{"v": {"2"}}, sdb.IfValue("v", "1"))
		}, false, true},
		{"bad query", "InvalidQueryExpression", 400, func(d *sdb.Domain) error {
			return drain(d.Select(context.Background(), sdb.Where("%n = %v", "a", "b")))
		}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, func(int, call) (int, string) { return tc.status, errorBody(tc.code, "it failed") })
			err := tc.call(r.conn("us-east-1").Domain("MyDomain"))
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T), want *goboto.APIError", err, err)
			}
			if ae.Code != tc.code || ae.StatusCode != tc.status || ae.Service != "SimpleDB" || ae.RequestID != "req-err" {
				t.Errorf("err = %#v", ae)
			}
			if got := goboto.IsNotFound(err); got != tc.notFound {
				t.Errorf("IsNotFound = %v, want %v", got, tc.notFound)
			}
			if got := sdb.IsConditionFailed(err); got != tc.condition {
				t.Errorf("IsConditionFailed = %v, want %v", got, tc.condition)
			}
			if n := len(r.seen()); n != 1 {
				t.Errorf("attempts = %d, want 1 (client errors are not retried)", n)
			}
		})
	}
}

func TestThrottleRetried(t *testing.T) {
	r := newRecorder(t, func(n int, c call) (int, string) {
		if n < 3 {
			return 503, errorBody("ServiceUnavailable", "Service AmazonSimpleDB is currently unavailable. Please try again later")
		}
		return 200, ok(c.Action, "")
	})
	if err := r.conn("us-east-1", goboto.WithRetry(3, time.Millisecond)).Domain("dom").Put(context.Background(), "i", sdb.Attributes{"a": {"1"}}); err != nil {
		t.Fatal(err)
	}
	if n := len(r.seen()); n != 3 {
		t.Errorf("attempts = %d, want 3", n)
	}

	r2 := newRecorder(t, func(int, call) (int, string) { return 503, errorBody("ServiceUnavailable", "busy") })
	err := r2.conn("us-east-1", goboto.WithRetry(2, time.Millisecond)).Domain("dom").Put(context.Background(), "i", sdb.Attributes{"a": {"1"}})
	if !goboto.IsThrottled(err) {
		t.Errorf("err = %v, want throttled", err)
	}
	if n := len(r2.seen()); n != 2 {
		t.Errorf("attempts = %d, want 2", n)
	}
}

func TestMetadata(t *testing.T) {
	r := newRecorder(t, func(_ int, c call) (int, string) {
		return 200, ok("DomainMetadata", `<ItemCount>195078</ItemCount><ItemNamesSizeBytes>2586634</ItemNamesSizeBytes>`+
			`<AttributeNameCount>12</AttributeNameCount><AttributeNamesSizeBytes>120</AttributeNamesSizeBytes>`+
			`<AttributeValueCount>3690416</AttributeValueCount><AttributeValuesSizeBytes>50149756</AttributeValuesSizeBytes>`+
			`<Timestamp>1225486466</Timestamp>`)
	})
	dom := r.conn("us-east-1").Domain("MyDomain")
	if err := dom.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := &sdb.DomainMetadata{ItemCount: 195078, ItemNamesSizeBytes: 2586634, AttributeNameCount: 12,
		AttributeNamesSizeBytes: 120, AttributeValueCount: 3690416, AttributeValuesSizeBytes: 50149756,
		Timestamp: time.Date(2008, 10, 31, 20, 54, 26, 0, time.UTC)}
	if diff := cmp.Diff(want, dom.Metadata); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// pagedDomains answers ListDomains with pages of names: page i holds
// pages[i], and every page but the last carries a NextToken.
func pagedDomains(pages [][]string) answerFunc {
	return func(_ int, c call) (int, string) {
		i := 0
		if tok := c.Form.Get("NextToken"); tok != "" {
			i = int(tok[len("tok")] - '0')
		}
		var b strings.Builder
		for _, n := range pages[i] {
			b.WriteString("<DomainName>" + n + "</DomainName>")
		}
		if i+1 < len(pages) {
			b.WriteString("<NextToken>tok" + string(rune('0'+i+1)) + "</NextToken>")
		}
		return 200, ok("ListDomains", b.String())
	}
}

func TestDomainsPaging(t *testing.T) {
	pages := [][]string{{"a", "b"}, {"c", "d"}, {"e"}}
	for _, tc := range []struct {
		name      string
		take      int // stop after this many; -1 for all
		wantNames []string
		wantCalls int
	}{
		{"all", -1, []string{"a", "b", "c", "d", "e"}, 3},
		{"first only", 1, []string{"a"}, 1},
		{"whole first page", 2, []string{"a", "b"}, 1},
		{"into second page", 3, []string{"a", "b", "c"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, pagedDomains(pages))
			conn := r.conn("us-west-2")
			var names []string
			for d, err := range conn.Domains(context.Background(), sdb.PageSize(2)) {
				if err != nil {
					t.Fatal(err)
				}
				if d.Conn() != conn {
					t.Error("domain does not know its connection")
				}
				names = append(names, d.Name())
				if len(names) == tc.take {
					break
				}
			}
			if diff := cmp.Diff(tc.wantNames, names); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			calls := r.seen()
			if len(calls) != tc.wantCalls {
				t.Errorf("ListDomains calls = %d, want %d", len(calls), tc.wantCalls)
			}
			for _, c := range calls {
				if c.Form.Get("MaxNumberOfDomains") != "2" {
					t.Errorf("MaxNumberOfDomains = %q", c.Form.Get("MaxNumberOfDomains"))
				}
			}
		})
	}
}

func TestDomainsError(t *testing.T) {
	r := newRecorder(t, func(n int, c call) (int, string) {
		if n == 1 {
			return 200, ok("ListDomains", "<DomainName>a</DomainName><NextToken>t</NextToken>")
		}
		return 400, errorBody("InvalidNextToken", "bad token")
	})
	got, err := goboto.Collect(r.conn("us-east-1").Domains(context.Background()))
	if len(got) != 1 || got[0].Name() != "a" {
		t.Errorf("domains = %v", got)
	}
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "InvalidNextToken" {
		t.Errorf("err = %v", err)
	}
}

// pagedSelect answers Select with pages of items named by pages[i].
func pagedSelect(pages [][]string) answerFunc {
	return func(_ int, c call) (int, string) {
		i := 0
		if tok := c.Form.Get("NextToken"); tok != "" {
			i = int(tok[len("tok")] - '0')
		}
		var b strings.Builder
		for _, n := range pages[i] {
			b.WriteString("<Item><Name>" + n + "</Name><Attribute><Name>n</Name><Value>" + n + "</Value></Attribute></Item>")
		}
		if i+1 < len(pages) {
			b.WriteString("<NextToken>tok" + string(rune('0'+i+1)) + "</NextToken>")
		}
		return 200, ok("Select", b.String())
	}
}

func TestSelectPaging(t *testing.T) {
	pages := [][]string{{"i1", "i2"}, {"i3"}, {"i4", "i5"}}
	for _, tc := range []struct {
		name      string
		take      int
		wantNames []string
		wantCalls int
	}{
		{"all", -1, []string{"i1", "i2", "i3", "i4", "i5"}, 3},
		{"first", 1, []string{"i1"}, 1},
		{"second page", 3, []string{"i1", "i2", "i3"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, pagedSelect(pages))
			conn := r.conn("us-east-1")
			var names []string
			for it, err := range conn.Select(context.Background(), "select * from `my-domain` where n > '0'", sdb.Consistent()) {
				if err != nil {
					t.Fatal(err)
				}
				if it.Domain() == nil || it.Domain().Name() != "my-domain" || it.Conn() != conn {
					t.Errorf("item %s: domain = %v", it.Name, it.Domain())
				}
				if it.Get("n") != it.Name {
					t.Errorf("item %s: attributes = %v", it.Name, it.Attributes)
				}
				names = append(names, it.Name)
				if len(names) == tc.take {
					break
				}
			}
			if diff := cmp.Diff(tc.wantNames, names); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			calls := r.seen()
			if len(calls) != tc.wantCalls {
				t.Errorf("Select calls = %d, want %d", len(calls), tc.wantCalls)
			}
			for i, c := range calls {
				wantTok := ""
				if i > 0 {
					wantTok = "tok" + string(rune('0'+i))
				}
				if c.Form.Get("NextToken") != wantTok || c.Form.Get("ConsistentRead") != "true" ||
					c.Form.Get("SelectExpression") != "select * from `my-domain` where n > '0'" {
					t.Errorf("call %d: form = %v", i, c.Form)
				}
			}
		})
	}
}

func TestDomainSelectBuildsExpression(t *testing.T) {
	r := newRecorder(t, pagedSelect([][]string{{"x"}}))
	dom := r.conn("us-east-1").Domain("my.domain")
	items, err := goboto.Collect(dom.Select(context.Background(), sdb.Where("%n = %v order by %n", "year", "it's", "year")))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Domain() != dom {
		t.Errorf("items = %v", items)
	}
	if _, err := goboto.Collect(dom.Select(context.Background(), sdb.Filter{})); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.seen() {
		got = append(got, c.Form.Get("SelectExpression"))
		if c.Form.Has("ConsistentRead") {
			t.Error("ConsistentRead sent without Consistent()")
		}
	}
	want := []string{"select * from `my.domain` where year = 'it''s' order by year", "select * from `my.domain`"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// PageSize on a select is the expression's limit clause: SimpleDB API
// Reference, Select: "limit" sets the maximum number of items returned in
// one answer (default 100, at most 2500), and NextToken gives the rest.
func TestSelectPageSize(t *testing.T) {
	r := newRecorder(t, pagedSelect([][]string{{"x"}}))
	conn := r.conn("us-east-1")
	ctx := context.Background()
	if _, err := goboto.Collect(conn.Select(ctx, "select * from books where a > '1' order by a  ", sdb.PageSize(7), sdb.Consistent())); err != nil {
		t.Fatal(err)
	}
	if _, err := goboto.Collect(conn.Domain("books").Select(ctx, sdb.Where("%n > %v", "a", "1"), sdb.PageSize(2500))); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.seen() {
		got = append(got, c.Form.Get("SelectExpression")+" consistent="+c.Form.Get("ConsistentRead"))
	}
	want := []string{
		"select * from books where a > '1' order by a limit 7 consistent=true",
		"select * from books where a > '1' limit 2500 consistent=",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCount(t *testing.T) {
	r := newRecorder(t, func(n int, c call) (int, string) {
		if n == 1 {
			return 200, ok("Select", `<Item><Name>Domain</Name><Attribute><Name>Count</Name><Value>1000</Value></Attribute></Item><NextToken>more</NextToken>`)
		}
		return 200, ok("Select", `<Item><Name>Domain</Name><Attribute><Name>Count</Name><Value>234</Value></Attribute></Item>`)
	})
	n, err := r.conn("us-east-1").Domain("books").Count(context.Background(), sdb.Where("%n < %v", "Year", "1980"))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1234 {
		t.Errorf("Count = %d, want 1234", n)
	}
	calls := r.seen()
	if len(calls) != 2 || calls[0].Form.Get("SelectExpression") != "select count(*) from books where Year < '1980'" ||
		calls[1].Form.Get("NextToken") != "more" {
		t.Errorf("calls = %+v", calls)
	}
}

func TestSelectRepeatedTokenStops(t *testing.T) {
	// A service answering the same NextToken again must not make the
	// iterator loop for ever.
	r := newRecorder(t, func(int, call) (int, string) {
		return 200, ok("Select", `<Item><Name>a</Name></Item><NextToken>same</NextToken>`)
	})
	items, err := goboto.Collect(r.conn("us-east-1").Select(context.Background(), "select * from dom"))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || len(r.seen()) != 2 {
		t.Errorf("items = %d, calls = %d, want 2 and 2", len(items), len(r.seen()))
	}
}

func TestItemSaveAndDelete(t *testing.T) {
	r := newRecorder(t, okAll)
	dom := r.conn("us-east-1").Domain("dom")
	it := dom.Item("alice")
	it.Set("city", "Paris")
	it.Attributes.Add("langs", "fr", "en")
	if err := it.Save(context.Background(), sdb.IfNotExists("city")); err != nil {
		t.Fatal(err)
	}
	if err := it.Delete(context.Background(), sdb.IfValue("city", "Paris")); err != nil {
		t.Fatal(err)
	}
	calls := r.seen()
	want := []string{
		"Action: PutAttributes\nAttribute.1.Name: city\nAttribute.1.Replace: true\nAttribute.1.Value: Paris\n" +
			"Attribute.2.Name: langs\nAttribute.2.Replace: true\nAttribute.2.Value: fr\n" +
			"Attribute.3.Name: langs\nAttribute.3.Replace: true\nAttribute.3.Value: en\n" +
			"DomainName: dom\nExpected.1.Exists: false\nExpected.1.Name: city\nItemName: alice\nVersion: 2009-04-15\n",
		"Action: DeleteAttributes\nDomainName: dom\nExpected.1.Name: city\nExpected.1.Value: Paris\nItemName: alice\nVersion: 2009-04-15\n",
	}
	var got []string
	for _, c := range calls {
		got = append(got, formText(c.Form))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAttributesHelpers(t *testing.T) {
	a := sdb.Attributes{}
	a.Set("x", "1", "2")
	a.Add("x", "3")
	a.Add("y", "4")
	a.Set("z")
	c := a.Clone()
	a.Del("y")
	c["x"][0] = "changed"
	if diff := cmp.Diff(sdb.Attributes{"x": {"1", "2", "3"}, "z": {}}, a, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("a (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sdb.Attributes{"x": {"changed", "2", "3"}, "y": {"4"}, "z": {}}, c, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("clone (-want +got):\n%s", diff)
	}
	if a.Get("x") != "1" || a.Get("nope") != "" || a.Has("z") || !a.Has("x") {
		t.Errorf("Get/Has wrong on %v", a)
	}
	if diff := cmp.Diff([]string{"x", "y", "z"}, c.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}

	var n sdb.Attributes // nil: the writers make the map
	n.Add("a", "1")
	n.Set("b", "2")
	if diff := cmp.Diff(sdb.Attributes{"a": {"1"}, "b": {"2"}}, n); diff != "" {
		t.Errorf("nil Attributes after Add and Set (-want +got):\n%s", diff)
	}
}
