package core

import (
	"context"
	"errors"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
)

// v2Error builds the error chain an aws-sdk-go-v2 client returns for an
// error answer: OperationError > ResponseError > APIError.
func v2Error(service, op, code, msg, reqID string, status int) error {
	return &smithy.OperationError{
		ServiceID:     service,
		OperationName: op,
		Err: &awshttp.ResponseError{
			RequestID: reqID,
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
				Err:      &smithy.GenericAPIError{Code: code, Message: msg},
			},
		},
	}
}

func TestErrorConvertsV2Chain(t *testing.T) {
	in := v2Error("EC2", "DescribeRegions", "RequestLimitExceeded", "Request limit exceeded.", "req-1", 503)
	err := Error(in)
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("Error(%v) = %T, want *goboto.APIError", in, err)
	}
	want := &goboto.APIError{Service: "EC2", Operation: "DescribeRegions", Code: "RequestLimitExceeded",
		Message: "Request limit exceeded.", RequestID: "req-1", StatusCode: 503}
	if diff := cmp.Diff(want, ae, cmpopts.IgnoreFields(goboto.APIError{}, "Err")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, in) {
		t.Error("converted error does not unwrap to the original")
	}
	if !goboto.IsThrottled(err) {
		t.Error("RequestLimitExceeded is not IsThrottled")
	}
	var sm smithy.APIError
	if !errors.As(err, &sm) || sm.ErrorCode() != "RequestLimitExceeded" {
		t.Error("converted error does not satisfy smithy.APIError")
	}
}

func TestErrorLeavesOthersAlone(t *testing.T) {
	if Error(nil) != nil {
		t.Error("Error(nil) != nil")
	}
	ctxErr := &smithy.OperationError{ServiceID: "EC2", OperationName: "X", Err: context.Canceled}
	if got := Error(ctxErr); got != ctxErr || !errors.Is(got, context.Canceled) {
		t.Errorf("Error(cancelled) = %v", got)
	}
	v := goboto.Invalid("ItemName", "", "is empty")
	if got := Error(v); got != error(v) {
		t.Errorf("validation error changed: %v", got)
	}
	already := &goboto.APIError{Code: "X"}
	if got := Error(already); got != error(already) {
		t.Error("APIError converted twice")
	}
}

func TestIsNotFound(t *testing.T) {
	for code, want := range map[string]bool{
		"NoSuchDomain":                  true,
		"NoSuchKey":                     true,
		"InvalidInstanceID.NotFound":    true,
		"DBInstanceNotFound":            true,
		"DBParameterGroupNotFoundFault": true,
		"AttributeDoesNotExist":         true,
		"ResourceNotFoundException":     true,
		"NotFoundExceptionally":         false,
		"ConditionalCheckFailed":        false,
		"Throttling":                    false,
	} {
		err := Error(v2Error("S", "Op", code, "m", "r", 400))
		if got := goboto.IsNotFound(err); got != want {
			t.Errorf("IsNotFound(%s) = %v, want %v", code, got, want)
		}
	}
	if goboto.IsNotFound(errors.New("plain")) {
		t.Error("plain error is not-found")
	}
	if !goboto.IsNotFound(&goboto.APIError{StatusCode: 404}) {
		t.Error("bare 404 is not not-found")
	}
}
