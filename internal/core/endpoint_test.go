package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/goboto/goboto"
)

// loadConfig builds an aws.Config the way users do, so ConfigSources
// hold the environment and shared config, with no files read.
func loadConfig(t *testing.T) aws.Config {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithSharedConfigFiles([]string{}), config.WithSharedCredentialsFiles([]string{}),
		config.WithRegion("us-east-1"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestEndpointOrder pins the override order aws-sdk-go-v2's own clients
// use (AWS SDKs and Tools Reference Guide, "Service-specific endpoints"),
// with goboto.WithEndpoint first.
func TestEndpointOrder(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		o    goboto.Options
		ids  []string
		want string
	}{
		{"none", nil, goboto.Options{}, []string{"S3"}, ""},
		{"service variable", map[string]string{"AWS_ENDPOINT_URL_S3": "http://s3.local"}, goboto.Options{}, []string{"S3"}, "http://s3.local"},
		{"another service's variable", map[string]string{"AWS_ENDPOINT_URL_EC2": "http://ec2.local"}, goboto.Options{}, []string{"S3"}, ""},
		{"global only", map[string]string{"AWS_ENDPOINT_URL": "http://all.local"}, goboto.Options{}, []string{"S3"}, "http://all.local"},
		{"service beats global", map[string]string{"AWS_ENDPOINT_URL": "http://all.local", "AWS_ENDPOINT_URL_S3": "http://s3.local"},
			goboto.Options{}, []string{"S3"}, "http://s3.local"},
		{"option beats all", map[string]string{"AWS_ENDPOINT_URL_S3": "http://s3.local"}, goboto.Options{Endpoint: "http://opt"}, []string{"S3"}, "http://opt"},
		{"ignored", map[string]string{"AWS_ENDPOINT_URL_S3": "http://s3.local", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"},
			goboto.Options{}, []string{"S3"}, ""},
		{"sdk id with a space", map[string]string{"AWS_ENDPOINT_URL_AUTO_SCALING": "http://as.local"}, goboto.Options{}, []string{"Auto Scaling"}, "http://as.local"},
		{"alias", map[string]string{"AWS_ENDPOINT_URL_SDB": "http://sdb.local"}, goboto.Options{}, []string{"SimpleDB", "SDB"}, "http://sdb.local"},
		{"sdk id before alias", map[string]string{"AWS_ENDPOINT_URL_SDB": "http://sdb.local", "AWS_ENDPOINT_URL_SIMPLEDB": "http://simpledb.local"},
			goboto.Options{}, []string{"SimpleDB", "SDB"}, "http://simpledb.local"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_SDB",
				"AWS_ENDPOINT_URL_SIMPLEDB", "AWS_ENDPOINT_URL_AUTO_SCALING", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"} {
				t.Setenv(k, tt.env[k])
			}
			if got := Endpoint(loadConfig(t), tt.o, tt.ids...); got != tt.want {
				t.Errorf("Endpoint = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPathStyleUnderServiceEndpoint(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")
	if !PathStyle(loadConfig(t), goboto.Options{}) {
		t.Error("PathStyle = false under AWS_ENDPOINT_URL_S3")
	}
}

func TestClientOptions(t *testing.T) {
	type opts struct{ endpoint, other string }
	mine := func(o *opts) { o.other = "mine" }
	theirs := func(o *struct{ x int }) { o.x = 1 }
	fns := ClientOptions(goboto.Options{Endpoint: "http://e", ClientOptions: []any{mine, theirs}},
		func(o *opts, ep string) { o.endpoint = ep })
	var got opts
	for _, fn := range fns {
		fn(&got)
	}
	if got != (opts{endpoint: "http://e", other: "mine"}) || len(fns) != 2 {
		t.Errorf("applied %d functions, got %+v", len(fns), got)
	}
}

// TestWithClientOptionsDropsNil: a nil function is not kept, so that
// ClientOptions never hands the SDK one to call.
func TestWithClientOptionsDropsNil(t *testing.T) {
	type opts struct{ n int }
	inc := func(o *opts) { o.n++ }
	o := goboto.Apply(WithClientOptions(inc, nil, inc))
	if len(o.ClientOptions) != 2 {
		t.Fatalf("kept %d functions, want 2", len(o.ClientOptions))
	}
	var got opts
	for _, fn := range ClientOptions(o, func(*opts, string) {}) {
		fn(&got)
	}
	if got.n != 2 {
		t.Errorf("applied %d times, want 2", got.n)
	}
}

// TestRetryerKeptUnlessWithRetry: a caller's own retryer and retry mode
// survive core.Config; WithRetry replaces them.
func TestRetryerKeptUnlessWithRetry(t *testing.T) {
	own := func() aws.Retryer { return aws.NopRetryer{} }
	cfg := aws.Config{Region: "us-east-1", Retryer: own}
	if _, ok := Config(cfg, goboto.Options{}).Retryer().(aws.NopRetryer); !ok {
		t.Error("the caller's retryer was replaced without WithRetry")
	}
	if r := Config(cfg, goboto.Options{MaxAttempts: 4}).Retryer(); r.MaxAttempts() != 4 {
		t.Errorf("WithRetry: MaxAttempts = %d, want 4", r.MaxAttempts())
	}
	adaptive := Config(aws.Config{RetryMode: aws.RetryModeAdaptive, RetryMaxAttempts: 6}, goboto.Options{}).Retryer()
	if _, ok := adaptive.(*retry.AdaptiveMode); !ok {
		t.Errorf("RetryMode adaptive gave %T", adaptive)
	}
	if adaptive.MaxAttempts() != 6 || !adaptive.IsErrorRetryable(&goboto.APIError{Code: "ServiceUnavailable", StatusCode: 503}) {
		t.Error("adaptive retryer lost goboto's attempts or throttle codes")
	}
}

// TestRegionCheckSendsNothing runs a real v2 client through Config: a
// region that is no AWS region fails before any request.
func TestRegionCheckSendsNothing(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	for _, region := range []string{"mars-1", ""} {
		cfg := aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")}
		client := sts.NewFromConfig(Config(cfg, goboto.Options{Endpoint: srv.URL, MaxAttempts: 1}))
		_, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != "Region" {
			t.Errorf("region %q: err = %v, want *goboto.ValidationError on Region", region, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}
