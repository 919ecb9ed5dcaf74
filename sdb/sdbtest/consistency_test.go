package sdbtest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
	"github.com/google/go-cmp/cmp"
)

func TestEventualConsistencyDelay(t *testing.T) {
	clk := fake.NewClock(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	srv := Start(t, fake.WithClock(clk.Now), WithEventualConsistency(time.Second))
	c := newClient(t, srv)
	c.now = clk.Now
	c.must("CreateDomain", "DomainName", "dom")
	c.must("PutAttributes", put("i", "a=1")...)

	stale := func() (map[string][]string, []string) {
		names, _ := c.selectAll("select itemName() from dom where a is not null")
		return c.get("dom", "i"), names
	}
	fresh := func() (map[string][]string, []string) {
		names, _ := c.selectAll("select itemName() from dom where a is not null", "ConsistentRead", "true")
		return c.get("dom", "i", "ConsistentRead", "true"), names
	}
	check := func(step string, read func() (map[string][]string, []string), wantItem map[string][]string, wantNames []string) {
		t.Helper()
		item, names := read()
		if diff := cmp.Diff(wantItem, item); diff != "" {
			t.Errorf("%s: GetAttributes (-want +got):\n%s", step, diff)
		}
		if diff := cmp.Diff(wantNames, names); diff != "" {
			t.Errorf("%s: Select (-want +got):\n%s", step, diff)
		}
	}

	check("at once, eventual", stale, map[string][]string{}, nil)
	check("at once, consistent", fresh, map[string][]string{"a": {"1"}}, []string{"i"})
	clk.Advance(999 * time.Millisecond)
	check("before the delay", stale, map[string][]string{}, nil)
	clk.Advance(time.Millisecond)
	check("after the delay", stale, map[string][]string{"a": {"1"}}, []string{"i"})

	c.must("PutAttributes", put("i", "a=2!")...)
	clk.Advance(500 * time.Millisecond)
	c.must("DeleteAttributes", "DomainName", "dom", "ItemName", "i")
	check("replace pending", stale, map[string][]string{"a": {"1"}}, []string{"i"})
	check("replace, consistent", fresh, map[string][]string{}, nil)
	clk.Advance(500 * time.Millisecond)
	check("replace visible, delete pending", stale, map[string][]string{"a": {"2"}}, []string{"i"})
	clk.Advance(500 * time.Millisecond)
	check("delete visible", stale, map[string][]string{}, nil)
}

func TestEventualConsistencySettle(t *testing.T) {
	srv := Start(t, WithEventualConsistency(0))
	c := newClient(t, srv)
	c.must("CreateDomain", "DomainName", "dom")
	c.must("PutAttributes", put("i", "a=1")...)
	c.must("BatchPutAttributes", batch([]string{"j", "k"}, map[string][]string{"j": {"b=1"}, "k": {"b=2"}})...)
	if got := c.get("dom", "i"); len(got) != 0 {
		t.Errorf("eventual read before Settle = %v; want nothing", got)
	}
	if got, _ := c.selectAll("select itemName() from dom"); len(got) != 0 {
		t.Errorf("eventual select before Settle = %v; want nothing", got)
	}
	// Conditions are checked against the latest data.
	c.must("PutAttributes", append(put("i", "a=2!"), "Expected.Name", "a", "Expected.Value", "1")...)
	if got, ok := srv.Item(srv.Account(), "us-east-1", "dom", "i"); !ok || !cmp.Equal(got["a"], []string{"2"}) {
		t.Errorf("Item = %v, %v; want a=2", got, ok)
	}
	srv.Settle()
	if diff := cmp.Diff(map[string][]string{"a": {"2"}}, c.get("dom", "i")); diff != "" {
		t.Errorf("after Settle (-want +got):\n%s", diff)
	}
	if got, _ := c.selectAll("select itemName() from dom"); !cmp.Equal(got, []string{"i", "j", "k"}) {
		t.Errorf("select after Settle = %v", got)
	}
}

// TestConsistentByDefault checks that without the option every read sees
// every write at once.
func TestConsistentByDefault(t *testing.T) {
	_, c := withDomain(t)
	for i, v := range []string{"1", "2", "3"} {
		c.must("PutAttributes", put("i", "a="+v+"!")...)
		if got := c.get("dom", "i"); !cmp.Equal(got["a"], []string{v}) {
			t.Fatalf("read %d: a = %q; want %q", i, got["a"], v)
		}
	}
}

// TestConcurrentWrites checks that parallel puts to one item all land,
// and, under -race, that the fake guards its state.
func TestConcurrentWrites(t *testing.T) {
	srv, c := withDomain(t)
	var wg sync.WaitGroup
	const writers, each = 4, 10
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r := c.call("PutAttributes", put("i", fmt.Sprintf("v=%d-%d", w, i))...)
				if r.err != nil {
					t.Errorf("put: %s", r.err.Code)
				}
				c.call("Select", "SelectExpression", "select * from dom where v like '%'")
			}
		}()
	}
	wg.Wait()
	got, _ := srv.Item(srv.Account(), "us-east-1", "dom", "i")
	if len(got["v"]) != writers*each {
		t.Errorf("item has %d values; want %d", len(got["v"]), writers*each)
	}
}
