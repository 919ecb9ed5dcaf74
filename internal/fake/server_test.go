package fake

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/protocol/restjson"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// stsService answers GetCallerIdentity with the caller's account, and
// fails for the account OtherAccountID.
func stsService() Service {
	return Service{
		Name: "sts", Protocol: Query, QueryVersions: []string{"2011-06-15"},
		XMLNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
		Handle: func(w http.ResponseWriter, r *Request) error {
			if r.Account() == OtherAccountID {
				return &Error{Status: 403, Code: "AccessDenied", Message: "not you", Sender: true}
			}
			type result struct {
				Arn, UserId, Account string
			}
			return WriteXML(w, 200, struct {
				XMLName   xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ GetCallerIdentityResponse"`
				Result    result   `xml:"GetCallerIdentityResult"`
				RequestID string   `xml:"ResponseMetadata>RequestId"`
			}{Result: result{"arn:aws:iam::" + r.Account() + ":user/test", r.Credential.AccessKeyID, r.Account()}, RequestID: r.RequestID})
		},
	}
}

func TestSDKQueryOverTLS(t *testing.T) {
	s := NewServer(Options{}, stsService())
	if err := s.StartTLS(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") {
		t.Errorf("URL() = %q, want https://127.0.0.1:port", s.URL())
	}
	ctx := context.Background()
	out, err := sts.NewFromConfig(s.Config("eu-central-1", DefaultCredentials()[2])).GetCallerIdentity(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(TestAccountID, aws.ToString(out.Account)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}

	_, err = sts.NewFromConfig(s.Config("eu-central-1", DefaultCredentials()[1])).GetCallerIdentity(ctx, nil)
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want a smithy.APIError", err)
	}
	got := []string{ae.ErrorCode(), ae.ErrorMessage()}
	if diff := cmp.Diff([]string{"AccessDenied", "not you"}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}

	// A client that does not trust the certificate is refused.
	if _, err := http.Get(s.URL()); err == nil {
		t.Errorf("plain client trusted the self-signed certificate")
	}
}

func TestSDKEC2Errors(t *testing.T) {
	s := NewServer(Options{}, Service{Name: "ec2", Protocol: EC2, QueryVersions: []string{"2016-11-15"},
		Handle: func(w http.ResponseWriter, r *Request) error {
			return &Error{Status: 400, Code: "InvalidParameterValue", Message: "bad " + r.Operation, Sender: true}
		}})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name     string
		cred     Credential
		wantCode string
		wantMsg  string
	}{
		{"handler error", mainCred, "InvalidParameterValue", "bad DescribeRegions"},
		{"bad secret", Credential{AccessKeyID: TestAccessKeyID, SecretAccessKey: "wrong"}, "AuthFailure", "AWS was not able to validate the provided access credentials"},
		{"unknown key", Credential{AccessKeyID: "AKIDNOPE", SecretAccessKey: "wrong"}, "AuthFailure", "AWS was not able to validate the provided access credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ec2.NewFromConfig(s.Config("us-west-2", tt.cred), func(o *ec2.Options) { o.RetryMaxAttempts = 1 })
			_, err := c.DescribeRegions(context.Background(), nil)
			var ae smithy.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want a smithy.APIError", err)
			}
			if diff := cmp.Diff([]string{tt.wantCode, tt.wantMsg}, []string{ae.ErrorCode(), ae.ErrorMessage()}); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	if got := s.Calls(); len(got) != 3 || got[0].Region != "us-west-2" || got[0].Operation != "DescribeRegions" {
		t.Errorf("calls = %+v", got)
	}
}

func TestCalls(t *testing.T) {
	s := newServer(t, Options{})
	do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	do(t, s.HTTPClient(), opRequest(t, s.URL(), "rds", "Fail", DefaultCredentials()[1], "us-east-2"))
	do(t, s.HTTPClient(), opRequest(t, s.URL(), "ec2", "RunInstances", Credential{AccessKeyID: "AKIDNOPE", SecretAccessKey: "x"}, "eu-west-1"))
	do(t, s.HTTPClient(), newRequest(t, "GET", s.URL()+"/nothing", nil))
	var got []Call
	for _, c := range s.Calls() {
		if c.RequestID == "" || !c.Time.Equal(clock) {
			t.Errorf("call %+v lacks a request ID or time", c)
		}
		c.RequestID, c.Time = "", time.Time{}
		got = append(got, c)
	}
	want := []Call{
		{Method: "POST", Path: "/", Service: "sqs", Operation: "SendMessage", Region: "eu-west-1", Account: TestAccountID, SigVersion: 4, Status: 200},
		{Method: "POST", Path: "/", Service: "rds", Operation: "Fail", Region: "us-east-2", Account: OtherAccountID, SigVersion: 4, Status: 400, Code: "InvalidParameterValue"},
		{Method: "POST", Path: "/", Service: "ec2", Operation: "RunInstances", Region: "eu-west-1", SigVersion: 4, Status: 401, Code: "AuthFailure"},
		// A path no scope or Version routes is S3's, which refuses
		// anonymous requests unless it allows them.
		{Method: "GET", Path: "/nothing", Service: "s3", Operation: "GETObject", Region: "us-east-1", Status: 403, Code: "AccessDenied"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	s.ResetCalls()
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls after ResetCalls", n)
	}
}

func TestRequestIDHeaders(t *testing.T) {
	s := newServer(t, Options{})
	resp, err := s.HTTPClient().Do(newRequest(t, "GET", s.URL(), nil))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Header.Get("X-Amzn-Requestid")
	if len(id) != 36 || id != resp.Header.Get("X-Amz-Request-Id") || id != s.Calls()[0].RequestID {
		t.Errorf("request IDs %q, %q, %q differ or are malformed", id, resp.Header.Get("X-Amz-Request-Id"), s.Calls()[0].RequestID)
	}
}

func TestHandlerErrors(t *testing.T) {
	s := newServer(t, Options{})
	status, body, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "Crash", mainCred, "eu-west-1"))
	if diff := cmp.Diff([]any{500, "InternalFailure"}, []any{status, errorCode(body)}); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if strings.Contains(string(body), "unexpected EOF") {
		t.Errorf("the handler's error text leaked into the answer: %s", body)
	}
}

func TestAnonymous(t *testing.T) {
	s := NewServer(Options{}, Service{Name: "s3", Protocol: RestXML, AllowAnonymous: true,
		Handle: func(w http.ResponseWriter, r *Request) error {
			return WriteJSON(w, 200, echo{Account: r.Account(), SigVersion: r.SigVersion, Region: r.Region})
		}})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, _, got := do(t, s.HTTPClient(), newRequest(t, "GET", s.URL()+"/bucket/key", nil))
	if diff := cmp.Diff(echo{Region: "us-east-1"}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestStartTwiceAndClose(t *testing.T) {
	s := NewServer(Options{})
	if err := s.Close(); err != nil {
		t.Errorf("Close before Start: %v", err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err == nil {
		t.Errorf("second Start succeeded")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 3 {
		s := NewServer(Options{Now: func() time.Time { return clock }}, testServices()...)
		if err := s.StartTLS(); err != nil {
			t.Fatal(err)
		}
		s.Faults().Add(Fault{Kind: SlowBody, Delay: time.Millisecond})
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
			})
		}
		wg.Wait()
		s.Close()
	}
	// Goroutines of closed connections take a moment to unwind.
	var after int
	for range 100 {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines before, %d after Close\n%s", before, after, buf[:runtime.Stack(buf, true)])
}

func TestScoped(t *testing.T) {
	type state struct{ account, region string }
	made := map[string]int{}
	var mu sync.Mutex
	sc := Scoped[state]{New: func(account, region string) *state {
		mu.Lock()
		made[account+"/"+region]++
		mu.Unlock()
		return &state{account, region}
	}}
	var wg sync.WaitGroup
	keys := [][2]string{{"2", "us-east-1"}, {"1", "eu-west-1"}, {"1", "ap-south-1"}, {"2", "af-south-1"}}
	ptrs := make([][]*state, len(keys))
	for i, k := range keys {
		ptrs[i] = make([]*state, 8)
		for j := range 8 {
			wg.Go(func() { ptrs[i][j] = sc.Get(k[0], k[1]) })
		}
	}
	wg.Wait()
	for i := range ptrs {
		for _, p := range ptrs[i] {
			if p != ptrs[i][0] {
				t.Errorf("Get(%v) returned different states", keys[i])
			}
		}
	}
	var order []string
	sc.Each(func(account, region string, v *state) {
		order = append(order, fmt.Sprintf("%s/%s=%s/%s", account, region, v.account, v.region))
	})
	want := []string{"1/ap-south-1=1/ap-south-1", "1/eu-west-1=1/eu-west-1", "2/af-south-1=2/af-south-1", "2/us-east-1=2/us-east-1"}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("Each order (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"1/ap-south-1": 1, "1/eu-west-1": 1, "2/af-south-1": 1, "2/us-east-1": 1}, made); diff != "" {
		t.Errorf("New calls (-want +got)\n%s", diff)
	}
	var zero Scoped[state]
	if zero.Get("a", "b") == nil {
		t.Errorf("zero Scoped returned nil")
	}
	if _, ok := zero.Lookup("a", "c"); ok {
		t.Errorf("Lookup found a state never made")
	}
}

// TestJSONErrorDecodesInSDK sends an SDK-signed JSON 1.0 request and reads
// the error the way the SDK's awsJson1_0 deserializers do.
func TestJSONErrorDecodesInSDK(t *testing.T) {
	s := newServer(t, Options{})
	tests := []struct {
		op, wantCode, wantMsg, wantQueryErr string
	}{
		{"Fail", "InvalidParameterValue", "Fail was asked for", "InvalidParameterValue;Sender"},
		{"Crash", "InternalFailure", DefaultErrors(JSON10).ServerError.Message, "InternalFailure;Receiver"},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			resp, err := s.HTTPClient().Do(opRequest(t, s.URL(), "sqs", tt.op, mainCred, "eu-west-1"))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			code, msg, err := restjson.GetErrorInfo(json.NewDecoder(resp.Body))
			if err != nil {
				t.Fatal(err)
			}
			got := []string{restjson.SanitizeErrorCode(code), msg, resp.Header.Get("x-amzn-query-error"), resp.Header.Get("Content-Type")}
			want := []string{tt.wantCode, tt.wantMsg, tt.wantQueryErr, "application/x-amz-json-1.0"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
