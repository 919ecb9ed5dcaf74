package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/sdb"
)

const tourDomain = "goboto-tour"

func sdbChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	db := sdb.New(env.Config)
	t.call("db := sdb.New(cfg)   // %s", db.Region())

	t.call("dom, err := db.CreateDomain(ctx, %q)", tourDomain)
	dom, err := db.CreateDomain(ctx, tourDomain)
	if err != nil {
		return err
	}
	defer func() {
		t.call("dom.Delete(ctx)")
		if derr := dom.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()
	t.result("%s", dom)

	t.call(`dom.Put(ctx, "entry-1", sdb.Attributes{"author": {"mitch"}, "tags": {"boto", "go"}})`)
	if err := dom.Put(ctx, "entry-1", sdb.Attributes{"author": {"mitch"}, "tags": {"boto", "go"}}); err != nil {
		return err
	}
	t.call(`item, err := dom.Get(ctx, "entry-1", sdb.Consistent())`)
	item, err := dom.Get(ctx, "entry-1", sdb.Consistent())
	if err != nil {
		return err
	}
	t.result("%s: author=%v tags=%v", item.Name, item.Attributes["author"], sortedCopy(item.Attributes["tags"]))

	t.printf("\nA conditional put changes an item only if it is as you last saw it:\n")
	t.call(`dom.Put(ctx, "entry-1", sdb.Attributes{"author": {"guido"}}, sdb.Replace(), sdb.IfValue("author", "nobody"))`)
	err = dom.Put(ctx, "entry-1", sdb.Attributes{"author": {"guido"}}, sdb.Replace(), sdb.IfValue("author", "nobody"))
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return fmt.Errorf("conditional put: want an APIError, got %v", err)
	}
	t.result("refused by SimpleDB: %s (HTTP %d), sdb.IsConditionFailed(err) = %v", ae.Code, ae.StatusCode, sdb.IsConditionFailed(err))

	t.printf("\nBatchPut splits work into SimpleDB's limit of 25 items per call:\n")
	items := make([]sdb.Item, 60)
	for i := range items {
		items[i] = sdb.Item{Name: fmt.Sprintf("entry-%03d", i+2), Attributes: sdb.Attributes{
			"author": {[]string{"mitch", "ada", "linus"}[i%3]},
			"n":      {fmt.Sprintf("%03d", i+2)},
		}}
	}
	calls := env.CountCalls("BatchPutAttributes")
	t.call("dom.BatchPut(ctx, items)   // %d items", len(items))
	if err := dom.BatchPut(ctx, items); err != nil {
		return err
	}
	if n, ok := calls(); ok {
		t.result("%d BatchPutAttributes requests", n)
	}

	t.printf("\nSelectf quotes names and values, so user input can never change the query:\n")
	hostile := "x' or author != '"
	q, err := sdb.Selectf("select * from %n where author = %v", tourDomain, hostile)
	if err != nil {
		return err
	}
	t.call("sdb.Selectf(\"select * from %%n where author = %%v\", %q, %q)", tourDomain, hostile)
	t.result("%s", q)
	matched, err := goboto.Collect(db.Select(ctx, q, sdb.Consistent()))
	if err != nil {
		return err
	}
	t.result("%d items match (the whole value was compared, quotes and all)", len(matched))

	q, _ = sdb.Selectf("select count(*) from %n where author = %v", tourDomain, "ada")
	t.call("db.Select(ctx, %q, sdb.Consistent())", q)
	for it, err := range db.Select(ctx, q, sdb.Consistent()) {
		if err != nil {
			return err
		}
		t.result("%s: Count=%s", it.Name, it.Attributes.Get("Count"))
	}

	t.printf("\nSelect is an iterator: it fetches the next page only when the loop needs it:\n")
	q, _ = sdb.Selectf("select n from %n where n > %v order by n limit 5", tourDomain, "040")
	pages := env.CountCalls("Select")
	t.call("for item, err := range db.Select(ctx, %q) { ... break after 7 }", q)
	var seen []string
	for it, err := range db.Select(ctx, q, sdb.Consistent()) {
		if err != nil {
			return err
		}
		seen = append(seen, it.Attributes.Get("n"))
		if len(seen) == 7 {
			break
		}
	}
	t.result("n = %s", strings.Join(seen, " "))
	if n, ok := pages(); ok {
		t.result("%d Select requests for 7 items at 5 per page", n)
	}

	t.printf("\nMistakes are caught before anything is sent:\n")
	sent := env.CountCalls("")
	t.call("dom.Put(ctx, strings.Repeat(\"x\", 2000), attrs)")
	err = dom.Put(ctx, strings.Repeat("x", 2000), sdb.Attributes{"a": {"b"}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("want a ValidationError, got %v", err)
	}
	t.result("*goboto.ValidationError: field %s, rule %q", ve.Field, ve.Rule)
	if n, ok := sent(); ok {
		t.result("requests sent: %d", n)
	}

	t.call("dom.Refresh(ctx)   // DomainMetadata")
	if err := dom.Refresh(ctx); err != nil {
		return err
	}
	t.result("dom.Metadata: %d items, %d attribute values", dom.Metadata.ItemCount, dom.Metadata.AttributeValueCount)
	return nil
}

func sortedCopy(v []string) []string {
	out := slices.Clone(v)
	slices.Sort(out)
	return out
}
