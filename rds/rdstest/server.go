package rdstest

import (
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/internal/fake"
)

// apiVersion is the RDS API version aws-sdk-go-v2 and botocore speak.
const apiVersion = "2014-10-31"

// botoVersion is the RDS API version boto 2.49's boto.rds speaks. Its
// requests are served as 2014-10-31 ones: boto reads the elements it
// knows by name and skips the rest, and examples/localcloud's boto 2 test
// checks the calls it makes (instances, parameter groups, a not-found
// error).
const botoVersion = "2013-05-15"

// namespace is the xmlns of RDS's answers and error documents.
const namespace = "http://rds.amazonaws.com/doc/" + apiVersion + "/"

// DefaultTransitionDelay is how long each step of a state change (creating
// → backing-up → available, ...) takes unless WithTransitionDelay says
// otherwise: short enough for a client's Wait to finish quickly in tests.
const DefaultTransitionDelay = 100 * time.Millisecond

// Server is a running fake RDS. It is safe for concurrent use.
type Server struct {
	*Backend
	fake *fake.Server
}

// Option configures a Server (and, for NewBackend, a Backend).
type Option func(*options)

type options struct {
	server fake.Options
	tls    bool
	manual bool
	auto   bool
	delay  time.Duration
}

func buildOptions(opts []Option) options {
	o := options{delay: DefaultTransitionDelay}
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// WithServerOptions sets the shared fake server's options: credentials,
// default region, clock, seed and logger.
func WithServerOptions(o fake.Options) Option { return func(opts *options) { opts.server = o } }

// WithTLS serves HTTPS with a self-signed certificate that Config trusts.
func WithTLS() Option { return func(opts *options) { opts.tls = true } }

// WithManualTransitions keeps DB instances, snapshots and security group
// authorizations in their transient states (creating, backing-up,
// modifying, rebooting, deleting, authorizing, ...) until Step moves them,
// so tests can observe every state.
func WithManualTransitions() Option { return func(opts *options) { opts.manual = true } }

// WithAutomatedSnapshots makes new and restored instances with a backup
// retention period take an automated snapshot, rds:<id>-<yyyy-mm-dd-hh-mm>,
// while they are backing-up, as RDS does. They are off by default so that
// DescribeDBSnapshots lists only what a test made. Automated snapshots
// cannot be deleted or shared, and go with their instance.
func WithAutomatedSnapshots() Option { return func(opts *options) { opts.auto = true } }

// WithTransitionDelay sets how long each step of a state change takes on
// the server's clock when transitions are not manual. Zero finishes every
// change before the next request is served.
func WithTransitionDelay(d time.Duration) Option {
	return func(opts *options) {
		if d < 0 {
			d = 0
		}
		opts.delay = d
	}
}

// New starts a fake RDS on a free port of 127.0.0.1.
func New(opts ...Option) (*Server, error) {
	o := buildOptions(opts)
	s := &Server{Backend: newBackend(o)}
	s.fake = fake.NewServer(o.server, s.Service())
	start := s.fake.Start
	if o.tls {
		start = s.fake.StartTLS
	}
	if err := start(); err != nil {
		return nil, err
	}
	return s, nil
}

// Start is New for tests: it fails t if the server cannot start and closes
// the server when t ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("rdstest: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Service returns the fake RDS as a fake.Service, so a shared fake server
// (internal/localcloud) can host it next to other services. Its state is
// this Backend's.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "rds",
		Protocol:      fake.Query,
		XMLNamespace:  namespace,
		QueryVersions: []string{apiVersion, botoVersion},
		HostPrefix:    "rds",
		Handle:        b.handle,
	}
}

// URL returns the server's base URL.
func (s *Server) URL() string { return s.fake.URL() }

// Config returns an aws.Config for the server's first test account in its
// default region.
func (s *Server) Config() aws.Config {
	return s.ConfigFor(s.fake.Credentials()[0], s.fake.DefaultRegion())
}

// ConfigFor returns an aws.Config that signs as cred in region.
func (s *Server) ConfigFor(cred fake.Credential, region string) aws.Config {
	return s.fake.Config(region, cred)
}

// HTTPClient returns a client that trusts the server's certificate. It
// sends a copy of each small request body rather than the caller's
// stream, which spares aws-sdk-go-v2 clients a race on fast servers that
// otherwise closes the connection under an answer ("use of closed network
// connection", aws/aws-sdk-go-v2#2737). Config uses this client.
func (s *Server) HTTPClient() *http.Client { return s.fake.HTTPClient() }

// Faults returns the server's fault rules: add one to make matching
// requests fail, throttle or stall.
func (s *Server) Faults() *fake.Faults { return s.fake.Faults() }

// Calls returns every request the server has received, in order.
func (s *Server) Calls() []fake.Call { return s.fake.Calls() }

// ResetCalls forgets the recorded calls.
func (s *Server) ResetCalls() { s.fake.ResetCalls() }

// Close stops the server and waits for requests in flight.
func (s *Server) Close() error { return s.fake.Close() }
