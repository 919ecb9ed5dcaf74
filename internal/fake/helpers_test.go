package fake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// clock is the fixed time of the test servers.
var clock = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// echo is what the test services answer: what they were handed.
type echo struct {
	Service    string
	Operation  string
	Region     string
	Account    string
	SigVersion int
	Params     map[string][]string `json:",omitempty"`
	Body       string              `json:",omitempty"`
}

func echoHandler(w http.ResponseWriter, r *Request) error {
	if r.Operation == "Fail" {
		return &Error{Status: 400, Code: "InvalidParameterValue", Message: "Fail was asked for", Sender: true}
	}
	if r.Operation == "Crash" {
		return io.ErrUnexpectedEOF
	}
	return WriteJSON(w, 200, echo{r.Service, r.Operation, r.Region, r.Account(), r.SigVersion, r.Params, string(r.Body)})
}

// testServices are one service of each protocol.
func testServices() []Service {
	return []Service{
		{Name: "sdb", Protocol: EC2, QueryVersions: []string{"2009-04-15"}, SigV2: true, HostPrefix: "sdb", Handle: echoHandler},
		{Name: "ec2", Protocol: EC2, QueryVersions: []string{"2016-11-15"}, SigV2: true, HostPrefix: "ec2", Handle: echoHandler},
		{Name: "rds", Protocol: Query, QueryVersions: []string{"2014-10-31"}, XMLNamespace: "http://rds.amazonaws.com/doc/2014-10-31/", Handle: echoHandler},
		{Name: "sqs", Protocol: JSON10, TargetPrefix: "AmazonSQS", Handle: echoHandler},
		{Name: "s3", Protocol: RestXML, Handle: echoHandler, Operation: func(r *http.Request) string {
			if r.URL.Query().Has("fail") {
				return "Fail"
			}
			return r.Method + "Object"
		}},
	}
}

// newServer starts a server with the test services at the fixed clock.
func newServer(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return clock }
	}
	s := NewServer(opts, testServices()...)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func awsCreds(c Credential) aws.Credentials {
	return aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}

var mainCred = DefaultCredentials()[0]

// signer returns the SDK's signer, with S3's path rule for service s3.
func signer(service string) *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = service == "s3" })
}

// do sends req and returns the status, the body and the decoded echo (if
// the answer is one).
func do(t testing.TB, client *http.Client, req *http.Request) (int, []byte, echo) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var e echo
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
	}
	return resp.StatusCode, b, e
}

func newRequest(t testing.TB, method, url string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}
