// Package suite is a conformance suite for CloudFront's control plane:
// one set of tests, written against goboto's cloudfront package (and
// its aws-sdk-go-v2 client where goboto refuses locally what a test
// must send), that runs unchanged against goboto's fake (cloudfronttest)
// and against moto, as s3/internal/suite does with MinIO.
//
// Where a backend is known to answer otherwise than CloudFront,
// Differences says so, and each flag's comment says which answer matches
// AWS and on what evidence. A test that meets a difference checks the
// backend's known answer instead of skipping, so a flag that stops being
// true fails.
//
// One moto server serves every package of a run, so the suite names
// what it creates uniquely (Env.Names) and never assumes an empty
// account.
package suite

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("cloudfronttest").
	Name string
	// Conn talks to the backend.
	Conn *cloudfront.Conn
	// Names returns a name no earlier call returned, for caller
	// references and the names of OACs, public keys and key groups.
	Names func() string
	// Deploy makes every change made so far deployed (distributions
	// Deployed, invalidations Completed): it moves a fake's clock past
	// its deployment time, or waits.
	Deploy func(t *testing.T)
	// Edge sends viewer requests to the backend's edge: a request for
	// http://<distribution domain>/path reaches the backend whatever
	// host it names.
	Edge *http.Client
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env. The tests run one after
// another: CloudFront's account quotas (public keys, key groups) are
// shared by all of them.
func Run(t *testing.T, env Env) {
	t.Run("Distributions", func(t *testing.T) { testDistributions(t, env) })
	t.Run("CallerReference", func(t *testing.T) { testCallerReference(t, env) })
	t.Run("BehaviorQuota", func(t *testing.T) { testBehaviorQuota(t, env) })
	t.Run("Delete", func(t *testing.T) { testDelete(t, env) })
	t.Run("Invalidations", func(t *testing.T) { testInvalidations(t, env) })
	t.Run("OriginAccessControls", func(t *testing.T) { testOAC(t, env) })
	t.Run("PublicKeysAndKeyGroups", func(t *testing.T) { testKeys(t, env) })
	t.Run("TrustedKeyGroups", func(t *testing.T) { testTrustedKeyGroups(t, env) })
	t.Run("OriginAccessIdentities", func(t *testing.T) { testOAI(t, env) })
	t.Run("StreamingDistributions", func(t *testing.T) { testStreaming(t, env) })
	t.Run("Edge", func(t *testing.T) { testEdge(t, env) })
}

// deployed makes env's pending changes deployed.
func (env Env) deployed(t *testing.T) {
	t.Helper()
	if env.Deploy == nil {
		t.Fatalf("%s: Env.Deploy is nil", env.Name)
	}
	env.Deploy(t)
}

// wantCode fails t unless err carries code want.
func wantCode(t *testing.T, env Env, what string, err error, want string) {
	t.Helper()
	if got := testutil.ErrorCode(err); got != want {
		t.Errorf("%s: %s: %v (code %q), want %s", env.Name, what, err, got, want)
	}
}

// wantStatus fails t unless err came with HTTP status want: how the
// suite checks an answer a backend gives for a route it does not have.
func wantStatus(t *testing.T, env Env, what string, err error, want int) {
	t.Helper()
	if got := testutil.ErrorStatus(err); err == nil || got != want {
		t.Errorf("%s: %s: %v (status %d), want an error with status %d", env.Name, what, err, got, want)
	}
}

// wantOK fails t on err.
func wantOK(t *testing.T, env Env, what string, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %s: %v", env.Name, what, err)
	}
}

// publicKeyPEM is a fresh ECDSA P-256 public key in PEM, a kind
// CloudFront takes for signed URLs since 2025 (Developer Guide,
// "Create key pairs for your signers").
func publicKeyPEM(t *testing.T) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// Managed-CachingOptimized, an AWS managed cache policy every account
// has (Developer Guide, "Use managed cache policies").
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"

// site is a distribution in the shape of the "poking holes" seed: an S3
// origin cached by default, and a custom origin that the WordPress
// admin and login paths go to uncached, with a third behaviour on a
// cache policy.
func site(ref string) cloudfront.DistributionConfig {
	noCache := &cloudfront.TTL{}
	all := []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}
	return cloudfront.DistributionConfig{
		CallerReference: ref,
		Comment:         "goboto suite " + ref,
		Enabled:         true,
		Origins: []cloudfront.Origin{
			{ID: "assets", DomainName: "assets.s3.amazonaws.com", S3: &cloudfront.S3Origin{}},
			{ID: "app", DomainName: "app.example.com", Custom: &cloudfront.CustomOrigin{Protocol: cloudfront.OriginHTTPSOnly}},
		},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "assets", ViewerProtocol: cloudfront.RedirectToHTTPS,
			TTL: &cloudfront.TTL{Default: time.Hour, Max: 24 * time.Hour}},
		Behaviors: []cloudfront.Behavior{
			{PathPattern: "/wp-admin/*", TargetOriginID: "app", ViewerProtocol: cloudfront.HTTPSOnly, AllowedMethods: all,
				TTL: noCache, Forward: cloudfront.Forward{QueryString: true, Cookies: []string{"*"}, Headers: []string{"Host"}}},
			{PathPattern: "/wp-login.php", TargetOriginID: "app", ViewerProtocol: cloudfront.HTTPSOnly, AllowedMethods: all,
				TTL: noCache, Forward: cloudfront.Forward{QueryString: true, Cookies: []string{"*"}}},
			{PathPattern: "*.jpg", TargetOriginID: "assets", ViewerProtocol: cloudfront.AllowAll, CachePolicyID: cachingOptimized},
		},
	}
}
