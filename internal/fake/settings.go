package fake

import (
	"log/slog"
	"sync"
	"time"
)

// Settings are what every service fake and the local cloud take, through
// Option values: where to listen, TLS, the accounts it knows, its clock,
// its default region, its logger and its fault seed. Options only one
// fake understands ride along in the same list (ServiceOption), so one
// []Option configures every backend of a local cloud at once.
type Settings struct {
	// Addr is the listening address; "" means a free port of 127.0.0.1.
	Addr string
	// TLS serves HTTPS with a certificate made at start that the
	// server's HTTP client trusts. nil means the fake's own default.
	TLS *bool
	// Credentials are the accounts the fake knows; nil means
	// DefaultCredentials(). The first is the main account of Config.
	Credentials []Credential
	// Clock is the fake's clock; nil means time.Now.
	Clock func() time.Time
	// DefaultRegion is the region of requests that name none, and of
	// Config(""); "" means us-east-1.
	DefaultRegion string
	// Logger receives debug records of each request; nil discards them.
	Logger *slog.Logger
	// Seed makes probabilistic faults reproducible.
	Seed int64
	// MaxSkew is how far a request's signing time may be from Clock; 0
	// means 15 minutes, as AWS allows.
	MaxSkew time.Duration

	service []any // func(*T) for some fake's own option struct T
}

// Option changes Settings.
type Option func(*Settings)

// Apply folds opts into fresh Settings.
func Apply(opts ...Option) Settings {
	var s Settings
	for _, fn := range opts {
		if fn != nil {
			fn(&s)
		}
	}
	return s
}

// ServiceOption makes an Option out of a change to one fake's own option
// struct T. Fakes that do not use T ignore it, which lets a local cloud
// hand every backend the same options.
func ServiceOption[T any](fn func(*T)) Option {
	return func(s *Settings) { s.service = append(s.service, fn) }
}

// ApplyService applies, in order, the ServiceOptions of s meant for T.
func ApplyService[T any](s Settings, cfg *T) {
	for _, f := range s.service {
		if fn, ok := f.(func(*T)); ok && fn != nil {
			fn(cfg)
		}
	}
}

// TLSOr returns whether to serve TLS: s.TLS when set, else def.
func (s Settings) TLSOr(def bool) bool {
	if s.TLS != nil {
		return *s.TLS
	}
	return def
}

// ServerOptions returns the Options a Server is built from.
func (s Settings) ServerOptions() Options {
	return Options{Credentials: s.Credentials, DefaultRegion: s.DefaultRegion, Now: s.Clock, Seed: s.Seed, Logger: s.Logger, MaxSkew: s.MaxSkew}
}

// WithAddr listens on addr ("127.0.0.1:8080") rather than a free port.
func WithAddr(addr string) Option { return func(s *Settings) { s.Addr = addr } }

// WithTLS turns HTTPS on or off.
func WithTLS(on bool) Option { return func(s *Settings) { s.TLS = &on } }

// WithCredentials replaces the built-in test credentials.
func WithCredentials(creds ...Credential) Option {
	return func(s *Settings) { s.Credentials = append([]Credential(nil), creds...) }
}

// WithClock sets the fake's clock.
func WithClock(now func() time.Time) Option { return func(s *Settings) { s.Clock = now } }

// WithRegion sets the default region.
func WithRegion(region string) Option { return func(s *Settings) { s.DefaultRegion = region } }

// WithLogger sends debug records of each request to l.
func WithLogger(l *slog.Logger) Option { return func(s *Settings) { s.Logger = l } }

// WithSeed makes probabilistic faults reproducible.
func WithSeed(seed int64) Option { return func(s *Settings) { s.Seed = seed } }

// WithMaxSkew sets how far a request's signing time may be from the
// fake's clock.
func WithMaxSkew(d time.Duration) Option { return func(s *Settings) { s.MaxSkew = d } }

// Clock is a clock a test moves by hand. Give its Now to WithClock.
// It is safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock that reads t until moved.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
