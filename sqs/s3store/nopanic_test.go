package s3store_test

import (
	"testing"

	"github.com/goboto/goboto/internal/testutil/nopanic"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
	"github.com/goboto/goboto/sqs/s3store"
)

// TestNoPanics calls every exported function and method with zero
// values and cancelled contexts, on stores over no bucket and over a
// bucket with an empty name: each returns a *goboto.ValidationError or
// the context's error, and nothing reaches S3.
func TestNoPanics(t *testing.T) {
	srv := s3test.Start(t)
	empty := s3.New(srv.Config("")).Bucket("")
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			s3store.Bodies(nil, ""), s3store.Bodies(empty, ""),
			s3store.Archive(nil, ""), s3store.Archive(empty, "p"),
			s3store.Pointer{},
		},
		Funcs: map[string]any{"Bodies": s3store.Bodies, "Archive": s3store.Archive, "ParsePointer": s3store.ParsePointer},
		Sent:  func() int { return len(srv.Calls()) },
	})
}
