package ec2test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/internal/fake"
)

// apiVersion is the EC2 API version aws-sdk-go-v2 speaks.
const apiVersion = "2016-11-15"

// queryVersions returns the EC2 API versions by which unsigned or SigV2
// query requests (boto 2 and other old clients) are routed to the fake.
func queryVersions() []string {
	return []string{apiVersion, "2016-09-15", "2015-10-01", "2015-04-15", "2014-10-01", "2014-05-01"}
}

// Server is a running fake EC2. It is safe for concurrent use.
type Server struct {
	*Backend
	fake *fake.Server
}

// Backend is EC2's state and request handling, separate from any server so
// that several services can share one fake.Server (examples/localcloud).
// It is safe for concurrent use.
type Backend struct {
	mu      sync.RWMutex
	regions []RegionInfo          // sorted by name
	zones   map[string][]ZoneInfo // region -> zones, set by SetZones

	// Each resource family keeps its own state and registers its own
	// actions (see actions in service.go).
	compute *computeState // instances, volumes, snapshots, images, tags (compute.go)
	network *networkState // security groups, key pairs, addresses (network.go)
	market  *marketState  // Reserved Instance offerings and purchases (market.go)
	actions map[string]action
}

// Option configures a Server.
type Option func(*options)

type options struct {
	server  fake.Options
	regions []RegionInfo
	tls     bool
	manual  bool
}

// WithServerOptions sets the shared fake server's options: credentials,
// default region, clock, seed and logger.
func WithServerOptions(o fake.Options) Option { return func(opts *options) { opts.server = o } }

// WithRegions seeds the region list instead of DefaultRegions.
func WithRegions(rs ...RegionInfo) Option {
	return func(opts *options) { opts.regions = append([]RegionInfo(nil), rs...) }
}

// WithTLS serves HTTPS with a self-signed certificate that Config trusts.
func WithTLS() Option { return func(opts *options) { opts.tls = true } }

// WithManualTransitions keeps instances, volumes and snapshots in their
// transient states (pending, stopping, creating, ...) until Step moves
// them, so tests can observe every state. See SetManualTransitions.
func WithManualTransitions() Option { return func(opts *options) { opts.manual = true } }

// New starts a fake EC2 on a free port of 127.0.0.1.
func New(opts ...Option) (*Server, error) {
	var o options
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.regions == nil {
		o.regions = DefaultRegions()
	}
	s := &Server{Backend: newBackend(o.regions)}
	s.SetManualTransitions(o.manual)
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
		t.Fatalf("ec2test: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// NewBackend returns a fake EC2's state, seeded with rs (DefaultRegions
// when none are given), ready to be mounted with Service.
func NewBackend(rs ...RegionInfo) *Backend {
	if len(rs) == 0 {
		rs = DefaultRegions()
	}
	return newBackend(rs)
}

func newBackend(rs []RegionInfo) *Backend {
	b := &Backend{zones: map[string][]ZoneInfo{}, compute: newComputeState(), network: newNetworkState(),
		market: newMarketState()}
	b.SetRegions(rs)
	b.actions = b.allActions()
	return b
}

// Service returns the fake EC2 as a fake.Service, so a shared fake server
// (examples/localcloud) can host it next to other services. Its state is
// this Backend's.
func (s *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "ec2",
		Protocol:      fake.EC2,
		XMLNamespace:  namespace(apiVersion),
		QueryVersions: queryVersions(),
		SigV2:         true,
		HostPrefix:    "ec2",
		Handle:        s.handle,
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
