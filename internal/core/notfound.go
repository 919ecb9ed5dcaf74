package core

import (
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/goboto/goboto"
)

// NotFound is the error a Refresh returns when its Describe call
// succeeded but did not list the resource (a filter that matched nothing,
// or a shared resource no longer visible). It carries the service's own
// not-found code, so goboto.IsNotFound is true, and the Describe call's
// HTTP status and request ID from meta, the output's ResultMetadata, so
// the answer can be traced: a status of 0 would claim no response came.
func NotFound(meta middleware.Metadata, service, operation, code, message string) *goboto.APIError {
	e := &goboto.APIError{Service: service, Operation: operation, Code: code, Message: message}
	if id, ok := awsmiddleware.GetRequestIDMetadata(meta); ok {
		e.RequestID = id
	}
	if raw, ok := awsmiddleware.GetRawResponse(meta).(*smithyhttp.Response); ok && raw != nil {
		e.StatusCode = raw.StatusCode
	}
	return e
}
