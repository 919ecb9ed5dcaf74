package rdstest

import (
	"testing"
	"time"

	"github.com/goboto/goboto/fakes"
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
// otherwise. It is zero, as in ec2test: a change finishes before the next
// request is served, so CreateDBInstance answers "creating" and the next
// DescribeDBInstances says "available". A waiter's first look then finds
// the state it waits for and never sleeps. WithTransitionDelay or
// WithManualTransitions let a test watch each step.
const DefaultTransitionDelay time.Duration = 0

// Server is a running fake RDS: the shared fake shell (URL, Config,
// Faults, Calls, ...) around a Backend. It is safe for concurrent use.
type Server struct {
	*fakes.Server
	*Backend
}

// options are rdstest's own options; fakes.With* set the rest.
type options struct {
	clock  func() time.Time
	manual bool
	auto   bool
	delay  time.Duration
	// lookup and defaults are WithSubnets'.
	lookup   SubnetLookup
	defaults DefaultSubnetsFunc
}

func buildOptions(opts []fakes.Option) options {
	s := fake.Apply(opts...)
	o := options{delay: DefaultTransitionDelay, clock: s.Clock}
	fake.ApplyService(s, &o)
	return o
}

// WithManualTransitions keeps DB instances, snapshots and security group
// authorizations in their transient states (creating, backing-up,
// modifying, rebooting, deleting, authorizing, ...) until Step moves them,
// so tests can observe every state.
func WithManualTransitions() fakes.Option {
	return fake.ServiceOption(func(o *options) { o.manual = true })
}

// WithAutomatedSnapshots makes new and restored instances with a backup
// retention period take an automated snapshot, rds:<id>-<yyyy-mm-dd-hh-mm>,
// while they are backing-up, as RDS does. They are off by default so that
// DescribeDBSnapshots lists only what a test made. Automated snapshots
// cannot be deleted or shared, and go with their instance.
func WithAutomatedSnapshots() fakes.Option {
	return fake.ServiceOption(func(o *options) { o.auto = true })
}

// WithTransitionDelay sets how long each step of a state change takes on
// the server's clock when transitions are not manual. Zero finishes every
// change before the next request is served.
func WithTransitionDelay(d time.Duration) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.delay = max(d, 0) })
}

// New starts a fake RDS, on a free port of 127.0.0.1 over HTTP unless
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
	return fake.StartTest(t, "rdstest", New, opts)
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
