package ec2test

import (
	"sync"
	"testing"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// apiVersion is the EC2 API version aws-sdk-go-v2 speaks.
const apiVersion = "2016-11-15"

// queryVersions returns the EC2 API versions by which unsigned or SigV2
// query requests (boto 2 and other old clients) are routed to the fake.
func queryVersions() []string {
	return []string{apiVersion, "2016-09-15", "2015-10-01", "2015-04-15", "2014-10-01", "2014-05-01"}
}

// Server is a running fake EC2: the shared fake shell (URL, Config,
// Faults, Calls, ...) around a Backend. It is safe for concurrent use.
type Server struct {
	*fakes.Server
	*Backend
}

// Backend is EC2's state and request handling, separate from any server so
// that several services can share one server (fakes/localcloud).
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
	// templates are launch templates (launchtemplate.go).
	templates *templateState
	actions   map[string]action
	params    map[string][]paramRule // action -> the parameters it reads (params_table.go)
}

// options are ec2test's own options; fakes.With* set the rest.
type options struct {
	regions []RegionInfo
	manual  bool
}

// WithRegions seeds the region list instead of DefaultRegions.
func WithRegions(rs ...RegionInfo) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.regions = append([]RegionInfo(nil), rs...) })
}

// WithManualTransitions keeps instances, volumes and snapshots in their
// transient states (pending, stopping, creating, ...) until Step moves
// them, so tests can observe every state. See SetManualTransitions.
func WithManualTransitions() fakes.Option {
	return fake.ServiceOption(func(o *options) { o.manual = true })
}

// New starts a fake EC2, on a free port of 127.0.0.1 over HTTP unless
// opts say otherwise (fakes.WithAddr, fakes.WithTLS).
func New(opts ...fakes.Option) (*Server, error) {
	shell, b, err := fake.StartBackend(opts, false, NewBackend)
	if err != nil {
		return nil, err
	}
	return &Server{Server: shell, Backend: b}, nil
}

// Start is New for tests: it fails t if the server cannot start and closes
// the server when t ends.
func Start(t testing.TB, opts ...fakes.Option) *Server {
	t.Helper()
	return fake.StartTest(t, "ec2test", New, opts)
}

// NewBackend returns a fake EC2's state, ready to be mounted with Service.
// Of opts it heeds WithRegions (DefaultRegions otherwise) and
// WithManualTransitions.
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	var o options
	fake.ApplyService(fake.Apply(opts...), &o)
	if len(o.regions) == 0 {
		o.regions = DefaultRegions()
	}
	b := newBackend(o.regions)
	b.SetManualTransitions(o.manual)
	return b, nil
}

func newBackend(rs []RegionInfo) *Backend {
	b := &Backend{zones: map[string][]ZoneInfo{}, compute: newComputeState(), market: newMarketState(),
		templates: newTemplateState()}
	b.network = newNetworkState(b.Zones)
	b.SetRegions(rs)
	b.actions = b.allActions()
	b.params = parseParamTable(paramTable())

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
