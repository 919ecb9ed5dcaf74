package cloudwatchtest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// errValidation is the answer AWS gives for a value outside a member's
// modelled constraints (length, range, enum): ValidationException, whose
// awsQueryError code is ValidationError (in the model aws-sdk-go-v2
// v1.76.0 is built from), "1
// validation error detected: Value '999' at 'maxRecords' failed to
// satisfy constraint: Member must have value less than or equal to 100"
// (as quoted from DescribeAlarms in boto/boto3#3475).
func errValidation(value any, member, constraint string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "ValidationException", QueryCode: "ValidationError", Sender: true,
		Message: fmt.Sprintf("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s", value, member, constraint)}
}

// errValidationf is a ValidationError with a message of its own rather
// than the "1 validation error detected" form: PutMetricAlarm's answer
// to an EC2 action on an alarm without an InstanceId dimension (see
// checkEC2Actions) and to an action ARN of another partition.
func errValidationf(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "ValidationException", QueryCode: "ValidationError", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}

// errResourceNotFound is the model's ResourceNotFound (HTTP 404), which
// SetAlarmState and DeleteAlarms answer for alarms that do not exist.
func errResourceNotFound(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusNotFound, Code: "ResourceNotFound", QueryCode: "ResourceNotFound", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}

// errResourceNotFoundException is the tagging operations' not-found
// answer, a different shape from ResourceNotFound in the model.
func errResourceNotFoundException(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusNotFound, Code: "ResourceNotFoundException", QueryCode: "ResourceNotFoundException", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}

// errLimitExceeded is LimitExceededFault: "The quota for alarms for this
// customer has already been reached."
func errLimitExceeded(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "LimitExceededFault", QueryCode: "LimitExceeded", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}

// errInvalidFormat is InvalidFormatFault: "Data was not syntactically
// valid JSON."
func errInvalidFormat(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidFormatFault", QueryCode: "InvalidFormat", Sender: true,
		Message: fmt.Sprintf(format, args...)}
}
