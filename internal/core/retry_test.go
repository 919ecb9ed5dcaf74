package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/goboto/goboto"
)

func TestRetryerClassification(t *testing.T) {
	r := NewRetryer(5, time.Second)
	for _, tc := range []struct {
		err       error
		retryable bool
	}{
		{&goboto.APIError{Code: "ServiceUnavailable", StatusCode: 503}, true},
		{&goboto.APIError{Code: "RequestLimitExceeded", StatusCode: 503}, true},
		{&goboto.APIError{Code: "Throttling", StatusCode: 400}, true},
		{&goboto.APIError{Code: "InternalError", StatusCode: 500}, true},
		{&goboto.APIError{Code: "NoSuchDomain", StatusCode: 400}, false},
		{&goboto.APIError{Code: "ConditionalCheckFailed", StatusCode: 409}, false},
		{goboto.Invalid("f", "v", "rule"), false},
	} {
		if got := r.IsErrorRetryable(tc.err); got != tc.retryable {
			t.Errorf("IsErrorRetryable(%v) = %v, want %v", tc.err, got, tc.retryable)
		}
	}
	if r.MaxAttempts() != 5 {
		t.Errorf("MaxAttempts = %d", r.MaxAttempts())
	}
}

func TestRetryerSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  aws.Config
		o    goboto.Options
		want int
	}{
		{"default", aws.Config{}, goboto.Options{}, DefaultMaxAttempts},
		{"from cfg", aws.Config{RetryMaxAttempts: 7}, goboto.Options{}, 7},
		{"option wins", aws.Config{RetryMaxAttempts: 7}, goboto.Options{MaxAttempts: 2}, 2},
	} {
		if got := Retryer(tc.cfg, tc.o)().MaxAttempts(); got != tc.want {
			t.Errorf("%s: MaxAttempts = %d, want %d", tc.name, got, tc.want)
		}
	}
	// The backoff cap holds even for a late attempt whose exponential
	// delay would be far larger.
	r := NewRetryer(50, 10*time.Millisecond)
	for attempt := 1; attempt < 40; attempt++ {
		d, err := r.RetryDelay(attempt, &goboto.APIError{Code: "Throttling", StatusCode: 400})
		if err != nil {
			t.Fatal(err)
		}
		if d > 10*time.Millisecond {
			t.Fatalf("attempt %d: delay %v over the 10ms cap", attempt, d)
		}
	}
}

// TestCancelStopsBackoff drives goboto's policy through a real
// aws-sdk-go-v2 operation built with Config, and cancels the caller's
// context after the first attempt: the call must end with context.Canceled
// and no second attempt, however long the backoff could be.
func TestCancelStopsBackoff(t *testing.T) {
	var attempts atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		cancel() // the caller gives up while the answer is on its way
		w.WriteHeader(503)
	}))
	defer srv.Close()

	client := sts.NewFromConfig(Config(testConfig(), goboto.Apply(goboto.WithEndpoint(srv.URL), goboto.WithRetry(10, time.Hour))))
	done := make(chan error, 1)
	go func() {
		_, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute): // deadlock guard, not a timing assertion
		t.Fatal("cancelled call still waiting after a minute")
	}
	if n := attempts.Load(); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
}

// TestConfigThroughV2 checks that a v2 client built from Config retries
// ServiceUnavailable as a throttle, up to the configured attempts, at the
// overridden endpoint, with goboto's user agent.
func TestConfigThroughV2(t *testing.T) {
	var attempts atomic.Int32
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		ua.Store(r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("x-amzn-RequestId", "req-42")
		w.WriteHeader(503)
		w.Write([]byte(`<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>slow down</Message></Error><RequestId>req-42</RequestId></ErrorResponse>`))
	}))
	defer srv.Close()

	client := sts.NewFromConfig(Config(testConfig(), goboto.Apply(goboto.WithEndpoint(srv.URL), goboto.WithRetry(4, time.Millisecond))))
	_, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	err = Error(err)
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %T %v", err, err)
	}
	if ae.Code != "ServiceUnavailable" || ae.StatusCode != 503 || ae.RequestID != "req-42" || ae.Operation != "GetCallerIdentity" {
		t.Errorf("APIError = %+v", ae)
	}
	if !goboto.IsThrottled(err) {
		t.Error("ServiceUnavailable not IsThrottled")
	}
	if n := attempts.Load(); n != 4 {
		t.Errorf("attempts = %d, want 4", n)
	}
	if got, _ := ua.Load().(string); !strings.Contains(got, UserAgent) {
		t.Errorf("User-Agent %q lacks %q", got, UserAgent)
	}
}

func testConfig() aws.Config {
	return aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, testSessionToken),
	}
}

const (
	testAccessKey    = "AKIAGOBOTOLOGTEST0001"
	testSecretKey    = "S3cr3t/Key/That/Must/Never/Be/Logged00"
	testSessionToken = "SessionTokenThatMustNeverBeLogged000000"
)
