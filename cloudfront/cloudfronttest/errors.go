package cloudfronttest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// CloudFront's errors, rendered by the fake server as CloudFront sends
// them: <ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
// <Error><Type>Sender</Type><Code/><Message/></Error><RequestId/>. Codes,
// statuses and fault types are the model's error shapes.

// cferr is an error of the model: code, HTTP status and message.
func cferr(status int, code, format string, args ...any) *fake.Error {
	return &fake.Error{Status: status, Code: code, Sender: status < 500, Message: fmt.Sprintf(format, args...)}
}

// errUnsupported answers an operation of the model the fake does not
// serve: the model's UnsupportedOperation (400, "This operation is not
// supported in this Amazon Web Services Region"), which changes nothing.
func errUnsupported(op string) *fake.Error {
	return cferr(http.StatusBadRequest, "UnsupportedOperation", "cloudfronttest does not implement %s yet.", op)
}

// errNoSuchResource answers a path no operation of the model has: the
// model's NoSuchResource (404, "A resource that was specified is not
// valid").
func errNoSuchResource(method, path string) *fake.Error {
	return cferr(http.StatusNotFound, "NoSuchResource", "There is no CloudFront resource %s %s.", method, path)
}

func errInvalidArgument(format string, args ...any) *fake.Error {
	return cferr(http.StatusBadRequest, "InvalidArgument", format, args...)
}

func errMalformedInput(format string, args ...any) *fake.Error {
	return cferr(http.StatusBadRequest, "MalformedInput", format, args...)
}

func errWrongRegion(region string) *fake.Error {
	return cferr(http.StatusForbidden, "SignatureDoesNotMatch",
		"Credential should be scoped to a valid region, not '%s'. CloudFront is signed for us-east-1.", region)
}
