package core

import (
	"bytes"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// maxDetachedBody is the largest request body detachedClient copies.
// Query, JSON and small REST bodies fit; large uploads stream as they are.
const maxDetachedBody = 1 << 20

// detachedClient hands the transport its own copy of small request
// bodies. aws-sdk-go-v2 reuses one body stream across retry attempts and
// may close it when an attempt ends, while net/http's write loop can still
// be reading it for the next attempt on a kept-alive connection; the write
// then fails and the transport closes the connection under the response
// being read ("use of closed network connection", aws-sdk-go-v2#2737).
// With a private copy the transport never sees the SDK's stream.
type detachedClient struct{ next aws.HTTPClient }

func (c detachedClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength < 0 || req.ContentLength > maxDetachedBody {
		return c.next.Do(req)
	}
	b := make([]byte, req.ContentLength)
	if _, err := io.ReadFull(req.Body, b); err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return c.next.Do(r)
}
