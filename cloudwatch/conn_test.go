package cloudwatch_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// headerCapture records each request's protocol headers before passing
// it on.
type headerCapture struct {
	next *http.Client
	mu   sync.Mutex
	seen []string
}

func (c *headerCapture) Do(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.seen = append(c.seen, fmt.Sprintf("%s|%s|%s|%s", r.Header.Get("Content-Type"), r.Header.Get("Smithy-Protocol"),
		r.Header.Get("X-Amz-Target"), r.Header.Get("Content-Encoding")))
	c.mu.Unlock()
	return c.next.Do(r)
}

func captured(t *testing.T, p cloudwatch.Protocol) (*cloudwatchtest.Server, *cloudwatch.Conn, *headerCapture) {
	srv := cloudwatchtest.Start(t)
	cfg := srv.Config("")
	capture := &headerCapture{next: srv.HTTPClient()}
	cfg.HTTPClient = capture
	return srv, cloudwatch.New(cfg, cloudwatch.WithProtocol(p)), capture
}

// WithProtocol makes the connection speak each of CloudWatch's protocols
// (Smithy RPC v2 CBOR; AWS JSON 1.0 with X-Amz-Target; Query's form
// bodies), and the small bodies of a hand-built aws.Config are not
// gzipped, while one over 10,240 bytes is (core.Config's
// RequestMinCompressSizeBytes).
func TestWithProtocol(t *testing.T) {
	for _, tc := range []struct {
		p    cloudwatch.Protocol
		want []string
	}{
		{cloudwatch.CBOR, []string{"application/cbor|rpc-v2-cbor||", "application/cbor|rpc-v2-cbor||gzip"}},
		{cloudwatch.JSON, []string{"application/x-amz-json-1.0||GraniteServiceVersion20100801.PutMetricData|",
			"application/x-amz-json-1.0||GraniteServiceVersion20100801.PutMetricData|gzip"}},
		{cloudwatch.Query, []string{"application/x-www-form-urlencoded|||", "application/x-www-form-urlencoded|||gzip"}},
	} {
		t.Run(string(tc.p), func(t *testing.T) {
			_, conn, capture := captured(t, tc.p)
			if err := conn.PutMetricData(t.Context(), "App", []cloudwatch.Datum{{Name: "small", Value: 1}}); err != nil {
				t.Fatal(err)
			}
			var big []cloudwatch.Datum
			for i := range 1000 {
				big = append(big, cloudwatch.Datum{Name: fmt.Sprint("metric-number-", i), Value: float64(i)})
			}
			if err := conn.PutMetricData(t.Context(), "App", big); err != nil {
				t.Fatal(err)
			}
			got := capture.seen
			for i := range got {
				got[i] = strings.Replace(got[i], "; charset=utf-8", "", 1)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// A protocol CloudWatch does not have fails every call before sending.
func TestWithProtocolUnknown(t *testing.T) {
	srv := cloudwatchtest.Start(t)
	conn := cloudwatch.New(srv.Config(""), cloudwatch.WithProtocol("awsJson1_1"))
	err := conn.PutMetricData(t.Context(), "App", []cloudwatch.Datum{{Name: "m", Value: 1}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "Protocol" {
		t.Errorf("%v; want a ValidationError on Protocol", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestConnNames(t *testing.T) {
	srv := cloudwatchtest.Start(t)
	conn := cloudwatch.New(srv.Config("eu-west-1"))
	if conn.Region() != "eu-west-1" || conn.String() != "CloudWatchConnection:eu-west-1" || conn.Client() == nil {
		t.Errorf("%s %s %v", conn.Region(), conn, conn.Client())
	}
}
