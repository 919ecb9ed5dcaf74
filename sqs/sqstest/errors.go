package sqstest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// SQS's errors. Code is the model's shape name, which SQS writes in
// __type; QueryCode is the awsQueryError code of the same shape (the
// legacy query code), which SQS writes in x-amzn-query-error and which
// aws-sdk-go-v2 reports as the error's code.

func errQueueDoesNotExist() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "QueueDoesNotExist", QueryCode: "AWS.SimpleQueueService.NonExistentQueue",
		Sender: true, Message: "The specified queue does not exist."}
}

func errUnsupported(what string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "UnsupportedOperation", QueryCode: "AWS.SimpleQueueService.UnsupportedOperation",
		Sender: true, Message: "sqstest does not implement " + what + " yet."}
}

func errInvalidValue(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errMissing(param string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "MissingParameter", Sender: true,
		Message: "The request must contain the parameter " + param + "."}
}

func errAttributeName(name string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAttributeName", QueryCode: "InvalidAttributeName", Sender: true,
		Message: "Unknown Attribute " + name + "."}
}

func errAttributeValue(name string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAttributeValue", QueryCode: "InvalidAttributeValue", Sender: true,
		Message: "Invalid value for the parameter " + name + "."}
}

func errQueueNameExists(name string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "QueueNameExists", QueryCode: "QueueAlreadyExists", Sender: true,
		Message: "A queue already exists with the same name and a different value for attribute(s) of " + name + "."}
}

func errDeletedRecently() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "QueueDeletedRecently", QueryCode: "AWS.SimpleQueueService.QueueDeletedRecently", Sender: true,
		Message: "You must wait 60 seconds after deleting a queue before you can create another with the same name."}
}

func errPurgeInProgress(url string) *fake.Error {
	return &fake.Error{Status: http.StatusForbidden, Code: "PurgeQueueInProgress", QueryCode: "AWS.SimpleQueueService.PurgeQueueInProgress", Sender: true,
		Message: "Only one PurgeQueue operation on " + url + " is allowed every 60 seconds."}
}

func errReceiptHandle(h string) *fake.Error {
	return &fake.Error{Status: http.StatusNotFound, Code: "ReceiptHandleIsInvalid", QueryCode: "ReceiptHandleIsInvalid", Sender: true,
		Message: fmt.Sprintf("The input receipt handle %q is not a valid receipt handle.", h)}
}

func errNotInflight() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "MessageNotInflight", QueryCode: "AWS.SimpleQueueService.MessageNotInflight", Sender: true,
		Message: "Message is not in flight."}
}

func errMessageContents() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidMessageContents", QueryCode: "InvalidMessageContents", Sender: true,
		Message: "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"}
}

func errAccessDenied(url string) *fake.Error {
	return &fake.Error{Status: http.StatusForbidden, Code: "AccessDenied", Sender: true,
		Message: "Access to the resource " + url + " is denied."}
}
