//lint:file-ignore SA1019 streaming distributions are deprecated, and the suite checks what backends answer for them.

package suite

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil"
)

// Origin access identities: create with an S3 canonical user, read,
// list, change the comment under If-Match, and delete; one an origin
// uses cannot be deleted (the model's
// CloudFrontOriginAccessIdentityInUse).
func testOAI(t *testing.T, env Env) {
	ctx := t.Context()
	o, err := env.Conn.CreateOriginAccessIdentity(ctx, "suite "+env.Names())
	if env.Diff.NoOAI {
		wantStatus(t, env, "CreateCloudFrontOriginAccessIdentity (NoOAI)", err, http.StatusNotFound)
		for _, err := range env.Conn.OriginAccessIdentities(ctx) {
			wantStatus(t, env, "ListCloudFrontOriginAccessIdentities (NoOAI)", err, http.StatusNotFound)
			break
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: CreateCloudFrontOriginAccessIdentity: %v", env.Name, err)
	}
	if o.ID == "" || o.S3CanonicalUserID == "" || o.ETag == "" {
		t.Errorf("%s: created OAI %q canonical user %q etag %q", env.Name, o.ID, o.S3CanonicalUserID, o.ETag)
	}
	got := env.Conn.OriginAccessIdentity(o.ID)
	wantOK(t, env, "GetCloudFrontOriginAccessIdentity", got.Refresh(ctx))
	if got.S3CanonicalUserID != o.S3CanonicalUserID || got.Comment != o.Comment || got.ETag != o.ETag {
		t.Errorf("%s: GetCloudFrontOriginAccessIdentity %+v, want %+v", env.Name, got, o)
	}
	var listed []string
	for x, err := range env.Conn.OriginAccessIdentities(ctx) {
		if err != nil {
			t.Fatalf("%s: ListCloudFrontOriginAccessIdentities: %v", env.Name, err)
		}
		listed = append(listed, x.ID)
	}
	if !slices.Contains(listed, o.ID) {
		t.Errorf("%s: ListCloudFrontOriginAccessIdentities = %v, want it to hold %s", env.Name, listed, o.ID)
	}
	before := got.ETag
	wantOK(t, env, "UpdateCloudFrontOriginAccessIdentity", got.SetComment(ctx, "renamed"))
	if got.Comment != "renamed" || got.ETag == before {
		t.Errorf("%s: after the update: comment %q, ETag %q (was %q)", env.Name, got.Comment, got.ETag, before)
	}

	cfg := site(env.Names())
	cfg.Origins[0].S3.OriginAccessIdentity = o.Path()
	d, err := env.Conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatalf("%s: CreateDistribution with the OAI: %v", env.Name, err)
	}
	env.deployed(t)
	wantCode(t, env, "DeleteCloudFrontOriginAccessIdentity in use", got.Delete(ctx), "CloudFrontOriginAccessIdentityInUse")
	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		env.restore(c)
		c.Origins[0].S3.OriginAccessIdentity = ""
		return nil
	})
	wantOK(t, env, "UpdateDistribution removing the OAI", err)
	env.deployed(t)
	wantOK(t, env, "GetCloudFrontOriginAccessIdentity", got.Refresh(ctx))
	wantOK(t, env, "DeleteCloudFrontOriginAccessIdentity", got.Delete(ctx))
	wantCode(t, env, "GetCloudFrontOriginAccessIdentity after deleting it", got.Refresh(ctx), "NoSuchCloudFrontOriginAccessIdentity")
}

// Streaming distributions: CloudFront discontinued RTMP distributions on
// 2020-12-31 (API Reference, CreateStreamingDistribution: "This API is
// deprecated"), so creating one is refused, while listing and reading
// remain (the model keeps ListStreamingDistributions and
// GetStreamingDistribution, whose unknown ID is
// NoSuchStreamingDistribution).
func testStreaming(t *testing.T, env Env) {
	ctx := t.Context()
	var listErr error
	for _, err := range env.Conn.StreamingDistributions(ctx) {
		if err != nil {
			listErr = err
			break
		}
	}
	getErr := env.Conn.StreamingDistribution("EGTXBD79H29TRA8").Refresh(ctx)
	_, createErr := env.Conn.CreateStreamingDistribution(ctx, cloudfront.StreamingDistributionConfig{
		CallerReference: env.Names(), Enabled: true, Origin: "media.s3.amazonaws.com"})
	if env.Diff.NoStreaming {
		wantStatus(t, env, "ListStreamingDistributions (NoStreaming)", listErr, http.StatusNotFound)
		wantStatus(t, env, "GetStreamingDistribution (NoStreaming)", getErr, http.StatusNotFound)
		wantStatus(t, env, "CreateStreamingDistribution (NoStreaming)", createErr, http.StatusNotFound)
		return
	}
	wantOK(t, env, "ListStreamingDistributions", listErr)
	wantCode(t, env, "GetStreamingDistribution of an unknown ID", getErr, "NoSuchStreamingDistribution")
	// No record of the code AWS refuses with today was found, so any
	// client error the model declares for the operation will do.
	declared := []string{"AccessDenied", "CNAMEAlreadyExists", "InconsistentQuantities", "InvalidArgument", "InvalidOrigin",
		"InvalidOriginAccessControl", "InvalidOriginAccessIdentity", "MissingBody", "StreamingDistributionAlreadyExists",
		"TooManyStreamingDistributionCNAMEs", "TooManyStreamingDistributions", "TooManyTrustedSigners", "TrustedSignerDoesNotExist"}
	if s := testutil.ErrorStatus(createErr); createErr == nil || s < 400 || s >= 500 || !slices.Contains(declared, testutil.ErrorCode(createErr)) {
		t.Errorf("%s: CreateStreamingDistribution: %v (status %d), want a refusal the model declares", env.Name, createErr, s)
	}
}

// The edge: CloudFront answers viewer requests for a distribution's
// domain, and its responses say so: a Via header naming CloudFront
// (Developer Guide, "HTTP response headers that CloudFront removes or
// replaces", Via: CloudFront sets it to "http-version
// alphanumeric-string.cloudfront.net (CloudFront)") and X-Amz-Cf-Id,
// the ID of the request at the edge. Whatever the origin answers (here
// an S3 bucket that does not exist), the answer comes from the edge.
func testEdge(t *testing.T, env Env) {
	ctx := t.Context()
	if env.Edge == nil {
		t.Fatalf("%s: Env.Edge is nil", env.Name)
	}
	cfg := site(env.Names())
	cfg.DefaultBehavior.ViewerProtocol = cloudfront.AllowAll
	d, err := env.Conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	env.deployed(t)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+d.DomainName+"/index.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := env.Edge.Do(req)
	if err != nil {
		t.Fatalf("%s: GET %s: %v", env.Name, req.URL, err)
	}
	resp.Body.Close()
	id, via := resp.Header.Get("X-Amz-Cf-Id"), resp.Header.Get("Via")
	fromEdge := id != "" && strings.HasSuffix(via, "(CloudFront)")
	if fromEdge == env.Diff.NoEdge {
		t.Errorf("%s: GET %s: status %d, X-Amz-Cf-Id %q, Via %q; NoEdge is %v", env.Name, req.URL, resp.StatusCode, id, via, env.Diff.NoEdge)
	}
}
