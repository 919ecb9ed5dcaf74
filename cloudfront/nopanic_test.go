package cloudfront_test

import (
	"testing"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil/nopanic"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t)
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listings that need no argument.
			new(cloudfront.Conn),
			conn.Distribution(""), new(cloudfront.Distribution),
			conn.Distribution("").Invalidation(""), new(cloudfront.Invalidation),
			conn.StreamingDistribution(""), new(cloudfront.StreamingDistribution),
			new(cloudfront.StreamingObject), conn.StreamingDistribution("").Object(""),
			new(cloudfront.DistributionConfig), new(cloudfront.StreamingDistributionConfig),
		},
		Funcs: map[string]any{
			"New": cloudfront.New, "NewConn": cloudfront.NewConn, "WithClientOptions": cloudfront.WithClientOptions,
			"GlobalRegion": cloudfront.GlobalRegion, "PageSize": cloudfront.PageSize,
			"ValidPathPattern": cloudfront.ValidPathPattern,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
