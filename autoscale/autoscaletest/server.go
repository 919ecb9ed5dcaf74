package autoscaletest

import (
	"testing"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Server is a running fake AutoScaling: the shared fake shell (URL,
// Config, Faults, Calls, ...) around a Backend. It is safe for
// concurrent use.
type Server struct {
	*fakes.Server
	*Backend
}

// New starts a fake AutoScaling, on a free port of 127.0.0.1 over HTTP
// unless opts say otherwise (fakes.WithAddr, fakes.WithTLS). Without
// WithEC2 it has an EC2 backend of its own, which Backend.EC2 returns.
func New(opts ...fakes.Option) (*Server, error) {
	shell, b, err := fake.StartBackend(opts, false, NewBackend)
	if err != nil {
		return nil, err
	}
	return &Server{Server: shell, Backend: b}, nil
}

// Start is New for tests: it fails t if the server cannot start and
// closes the server when t ends.
func Start(t testing.TB, opts ...fakes.Option) *Server {
	t.Helper()
	return fake.StartTest(t, "autoscaletest", New, opts)
}
