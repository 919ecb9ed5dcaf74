package ec2_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// recorder is an HTTP server that records every request's form and
// answers each with an EC2 error (status, code), so tests can see what a
// call sent, or that it sent nothing.
type recorder struct {
	mu     sync.Mutex
	forms  []url.Values
	status int
	code   string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	form, _ := url.ParseQuery(string(body))
	r.mu.Lock()
	r.forms = append(r.forms, form)
	status, code := r.status, r.code
	r.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>`+code+
		`</Code><Message>recorded</Message></Error></Errors><RequestID>rec-1</RequestID></Response>`)
}

// requests returns the forms received so far.
func (r *recorder) requests() []url.Values {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]url.Values(nil), r.forms...)
}

// recordingConn returns a connection to a recorder in us-east-1 that
// answers 400 Recorded, which is not retried.
func recordingConn(t *testing.T) (*ec2.Conn, *recorder) {
	t.Helper()
	rec := &recorder{status: http.StatusBadRequest, code: "Recorded"}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	}
	return ec2.New(cfg), rec
}

// wantValidation fails t unless err is a *goboto.ValidationError for field.
func wantValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v (%T); want *goboto.ValidationError", err, err)
	}
	if field != "" && ve.Field != field {
		t.Errorf("ValidationError.Field = %q; want %q (%v)", ve.Field, field, ve)
	}
}

// wantCode fails t unless err is an *goboto.APIError with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("err = %v; want APIError %s", err, code)
	}
}

// startFake starts an ec2test server and returns it with a connection for
// the first test account in its default region.
func startFake(t *testing.T) (*ec2test.Server, *ec2.Conn) {
	t.Helper()
	srv := ec2test.Start(t)
	return srv, ec2.New(srv.Config(""))
}

// otherConn is a connection for the fake's second account.
func otherConn(srv *ec2test.Server, region string) *ec2.Conn {
	return ec2.New(srv.ConfigFor(fake.DefaultCredentials()[1], region))
}

// ops returns the operations srv has seen, in order.
func ops(srv *ec2test.Server) []string {
	var out []string
	for _, c := range srv.Calls() {
		out = append(out, c.Operation)
	}
	return out
}

// launch runs one instance of the fake's EBS image in us-east-1a.
func launch(t *testing.T, conn *ec2.Conn, opts ec2.RunOptions) *ec2.Instance {
	t.Helper()
	if opts.ImageID == "" {
		opts.ImageID = ec2test.DefaultEBSImage
	}
	if opts.Zone == "" {
		opts.Zone = "us-east-1a"
	}
	r, err := conn.RunInstances(t.Context(), opts)
	if err != nil {
		t.Fatalf("RunInstances: %v", err)
	}
	if len(r.Instances) == 0 {
		t.Fatal("RunInstances: no instances")
	}
	return r.Instances[0]
}
