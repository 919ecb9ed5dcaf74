package sdbtest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/internal/fake"
)

// Option configures a Server or a Backend.
type Option func(*config)

type config struct {
	region   string
	creds    []fake.Credential
	clock    func() time.Time
	seed     int64
	tls      bool
	addr     string
	eventual bool
	delay    time.Duration
}

func newConfig(opts []Option) *config {
	c := &config{region: fake.DefaultRegion}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithRegion sets the region of requests whose Host names none (the
// server's own address); the default is us-east-1.
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithCredentials replaces the built-in test credentials. The first one's
// account is the main account of Config and of the seeding methods.
func WithCredentials(creds []fake.Credential) Option {
	return func(c *config) { c.creds = append([]fake.Credential(nil), creds...) }
}

// WithClock sets the server's clock, which checks request times and
// times eventual consistency.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithSeed makes probabilistic faults reproducible.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithTLS serves HTTPS with a self-signed certificate that Config's HTTP
// client trusts.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithAddr listens on addr ("127.0.0.1:8080") rather than a free port.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithEventualConsistency makes reads without ConsistentRead=true see a
// write only once delay has passed on the server's clock, or after
// Settle. A delay of zero or less means only Settle makes writes visible.
// Consistent reads, and the seeding methods, always see the latest data.
func WithEventualConsistency(delay time.Duration) Option {
	return func(c *config) { c.eventual, c.delay = true, delay }
}

// Server is a running SimpleDB fake. It is safe for concurrent use.
type Server struct {
	*Backend
	srv  *fake.Server
	main fake.Credential
}

// New starts a SimpleDB fake on 127.0.0.1 and a free port (or the
// address WithAddr gave).
func New(opts ...Option) (*Server, error) {
	c := newConfig(opts)
	b := NewBackend(opts...)
	srv := fake.NewServer(fake.Options{
		Credentials:   c.creds,
		DefaultRegion: c.region,
		Now:           c.clock,
		Seed:          c.seed,
	}, b.Service())
	var err error
	switch {
	case c.tls:
		err = srv.StartTLS()
	case c.addr != "":
		err = srv.StartAt(c.addr)
	default:
		err = srv.Start()
	}
	if err != nil {
		return nil, err
	}
	return &Server{Backend: b, srv: srv, main: srv.Credentials()[0]}, nil
}

// Start is New for tests: it fails t on error and closes the server when
// t ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("sdbtest: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// URL returns the server's base URL.
func (s *Server) URL() string { return s.srv.URL() }

// Close stops the server and waits for requests in flight.
func (s *Server) Close() error { return s.srv.Close() }

// Config returns an aws.Config for the main test account in the default
// region: static credentials, BaseEndpoint set to URL, and an HTTP client
// that trusts the server. goboto's sdb client reaches another region R
// through it by sending Host sdb.R.amazonaws.com.
func (s *Server) Config() aws.Config { return s.srv.Config(s.srv.DefaultRegion(), s.main) }

// ConfigFor returns an aws.Config for account in region, using the
// account's first long-term credentials (fake.OtherAccountID is built in).
// An empty account means the main one. It panics for an account the
// server does not know.
func (s *Server) ConfigFor(account, region string) aws.Config {
	return s.srv.Config(region, s.credential(account))
}

func (s *Server) credential(account string) fake.Credential {
	if account == "" {
		return s.main
	}
	for _, c := range s.srv.Credentials() {
		if c.AccountID == account && c.SessionToken == "" {
			return c
		}
	}
	for _, c := range s.srv.Credentials() {
		if c.AccountID == account {
			return c
		}
	}
	panic("sdbtest: no credentials for account " + account)
}

// Account returns the main test account's ID.
func (s *Server) Account() string { return s.main.AccountID }

// Faults returns the fault rules, to slow down, throttle or fail requests
// by operation, region or account.
func (s *Server) Faults() *fake.Faults { return s.srv.Faults() }

// Calls returns every request received so far.
func (s *Server) Calls() []fake.Call { return s.srv.Calls() }

// ResetCalls forgets the recorded calls.
func (s *Server) ResetCalls() { s.srv.ResetCalls() }

// Fake returns the underlying fake.Server.
func (s *Server) Fake() *fake.Server { return s.srv }

// CreateDomain creates a domain for the main account in region.
func (s *Server) CreateDomain(region, name string) error {
	return s.Backend.CreateDomain(s.main.AccountID, region, name)
}

// Put stores attrs in an item of the main account's domain in region;
// see Backend.Put.
func (s *Server) Put(region, domain, item string, attrs map[string][]string) error {
	return s.Backend.Put(s.main.AccountID, region, domain, item, attrs)
}

// Item returns an item of the main account's domain in region as a
// consistent read sees it.
func (s *Server) Item(region, domain, item string) (map[string][]string, bool) {
	return s.Backend.Item(s.main.AccountID, region, domain, item)
}

// Domains returns the main account's domains in region, sorted.
func (s *Server) Domains(region string) []string {
	return s.Backend.Domains(s.main.AccountID, region)
}
