package fakes

import (
	"log/slog"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Server is the running server every fake's Server embeds (ec2test,
// s3test, ...), and the local cloud too: URL, Config, ConfigFor,
// HTTPClient, Faults, Calls, ResetCalls, Now and Close.
type Server = fake.Shell

// Option configures a fake or the local cloud. The With* functions here
// work for every fake; each fake adds its own (ec2test.WithManualTransitions,
// s3test.WithDir, ...), and a fake ignores the ones meant for another, so
// one option list can configure a whole local cloud.
type Option = fake.Option

// Settings are the settings the With* functions here change.
type Settings = fake.Settings

// Clock is a clock a test moves by hand:
//
//	clock := fakes.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
//	srv := ec2test.Start(t, fakes.WithClock(clock.Now))
//	clock.Advance(time.Hour)
type Clock = fake.Clock

// NewClock returns a Clock that reads t until moved.
func NewClock(t time.Time) *Clock { return fake.NewClock(t) }

// WithAddr listens on addr ("127.0.0.1:8080") rather than a free port of
// 127.0.0.1.
func WithAddr(addr string) Option { return fake.WithAddr(addr) }

// WithTLS turns HTTPS on or off. Over HTTPS the fake's certificate is
// made at start, and Config's HTTP client trusts it. S3's fake and the
// local cloud default to HTTPS, since aws-sdk-go-v2 streams an unseekable
// upload only over TLS, as it does against AWS; the others default to
// HTTP.
func WithTLS(on bool) Option { return fake.WithTLS(on) }

// WithCredentials replaces the built-in test credentials
// (DefaultCredentials). The first one's account is the main account of
// Config and of the seeding helpers' examples.
func WithCredentials(creds ...Credential) Option { return fake.WithCredentials(creds...) }

// WithClock sets the fake's clock, which checks request times and drives
// time-based behaviour (expiry, eventual consistency, schedules).
func WithClock(now func() time.Time) Option { return fake.WithClock(now) }

// WithRegion sets the region of requests that name none (the fake's own
// address carries no region) and of Config(""); the default is us-east-1.
func WithRegion(region string) Option { return fake.WithRegion(region) }

// WithLogger sends a debug record of each request to l. Keys, tokens and
// signatures are never logged.
func WithLogger(l *slog.Logger) Option { return fake.WithLogger(l) }

// WithSeed makes probabilistic faults reproducible.
func WithSeed(seed int64) Option { return fake.WithSeed(seed) }

// WithMaxSkew sets how far a request's signing time may be from the
// fake's clock before it is refused (RequestTimeTooSkewed, RequestExpired,
// ...); the default is AWS's 15 minutes. A test whose fake clock is far
// from the time its clients sign with widens it.
func WithMaxSkew(d time.Duration) Option { return fake.WithMaxSkew(d) }
