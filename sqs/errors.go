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
// aws-sdk-go-v2's types are named after, with that type, so errors.As
// matches it whichever code the wire carried (aws-sdk-go-v2#1319,
// #2348; v1.53 finds the type itself but still reports the legacy code).
var queryCodes = map[string]legacy{
	"AWS.SimpleQueueService.NonExistentQueue":     typed("QueueDoesNotExist", func(m *string) *types.QueueDoesNotExist { return &types.QueueDoesNotExist{Message: m} }),
	"AWS.SimpleQueueService.PurgeQueueInProgress": typed("PurgeQueueInProgress", func(m *string) *types.PurgeQueueInProgress { return &types.PurgeQueueInProgress{Message: m} }),
	"AWS.SimpleQueueService.QueueDeletedRecently": typed("QueueDeletedRecently", func(m *string) *types.QueueDeletedRecently { return &types.QueueDeletedRecently{Message: m} }),
	"AWS.SimpleQueueService.MessageNotInflight":   typed("MessageNotInflight", func(m *string) *types.MessageNotInflight { return &types.MessageNotInflight{Message: m} }),
	"AWS.SimpleQueueService.UnsupportedOperation": typed("UnsupportedOperation", func(m *string) *types.UnsupportedOperation { return &types.UnsupportedOperation{Message: m} }),
	"QueueAlreadyExists":                          typed("QueueNameExists", func(m *string) *types.QueueNameExists { return &types.QueueNameExists{Message: m} }),
	// Batches.
	"AWS.SimpleQueueService.TooManyEntriesInBatchRequest": typed("TooManyEntriesInBatchRequest", func(m *string) *types.TooManyEntriesInBatchRequest {
		return &types.TooManyEntriesInBatchRequest{Message: m}
	}),
	"AWS.SimpleQueueService.EmptyBatchRequest":        typed("EmptyBatchRequest", func(m *string) *types.EmptyBatchRequest { return &types.EmptyBatchRequest{Message: m} }),
	"AWS.SimpleQueueService.BatchEntryIdsNotDistinct": typed("BatchEntryIdsNotDistinct", func(m *string) *types.BatchEntryIdsNotDistinct { return &types.BatchEntryIdsNotDistinct{Message: m} }),
	"AWS.SimpleQueueService.BatchRequestTooLong":      typed("BatchRequestTooLong", func(m *string) *types.BatchRequestTooLong { return &types.BatchRequestTooLong{Message: m} }),
	"AWS.SimpleQueueService.InvalidBatchEntryId":      typed("InvalidBatchEntryId", func(m *string) *types.InvalidBatchEntryId { return &types.InvalidBatchEntryId{Message: m} }),
}

// legacy is one legacy code's model name and typed error.
type legacy struct {
	code string
	make func(msg string) error
	has  func(err error) bool // whether err's chain already holds the type
}

func typed[T error](code string, mk func(*string) T) legacy {
	return legacy{
		code: code,
		make: func(msg string) error { return mk(&msg) },
		has:  func(err error) bool { var t T; return errors.As(err, &t) },
	}
}

// convert is core.Error with SQS's legacy codes replaced by the model's:
// the *goboto.APIError's Code is the documented name
// ("QueueDoesNotExist"), goboto.IsNotFound is true for a missing queue,
// and errors.As finds aws-sdk-go-v2's typed error.
func convert(err error) error {
	err = core.Error(err)
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return err
	}
	if l, ok := queryCodes[ae.Code]; ok {
		ae.Code = l.code
		if !l.has(ae.Err) {
			ae.Err = errors.Join(ae.Err, l.make(ae.Message))
		}
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
