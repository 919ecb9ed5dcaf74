package testutil_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/testutil"
)

func TestErrorParts(t *testing.T) {
	sdk := &smithy.GenericAPIError{Code: "NoSuchThing", Message: "it is gone"}
	resp := &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 404}}, Err: sdk}}
	ours := &goboto.APIError{Code: "Renamed", Message: "ours", StatusCode: 410, Err: resp}
	for _, tc := range []struct {
		name   string
		err    error
		code   string
		msg    string
		status int
	}{
		{"nil", nil, "", "", 0},
		{"plain", errors.New("boom"), "", "", 0},
		{"sdk", fmt.Errorf("op: %w", resp), "NoSuchThing", "it is gone", 404},
		// goboto's error wraps the SDK's and answers first.
		{"goboto", fmt.Errorf("op: %w", ours), "Renamed", "ours", 410},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := testutil.ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode = %q, want %q", got, tc.code)
			}
			if got := testutil.ErrorMessage(tc.err); got != tc.msg {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.msg)
			}
			if got := testutil.ErrorStatus(tc.err); got != tc.status {
				t.Errorf("ErrorStatus = %d, want %d", got, tc.status)
			}
		})
	}
}
