package cloudfronttest

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// CloudFront's errors are <ErrorResponse> documents in its namespace
// with Type, Code and Message (CloudFront API Reference, "Common
// Errors"), and a path the API does not have is NoSuchResource, 404.
func TestErrorDocument(t *testing.T) {
	srv := Start(t)
	cfg := srv.Config("us-east-1")
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL()+"/2020-05-31/distribution/ENOPE", nil)
	resp := signedDo(t, srv, cfg, req)
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{`<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">`, "<Type>Sender</Type>",
		"<Code>NoSuchDistribution</Code>", "<RequestId>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("error document lacks %s:\n%s", want, body)
		}
	}
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d; want 404", resp.StatusCode)
	}
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL()+"/2020-05-31/no-such-thing", nil)
	resp = signedDo(t, srv, cfg, req)
	body, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "<Code>NoSuchResource</Code>") {
		t.Errorf("unknown path: %d %s; want 404 NoSuchResource", resp.StatusCode, body)
	}
}

func signedDo(t *testing.T, srv *Server, cfg aws.Config, req *http.Request) *http.Response {
	t.Helper()
	creds, err := cfg.Credentials.Retrieve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := awsmodel.SignV4(creds, "us-east-1", "cloudfront", nil)(req); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// Invalidations: unknown IDs, a reused caller reference with other
// paths, and the wildcard quota of in-progress invalidations
// (Developer Guide, "Concurrent invalidation request maximum": 15
// wildcard paths in progress).
func TestInvalidationErrors(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv := Start(t, fakes.WithClock(clock.Now), WithDeployTime(time.Minute))
	c := client(srv)
	ctx := t.Context()
	id, _ := mustCreate(t, c, s3Config("inv"))
	if _, err := c.GetInvalidation(ctx, &cloudfront.GetInvalidationInput{DistributionId: &id, Id: aws.String("INOPE")}); testutil.ErrorCode(err) != "NoSuchInvalidation" {
		t.Errorf("unknown invalidation: %v; want NoSuchInvalidation", err)
	}
	if _, err := c.CreateInvalidation(ctx, invalidationInput("ENOPE", "r", "/a")); testutil.ErrorCode(err) != "NoSuchDistribution" {
		t.Errorf("invalidating a missing distribution: %v; want NoSuchDistribution", err)
	}
	if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "r", "/a")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "r", "/b")); testutil.ErrorCode(err) != "InvalidationBatchAlreadyExists" {
		t.Errorf("reused reference: %v; want InvalidationBatchAlreadyExists", err)
	}
	if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "rel", "a")); testutil.ErrorCode(err) != "InvalidArgument" {
		t.Errorf("relative path: %v; want InvalidArgument", err)
	}
	for i := range 15 {
		if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "w"+string(rune('a'+i)), "/w"+string(rune('a'+i))+"/*")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "one-more", "/x/*")); testutil.ErrorCode(err) != "TooManyInvalidationsInProgress" {
		t.Errorf("16th wildcard path: %v; want TooManyInvalidationsInProgress", err)
	}
	clock.Advance(time.Minute)
	if _, err := c.CreateInvalidation(ctx, invalidationInput(id, "one-more", "/x/*")); err != nil {
		t.Errorf("after the others completed: %v", err)
	}
}

// An update that changes the CallerReference is IllegalUpdate; an alias
// another account's distribution has is CNAMEAlreadyExists (CNAMEs are
// global); an update of a missing distribution is NoSuchDistribution.
func TestUpdateErrors(t *testing.T) {
	srv := Start(t)
	c := client(srv)
	ctx := t.Context()
	withAlias := func(ref string) *types.DistributionConfig {
		cfg := s3Config(ref)
		cfg.Aliases = &types.Aliases{Quantity: aws.Int32(1), Items: []string{"WWW.example.com"}}
		cfg.ViewerCertificate = &types.ViewerCertificate{ACMCertificateArn: aws.String("arn:aws:acm:us-east-1:111122223333:certificate/x"),
			SSLSupportMethod: types.SSLSupportMethodSniOnly}
		return cfg
	}
	id, etag := mustCreate(t, c, withAlias("a"))
	other := cloudfront.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[1], "us-east-1"))
	if _, err := other.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: withAlias("b")}); testutil.ErrorCode(err) != "CNAMEAlreadyExists" {
		t.Errorf("alias of another account's distribution: %v; want CNAMEAlreadyExists", err)
	}
	// The distribution's own alias is no conflict on update.
	if _, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &id, IfMatch: &etag, DistributionConfig: withAlias("a")}); err != nil {
		t.Fatalf("update keeping the alias: %v", err)
	}
	got, err := c.GetDistributionConfig(ctx, &cloudfront.GetDistributionConfigInput{Id: &id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &id, IfMatch: got.ETag, DistributionConfig: withAlias("changed")}); testutil.ErrorCode(err) != "IllegalUpdate" {
		t.Errorf("changing the CallerReference: %v; want IllegalUpdate", err)
	}
	if _, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: aws.String("ENOPE"), IfMatch: got.ETag, DistributionConfig: s3Config("x")}); testutil.ErrorCode(err) != "NoSuchDistribution" {
		t.Errorf("updating a missing distribution: %v; want NoSuchDistribution", err)
	}
	// Other accounts do not see the distribution.
	if _, err := other.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: &id}); testutil.ErrorCode(err) != "NoSuchDistribution" {
		t.Errorf("another account's GET: %v; want NoSuchDistribution", err)
	}
}

// The fake reads every member it keeps and refuses what the model does
// not have, naming it, rather than dropping it.
func TestUnknownElementRefused(t *testing.T) {
	srv := Start(t)
	cfg := srv.Config("us-east-1")
	body := `<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>r</CallerReference>` +
		`<Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths><Priority>high</Priority></InvalidationBatch>`
	id, _ := mustCreate(t, client(srv), s3Config("x"))
	before := srv.digest()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/2020-05-31/distribution/"+id+"/invalidation", strings.NewReader(body))
	resp := signedDo(t, srv, cfg, req)
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(got), "<Code>InvalidArgument</Code>") || !strings.Contains(string(got), "Priority") {
		t.Errorf("unknown element: %d %s; want InvalidArgument naming Priority", resp.StatusCode, got)
	}
	if srv.digest() != before {
		t.Error("the refused request changed the state")
	}
}
