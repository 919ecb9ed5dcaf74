package suite_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/cloudfront/internal/suite"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/moto"
)

// deployTime is how long the fake keeps a change InProgress. Env.Deploy
// moves the fake's clock past it; the clock starts behind the real one
// so that the moves never take it far enough ahead for the fake to
// refuse the requests' signing times.
const deployTime = time.Minute

// TestCloudFrontTest runs the suite against goboto's fake, with
// deployments that take a minute of the fake's clock so that the
// InProgress states are seen.
func TestCloudFrontTest(t *testing.T) {
	clock := fakes.NewClock(time.Now().Add(-10 * time.Minute))
	srv := cloudfronttest.Start(t, fakes.WithClock(clock.Now), cloudfronttest.WithDeployTime(deployTime))
	suite.Run(t, suite.Env{
		Name:   "cloudfronttest",
		Conn:   cloudfront.New(srv.Config("")),
		Names:  moto.Names("gbt-cf"),
		Deploy: func(*testing.T) { clock.Advance(deployTime) },
		Edge:   cloudfronttest.EdgeClient(srv.Server),
		Diff:   suite.CloudFrontTestDifferences(),
	})
}

// TestMoto runs the suite against moto 5.2.1 (internal/testutil/moto:
// $GOBOTO_MOTO_ENDPOINT, or a moto started for the test; skipped without
// moto or in -short mode). Calls are not retried: moto answers some
// requests with a 500 the suite expects.
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, "")}
	suite.Run(t, suite.Env{
		Name:  "moto",
		Conn:  cloudfront.New(cfg, goboto.WithRetry(1, 0)),
		Names: moto.Names("gbt-cf"),
		// moto deploys a distribution on its first read.
		Deploy: func(*testing.T) {},
		Edge:   dialing(t, endpoint),
		Diff:   suite.MotoDifferences(),
	})
}

// dialing is an HTTP client that sends every request to endpoint's
// address, whatever host its URL names.
func dialing(t *testing.T, endpoint string) *http.Client {
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{Proxy: nil, DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, u.Host)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
