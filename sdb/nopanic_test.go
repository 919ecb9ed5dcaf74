package sdb_test

import (
	"testing"

	"github.com/goboto/goboto/internal/testutil/nopanic"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, nil options, empty names and cancelled contexts: each
// must return a typed error without panicking and without sending.
//
// The handles are zero ones (new(T), whose connection is nil) and ones a
// working connection made with empty names. The connection itself is one
// with no region, so that its own argument-free calls (Domains) are
// refused locally instead of listing the fake's domains.
func TestNoPanics(t *testing.T) {
	srv := sdbtest.Start(t)
	conn := sdb.New(srv.Config(""))
	noRegion := srv.Config("")
	noRegion.Region = ""
	idle := sdb.New(noRegion)

	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			new(sdb.Conn), idle,
			new(sdb.Domain), conn.Domain(""),
			new(sdb.Item), conn.Domain("").Item(""), conn.Domain("dom").Item(""),
			&sdb.Item{Name: "i"},
			new(sdb.BatchError),
			sdb.Filter{},
			new(sdb.Attributes), // a pointer to a nil map: Set and Add make it
		},
		Funcs: map[string]any{
			"New":               sdb.New,
			"NewConn":           sdb.NewConn,
			"PageSize":          sdb.PageSize,
			"Consistent":        sdb.Consistent,
			"Names":             sdb.Names,
			"Replace":           sdb.Replace,
			"If":                sdb.If,
			"IfValue":           sdb.IfValue,
			"IfNotExists":       sdb.IfNotExists,
			"IsConditionFailed": sdb.IsConditionFailed,
			"QuoteName":         sdb.QuoteName,
			"QuoteValue":        sdb.QuoteValue,
			"Selectf":           sdb.Selectf,
			"Where":             sdb.Where,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
