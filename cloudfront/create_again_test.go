package cloudfront_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	cf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

// CloudFront answers DistributionAlreadyExists for a CallerReference
// sent before, even with the same configuration (the model's
// DistributionConfig.CallerReference; aws/aws-sdk-go#2213), so a
// creation whose answer was lost cannot simply be sent again. These
// tests cut the first CreateDistribution's answer short (the fake's
// Truncate fault: the distribution is made, the client never learns
// it) and check that the creation sent again returns that distribution
// and makes no second one.

// operations returns the operations srv received, in order.
func operations(srv *cloudfronttest.Server) []string {
	var ops []string
	for _, c := range srv.Calls() {
		ops = append(ops, c.Operation)
	}
	return ops
}

// The retryer sends the creation again after the lost answer, with the
// CallerReference goboto made up; CloudFront refuses it, and
// CreateDistribution finds the distribution the first attempt made
// through the ID the refusal names: one GetDistribution.
func TestCreateRetriedByRetryer(t *testing.T) {
	for _, tags := range []map[string]string{nil, {"team": "web"}} {
		t.Run("tags="+itoa(len(tags)), func(t *testing.T) {
			srv := cloudfronttest.Start(t)
			conn := cloudfront.New(srv.Config(""), goboto.WithRetry(3, time.Millisecond))
			srv.Faults().Add(fakes.Fault{Kind: fakes.Truncate, Times: 1})
			cfg := s3Site()
			cfg.Tags = tags
			d, err := conn.CreateDistribution(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			held := srv.Distributions("")
			if len(held) != 1 {
				t.Fatalf("the fake holds %d distributions; want 1", len(held))
			}
			if d.ID != held[0].ID || d.ETag != held[0].ETag || d.Config == nil || d.Config.CallerReference != held[0].CallerReference {
				t.Errorf("returned %s (ETag %s, config %v); want %s (ETag %s)", d.ID, d.ETag, d.Config, held[0].ID, held[0].ETag)
			}
			create := "CreateDistribution"
			want := []string{create, create, "GetDistribution"}
			if len(tags) > 0 {
				create = "CreateDistributionWithTags"
				want = []string{create, create, "GetDistribution", "ListTagsForResource"}
			}
			if diff := cmp.Diff(want, operations(srv)); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

// Without retries the lost answer is the caller's error; the caller
// sends the same creation again, with its own CallerReference, and gets
// the distribution the first made.
func TestCreateRetriedByCaller(t *testing.T) {
	srv := cloudfronttest.Start(t)
	conn := cloudfront.New(srv.Config(""), goboto.WithRetry(1, 0))
	srv.Faults().Add(fakes.Fault{Operation: "CreateDistribution", Kind: fakes.Truncate, Times: 1})
	cfg := s3Site()
	cfg.CallerReference = "deploy-42"
	if _, err := conn.CreateDistribution(t.Context(), cfg); err == nil {
		t.Fatal("the truncated creation succeeded; want an error")
	}
	d, err := conn.CreateDistribution(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	held := srv.Distributions("")
	if len(held) != 1 || d.ID != held[0].ID || held[0].CallerReference != "deploy-42" {
		t.Fatalf("returned %s; the fake holds %+v; want one distribution, returned", d.ID, held)
	}
}

// The same reference with another configuration is refused with
// CloudFront's own error, and nothing is created.
func TestCreateReusedReferenceOtherConfig(t *testing.T) {
	tests := []struct {
		name string
		edit func(*cloudfront.DistributionConfig)
	}{
		{"comment", func(c *cloudfront.DistributionConfig) { c.Comment = "other" }},
		{"disabled", func(c *cloudfront.DistributionConfig) { c.Enabled = false }},
		{"root object", func(c *cloudfront.DistributionConfig) { c.DefaultRootObject = "index.html" }},
		{"logging", func(c *cloudfront.DistributionConfig) {
			c.Logging = &cloudfront.Logging{Bucket: "logs.s3.amazonaws.com", Prefix: "cf/"}
		}},
		{"TTL", func(c *cloudfront.DistributionConfig) { c.DefaultBehavior.TTL = &cloudfront.TTL{Max: time.Hour} }},
		{"another tag", func(c *cloudfront.DistributionConfig) { c.Tags = map[string]string{"team": "ops"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := startFake(t)
			first := s3Site()
			first.CallerReference = "deploy-42"
			first.Tags = map[string]string{"team": "web"}
			if _, err := conn.CreateDistribution(t.Context(), first); err != nil {
				t.Fatal(err)
			}
			again := s3Site()
			again.CallerReference = "deploy-42"
			again.Tags = map[string]string{"team": "web"}
			tt.edit(&again)
			d, err := conn.CreateDistribution(t.Context(), again)
			if code(err) != "DistributionAlreadyExists" {
				t.Fatalf("got %v, %v; want DistributionAlreadyExists", d, err)
			}
			var typed *types.DistributionAlreadyExists
			if !errors.As(err, &typed) {
				t.Errorf("errors.As(%v, *types.DistributionAlreadyExists) is false", err)
			}
			if n := len(srv.Distributions("")); n != 1 {
				t.Errorf("the fake holds %d distributions; want 1", n)
			}
		})
	}
}

// Configurations sent again come back as the same distribution whatever
// CloudFront filled in or reordered: custom origins' timeouts, every
// method of a behaviour, forwarded cookies and headers, origin groups,
// cache policies and legacy TTLs, a price class.
func TestCreateAgainSameConfig(t *testing.T) {
	all := []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}
	tests := []struct {
		name string
		edit func(*cloudfront.DistributionConfig)
	}{
		{"S3 origin", func(*cloudfront.DistributionConfig) {}},
		{"custom origin", func(c *cloudfront.DistributionConfig) {
			c.Origins = append(c.Origins, cloudfront.Origin{ID: "app", DomainName: "app.example.com",
				Custom: &cloudfront.CustomOrigin{Protocol: cloudfront.OriginHTTPSOnly}, Headers: map[string]string{"X-From": "cf"}})
			c.OriginGroups = []cloudfront.OriginGroup{{ID: "ha", Primary: "app", Secondary: "bucket", FailoverOn: []int{503, 502}}}
			c.Behaviors = []cloudfront.Behavior{
				{PathPattern: "/wp-admin/*", TargetOriginID: "app", ViewerProtocol: cloudfront.HTTPSOnly, AllowedMethods: all,
					TTL: &cloudfront.TTL{}, Forward: cloudfront.Forward{QueryString: true, Cookies: []string{"*"}, Headers: []string{"Host", "Accept"}}},
				{PathPattern: "*.jpg", TargetOriginID: "ha", CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"},
			}
		}},
		{"settings", func(c *cloudfront.DistributionConfig) {
			c.PriceClass, c.DefaultRootObject = cloudfront.PriceClass200, "index.html"
			c.Logging = &cloudfront.Logging{Bucket: "logs.s3.amazonaws.com", Prefix: "cf/"}
			c.DefaultBehavior.Forward.Cookies = []string{"session", "lang"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := startFake(t)
			cfg := s3Site()
			cfg.CallerReference = "deploy-" + tt.name
			tt.edit(&cfg)
			first, err := conn.CreateDistribution(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			again, err := conn.CreateDistribution(t.Context(), cfg)
			if err != nil {
				t.Fatalf("created again: %v", err)
			}
			if again.ID != first.ID || len(srv.Distributions("")) != 1 {
				t.Errorf("created again: %s; want %s, the only distribution", again.ID, first.ID)
			}
		})
	}
}

// hideHolder is an HTTP client that rewrites the ID a
// DistributionAlreadyExists message names to id ("" drops it), so that
// CreateDistribution must find the distribution by listing.
type hideHolder struct {
	next http.RoundTripper
	id   string
}

var alreadyExists = regexp.MustCompile(`Already exists: [A-Z0-9]+`)

func (h hideHolder) Do(req *http.Request) (*http.Response, error) {
	resp, err := h.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusConflict {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	repl := ""
	if h.id != "" {
		repl = "Already exists: " + h.id
	}
	body = alreadyExists.ReplaceAll(body, []byte(repl))
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// When the refusal names no distribution, or one that does not hold the
// reference, CreateDistribution lists the distributions and reads those
// whose summary matches, newest first, until one holds the reference:
// here two with the same configuration and references of their own, and
// a third that differs and is never read.
func TestCreateAgainFindsHolderByListing(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv := cloudfronttest.Start(t, fakes.WithClock(clock.Now))
	plain := cloudfront.New(srv.Config(""))
	cfg := s3Site()
	var ids []string
	for _, ref := range []string{"a", "b"} {
		clock.Advance(time.Second) // LastModifiedTime orders them
		cfg.CallerReference = ref
		d, err := plain.CreateDistribution(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	other := s3Site()
	other.Comment = "other"
	if _, err := plain.CreateDistribution(t.Context(), other); err != nil {
		t.Fatal(err)
	}
	for _, hint := range []string{"", ids[1]} {
		t.Run("hint="+hint, func(t *testing.T) {
			conn := cloudfront.New(srv.Config(""), cloudfront.WithClientOptions(func(o *cf.Options) {
				o.HTTPClient = hideHolder{next: http.DefaultTransport, id: hint}
			}))
			before := len(srv.Calls())
			cfg.CallerReference = "a"
			d, err := conn.CreateDistribution(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != ids[0] {
				t.Errorf("returned %s; want %s, which holds reference a", d.ID, ids[0])
			}
			// Newest first: b, then a; the other configuration is not read.
			want := []string{"CreateDistribution", "ListDistributions", "GetDistribution", "GetDistribution"}
			if hint != "" {
				want = []string{"CreateDistribution", "GetDistribution", "ListDistributions", "GetDistribution"}
			}
			if diff := cmp.Diff(want, operations(srv)[before:]); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(srv.Distributions("")); n != 3 {
		t.Errorf("the fake holds %d distributions; want 3", n)
	}
}

// A look-up that fails leaves the refusal as the answer, with the
// look-up's error beside it: errors.As finds both.
func TestCreateAgainLookupFails(t *testing.T) {
	srv := cloudfronttest.Start(t)
	conn := cloudfront.New(srv.Config(""), goboto.WithRetry(1, 0))
	cfg := s3Site()
	cfg.CallerReference = "deploy-42"
	if _, err := conn.CreateDistribution(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	srv.Faults().Add(fakes.Fault{Operation: "GetDistribution", Kind: fakes.ServerError})
	_, err := conn.CreateDistribution(t.Context(), cfg)
	var refused *types.DistributionAlreadyExists
	if !errors.As(err, &refused) {
		t.Fatalf("got %v; want DistributionAlreadyExists", err)
	}
	var ops []string
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			var ae *goboto.APIError
			if errors.As(e, &ae) {
				ops = append(ops, ae.Operation+" "+ae.Code)
			}
		}
	}
	if diff := cmp.Diff([]string{"CreateDistribution DistributionAlreadyExists", "GetDistribution InternalFailure"}, ops); diff != "" {
		t.Errorf("errors joined (-want +got):\n%s", diff)
	}
	if code(err) != "DistributionAlreadyExists" {
		t.Errorf("code %q; want DistributionAlreadyExists first", code(err))
	}
	if n := len(srv.Distributions("")); n != 1 {
		t.Errorf("the fake holds %d distributions; want 1", n)
	}
}
