package goboto

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"
)

// APIError is an error answered by AWS or a local fake. It satisfies
// smithy.APIError, so code written for plain aws-sdk-go-v2 matches it too.
type APIError struct {
	Service    string // "SimpleDB", "EC2", ...
	Operation  string // "PutAttributes", ...
	Code       string // AWS's error code, e.g. "NoSuchDomain"
	Message    string
	RequestID  string
	StatusCode int   // HTTP status; 0 when no response arrived
	Err        error // the aws-sdk-go-v2 or transport error underneath
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s", e.Service, e.Operation, e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, " (status %d", e.StatusCode)
		if e.RequestID != "" {
			fmt.Fprintf(&b, ", request %s", e.RequestID)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the error underneath.
func (e *APIError) Unwrap() error { return e.Err }

// HTTPStatusCode returns the HTTP status, which lets aws-sdk-go-v2's
// retryer classify 5xx answers from goboto's own clients.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// ErrorCode implements smithy.APIError.
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage implements smithy.APIError.
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault implements smithy.APIError: 5xx answers are the server's fault.
func (e *APIError) ErrorFault() smithy.ErrorFault {
	switch {
	case e.StatusCode >= 500:
		return smithy.FaultServer
	case e.StatusCode >= 400:
		return smithy.FaultClient
	}
	return smithy.FaultUnknown
}

// ValidationError reports input refused before any request was sent.
type ValidationError struct {
	Field string // the parameter, e.g. "ItemName" or "max_allowed_packet"
	Value string // the offending value, shortened; secrets are never shown
	Rule  string // what was broken, e.g. "out of range 1024-1073741824"
}

func (e *ValidationError) Error() string {
	if e.Value == "" {
		return e.Field + ": " + e.Rule
	}
	return e.Field + ": " + e.Value + " " + e.Rule
}

// Invalid returns a *ValidationError. Values longer than 64 bytes are cut so
// a huge input does not flood a log line.
func Invalid(field, value, rule string) *ValidationError {
	if len(value) > 64 {
		value = value[:61] + "..."
	}
	return &ValidationError{Field: field, Value: value, Rule: rule}
}

// throttleCodes are the error codes the retry policy treats as throttling:
// aws-sdk-go-v2's defaults plus SimpleDB's ServiceUnavailable, which
// SimpleDB answers when a caller outruns its per-domain request rate.
var throttleCodes = map[string]bool{
	"Throttling":                             true,
	"ThrottlingException":                    true,
	"ThrottledException":                     true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"ProvisionedThroughputExceededException": true,
	"TransactionInProgressException":         true,
	"RequestLimitExceeded":                   true, // EC2
	"BandwidthLimitExceeded":                 true,
	"LimitExceededException":                 true,
	"RequestThrottled":                       true,
	"SlowDown":                               true, // S3
	"PriorRequestNotComplete":                true,
	"EC2ThrottledException":                  true,
	"ServiceUnavailable":                     true, // SimpleDB
}

// IsThrottleCode reports whether code is one the retry policy treats as
// throttling.
func IsThrottleCode(code string) bool { return throttleCodes[code] }

// IsThrottled reports whether err is AWS asking the caller to slow down.
func IsThrottled(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return throttleCodes[ae.ErrorCode()]
	}
	return false
}

// IsNotFound reports whether err says the named resource does not exist:
// codes such as NoSuchDomain, NoSuchKey, InvalidInstanceID.NotFound and
// DBInstanceNotFound, or a bare HTTP 404.
func IsNotFound(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	code := ae.ErrorCode()
	switch {
	case strings.HasPrefix(code, "NoSuch"),
		strings.HasSuffix(code, "NotFound"),
		strings.HasSuffix(code, "NotFoundFault"),
		strings.HasSuffix(code, "NotFoundException"), // SQS's move tasks, CloudFront's JSON-era APIs
		strings.HasSuffix(code, ".NotFound"),
		strings.HasPrefix(code, "AWS.SimpleQueueService.NonExistentQueue"),
		// SQS's JSON name for the same error, which the sqs package reports.
		code == "QueueDoesNotExist",
		code == "AttributeDoesNotExist",
		// EC2's codes for a Reserved Instance or offering that does not
		// exist ("The specified Reserved Instance does not exist").
		code == "InvalidReservedInstancesId",
		code == "InvalidReservedInstancesOfferingId":
		return true
	}
	var ge *APIError
	return errors.As(err, &ge) && ge.StatusCode == 404 && code == ""
}
