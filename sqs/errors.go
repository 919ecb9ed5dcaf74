package sqs

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// queryCodes maps SQS's legacy query codes, which it sends in
// x-amzn-query-error and aws-sdk-go-v2 reports as the error code, to
// the model's names, which the API Reference documents and
// aws-sdk-go-v2's types are named after, with that type to match with
// errors.As (aws-sdk-go-v2#1319, #2348).
var queryCodes = map[string]struct {
	code  string
	typed func(msg string) error
}{
	"AWS.SimpleQueueService.NonExistentQueue":     {"QueueDoesNotExist", func(m string) error { return &types.QueueDoesNotExist{Message: &m} }},
	"AWS.SimpleQueueService.PurgeQueueInProgress": {"PurgeQueueInProgress", func(m string) error { return &types.PurgeQueueInProgress{Message: &m} }},
	"AWS.SimpleQueueService.QueueDeletedRecently": {"QueueDeletedRecently", func(m string) error { return &types.QueueDeletedRecently{Message: &m} }},
	"AWS.SimpleQueueService.MessageNotInflight":   {"MessageNotInflight", func(m string) error { return &types.MessageNotInflight{Message: &m} }},
	"AWS.SimpleQueueService.UnsupportedOperation": {"UnsupportedOperation", func(m string) error { return &types.UnsupportedOperation{Message: &m} }},
	"QueueAlreadyExists":                          {"QueueNameExists", func(m string) error { return &types.QueueNameExists{Message: &m} }},
	"ReceiptHandleIsInvalid":                      {"ReceiptHandleIsInvalid", func(m string) error { return &types.ReceiptHandleIsInvalid{Message: &m} }},
}

// convert is core.Error with SQS's legacy codes replaced by the model's:
// the *goboto.APIError's Code is the documented name
// ("QueueDoesNotExist"), goboto.IsNotFound is true for a missing queue,
// and errors.As finds aws-sdk-go-v2's typed error whichever code the
// wire carried.
func convert(err error) error {
	err = core.Error(err)
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return err
	}
	if q, ok := queryCodes[ae.Code]; ok {
		ae.Code = q.code
		ae.Err = errors.Join(ae.Err, q.typed(ae.Message))
	}
	return err
}

// ChecksumError is a message whose MD5 does not match what was sent or
// received: SQS, or something between, changed it. Part names what
// differs: "body" or "attributes".
type ChecksumError struct {
	Operation string // SendMessage, ReceiveMessage
	MessageID string
	Part      string
	Want, Got string // the MD5 computed here, and the one SQS answered
}

func (e *ChecksumError) Error() string {
	return fmt.Sprintf("sqs: %s: message %s: MD5 of %s is %s, SQS answered %s", e.Operation, e.MessageID, e.Part, e.Want, e.Got)
}
