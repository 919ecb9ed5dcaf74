// Package query is a small client for AWS Query-protocol services signed
// with Signature Version 2. SimpleDB is the one goboto needs: aws-sdk-go-v2
// has no SimpleDB client, and SimpleDB accepts no signature but SigV2.
//
// The client POSTs form bodies, signs every attempt afresh, retries with
// the same aws.Retryer goboto gives its aws-sdk-go-v2 clients, and turns
// error answers into *goboto.APIError. It sends through an aws.HTTPClient,
// so core.LoggingClient can log (redacted) what it sends.
package query

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/goboto/goboto/internal/sigv2"
)

// Client sends Query-protocol requests to one endpoint. Build it with New
// so the retryer and the credentials cache are shared by every call; a
// Client literal works too, but then each Do builds its own retryer.
// A Client is safe for concurrent use once built.
type Client struct {
	Service     string // e.g. "SimpleDB", used in errors
	Version     string // API version sent as Version, e.g. "2009-04-15"
	Endpoint    string // URL requests are sent to
	Host        string // Host header sent and signed; "" means Endpoint's host
	Credentials aws.CredentialsProvider
	Retryer     func() aws.Retryer // nil means aws-sdk-go-v2's standard retryer
	HTTPClient  aws.HTTPClient     // nil means aws-sdk-go-v2's default client
	UserAgent   string             // User-Agent header; "" leaves Go's default
	Now         func() time.Time   // signing clock; nil means time.Now
	// Check, when set, runs before each call sends anything; its error
	// is returned as it is (goboto's region check).
	Check func() error

	retryer aws.Retryer   // built once by New
	target  *target       // Endpoint parsed once by New
	signer  *sigv2.Signer // shared by every call of a Client from New
	headers *headers      // built once by New
	answers *sync.Pool    // of *bytes.Buffer, for answers; from New
}

// target is where requests go, from Endpoint and Host.
type target struct {
	url  string   // Endpoint with "/" for an empty path
	u    *url.URL // url parsed, copied into each request
	host string   // Host header sent and signed
	path string   // escaped request path, signed
}

// headers are the header values every request carries, each slice
// clipped so that a transport or wrapper that appends to one (Header.Add)
// gets a new array instead of writing into the one requests share.
type headers struct {
	contentType, userAgent []string
}

func (c *Client) newHeaders() *headers {
	h := &headers{contentType: []string{"application/x-www-form-urlencoded; charset=utf-8"}}
	if c.UserAgent != "" {
		h.userAgent = slices.Clip([]string{c.UserAgent})
	}
	h.contentType = slices.Clip(h.contentType)
	return h
}

// maxPooledAnswer is the largest answer buffer kept for reuse: writes'
// and most reads' answers fit, a large Select page's is let go.
const maxPooledAnswer = 64 << 10

func (c *Client) parseTarget() (*target, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("bad endpoint %q", c.Endpoint)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	t := &target{url: u.String(), u: u, host: c.Host, path: u.EscapedPath()}
	if t.host == "" {
		t.host = u.Host
	}
	return t, nil
}

// Metadata is what every Query answer carries besides its result.
type Metadata struct {
	RequestID  string
	BoxUsage   string // SimpleDB's machine-hours charge, as sent
	StatusCode int    // the answer's HTTP status; 0 when none arrived
}

// New returns a copy of c ready for use: one retryer for all its calls (so
// the retry quota is shared, as in aws-sdk-go-v2 clients) and credentials
// wrapped in an aws.CredentialsCache unless they already are one, so each
// attempt can ask for credentials without calling the provider every time.
func New(c Client) *Client {
	out := c
	if out.Credentials != nil {
		if _, ok := out.Credentials.(*aws.CredentialsCache); !ok {
			out.Credentials = aws.NewCredentialsCache(out.Credentials)
		}
	}
	if out.HTTPClient == nil {
		out.HTTPClient = awshttp.NewBuildableClient()
	}
	out.retryer = out.newRetryer()
	// A bad endpoint is reported by each call, as from a Client literal.
	out.target, _ = out.parseTarget()
	out.signer = new(sigv2.Signer)
	out.headers = out.newHeaders()
	out.answers = new(sync.Pool)
	return &out
}

func (c *Client) newRetryer() aws.Retryer {
	if c.Retryer != nil {
		if r := c.Retryer(); r != nil {
			return r
		}
	}
	return retry.NewStandard()
}

// Do calls action with params, retrying as the retryer allows. params is
// not changed. On success every child of the answer's root element other
// than ResponseMetadata (for the Query protocol, the single <ActionResult>
// element) is decoded into out with encoding/xml; a nil out discards it.
//
// Errors answered by the service are *goboto.APIError. A cancelled or
// expired context ends the call at once, also while waiting to retry, with
// an error that matches ctx.Err() under errors.Is.
func (c *Client) Do(ctx context.Context, action string, params url.Values, out any) (Metadata, error) {
	return c.do(ctx, action, &callParams{form: params}, out)
}

// DoPairs is Do with the parameters as name=value pairs, a name's values
// in order. Pairs already in canonical order (sorted by name) are signed
// without building url.Values and sorting them: the path of a caller
// that encodes its parameters in that order. params is not changed.
func (c *Client) DoPairs(ctx context.Context, action string, params []sigv2.Param, out any) (Metadata, error) {
	return c.do(ctx, action, &callParams{pairs: params}, out)
}

// callParams are a call's parameters, as url.Values or as pairs. A struct
// rather than a signing closure: the signer is then called directly, and
// the compiler can keep the parameters on the caller's stack.
type callParams struct {
	form  url.Values
	pairs []sigv2.Param
}

func (c *Client) do(ctx context.Context, action string, p *callParams, out any) (Metadata, error) {
	if c.Check != nil {
		if err := c.Check(); err != nil {
			return Metadata{}, err
		}
	}
	r := c.retryer
	if r == nil {
		r = c.newRetryer()
	}
	maxAttempts := r.MaxAttempts()
	releaseRetry := func(error) error { return nil }
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return Metadata{}, c.cancelled(action, err)
		}
		releaseAttempt, err := attemptToken(ctx, r)
		if err != nil {
			return Metadata{}, fmt.Errorf("%s %s: retry attempt token: %w", c.Service, action, err)
		}
		meta, err := c.attempt(ctx, action, p, out)
		// Releasing with the attempt's outcome refunds the retry quota
		// spent on the previous failure when this attempt succeeded.
		_ = releaseRetry(err)
		_ = releaseAttempt(err)
		if err == nil {
			return meta, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return meta, c.cancelled(action, cerr)
		}
		if !r.IsErrorRetryable(err) || (maxAttempts > 0 && attempt >= maxAttempts) {
			return meta, err
		}
		rel, terr := r.GetRetryToken(ctx, err)
		if terr != nil {
			// The retry quota is spent: report what the service said, which
			// is what the caller can act on.
			return meta, err
		}
		releaseRetry = rel
		delay, derr := r.RetryDelay(attempt, err)
		if derr != nil {
			return meta, err
		}
		if cerr := sleep(ctx, delay); cerr != nil {
			return meta, c.cancelled(action, cerr)
		}
	}
}

func (c *Client) cancelled(action string, err error) error {
	return fmt.Errorf("%s %s: %w", c.Service, action, err)
}

// attemptToken asks a RetryerV2 for its per-attempt token, falling back to
// the older GetInitialToken.
func attemptToken(ctx context.Context, r aws.Retryer) (func(error) error, error) {
	if v2, ok := r.(aws.RetryerV2); ok {
		return v2.GetAttemptToken(ctx)
	}
	return r.GetInitialToken(), nil
}

// sleep waits d or until ctx is done, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// attempt sends one signed request and reads its answer. The form body is
// built here, so each attempt carries a fresh Timestamp and signature and
// the credentials current at that moment.
func (c *Client) attempt(ctx context.Context, action string, p *callParams, out any) (Metadata, error) {
	t := c.target
	if t == nil {
		var err error
		if t, err = c.parseTarget(); err != nil {
			return Metadata{}, fmt.Errorf("%s %s: %w", c.Service, action, err)
		}
	}
	if c.Credentials == nil {
		return Metadata{}, fmt.Errorf("%s %s: no credentials: SigV2 requests must be signed", c.Service, action)
	}
	creds, err := c.Credentials.Retrieve(ctx)
	if err != nil {
		return Metadata{}, fmt.Errorf("%s %s: retrieve credentials: %w", c.Service, action, err)
	}

	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	signer := c.signer
	if signer == nil {
		signer = new(sigv2.Signer)
	}
	set := [...]sigv2.Param{{Name: "Action", Value: action}, {Name: "Version", Value: c.Version}}
	cr := sigv2.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken}
	var form []byte
	if p.pairs != nil {
		form = signer.SignedPairsBody(p.pairs, set[:], http.MethodPost, t.host, t.path, cr, now())
	} else {
		form = signer.SignedFormBody(p.form, set[:], http.MethodPost, t.host, t.path, cr, now())
	}

	req, err := c.newRequest(ctx, t, form)
	if err != nil {
		return Metadata{}, fmt.Errorf("%s %s: %w", c.Service, action, err)
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = awshttp.NewBuildableClient()
	}
	resp, err := hc.Do(req)
	if err != nil {
		// Transport errors stay as they are so the retryer recognises
		// connection failures; the URL in them carries no secret, as the
		// signature travels in the body.
		return Metadata{}, fmt.Errorf("%s %s: %w", c.Service, action, err)
	}
	defer resp.Body.Close()
	buf := c.answerBuffer()
	defer c.releaseAnswer(buf)
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return Metadata{}, fmt.Errorf("%s %s: read answer: %w", c.Service, action, err)
	}
	// Nothing decoded from body keeps it: the decoders copy what they
	// return, so the buffer can serve the next call.
	body := buf.Bytes()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return errorAnswer(c.Service, action, resp, body)
	}
	meta, err := decode(body, out)
	meta.StatusCode = resp.StatusCode
	if err != nil {
		return meta, fmt.Errorf("%s %s: decode answer: %w", c.Service, action, err)
	}
	if meta.RequestID == "" {
		meta.RequestID = headerRequestID(resp.Header)
	}
	return meta, nil
}

// newRequest is the POST of one attempt, as http.NewRequestWithContext
// makes it, without parsing the endpoint for every call: New parsed it
// once, and each request gets its own copy of the URL.
func (c *Client) newRequest(ctx context.Context, t *target, form []byte) (*http.Request, error) {
	// An empty URL parses to an empty url.URL at almost no cost.
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "", bytes.NewReader(form))
	if err != nil {
		return nil, err
	}
	*req.URL = *t.u
	req.Host = t.host
	h := c.headers
	if h == nil {
		h = c.newHeaders()
	}
	req.Header["Content-Type"] = h.contentType
	if h.userAgent != nil {
		req.Header["User-Agent"] = h.userAgent
	}
	return req, nil
}

// answerBuffer is a buffer for one answer, from the pool of a Client
// made by New.
func (c *Client) answerBuffer() *bytes.Buffer {
	if c.answers != nil {
		if b, ok := c.answers.Get().(*bytes.Buffer); ok {
			return b
		}
	}
	return new(bytes.Buffer)
}

func (c *Client) releaseAnswer(b *bytes.Buffer) {
	if c.answers == nil || b.Cap() > maxPooledAnswer {
		return
	}
	b.Reset()
	c.answers.Put(b)
}
