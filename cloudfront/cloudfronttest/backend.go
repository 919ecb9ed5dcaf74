package cloudfronttest

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// xmlns is the namespace of every CloudFront document (API 2020-05-31).
const xmlns = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

// signingRegion is the only region CloudFront requests are signed for in
// the aws partition (AWS endpoint rules, "aws-global").
const signingRegion = "us-east-1"

// defaultAccount is the main test account, which seeding and inspection
// helpers use when given "".
const defaultAccount = fake.TestAccountID

// Backend is CloudFront's state and request handling, separate from any
// server so that several services can share one fake server
// (fakes/localcloud). CloudFront is global: state is kept per account.
// It is safe for concurrent use.
type Backend struct {
	clock func() time.Time
	opts  options

	// mu guards every account's resources and the counter: CloudFront's
	// names (aliases) are global across accounts, and its traffic in
	// tests is light, so one lock keeps cross-account checks simple.
	mu       sync.Mutex
	counter  uint64              // IDs and ETags
	accounts map[string]*account // by account ID

	// The local edge (edge.go): the S3 fake it reads S3 origins from,
	// and its cache, behind its own lock (never taken with mu held).
	s3   *s3test.Backend
	edge edgeCache
	// keyPairs are the legacy CloudFront key pairs of trusted signers,
	// by account (AddKeyPair, edge_keys.go); guarded by mu.
	keyPairs map[string][]*keyPair
}

// options are cloudfronttest's own options; fakes.With* set the rest.
type options struct {
	deploy          time.Duration
	legacyStreaming bool
}

// WithDeployTime makes a created or updated distribution (and a streaming
// distribution) stay InProgress for d on the server's clock
// (fakes.WithClock) before it is Deployed, and an invalidation
// InProgress for d before it is Completed. By default both are
// instant: the next request sees Deployed and Completed.
func WithDeployTime(d time.Duration) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.deploy = d })
}

// WithLegacyStreaming lets CreateStreamingDistribution succeed, as it did
// for accounts before CloudFront discontinued RTMP distributions on
// 2020-12-31; without it the fake refuses creation as CloudFront does
// now.
func WithLegacyStreaming() fakes.Option {
	return fake.ServiceOption(func(o *options) { o.legacyStreaming = true })
}

// NewBackend returns an empty CloudFront, ready to be mounted with
// Service. Of opts it heeds fakes.WithClock, WithDeployTime and
// WithLegacyStreaming.
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	s := fake.Apply(opts...)
	b := &Backend{clock: s.Clock}
	fake.ApplyService(s, &b.opts)
	if b.clock == nil {
		b.clock = time.Now
	}
	b.accounts = map[string]*account{}
	return b, nil
}

// Service returns the CloudFront service for a fake server: rest-xml,
// routed by the SigV4 scope's "cloudfront", with CloudFront's
// <ErrorResponse> errors and the common errors' signature codes.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:         "cloudfront",
		Protocol:     fake.RestXML,
		XMLNamespace: xmlns,
		HostPrefix:   "cloudfront",
		Operation:    Operation,
		// CloudFront answers signature and throttling errors with the
		// common errors' codes (AWS General Reference, "Common Errors")
		// in its <ErrorResponse> document, not S3's.
		Errors: fake.DefaultErrors(fake.Query),
		Handle: b.handle,
	}
}

// Reset forgets every resource of every account.
func (b *Backend) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.accounts = map[string]*account{}
	b.keyPairs = nil
}

// call is one request, named and with its path labels.
type call struct {
	*fake.Request
	op     string
	labels map[string]string
}

// answer is what a handler returns: a status, headers and an XML
// document (nil for none), written after every lock is released.
type answer struct {
	status int
	header http.Header
	doc    *node
}

// handler serves one operation.
type handler func(b *Backend, c *call) (*answer, error)

// handlers are the operations the fake serves; every other operation of
// the model is refused with UnsupportedOperation.
var handlers = map[string]handler{}

// served reports whether the fake serves op.
func served(op string) bool { _, ok := handlers[op]; return ok }

// handle serves one authenticated request.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	if r.SigVersion == 4 && r.Region != signingRegion {
		return errWrongRegion(r.Region)
	}
	op, labels := lookup(r.HTTP)
	if op == "" {
		return errNoSuchResource(r.HTTP.Method, r.HTTP.URL.Path)
	}
	h, ok := handlers[op]
	if !ok {
		return errUnsupported(op)
	}
	ans, err := h(b, &call{Request: r, op: op, labels: labels})
	if err != nil {
		return err
	}
	return write(w, ans)
}

// write sends ans: its headers, then its document as XML.
func write(w http.ResponseWriter, ans *answer) error {
	var body []byte
	if ans.doc != nil {
		body = render(ans.doc)
		w.Header().Set("Content-Type", "text/xml")
	}
	for k, v := range ans.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	status := ans.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}
