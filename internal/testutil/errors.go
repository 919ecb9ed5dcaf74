package testutil

import (
	"errors"

	"github.com/aws/smithy-go"
)

// ErrorCode is the AWS error code err carries, "" for none: goboto's
// *goboto.APIError and aws-sdk-go-v2's errors are both smithy.APIErrors,
// and the outermost one answers, so a goboto error gives goboto's code.
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// ErrorMessage is the message of the AWS error err carries, "" for none.
func ErrorMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return ""
}

// ErrorStatus is the HTTP status err came with (goboto's
// *goboto.APIError or aws-sdk-go-v2's response error), 0 for none.
func ErrorStatus(err error) int {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}
