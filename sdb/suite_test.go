package sdb_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// runSuite is the behaviour goboto promises of SimpleDB, checked only
// through the client, so the same suite runs against sdbtest (always) and
// against real SimpleDB (suite_aws_test.go, behind the integration tag).
// It creates domain, uses only consistent reads, and deletes it.
func runSuite(t *testing.T, conn *sdb.Conn, domain string) {
	ctx := context.Background()
	dom, err := conn.CreateDomain(ctx, domain)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dom.Delete(context.Background()) })

	t.Run("listed", func(t *testing.T) {
		var names []string
		for d, err := range conn.Domains(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, d.Name())
		}
		if !slices.Contains(names, domain) {
			t.Errorf("Domains() = %v, missing %s", names, domain)
		}
	})

	t.Run("put-get-replace", func(t *testing.T) {
		if err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}, "langs": {"fr", "en"}}); err != nil {
			t.Fatal(err)
		}
		if err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Lyon"}, "langs": {"de"}}, sdb.Replace("city")); err != nil {
			t.Fatal(err)
		}
		item, err := dom.Get(ctx, "alice", sdb.Consistent())
		if err != nil {
			t.Fatal(err)
		}
		got := item.Attributes.Clone()
		slices.Sort(got["langs"])
		want := sdb.Attributes{"city": {"Lyon"}, "langs": {"de", "en", "fr"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("alice (-want +got):\n%s", diff)
		}
	})

	t.Run("conditional", func(t *testing.T) {
		err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Nice"}}, sdb.Replace(), sdb.IfValue("city", "Paris"))
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "ConditionalCheckFailed" || !sdb.IsConditionFailed(err) {
			t.Fatalf("stale conditional put: %v, want ConditionalCheckFailed", err)
		}
		if err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Nice"}}, sdb.Replace(), sdb.IfValue("city", "Lyon")); err != nil {
			t.Fatalf("fresh conditional put: %v", err)
		}
		if err := dom.Put(ctx, "bob", sdb.Attributes{"city": {"Rome"}}, sdb.IfNotExists("city")); err != nil {
			t.Fatalf("put if absent: %v", err)
		}
	})

	t.Run("batch-select-count", func(t *testing.T) {
		items := make([]sdb.Item, 30)
		for i := range items {
			items[i] = sdb.Item{Name: fmt.Sprintf("n%02d", i), Attributes: sdb.Attributes{"n": {fmt.Sprintf("%02d", i)}, "kind": {"num"}}}
		}
		if err := dom.BatchPut(ctx, items); err != nil {
			t.Fatal(err)
		}
		q, err := sdb.Selectf("select n from %n where kind = %v and n >= %v order by n limit 7", domain, "num", "10")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for it, err := range conn.Select(ctx, q, sdb.Consistent()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, it.Attributes.Get("n"))
		}
		want := make([]string, 0, 20)
		for i := 10; i < 30; i++ {
			want = append(want, fmt.Sprintf("%02d", i))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("paged select (-want +got):\n%s", diff)
		}
		n, err := dom.Count(ctx, sdb.Where("%n = %v", "kind", "num"), sdb.Consistent())
		if err != nil || n != 30 {
			t.Errorf("Count = %d, %v; want 30", n, err)
		}
		if err := dom.BatchDelete(ctx, items[:25]); err != nil {
			t.Fatal(err)
		}
		n, err = dom.Count(ctx, sdb.Where("%n = %v", "kind", "num"), sdb.Consistent())
		if err != nil || n != 5 {
			t.Errorf("Count after BatchDelete = %d, %v; want 5", n, err)
		}
	})

	t.Run("not-found", func(t *testing.T) {
		if _, err := dom.Get(ctx, "nobody", sdb.Consistent()); !goboto.IsNotFound(err) {
			t.Errorf("Get(nobody) = %v, want not found", err)
		}
		// SimpleDB API Reference, DomainMetadata: a domain that does not
		// exist is NoSuchDomain, HTTP 400.
		err := conn.Domain(domain + "-missing").Refresh(ctx)
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "NoSuchDomain" || ae.RequestID == "" || ae.StatusCode != 400 {
			t.Errorf("Refresh of a missing domain = %#v, want NoSuchDomain with a request ID", err)
		}
		// SimpleDB API Reference, GetAttributes: a missing item is an
		// empty success, which Item.Refresh reports as NoSuchItem with
		// that answer's status and request ID.
		item := dom.Item("nobody")
		err = item.Refresh(ctx)
		ae = nil
		if !errors.As(err, &ae) || ae.Code != sdb.NoSuchItem || ae.RequestID == "" || ae.StatusCode != 200 || !goboto.IsNotFound(err) {
			t.Errorf("Item.Refresh of a missing item = %#v, want NoSuchItem with status 200 and a request ID", err)
		}
		if len(item.Attributes) != 0 {
			t.Errorf("a failed Refresh changed the item: %v", item.Attributes)
		}
	})
}

func TestSuiteFake(t *testing.T) {
	srv := sdbtest.Start(t)
	runSuite(t, sdb.New(srv.Config(""), fast()), "goboto-suite")
}
