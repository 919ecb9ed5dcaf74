package sdbtest

import (
	"testing"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// options are sdbtest's own options; fakes.With* set the rest.
type options struct {
	eventual bool
	delay    time.Duration
}

// WithEventualConsistency makes reads without ConsistentRead=true see a
// write only once delay has passed on the server's clock, or after
// Settle. A delay of zero or less means only Settle makes writes visible.
// Consistent reads, and the seeding methods, always see the latest data.
func WithEventualConsistency(delay time.Duration) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.eventual, o.delay = true, delay })
}

// Server is a running SimpleDB fake: the shared fake shell (URL, Config,
// Faults, Calls, ...) around a Backend. It is safe for concurrent use.
//
// goboto's sdb client reaches another region R through Config by sending
// Host sdb.R.amazonaws.com, since SigV2 carries no region.
type Server struct {
	*fakes.Server
	*Backend
}

// New starts a SimpleDB fake, on a free port of 127.0.0.1 over HTTP
// unless opts say otherwise (fakes.WithAddr, fakes.WithTLS).
func New(opts ...fakes.Option) (*Server, error) {
	shell, b, err := fake.StartBackend(opts, false, NewBackend)
	if err != nil {
		return nil, err
	}
	return &Server{Server: shell, Backend: b}, nil
}

// Start is New for tests: it fails t on error and closes the server when
// t ends.
func Start(t testing.TB, opts ...fakes.Option) *Server {
	t.Helper()
	return fake.StartTest(t, "sdbtest", New, opts)
}
