package s3

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// maxPresignExpiry is the longest a SigV4 presigned URL may stay valid
// (X-Amz-Expires at most 604800 seconds).
const maxPresignExpiry = 7 * 24 * time.Hour

// PresignedRequest is a URL anyone holding it can use, without
// credentials, until Expires. Treat URL as a secret: it carries a
// signature.
type PresignedRequest struct {
	URL    string
	Method string
	// Header holds the signed headers the caller must send with the
	// request, with the same values (Host aside, which net/http sets from
	// URL).
	Header http.Header
	// Expires is when S3 stops accepting the URL: its signing time plus
	// the expiry, in whole seconds.
	Expires time.Time
}

// PresignGet returns a URL that fetches the object (GetObject) without
// credentials for expires, which must be at least a second and at most 7
// days; SigV4 counts it in whole seconds. GetOptions (Range, IfMatch, ...)
// become signed headers the caller must send. It sends no request.
func (k *Key) PresignGet(ctx context.Context, expires time.Duration, opts ...GetOption) (*PresignedRequest, error) {
	if err := k.presignCheck(expires); err != nil {
		return nil, err
	}
	in, err := k.getInput(opts)
	if err != nil {
		return nil, err
	}
	req, err := k.presigner().PresignGetObject(ctx, in, s3.WithPresignExpires(expires))
	if err != nil {
		return nil, core.Error(err)
	}
	return presigned(req, expires), nil
}

// PresignPut returns a URL that writes the object (PutObject) without
// credentials for expires, which must be at least a second and at most 7
// days; SigV4 counts it in whole seconds. PutOptions (ContentType,
// Metadata, ...) become signed headers the caller must send with the
// body. The payload is unsigned, so any body is accepted. It sends no
// request.
func (k *Key) PresignPut(ctx context.Context, expires time.Duration, opts ...PutOption) (*PresignedRequest, error) {
	if err := k.presignCheck(expires); err != nil {
		return nil, err
	}
	o := putOptions(opts)
	if err := o.check(); err != nil {
		return nil, err
	}
	req, err := k.presigner().PresignPutObject(ctx, k.putInput(nil, o), s3.WithPresignExpires(expires))
	if err != nil {
		return nil, core.Error(err)
	}
	return presigned(req, expires), nil
}

// presignCheck validates the expiry, then the bucket and key names.
func (k *Key) presignCheck(expires time.Duration) error {
	if expires < time.Second || expires > maxPresignExpiry {
		return goboto.Invalid("Expires", expires.String(), "must be from 1 second to 7 days (604800 seconds)")
	}
	return k.check()
}

// presigner wraps the Conn's client, so presigned URLs use its endpoint,
// region, credentials and addressing style.
func (k *Key) presigner() *s3.PresignClient { return s3.NewPresignClient(k.client()) }

func presigned(req *v4.PresignedHTTPRequest, expires time.Duration) *PresignedRequest {
	h := req.SignedHeader.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Del("Host")
	return &PresignedRequest{URL: req.URL, Method: req.Method, Header: h, Expires: expiry(req.URL, expires)}
}

// expiry reads the signing time and X-Amz-Expires from a presigned URL;
// failing that it counts from now.
func expiry(rawURL string, expires time.Duration) time.Time {
	u, err := url.Parse(rawURL)
	if err == nil {
		q := u.Query()
		t, terr := time.Parse("20060102T150405Z", q.Get("X-Amz-Date"))
		secs, serr := strconv.ParseInt(q.Get("X-Amz-Expires"), 10, 64)
		if terr == nil && serr == nil {
			return t.Add(time.Duration(secs) * time.Second)
		}
	}
	return time.Now().Add(expires).Truncate(time.Second)
}
