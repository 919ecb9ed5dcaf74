package cloudwatchtest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// post sends a signed request to the fake and returns the status, the
// headers and the body.
func post(t *testing.T, header map[string]string, body string) (int, http.Header, string) {
	t.Helper()
	srv, _ := start(t)
	req, err := http.NewRequest(http.MethodPost, srv.URL()+header["path"], strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k != "path" {
			req.Header.Set(k, v)
		}
	}
	cfg := srv.Config("")
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "monitoring", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// Over Query an error is an <ErrorResponse> whose <Code> is the legacy
// awsQueryError code (CloudWatch API Reference, "Common Errors";
// InvalidParameterValueException's awsQueryError code in the model).
func TestQueryErrorShape(t *testing.T) {
	form := url.Values{"Action": {"PutMetricData"}, "Version": {"2010-08-01"}, "Namespace": {"AWS/EC2"},
		"MetricData.member.1.MetricName": {"m"}, "MetricData.member.1.Value": {"1"}}
	status, h, body := post(t, map[string]string{"path": "/", "Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	if status != 400 || !strings.Contains(h.Get("Content-Type"), "xml") {
		t.Fatalf("status %d, Content-Type %q", status, h.Get("Content-Type"))
	}
	for _, want := range []string{"<ErrorResponse", "<Type>Sender</Type>", "<Code>InvalidParameterValue</Code>", "AWS/"} {
		if !strings.Contains(body, want) {
			t.Errorf("answer lacks %q:\n%s", want, body)
		}
	}
}

// A Query parameter the operation does not have is refused, not ignored.
func TestQueryUnknownParameter(t *testing.T) {
	form := url.Values{"Action": {"ListMetrics"}, "Version": {"2010-08-01"}, "Colour": {"blue"}}
	status, _, body := post(t, map[string]string{"path": "/", "Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	if status != 400 || !strings.Contains(body, "Colour") {
		t.Errorf("status %d:\n%s", status, body)
	}
}

// Over JSON an error is {"__type", "message"} with x-amzn-query-error
// carrying the legacy code; over CBOR the same map in CBOR.
func TestJSONErrorShape(t *testing.T) {
	status, h, body := post(t, map[string]string{"path": "/", "Content-Type": "application/x-amz-json-1.0",
		"X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData"}, `{"Namespace":"AWS/EC2","MetricData":[{"MetricName":"m","Value":1}]}`)
	if status != 400 || h.Get("x-amzn-query-error") != "InvalidParameterValue;Sender" || !strings.Contains(body, `"__type":"InvalidParameterValueException"`) {
		t.Errorf("status %d, x-amzn-query-error %q:\n%s", status, h.Get("x-amzn-query-error"), body)
	}
}
