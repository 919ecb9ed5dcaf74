package goboto_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

func TestAPIErrorText(t *testing.T) {
	inner := errors.New("wire")
	e := &goboto.APIError{Service: "SimpleDB", Operation: "GetAttributes", Code: "NoSuchDomain",
		Message: "The specified domain does not exist.", RequestID: "r-1", StatusCode: 400, Err: inner}
	want := "SimpleDB GetAttributes: NoSuchDomain: The specified domain does not exist. (status 400, request r-1)"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, inner) {
		t.Error("APIError does not unwrap")
	}
	var sm smithy.APIError = e
	if sm.ErrorFault() != smithy.FaultClient {
		t.Errorf("fault = %v", sm.ErrorFault())
	}
	e.StatusCode = 503
	if sm.ErrorFault() != smithy.FaultServer {
		t.Errorf("fault = %v", sm.ErrorFault())
	}
}

func TestValidationErrorText(t *testing.T) {
	if got := goboto.Invalid("max_allowed_packet", "-5", "out of range 1024-1073741824").Error(); got != "max_allowed_packet: -5 out of range 1024-1073741824" {
		t.Errorf("got %q", got)
	}
	if got := goboto.Invalid("ItemName", "", "is empty").Error(); got != "ItemName: is empty" {
		t.Errorf("got %q", got)
	}
	long := goboto.Invalid("ItemName", strings.Repeat("x", 2000), "is longer than 1024 bytes")
	if len(long.Value) > 64 || !strings.HasSuffix(long.Value, "...") {
		t.Errorf("long value not shortened: %d bytes", len(long.Value))
	}
}

func TestIsThrottled(t *testing.T) {
	for code, want := range map[string]bool{
		"ServiceUnavailable":   true,
		"RequestLimitExceeded": true,
		"SlowDown":             true,
		"Throttling":           true,
		"NoSuchDomain":         false,
		"":                     false,
	} {
		if got := goboto.IsThrottled(&goboto.APIError{Code: code}); got != want {
			t.Errorf("IsThrottled(%q) = %v, want %v", code, got, want)
		}
	}
	if goboto.IsThrottled(errors.New("Throttling")) {
		t.Error("a plain error is not a throttle")
	}
}

func TestCollect(t *testing.T) {
	boom := errors.New("boom")
	seq := func(yield func(int, error) bool) {
		for i := 1; i <= 3; i++ {
			if !yield(i, nil) {
				return
			}
		}
		yield(0, boom)
	}
	got, err := goboto.Collect(seq)
	if !errors.Is(err, boom) || fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("Collect = %v, %v", got, err)
	}
}

// Errors are matched with errors.As, or with the helpers.
func ExampleAPIError() {
	var err error = &goboto.APIError{Service: "SimpleDB", Operation: "Select", Code: "NoSuchDomain", StatusCode: 400}
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.Code, ae.StatusCode)
	}
	fmt.Println(goboto.IsNotFound(err), goboto.IsThrottled(err))
	// Output:
	// NoSuchDomain 400
	// true false
}
