package sdb_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// These tests run the whole stack (sdb, internal/query, SigV2, retries)
// against the in-process SimpleDB fake.

func fast() goboto.Option { return goboto.WithRetry(3, time.Millisecond) }

func TestFakeDomainLifecycle(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""), fast())
	ctx := context.Background()
	for _, name := range []string{"users", "books", "a.b-c_d"} {
		if _, err := conn.CreateDomain(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	for d, err := range conn.Domains(ctx, sdb.PageSize(2)) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, d.Name())
	}
	slices.Sort(names)
	if diff := cmp.Diff([]string{"a.b-c_d", "books", "users"}, names); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
	if err := conn.Domain("books").Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.b-c_d", "users"}, srv.Domains(srv.Account(), "us-east-1")); diff != "" {
		t.Errorf("fake's domains after delete (-want +got):\n%s", diff)
	}
	err := conn.Domain("books").Refresh(ctx)
	if !goboto.IsNotFound(err) {
		t.Errorf("Refresh of a deleted domain: %v, want NoSuchDomain", err)
	}
}

func TestFakeItems(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""), fast())
	ctx := context.Background()
	dom, err := conn.CreateDomain(ctx, "users")
	if err != nil {
		t.Fatal(err)
	}
	if err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}, "langs": {"fr", "en"}, "odd": {"it's \"x\" \x01 é"}}); err != nil {
		t.Fatal(err)
	}
	// Replace one attribute, add to another.
	if err := dom.Put(ctx, "alice", sdb.Attributes{"city": {"Lyon"}, "langs": {"de"}}, sdb.Replace("city")); err != nil {
		t.Fatal(err)
	}
	item, err := dom.Get(ctx, "alice", sdb.Consistent())
	if err != nil {
		t.Fatal(err)
	}
	got := item.Attributes
	for _, vs := range got {
		slices.Sort(vs)
	}
	want := sdb.Attributes{"city": {"Lyon"}, "langs": {"de", "en", "fr"}, "odd": {"it's \"x\" \x01 é"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if item.Domain() != dom {
		t.Error("Get's item does not know its domain")
	}

	some, err := dom.Get(ctx, "alice", sdb.Names("city"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sdb.Attributes{"city": {"Lyon"}}, some.Attributes); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}

	if _, err := dom.Get(ctx, "bob"); !goboto.IsNotFound(err) {
		t.Errorf("Get(bob) = %v, want not found", err)
	}

	if err := dom.DeleteAttributes(ctx, "alice", sdb.Attributes{"langs": {"fr"}, "odd": nil}); err != nil {
		t.Fatal(err)
	}
	left, _ := srv.Item(srv.Account(), "us-east-1", "users", "alice")
	for _, vs := range left {
		slices.Sort(vs)
	}
	if diff := cmp.Diff(map[string][]string{"city": {"Lyon"}, "langs": {"de", "en"}}, left); diff != "" {
		t.Errorf("after DeleteAttributes (-want +got):\n%s", diff)
	}
	if err := item.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Item(srv.Account(), "us-east-1", "users", "alice"); ok {
		t.Error("item still there after Item.Delete")
	}
}

func TestFakeConditions(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""), fast())
	ctx := context.Background()
	dom, err := conn.CreateDomain(ctx, "docs")
	if err != nil {
		t.Fatal(err)
	}
	create := sdb.Attributes{"version": {"1"}, "body": {"v1"}}
	if err := dom.Put(ctx, "doc", create, sdb.IfNotExists("version")); err != nil {
		t.Fatal(err)
	}
	err = dom.Put(ctx, "doc", create, sdb.IfNotExists("version"))
	if !sdb.IsConditionFailed(err) {
		t.Errorf("second create: %v, want a failed condition", err)
	}
	// Optimistic concurrency: bump the version only from the one read.
	update := sdb.Attributes{"version": {"2"}, "body": {"v2"}}
	if err := dom.Put(ctx, "doc", update, sdb.Replace(), sdb.IfValue("version", "1")); err != nil {
		t.Fatal(err)
	}
	err = dom.Put(ctx, "doc", sdb.Attributes{"version": {"3"}}, sdb.Replace(), sdb.IfValue("version", "1"))
	if !sdb.IsConditionFailed(err) {
		t.Errorf("stale update: %v, want a failed condition", err)
	}
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Operation != "PutAttributes" || ae.RequestID == "" {
		t.Errorf("stale update error = %#v", err)
	}
	if err := dom.DeleteAttributes(ctx, "doc", nil, sdb.IfValue("version", "2")); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Item(srv.Account(), "us-east-1", "docs", "doc"); ok {
		t.Error("conditional delete left the item")
	}
}

func TestFakeBatchAndSelect(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""), fast())
	ctx := context.Background()
	dom, err := conn.CreateDomain(ctx, "books")
	if err != nil {
		t.Fatal(err)
	}
	items := make([]sdb.Item, 60)
	for i := range items {
		items[i] = sdb.Item{Name: fmt.Sprintf("book%02d", i), Attributes: sdb.Attributes{
			"year":   {fmt.Sprintf("%04d", 1950+i)},
			"author": {[]string{"Herbert", "Le Guin", "O'Brien"}[i%3]},
		}}
	}
	if err := dom.BatchPut(ctx, items, sdb.Replace()); err != nil {
		t.Fatal(err)
	}
	var batches int
	for _, c := range srv.Calls() {
		if c.Operation == "BatchPutAttributes" {
			batches++
		}
	}
	if batches != 3 {
		t.Errorf("BatchPutAttributes calls = %d, want 3", batches)
	}

	if err := dom.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if md := dom.Metadata; md.ItemCount != 60 || md.AttributeValueCount != 120 {
		t.Errorf("metadata = %+v", md)
	}

	// A value holding a quote selects only what it says.
	q := sdb.Where("%n = %v and %n >= %v order by %n limit 7", "author", "O'Brien", "year", "1960", "year")
	var got []string
	for it, err := range dom.Select(ctx, q, sdb.Consistent()) {
		if err != nil {
			t.Fatal(err)
		}
		if it.Domain() != dom {
			t.Error("selected item does not know its domain")
		}
		got = append(got, it.Name+"/"+it.Get("year"))
	}
	var want []string
	for i := 11; i < 60; i += 3 {
		want = append(want, fmt.Sprintf("book%02d/%04d", i, 1950+i))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("select (-want +got):\n%s", diff)
	}

	n, err := dom.Count(ctx, sdb.Where("%n = %v", "author", "O'Brien"))
	if err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Errorf("Count = %d, want 20", n)
	}

	// An injection attempt is just a value that matches nothing.
	hostile := sdb.Where("%n = %v", "author", "x' or author != '")
	if c, err := dom.Count(ctx, hostile); err != nil || c != 0 {
		t.Errorf("hostile Count = %d, %v; want 0", c, err)
	}

	// Conn.Select with a Selectf expression, stopped early: no more pages.
	expr, err := sdb.Selectf("select * from %n where %n > %v order by %n limit 5", dom, "year", "1900", "year")
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	var first []string
	for it, err := range conn.Select(ctx, expr) {
		if err != nil {
			t.Fatal(err)
		}
		if it.Domain() == nil || it.Domain().Name() != "books" {
			t.Errorf("item domain = %v", it.Domain())
		}
		first = append(first, it.Name)
		if len(first) == 7 {
			break
		}
	}
	if len(first) != 7 || len(srv.Calls()) != 2 {
		t.Errorf("read %d items in %d calls, want 7 in 2", len(first), len(srv.Calls()))
	}

	if err := dom.BatchDelete(ctx, items[:30]); err != nil {
		t.Fatal(err)
	}
	if n, err := dom.Count(ctx, sdb.Filter{}, sdb.Consistent()); err != nil || n != 30 {
		t.Errorf("Count after BatchDelete = %d, %v; want 30", n, err)
	}
}

func TestFakeRegions(t *testing.T) {
	srv := sdbtest.Start(t)
	ctx := context.Background()
	east := sdb.New(srv.Config(""), fast())
	cfg := srv.Config("")
	cfg.Region = "eu-west-1"
	west := sdb.New(cfg, fast())
	if _, err := east.CreateDomain(ctx, "east-only"); err != nil {
		t.Fatal(err)
	}
	if _, err := west.CreateDomain(ctx, "west-only"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"east-only"}, srv.Domains(srv.Account(), "us-east-1")); diff != "" {
		t.Errorf("us-east-1 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"west-only"}, srv.Domains(srv.Account(), "eu-west-1")); diff != "" {
		t.Errorf("eu-west-1 (-want +got):\n%s", diff)
	}
	for _, c := range srv.Calls() {
		if c.SigVersion != 2 {
			t.Errorf("call %s signed with version %d", c.Operation, c.SigVersion)
		}
	}
}

func TestFakeSessionCredentials(t *testing.T) {
	srv := sdbtest.Start(t)
	cfg := srv.Config("")
	cfg.Credentials = aws.NewCredentialsCache(staticProvider(fake.SessionAccessKey, fake.SessionSecretKey, fake.SessionTokenValue))
	conn := sdb.New(cfg, fast())
	if _, err := conn.CreateDomain(context.Background(), "temp"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"temp"}, srv.Domains(srv.Account(), "us-east-1")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A wrong token is refused by the fake, so the token really is checked.
	cfg.Credentials = staticProvider(fake.SessionAccessKey, fake.SessionSecretKey, "not-the-token")
	_, err := sdb.New(cfg, fast()).CreateDomain(context.Background(), "temp2")
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Errorf("wrong token: %v, want an APIError", err)
	}
}

func TestFakeRefreshingCredentials(t *testing.T) {
	srv := sdbtest.Start(t)
	srv.Faults().Add(fake.Fault{Service: "sdb", Operation: "CreateDomain", Kind: fake.Throttle, Times: 1})
	p := &expiringProvider{keys: [][2]string{
		{fake.TestAccessKeyID, fake.TestSecretKey},
		{fake.OtherAccessKeyID, fake.OtherSecretKey},
	}}
	cfg := srv.Config("")
	cfg.Credentials = p
	if _, err := sdb.New(cfg, fast()).CreateDomain(context.Background(), "rotated"); err != nil {
		t.Fatal(err)
	}
	var accounts []string
	for _, c := range srv.Calls() {
		accounts = append(accounts, c.Account+"/"+fmt.Sprint(c.Status))
	}
	want := []string{fake.TestAccountID + "/503", fake.OtherAccountID + "/200"}
	if diff := cmp.Diff(want, accounts); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestFakeThrottleRetried(t *testing.T) {
	srv := sdbtest.Start(t)
	ctx := context.Background()
	conn := sdb.New(srv.Config(""), goboto.WithRetry(4, time.Millisecond))
	dom, err := conn.CreateDomain(ctx, "busy")
	if err != nil {
		t.Fatal(err)
	}
	srv.Faults().Add(fake.Fault{Operation: "PutAttributes", Kind: fake.Throttle, Times: 3})
	srv.ResetCalls()
	if err := dom.Put(ctx, "i", sdb.Attributes{"a": {"1"}}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Calls()); n != 4 {
		t.Errorf("calls = %d, want 4", n)
	}

	srv.Faults().Add(fake.Fault{Operation: "PutAttributes", Kind: fake.Throttle})
	err = dom.Put(ctx, "i", sdb.Attributes{"a": {"2"}})
	var ae *goboto.APIError
	if !goboto.IsThrottled(err) || !errors.As(err, &ae) || ae.Code != "ServiceUnavailable" || ae.StatusCode != 503 {
		t.Errorf("err = %v, want ServiceUnavailable 503", err)
	}
}

func TestFakeLoggerRedacts(t *testing.T) {
	srv := sdbtest.Start(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := srv.Config("")
	cfg.Credentials = staticProvider(fake.SessionAccessKey, fake.SessionSecretKey, fake.SessionTokenValue)
	conn := sdb.New(cfg, fast(), goboto.WithLogger(logger))
	if _, err := conn.CreateDomain(context.Background(), "logged"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "CreateDomain") {
		t.Errorf("log lacks the action:\n%s", out)
	}
	for _, secret := range []string{fake.SessionAccessKey, fake.SessionSecretKey, fake.SessionTokenValue} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

func TestFakeValidationSendsNothing(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""), fast())
	err := conn.Domain("ok-domain").Put(context.Background(), "i", sdb.Attributes{"a": {strings.Repeat("v", 1025)}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("calls = %d, want 0", n)
	}
}
