package core

import (
	"errors"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

// Error converts an error returned by an aws-sdk-go-v2 client into a
// *goboto.APIError when AWS answered with an error code. Anything else
// (validation errors, cancelled contexts, network failures) comes back as it
// was, so errors.Is(err, context.Canceled) keeps working.
func Error(err error) error {
	if err == nil {
		return nil
	}
	var ge *goboto.APIError
	if errors.As(err, &ge) {
		return err
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return err
	}
	out := &goboto.APIError{Code: ae.ErrorCode(), Message: ae.ErrorMessage(), Err: err}
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		out.Service, out.Operation = oe.ServiceID, oe.OperationName
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		out.RequestID = re.ServiceRequestID()
		out.StatusCode = re.HTTPStatusCode()
	}
	return out
}
