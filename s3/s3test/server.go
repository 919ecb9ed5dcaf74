package s3test

import (
	"fmt"
	"hash/maphash"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/internal/fake"
)

// Server is a running fake S3. It is safe for concurrent use.
//
// An aws-sdk-go-v2 S3 client must use path-style addressing against it,
// because the fake's URL is an IP address:
//
//	client := s3.NewFromConfig(srv.Config(), func(o *s3.Options) { o.UsePathStyle = true })
//
// goboto's s3 package does this by itself when an endpoint is set.
type Server struct {
	*Backend
	fake *fake.Server
}

// Backend is S3's state and request handling, separate from any server so
// that several services can share one fake.Server. It is safe for
// concurrent use.
//
// Bucket names are global across accounts and regions, as in S3, so the
// Backend keeps one bucket map rather than fake.Scoped state.
type Backend struct {
	mu      sync.RWMutex
	buckets map[string]*bucket // name -> bucket
	ops     map[string]handler // built once by NewBackend
	store   store              // where object bytes live
	bufs    sync.Pool          // *[]byte of copyBufSize, for uploads
	// etagSeeds, set by WithFastETags, seed the hash ETags are made of
	// instead of MD5.
	etagSeeds *[2]maphash.Seed

	postCreds []fake.Credential // checked by POST uploads (post.go)
	now       func() time.Time  // the seeding API's clock (clock.go); nil: time.Now
}

// Option configures a Server.
type Option func(*options)

type options struct {
	server    fake.Options
	tls       bool
	dir       string
	fastETags bool
}

func applyOptions(opts []Option) options {
	var o options
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// WithDir keeps object and part bytes in files in dir instead of memory,
// so a test can store objects bigger than memory. Bucket and object
// metadata stay in memory. The directory must exist; files are removed as
// objects are deleted or replaced, but a server's last objects stay after
// Close. Backends take it too (NewBackend, NewDiskBackend).
func WithDir(dir string) Option { return func(opts *options) { opts.dir = dir } }

// WithFastETags makes the ETag of an uploaded object or part a 64-bit
// hash (written as 16 bytes, the size of an MD5) far cheaper than MD5,
// for benchmarks where the fake's MD5 would be the bottleneck (about
// 650 MB/s a core). It still changes with the
// content, as S3's ETags of SSE-KMS objects do, but is not the MD5 of the
// data; a request that sends Content-MD5 is still checked against the
// MD5. Backends take it too.
func WithFastETags() Option { return func(opts *options) { opts.fastETags = true } }

// WithServerOptions sets the shared fake server's options: credentials,
// default region, clock, seed and logger.
func WithServerOptions(o fake.Options) Option { return func(opts *options) { opts.server = o } }

// WithTLS serves HTTPS with a self-signed certificate that Config trusts.
// Over TLS, aws-sdk-go-v2 sends unseekable bodies aws-chunked with a
// trailing checksum.
func WithTLS() Option { return func(opts *options) { opts.tls = true } }

// New starts a fake S3 on a free port of 127.0.0.1.
func New(opts ...Option) (*Server, error) {
	o := applyOptions(opts)
	if err := checkDir(o.dir); err != nil {
		return nil, err
	}
	s := &Server{Backend: NewBackend(opts...)}
	s.fake = fake.NewServer(o.server, s.Service())
	s.SetPostCredentials(s.fake.Credentials())
	s.SetClock(s.fake.Now)
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
		t.Fatalf("s3test: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// NewBackend returns an empty fake S3, ready to be mounted with Service.
// It keeps object bytes in memory unless opts hold WithDir; of the
// Options it heeds WithDir, WithFastETags and the clock of
// WithServerOptions (see SetClock).
func NewBackend(opts ...Option) *Backend {
	o := applyOptions(opts)
	b := &Backend{buckets: map[string]*bucket{}, store: store{dir: o.dir}, now: o.server.Now}
	if o.fastETags {
		b.etagSeeds = &[2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	}
	b.ops = b.operations()
	b.bufs.New = func() any { buf := make([]byte, copyBufSize); return &buf }
	return b
}

// NewDiskBackend is NewBackend(WithDir(dir), opts...) after checking that
// dir is a directory.
func NewDiskBackend(dir string, opts ...Option) (*Backend, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	return NewBackend(append([]Option{WithDir(dir)}, opts...)...), nil
}

// checkDir checks that dir, unless "", is a directory.
func checkDir(dir string) error {
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil {
		return fmt.Errorf("s3test: %w", err)
	} else if !fi.IsDir() {
		return fmt.Errorf("s3test: %s is not a directory", dir)
	}
	return nil
}

// Service returns the fake S3 as a fake.Service, so a shared fake server
// can host it next to other services. Its state is this Backend's.
func (b *Backend) Service() fake.Service {
	return b.withPostObject(fake.Service{
		Name:       "s3",
		Protocol:   fake.RestXML,
		HostPrefix: "s3",
		Operation:  Operation,
		StreamBody: streamsBody,
		Handle:     b.handle,
	})
}

// URL returns the server's base URL.
func (s *Server) URL() string { return s.fake.URL() }

// Config returns an aws.Config for the server's first test account in its
// default region. S3 clients built from it need UsePathStyle (see Server).
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
