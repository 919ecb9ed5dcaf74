package cloudwatchtest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// CloudWatch's errors. Code is the model's shape name, which the CBOR and
// JSON protocols write in __type; QueryCode is the shape's awsQueryError
// code, which Query answers carry and x-amzn-query-error repeats, and
// which aws-sdk-go-v2 reports as the error's code.

func errInvalidParameterValue(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValueException", QueryCode: "InvalidParameterValue",
		Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errInvalidParameterCombination(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameterCombinationException", QueryCode: "InvalidParameterCombination",
		Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errMissingParameter(name string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "MissingRequiredParameterException", QueryCode: "MissingParameter",
		Sender: true, Message: "The parameter " + name + " is required."}
}

func errInvalidNextToken() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidNextToken", QueryCode: "InvalidNextToken",
		Sender: true, Message: "The service returned an error with Error Code InvalidNextToken and HTTP Status Code 400."}
}

// errSerialization answers a body the fake cannot read as the operation's
// input.
func errSerialization(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "SerializationException", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}

// errUnsupported answers an operation, or a member of one, that
// CloudWatch has and this fake does not implement: it changes nothing and
// says so, with the common errors' InvalidAction (AWS General Reference,
// "Common Errors"), as rdstest does, rather than pretend.
func errUnsupported(what string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", QueryCode: "InvalidAction",
		Sender: true, Message: "cloudwatchtest does not implement " + what + " yet."}
}

func errUnknownOperation() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "UnknownOperationException", QueryCode: "InvalidAction", Sender: true,
		Message: "The action or operation requested is invalid. Verify that the action is typed correctly."}
}
