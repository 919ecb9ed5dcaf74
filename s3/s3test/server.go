package s3test

import (
	"fmt"
	"hash/maphash"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Server is a running fake S3: the shared fake shell (URL, Config,
// Faults, Calls, ...) around a Backend. It is safe for concurrent use.
// It serves HTTPS by default, as S3 does, so that aws-sdk-go-v2 streams
// unseekable uploads to it exactly as it does to AWS; fakes.WithTLS(false)
// serves plain HTTP.
//
// An aws-sdk-go-v2 S3 client must use path-style addressing against it,
// because the fake's URL is an IP address:
//
//	client := s3.NewFromConfig(srv.Config(""), func(o *s3.Options) { o.UsePathStyle = true })
//
// goboto's s3 package does this by itself when an endpoint is set.
type Server struct {
	*fakes.Server
	*Backend
}

// Backend is S3's state and request handling, separate from any server so
// that several services can share one server (fakes/localcloud). It is
// safe for concurrent use.
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
	// minPart is the smallest part but the last that Complete accepts:
	// S3's minPartSize unless WithMinPartSize lowered it.
	minPart int64

	postCreds  []fake.Credential     // checked by POST uploads (post.go)
	now        func() time.Time      // the seeding API's clock (clock.go); nil: time.Now
	principals func(arn string) bool // SetPrincipals (principal.go); nil: unchecked
}

// options are s3test's own options; fakes.With* set the rest.
type options struct {
	dir         string
	fastETags   bool
	minPartSize int64
}

// WithDir keeps object and part bytes in files in dir instead of memory,
// so a test can store objects bigger than memory. Bucket and object
// metadata stay in memory. The directory must exist; files are removed as
// objects are deleted or replaced, but a server's last objects stay after
// Close.
func WithDir(dir string) fakes.Option { return fake.ServiceOption(func(o *options) { o.dir = dir }) }

// WithFastETags makes the ETag of an uploaded object or part a 64-bit
// hash (written as 16 bytes, the size of an MD5) far cheaper than MD5,
// for benchmarks where the fake's MD5 would be the bottleneck (about
// 650 MB/s a core). It still changes with the
// content, as S3's ETags of SSE-KMS objects do, but is not the MD5 of the
// data; a request that sends Content-MD5 is still checked against the
// MD5.
func WithFastETags() fakes.Option {
	return fake.ServiceOption(func(o *options) { o.fastETags = true })
}

// New starts a fake S3, on a free port of 127.0.0.1 over HTTPS unless
// opts say otherwise (fakes.WithAddr, fakes.WithTLS).
func New(opts ...fakes.Option) (*Server, error) {
	shell, b, err := fake.StartBackend(opts, true, NewBackend)
	if err != nil {
		return nil, err
	}
	b.SetPostCredentials(shell.Credentials())
	return &Server{Server: shell, Backend: b}, nil
}

// Start is New for tests: it fails t if the server cannot start and closes
// the server when t ends.
func Start(t testing.TB, opts ...fakes.Option) *Server {
	t.Helper()
	return fake.StartTest(t, "s3test", New, opts)
}

// NewBackend returns an empty fake S3, ready to be mounted with Service.
// It keeps object bytes in memory unless opts hold WithDir, whose
// directory must exist. Of the shared options it heeds the clock
// (fakes.WithClock; see SetClock).
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	s := fake.Apply(opts...)
	var o options
	fake.ApplyService(s, &o)
	if err := checkDir(o.dir); err != nil {
		return nil, err
	}
	b := &Backend{buckets: map[string]*bucket{}, store: store{dir: o.dir, free: &memPool{}}, now: s.Clock, minPart: minPartSize}
	if o.minPartSize > 0 {
		b.minPart = o.minPartSize
	}
	if o.fastETags {
		b.etagSeeds = &[2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	}
	b.ops = b.operations()
	b.bufs.New = func() any { buf := make([]byte, copyBufSize); return &buf }
	return b, nil
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
