package sdbtest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// put builds PutAttributes parameters for item in domain "d".
func put(item string, pairs ...string) []string {
	return append([]string{"DomainName", "dom", "ItemName", item}, attrs("", pairs...)...)
}

func withDomain(t *testing.T) (*Server, *client) {
	t.Helper()
	srv := Start(t)
	if err := srv.CreateDomain(srv.Account(), "us-east-1", "dom"); err != nil {
		t.Fatal(err)
	}
	return srv, newClient(t, srv)
}

func TestPutAndGet(t *testing.T) {
	tests := []struct {
		name  string
		puts  [][]string // successive puts on item "i"
		get   []string   // extra GetAttributes parameters
		want  map[string][]string
		wantE bool // the item should not exist
	}{
		{name: "single", puts: [][]string{{"a=1", "b=2"}}, want: map[string][]string{"a": {"1"}, "b": {"2"}}},
		{name: "adds values", puts: [][]string{{"a=1"}, {"a=2"}}, want: map[string][]string{"a": {"1", "2"}}},
		{name: "values are a set", puts: [][]string{{"a=1", "a=1"}, {"a=1"}}, want: map[string][]string{"a": {"1"}}},
		{name: "replace", puts: [][]string{{"a=1", "a=2", "b=3"}, {"a=4!"}}, want: map[string][]string{"a": {"4"}, "b": {"3"}}},
		{name: "replace with several", puts: [][]string{{"a=1"}, {"a=2!", "a=3!", "a=3"}}, want: map[string][]string{"a": {"2", "3"}}},
		{name: "replace missing", puts: [][]string{{"b=1!"}}, want: map[string][]string{"b": {"1"}}},
		{name: "empty value", puts: [][]string{{"a="}}, want: map[string][]string{"a": {""}}},
		{name: "attribute filter", puts: [][]string{{"a=1", "b=2", "c=3"}},
			get: []string{"AttributeName.1", "a", "AttributeName.2", "c", "AttributeName.3", "zz"}, want: map[string][]string{"a": {"1"}, "c": {"3"}}},
		{name: "missing item", wantE: true, want: map[string][]string{}},
		{name: "odd text", puts: [][]string{{"ctl=a\x01b", "xml=<&'\">", "cr=a\r\nb", "uni=héllo ☃"}},
			want: map[string][]string{"ctl": {"a\x01b"}, "xml": {"<&'\">"}, "cr": {"a\r\nb"}, "uni": {"héllo ☃"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := withDomain(t)
			for _, p := range tt.puts {
				c.must("PutAttributes", put("i", p...)...)
			}
			got := c.get("dom", "i", tt.get...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("GetAttributes (-want +got):\n%s", diff)
			}
			if _, ok := srv.Item(srv.Account(), "us-east-1", "dom", "i"); ok == tt.wantE {
				t.Errorf("Item exists = %v; want %v", ok, !tt.wantE)
			}
			consistent := c.get("dom", "i", append([]string{"ConsistentRead", "true"}, tt.get...)...)
			if diff := cmp.Diff(got, consistent); diff != "" {
				t.Errorf("consistent GetAttributes differs (-plain +consistent):\n%s", diff)
			}
		})
	}
}

func TestItemErrors(t *testing.T) {
	long := strings.Repeat("x", maxNameBytes+1)
	max := strings.Repeat("x", maxNameBytes)
	many := func(n int) []string {
		var p []string
		for i := range n {
			p = append(p, fmt.Sprintf("a%d=v", i))
		}
		return p
	}
	tests := []struct {
		name   string
		action string
		kv     []string
		status int
		code   string
	}{
		{"no domain param", "PutAttributes", []string{"ItemName", "i", "Attribute.1.Name", "a", "Attribute.1.Value", "1"}, 400, "MissingParameter"},
		{"no item param", "PutAttributes", []string{"DomainName", "dom", "Attribute.1.Name", "a", "Attribute.1.Value", "1"}, 400, "MissingParameter"},
		{"no attributes", "PutAttributes", []string{"DomainName", "dom", "ItemName", "i"}, 400, "MissingParameter"},
		{"no value", "PutAttributes", []string{"DomainName", "dom", "ItemName", "i", "Attribute.1.Name", "a"}, 400, "MissingParameter"},
		{"no name", "PutAttributes", []string{"DomainName", "dom", "ItemName", "i", "Attribute.1.Value", "a"}, 400, "MissingParameter"},
		{"empty item name", "PutAttributes", put("", "a=1"), 400, "InvalidParameterValue"},
		{"empty attribute name", "PutAttributes", put("i", "=1"), 400, "InvalidParameterValue"},
		{"long item name", "PutAttributes", put(long, "a=1"), 400, "InvalidParameterValue"},
		{"long attribute name", "PutAttributes", put("i", long+"=1"), 400, "InvalidParameterValue"},
		{"long value", "PutAttributes", put("i", "a="+long), 400, "InvalidParameterValue"},
		{"bad replace", "PutAttributes", append(put("i", "a=1"), "Attribute.1.Replace", "yes"), 400, "InvalidParameterValue"},
		{"no such domain", "PutAttributes", []string{"DomainName", "nope", "ItemName", "i", "Attribute.1.Name", "a", "Attribute.1.Value", "1"}, 400, "NoSuchDomain"},
		{"bad domain name", "PutAttributes", []string{"DomainName", "n", "ItemName", "i", "Attribute.1.Name", "a", "Attribute.1.Value", "1"}, 400, "InvalidParameterValue"},
		{"257 submitted", "PutAttributes", put("i", many(257)...), 409, "NumberSubmittedAttributesExceeded"},
		{"get no item", "GetAttributes", []string{"DomainName", "dom"}, 400, "MissingParameter"},
		{"get no domain", "GetAttributes", []string{"DomainName", "nope", "ItemName", "i"}, 400, "NoSuchDomain"},
		{"get bad consistent", "GetAttributes", []string{"DomainName", "dom", "ItemName", "i", "ConsistentRead", "maybe"}, 400, "InvalidParameterValue"},
		{"delete no domain", "DeleteAttributes", []string{"DomainName", "nope", "ItemName", "i"}, 400, "NoSuchDomain"},
		{"delete no item", "DeleteAttributes", []string{"DomainName", "dom"}, 400, "MissingParameter"},
		{"delete no name", "DeleteAttributes", []string{"DomainName", "dom", "ItemName", "i", "Attribute.1.Value", "x"}, 400, "MissingParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := withDomain(t)
			r := c.call(tt.action, tt.kv...)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("got %d %s (%s); want %d %s", r.status, r.code(), r.err.Message, tt.status, tt.code)
			}
			if _, ok := srv.Item(srv.Account(), "us-east-1", "dom", "i"); ok {
				t.Errorf("a refused request wrote the item")
			}
		})
	}
	t.Run("max lengths pass", func(t *testing.T) {
		_, c := withDomain(t)
		c.must("PutAttributes", put(max, max+"="+max)...)
		c.must("PutAttributes", put("i", many(256)...)...)
	})
}

func TestNumberItemAttributesExceeded(t *testing.T) {
	srv, c := withDomain(t)
	var first []string
	for i := range 250 {
		first = append(first, "a="+strconv.Itoa(i))
	}
	c.must("PutAttributes", put("i", first...)...)
	// Values already there do not count twice; 6 new ones reach 256.
	c.must("PutAttributes", put("i", "a=0", "a=1", "b=1", "b=2", "b=3", "b=4", "b=5", "b=6")...)
	r := c.call("PutAttributes", put("i", "c=1")...)
	if r.status != 409 || r.code() != "NumberItemAttributesExceeded" {
		t.Fatalf("257th pair: %d %s; want 409 NumberItemAttributesExceeded", r.status, r.code())
	}
	// Replacing frees room.
	c.must("PutAttributes", put("i", "b=x!", "c=1")...)
	got, _ := srv.Item(srv.Account(), "us-east-1", "dom", "i")
	if n := len(got["a"]) + len(got["b"]) + len(got["c"]); n != 252 {
		t.Errorf("item holds %d pairs; want 252", n)
	}
}

func TestConditional(t *testing.T) {
	tests := []struct {
		name   string
		seed   []string // attributes of item "i" before; none: no item
		action string
		kv     []string
		status int
		code   string
		want   map[string][]string // item "i" after; nil: no item
	}{
		{"put if absent, absent", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v", "Expected.Exists", "false"), 200, "", map[string][]string{"v": {"1"}}},
		{"put if absent, present", []string{"v=0"}, "PutAttributes",
			append(put("i", "v=1!"), "Expected.Name", "v", "Expected.Exists", "false"), 409, "ConditionalCheckFailed", map[string][]string{"v": {"0"}}},
		{"put if value, matches", []string{"v=0"}, "PutAttributes",
			append(put("i", "v=1!"), "Expected.Name", "v", "Expected.Value", "0"), 200, "", map[string][]string{"v": {"1"}}},
		{"put if value, exists=true, matches", []string{"v=0"}, "PutAttributes",
			append(put("i", "v=1!"), "Expected.Name", "v", "Expected.Value", "0", "Expected.Exists", "true"), 200, "", map[string][]string{"v": {"1"}}},
		{"put if value, differs", []string{"v=0"}, "PutAttributes",
			append(put("i", "v=1!"), "Expected.Name", "v", "Expected.Value", "9"), 409, "ConditionalCheckFailed", map[string][]string{"v": {"0"}}},
		{"put if value, missing attribute", []string{"w=0"}, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v", "Expected.Value", "0"), 404, "AttributeDoesNotExist", map[string][]string{"w": {"0"}}},
		{"put if value, missing item", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v", "Expected.Value", "0"), 404, "AttributeDoesNotExist", nil},
		{"put if value, multi-valued", []string{"v=0", "v=1"}, "PutAttributes",
			append(put("i", "w=1"), "Expected.Name", "v", "Expected.Value", "0"), 409, "MultiValuedAttribute", map[string][]string{"v": {"0", "1"}}},
		{"exists false with value", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v", "Expected.Value", "0", "Expected.Exists", "false"), 400, "ExistsAndExpectedValue", nil},
		{"no value", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v"), 400, "IncompleteExpectedExpression", nil},
		{"no name", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Value", "0"), 400, "MissingParameter", nil},
		{"bad exists", nil, "PutAttributes",
			append(put("i", "v=1"), "Expected.Name", "v", "Expected.Exists", "no"), 400, "InvalidParameterValue", nil},
		{"boto 2 form", []string{"v=0"}, "PutAttributes",
			append(put("i", "v=1!"), "Expected.1.Name", "v", "Expected.1.Value", "0"), 200, "", map[string][]string{"v": {"1"}}},
		{"delete if value, matches", []string{"v=0", "w=1"}, "DeleteAttributes",
			[]string{"DomainName", "dom", "ItemName", "i", "Expected.Name", "v", "Expected.Value", "0"}, 200, "", nil},
		{"delete if value, differs", []string{"v=0"}, "DeleteAttributes",
			[]string{"DomainName", "dom", "ItemName", "i", "Expected.Name", "v", "Expected.Value", "1"}, 409, "ConditionalCheckFailed", map[string][]string{"v": {"0"}}},
		{"delete if absent, present", []string{"v=0"}, "DeleteAttributes",
			[]string{"DomainName", "dom", "ItemName", "i", "Expected.Name", "v", "Expected.Exists", "false"}, 409, "ConditionalCheckFailed", map[string][]string{"v": {"0"}}},
		{"delete if value, missing", []string{"w=0"}, "DeleteAttributes",
			[]string{"DomainName", "dom", "ItemName", "i", "Expected.Name", "v", "Expected.Value", "1"}, 404, "AttributeDoesNotExist", map[string][]string{"w": {"0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := withDomain(t)
			if tt.seed != nil {
				c.must("PutAttributes", put("i", tt.seed...)...)
			}
			r := c.call(tt.action, tt.kv...)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("got %d %s; want %d %s", r.status, r.code(), tt.status, tt.code)
			}
			got, _ := srv.Item(srv.Account(), "us-east-1", "dom", "i")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("item after (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeleteAttributes(t *testing.T) {
	tests := []struct {
		name string
		del  []string
		want map[string][]string
	}{
		{"one value", []string{"Attribute.1.Name", "a", "Attribute.1.Value", "1"}, map[string][]string{"a": {"2"}, "b": {"3"}}},
		{"whole attribute", []string{"Attribute.1.Name", "a"}, map[string][]string{"b": {"3"}}},
		{"missing value and attribute", []string{"Attribute.1.Name", "a", "Attribute.1.Value", "9", "Attribute.2.Name", "zz"},
			map[string][]string{"a": {"1", "2"}, "b": {"3"}}},
		{"last values remove the item", []string{"Attribute.1.Name", "a", "Attribute.2.Name", "b", "Attribute.2.Value", "3"}, nil},
		{"whole item", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := withDomain(t)
			c.must("PutAttributes", put("i", "a=1", "a=2", "b=3")...)
			c.must("DeleteAttributes", append([]string{"DomainName", "dom", "ItemName", "i"}, tt.del...)...)
			got, _ := srv.Item(srv.Account(), "us-east-1", "dom", "i")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("item after (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("missing item", func(t *testing.T) {
		_, c := withDomain(t)
		c.must("DeleteAttributes", "DomainName", "dom", "ItemName", "ghost")
	})
}

// batch builds batch parameters: items maps an item name to its
// "name=value" pairs, in the order given by names.
func batch(names []string, items map[string][]string) []string {
	kv := []string{"DomainName", "dom"}
	for i, n := range names {
		prefix := "Item." + strconv.Itoa(i+1) + "."
		kv = append(kv, prefix+"ItemName", n)
		kv = append(kv, attrs(prefix, items[n]...)...)
	}
	return kv
}

func TestBatchPut(t *testing.T) {
	srv, c := withDomain(t)
	var names []string
	items := map[string][]string{}
	for i := range maxBatchItems {
		n := fmt.Sprintf("item%02d", i)
		names = append(names, n)
		items[n] = []string{"n=" + strconv.Itoa(i), "tag=x", "tag=y"}
	}
	c.must("BatchPutAttributes", batch(names, items)...)
	for i, n := range names {
		got, _ := srv.Item(srv.Account(), "us-east-1", "dom", n)
		want := map[string][]string{"n": {strconv.Itoa(i)}, "tag": {"x", "y"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", n, diff)
		}
	}
	c.must("BatchPutAttributes", batch([]string{"item00"}, map[string][]string{"item00": {"tag=z!"}})...)
	if got, _ := srv.Item(srv.Account(), "us-east-1", "dom", "item00"); !cmp.Equal(got["tag"], []string{"z"}) {
		t.Errorf("replace in batch: tag = %q", got["tag"])
	}
}

func TestBatchErrors(t *testing.T) {
	full := make([]string, 0, 256)
	for i := range 256 {
		full = append(full, fmt.Sprintf("a%d=v", i))
	}
	tests := []struct {
		name   string
		action string
		names  []string
		items  map[string][]string
		extra  []string
		status int
		code   string
	}{
		{"26 items", "BatchPutAttributes", nil, nil, nil, 409, "NumberSubmittedItemsExceeded"},
		{"26 deletes", "BatchDeleteAttributes", nil, nil, nil, 409, "NumberSubmittedItemsExceeded"},
		{"duplicate", "BatchPutAttributes", []string{"new", "x", "x"}, map[string][]string{"new": {"a=1"}, "x": {"a=1"}}, nil, 400, "DuplicateItemName"},
		{"duplicate delete", "BatchDeleteAttributes", []string{"x", "x"}, nil, nil, 400, "DuplicateItemName"},
		{"257 for one item", "BatchPutAttributes", []string{"new", "big"},
			map[string][]string{"new": {"a=1"}, "big": append(full, "one=more")}, nil, 409, "NumberSubmittedAttributesExceeded"},
		{"item overflows", "BatchPutAttributes", []string{"new", "full"},
			map[string][]string{"new": {"a=1"}, "full": {"extra=1"}}, nil, 409, "NumberItemAttributesExceeded"},
		{"empty item name", "BatchPutAttributes", []string{"new", ""}, map[string][]string{"new": {"a=1"}, "": {"a=1"}}, nil, 400, "InvalidParameterValue"},
		{"no attributes", "BatchPutAttributes", []string{"new", "bare"}, map[string][]string{"new": {"a=1"}}, nil, 400, "MissingParameter"},
		{"no items", "BatchPutAttributes", []string{}, nil, nil, 400, "MissingParameter"},
		{"no item name", "BatchPutAttributes", []string{"new"}, map[string][]string{"new": {"a=1"}},
			[]string{"Item.2.Attribute.1.Name", "a", "Item.2.Attribute.1.Value", "1"}, 400, "MissingParameter"},
		{"no such domain", "BatchPutAttributes", []string{"new"}, map[string][]string{"new": {"a=1"}}, []string{"DomainName", "other"}, 400, "NoSuchDomain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := withDomain(t)
			c.must("PutAttributes", put("full", full...)...)
			names, items := tt.names, tt.items
			if names == nil {
				items = map[string][]string{}
				for i := range maxBatchItems + 1 {
					n := fmt.Sprintf("new%02d", i)
					names = append(names, n)
					items[n] = []string{"a=1"}
				}
			}
			kv := batch(names, items)
			if tt.extra != nil {
				p := map[string]string{}
				for i := 0; i+1 < len(kv); i += 2 {
					p[kv[i]] = kv[i+1]
				}
				for i := 0; i+1 < len(tt.extra); i += 2 {
					p[tt.extra[i]] = tt.extra[i+1]
				}
				kv = kv[:0]
				for k, v := range p {
					kv = append(kv, k, v)
				}
			}
			r := c.call(tt.action, kv...)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("got %d %s; want %d %s", r.status, r.code(), tt.status, tt.code)
			}
			if _, ok := srv.Item(srv.Account(), "us-east-1", "dom", "new"); ok {
				t.Errorf("a refused batch wrote item new")
			}
			if _, ok := srv.Item(srv.Account(), "us-east-1", "dom", "new00"); ok {
				t.Errorf("a refused batch wrote item new00")
			}
		})
	}
}

func TestBatchDelete(t *testing.T) {
	srv, c := withDomain(t)
	for _, n := range []string{"a", "b", "c"} {
		c.must("PutAttributes", put(n, "x=1", "x=2", "y=3")...)
	}
	c.must("BatchDeleteAttributes", "DomainName", "dom",
		"Item.1.ItemName", "a",
		"Item.2.ItemName", "b", "Item.2.Attribute.1.Name", "x",
		"Item.3.ItemName", "c", "Item.3.Attribute.1.Name", "x", "Item.3.Attribute.1.Value", "2",
		"Item.4.ItemName", "ghost")
	got := map[string]map[string][]string{}
	for _, n := range []string{"a", "b", "c"} {
		if it, ok := srv.Item(srv.Account(), "us-east-1", "dom", n); ok {
			got[n] = it
		}
	}
	want := map[string]map[string][]string{"b": {"y": {"3"}}, "c": {"x": {"1"}, "y": {"3"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after BatchDeleteAttributes (-want +got):\n%s", diff)
	}
}
