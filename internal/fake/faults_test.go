package fake

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// opRequest is a signed request for operation op of a test service: an
// X-Amz-Target for sqs, Action for the query services.
func opRequest(t testing.TB, base, service, op string, c Credential, region string) *http.Request {
	t.Helper()
	vc := v4Case{service: service, method: "POST", cred: c, region: region}
	switch service {
	case "sqs":
		vc.body = `{"QueueUrl":"` + strings.Repeat("q", 200) + `"}`
		vc.header = map[string]string{"X-Amz-Target": "AmazonSQS." + op}
	default:
		vc.body = "Action=" + op + "&Version=1"
		vc.header = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	}
	vc = vc.withDefaults()
	req := vc.request(t, base)
	vc.sign(t, req, clock)
	return req
}

func TestFaultErrors(t *testing.T) {
	tests := []struct {
		name       string
		fault      Fault
		service    string
		op         string
		wantStatus int
		wantCode   string
	}{
		{"throttle json", Fault{Kind: Throttle}, "sqs", "SendMessage", 400, "ThrottlingException"},
		{"throttle ec2", Fault{Kind: Throttle}, "ec2", "RunInstances", 503, "RequestLimitExceeded"},
		{"throttle query", Fault{Kind: Throttle}, "rds", "DescribeDBInstances", 400, "Throttling"},
		{"server error", Fault{Kind: ServerError}, "ec2", "RunInstances", 500, "InternalError"},
		{"server error override", Fault{Kind: ServerError, Err: &Error{Status: 503, Code: "ServiceUnavailable", Message: "Service is unavailable."}}, "rds", "X", 503, "ServiceUnavailable"},
		{"other operation untouched", Fault{Kind: Throttle, Operation: "SendMessage"}, "sqs", "ReceiveMessage", 200, ""},
		{"other service untouched", Fault{Kind: Throttle, Service: "ec2"}, "sqs", "ReceiveMessage", 200, ""},
		{"matching filters", Fault{Kind: Throttle, Service: "sqs", Operation: "SendMessage", Region: "eu-west-1", Account: TestAccountID}, "sqs", "SendMessage", 400, "ThrottlingException"},
		{"other region untouched", Fault{Kind: Throttle, Region: "us-west-2"}, "sqs", "SendMessage", 200, ""},
		{"other account untouched", Fault{Kind: Throttle, Account: OtherAccountID}, "sqs", "SendMessage", 200, ""},
	}
	s := newServer(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer s.Faults().Add(tt.fault)()
			status, body, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), tt.service, tt.op, mainCred, "eu-west-1"))
			if diff := cmp.Diff([]any{tt.wantStatus, tt.wantCode}, []any{status, errorCode(body)}); diff != "" {
				t.Errorf("(-want +got)\n%s\n%s", diff, body)
			}
		})
	}
}

func TestFaultTimes(t *testing.T) {
	s := newServer(t, Options{})
	s.Faults().Add(Fault{Kind: Throttle, Times: 2})
	var got []int
	for range 4 {
		status, _, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
		got = append(got, status)
	}
	if diff := cmp.Diff([]int{400, 400, 200, 200}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if n := s.Faults().Len(); n != 0 {
		t.Errorf("%d rules left after Times ran out, want 0", n)
	}
}

func TestFaultRemoveAndClear(t *testing.T) {
	s := newServer(t, Options{})
	remove := s.Faults().Add(Fault{Kind: Throttle})
	s.Faults().Add(Fault{Kind: ServerError, Service: "ec2"})
	status := func() int {
		st, _, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
		return st
	}
	got := []int{status()}
	remove()
	remove() // a second call is harmless
	got = append(got, status(), s.Faults().Len())
	s.Faults().Clear()
	got = append(got, s.Faults().Len())
	if diff := cmp.Diff([]int{400, 200, 1, 0}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// throttledRuns returns which of n requests a Probability 0.5 rule hit on a
// fresh server seeded with seed.
func throttledRuns(t *testing.T, seed int64, n int) []bool {
	s := NewServer(Options{Seed: seed, Now: func() time.Time { return clock }}, testServices()...)
	s.Faults().Add(Fault{Kind: Throttle, Probability: 0.5})
	hits := make([]bool, n)
	for i := range hits {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, opRequest(t, "http://example.com", "sqs", "SendMessage", mainCred, "eu-west-1"))
		hits[i] = rec.Code == 400
	}
	return hits
}

func TestFaultProbabilityReproducible(t *testing.T) {
	a, b := throttledRuns(t, 42, 64), throttledRuns(t, 42, 64)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different hits (-want +got)\n%s", diff)
	}
	n := 0
	for _, hit := range a {
		if hit {
			n++
		}
	}
	if n == 0 || n == len(a) {
		t.Errorf("Probability 0.5 hit %d of %d requests", n, len(a))
	}
	if c := throttledRuns(t, 7, 64); cmp.Equal(a, c) {
		t.Errorf("seeds 42 and 7 hit the same requests")
	}
}

func TestFaultLatency(t *testing.T) {
	s := newServer(t, Options{})
	s.Faults().Add(Fault{Kind: Latency, Delay: 20 * time.Millisecond, Times: 1})
	status, body, got := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	if status != 200 || got.Operation != "SendMessage" {
		t.Fatalf("status %d: %s", status, body)
	}
	if calls := s.Calls(); len(calls) != 1 || calls[0].Fault != Latency {
		t.Errorf("calls = %+v, want one with a Latency fault", calls)
	}

	// A client that gives up is not kept waiting for the delay.
	s.Faults().Add(Fault{Kind: Latency, Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1").WithContext(ctx)
	if _, err := s.HTTPClient().Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestFaultLatencyThenThrottle(t *testing.T) {
	s := newServer(t, Options{})
	s.Faults().Add(Fault{Kind: Latency, Delay: time.Millisecond})
	s.Faults().Add(Fault{Kind: Throttle})
	s.Faults().Add(Fault{Kind: ServerError})
	status, body, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	got := []any{status, errorCode(body), s.Calls()[0].Fault}
	if diff := cmp.Diff([]any{400, "ThrottlingException", Throttle}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestFaultReset(t *testing.T) {
	s := newServer(t, Options{})
	s.Faults().Add(Fault{Kind: Reset, Times: 1})
	resp, err := s.HTTPClient().Do(opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("status %d, want a connection reset", resp.StatusCode)
	}
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("err = %v, want ECONNRESET", err)
	}
	// The handler never ran and the next request is fine.
	status, _, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	calls := s.Calls()
	got := []any{status, len(calls), calls[0].Fault, calls[0].Status}
	if diff := cmp.Diff([]any{200, 2, Reset, 0}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestFaultTruncate(t *testing.T) {
	s := newServer(t, Options{})
	s.Faults().Add(Fault{Kind: Truncate})
	resp, err := s.HTTPClient().Do(opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want io.ErrUnexpectedEOF", err)
	}
	if int64(len(b)) != resp.ContentLength/2 || resp.ContentLength < 200 {
		t.Errorf("read %d of %d bytes, want half", len(b), resp.ContentLength)
	}
}

func TestFaultSlowBody(t *testing.T) {
	s := newServer(t, Options{})
	want := func() []byte {
		_, body, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
		return body
	}()
	s.Faults().Add(Fault{Kind: SlowBody, Delay: time.Millisecond, ChunkSize: 7})
	_, got, _ := do(t, s.HTTPClient(), opRequest(t, s.URL(), "sqs", "SendMessage", mainCred, "eu-west-1"))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if c := s.Calls(); c[len(c)-1].Fault != SlowBody || c[len(c)-1].Status != 200 {
		t.Errorf("last call = %+v, want a 200 with SlowBody", c[len(c)-1])
	}
}
