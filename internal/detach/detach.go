// Package detach keeps aws-sdk-go-v2's request body streams out of
// net/http's write loop.
//
// After net/http sends a body it does not know to be in memory, its write
// loop reads the body once more to check that nothing follows the declared
// length. On a fast server the whole answer can arrive first: the SDK's
// client handler then closes the request body as soon as Do returns, and
// smithy-go's closed body answers that last read (through WriteTo) with
// io.EOF as an error. The transport takes the error for a failed write and
// closes the connection under the response still being read, which surfaces
// as "use of closed network connection" while decoding a 200
// (aws/aws-sdk-go-v2#1825, #2737). Local fakes answer fast enough to meet
// this a few times in every full test run.
//
// Request gives the transport a private copy of small bodies, which are
// also rewindable for net/http's own retries on a dead idle connection,
// and wraps larger ones in a reader without WriteTo, whose read after
// close is a clean end of stream.
package detach

import (
	"bytes"
	"io"
	"net/http"
)

// MaxCopy is the largest request body Request copies. Query, JSON and
// small REST bodies fit; uploads stream as they are.
const MaxCopy = 1 << 20

// Request returns req with a body net/http can finish with on its own:
// a copy when its length is known and at most MaxCopy bytes, else req's
// body behind a plain reader. A request without a body is returned as it
// is, and so is one that can already replay its body (GetBody set, as
// http.NewRequest does for in-memory bodies, which the write loop does
// not read again; the SDK's requests never set it). The original body is
// closed once copied; on error it is closed too.
func Request(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody != nil {
		return req, nil
	}
	// A shallow copy, as WithContext makes it: only Body and GetBody
	// change, and the headers and URL it shares are the attempt's own
	// (smithy-go's Request.Build clones a fresh http.Request for each
	// attempt, which nothing changes once sent). Clone would copy every
	// header for nothing, on every small request.
	r := req.WithContext(req.Context())
	if req.ContentLength <= 0 || req.ContentLength > MaxCopy {
		r.Body = plainBody{req.Body}
		return r, nil
	}
	b := make([]byte, req.ContentLength)
	_, err := io.ReadFull(req.Body, b)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	r.Body = newMemBody(b)
	r.GetBody = func() (io.ReadCloser, error) { return newMemBody(b), nil }
	return r, nil
}

// memBody is a body read from memory: a bytes.Reader that closes, in one
// allocation rather than a reader and an io.NopCloser around it.
type memBody struct{ bytes.Reader }

func newMemBody(b []byte) *memBody {
	m := new(memBody)
	m.Reset(b)
	return m
}

func (*memBody) Close() error { return nil }

// plainBody hides every method of its body but Read and Close, WriteTo in
// particular.
type plainBody struct{ rc io.ReadCloser }

func (b plainBody) Read(p []byte) (int, error) { return b.rc.Read(p) }
func (b plainBody) Close() error               { return b.rc.Close() }

// Transport is an http.RoundTripper that passes each request through
// Request before Next sends it.
type Transport struct{ Next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	r, err := Request(req)
	if err != nil {
		return nil, err
	}
	return t.Next.RoundTrip(r)
}
