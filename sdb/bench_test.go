package sdb_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// BenchmarkPutAttributes measures one PutAttributes through the whole
// stack: validation, form encoding, SigV2 signing, the HTTP round trip to
// sdbtest over loopback, and decoding the answer.
func BenchmarkPutAttributes(b *testing.B) {
	srv := sdbtest.Start(b)
	ctx := context.Background()
	conn := sdb.New(srv.Config())
	dom, err := conn.CreateDomain(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	attrs := sdb.Attributes{
		"title":  {"The Left Hand of Darkness"},
		"author": {"Ursula K. Le Guin"},
		"year":   {"1969"},
		"tags":   {"sf", "classic", "hugo"},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := dom.Put(ctx, "item"+strconv.Itoa(i%1000), attrs, sdb.Replace()); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
