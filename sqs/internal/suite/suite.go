// Package suite is a conformance suite for goboto's sqs package: one set
// of tests that runs unchanged against any SQS server, so that the
// in-process fake (sqstest) and independent emulators (moto, fauxqs) are
// held to the same behaviour, that of Amazon SQS.
//
// Where backends are known to answer differently, Differences says so,
// and each flag's comment says which answer matches SQS and on what
// evidence. A test that meets a difference checks the backend's
// documented answer instead of skipping, so a flag that is no longer true
// shows up as a failure.
//
// The suite goes through goboto's sqs package where it can, and through
// its aws-sdk-go-v2 client (Conn.Client) where goboto's own checks would
// refuse a request before the server sees it: those tests are about what
// the server answers.
package suite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("sqstest", "moto").
	Name string
	// Conn is a goboto connection to the backend, in region us-east-1.
	Conn *sqs.Conn
	// NewQueueName returns a queue name not used before (without .fifo);
	// nil means Names("gbt").
	NewQueueName func() string
	// Diff lists the backend's known differences.
	Diff Differences
}

// Names returns a NewQueueName for names "<prefix>-<random>-<n>": the
// random part keeps runs against a shared server apart.
func Names(prefix string) func() string {
	var b [4]byte
	rand.Read(b[:]) // never fails (Go 1.24 and later)
	tag := prefix + "-" + hex.EncodeToString(b[:]) + "-"
	var n atomic.Int64
	return func() string { return tag + strconv.FormatInt(n.Add(1), 10) }
}

// Run runs the whole suite against env as subtests of t. The subtests
// run in parallel: most wait on SQS's clock (visibility, delays, long
// polls) in real time.
func Run(t *testing.T, env Env) {
	if env.Conn == nil {
		t.Fatal("suite: Env.Conn is nil")
	}
	if env.NewQueueName == nil {
		env.NewQueueName = Names("gbt")
	}
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, *Env)
	}{
		{"Queues", testQueues},
		{"QueueAttributes", testQueueAttributes},
		{"Messages", testMessages},
		{"Visibility", testVisibility},
		{"Delays", testDelays},
		{"LongPoll", testLongPoll},
		{"Purge", testPurge},
		{"FIFOOrder", testFIFOOrder},
		{"FIFODedup", testFIFODedup},
		{"FIFOErrors", testFIFOErrors},
		{"Batches", testBatches},
		{"Limits", testLimits},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, &env)
		})
	}
}

// queue creates a queue for t from o, named by NewQueueName (with .fifo
// for a FIFO queue), and deletes it when t ends.
func (e *Env) queue(t *testing.T, o sqs.QueueOptions) *sqs.Queue {
	t.Helper()
	if o.Name == "" {
		o.Name = e.NewQueueName()
		if o.FIFO {
			o.Name += ".fifo"
		}
	}
	q, err := e.Conn.CreateQueue(t.Context(), o)
	if err != nil {
		t.Fatalf("%s: CreateQueue %s: %v", e.Name, o.Name, err)
	}
	t.Cleanup(func() {
		if err := q.Delete(context.Background()); err != nil && !goboto.IsNotFound(err) {
			t.Errorf("%s: cleanup: deleting %s: %v", e.Name, q.Name, err)
		}
	})
	return q
}

// legacyCodes are SQS's legacy query codes, which the JSON protocol
// carries in x-amzn-query-error and aws-sdk-go-v2 reports as the code,
// with the model's names for them: every error code of SQS's query
// model that differs from its shape's name. The suite compares model
// names; any other code a backend sends is compared as it is.
var legacyCodes = map[string]string{
	"AWS.SimpleQueueService.BatchEntryIdsNotDistinct":     "BatchEntryIdsNotDistinct",
	"AWS.SimpleQueueService.BatchRequestTooLong":          "BatchRequestTooLong",
	"AWS.SimpleQueueService.EmptyBatchRequest":            "EmptyBatchRequest",
	"AWS.SimpleQueueService.InvalidBatchEntryId":          "InvalidBatchEntryId",
	"AWS.SimpleQueueService.MessageNotInflight":           "MessageNotInflight",
	"AWS.SimpleQueueService.PurgeQueueInProgress":         "PurgeQueueInProgress",
	"AWS.SimpleQueueService.QueueDeletedRecently":         "QueueDeletedRecently",
	"AWS.SimpleQueueService.NonExistentQueue":             "QueueDoesNotExist",
	"QueueAlreadyExists":                                  "QueueNameExists",
	"AWS.SimpleQueueService.TooManyEntriesInBatchRequest": "TooManyEntriesInBatchRequest",
	"AWS.SimpleQueueService.UnsupportedOperation":         "UnsupportedOperation",
}

// code is the model's name for err's SQS error code, "" when err is nil
// or carries no code.
func code(err error) string {
	var c string
	var ae *goboto.APIError
	var se smithy.APIError
	switch {
	case errors.As(err, &ae):
		c = ae.Code
	case errors.As(err, &se):
		c = se.ErrorCode()
	}
	if m, ok := legacyCodes[c]; ok {
		return m
	}
	return c
}

// wantCode fails t unless err has one of codes (model names), or, for
// a backend with PrefixedErrorCodes, one of them with the
// AWS.SimpleQueueService. prefix SQS gives only its legacy codes.
func (e *Env) wantCode(t *testing.T, what string, err error, codes ...string) {
	t.Helper()
	got := code(err)
	for _, c := range codes {
		if e.Diff.PrefixedErrorCodes && !prefixedByAWS(c) {
			c = "AWS.SimpleQueueService." + c
		}
		if got == c {
			return
		}
	}
	t.Errorf("%s: %s: err = %v (code %q); want code %q", e.Name, what, err, got, codes)
}

// prefixedByAWS reports whether SQS's legacy code for the model name c
// starts with AWS.SimpleQueueService.
func prefixedByAWS(c string) bool {
	for legacy, name := range legacyCodes {
		if name == c && strings.HasPrefix(legacy, "AWS.SimpleQueueService.") {
			return true
		}
	}
	return false
}

// wantAccepted fails t unless err is nil: the answer of a backend whose
// difference says it takes what SQS refuses.
func (e *Env) wantAccepted(t *testing.T, what, flag string, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %s: %v; the difference %s says it is accepted", e.Name, what, err, flag)
	}
}

// dropQueue deletes the queue name if a backend created it although SQS
// would not have, so a shared server is left as it was.
func (e *Env) dropQueue(t *testing.T, name string) {
	t.Helper()
	client := e.Conn.Client()
	out, err := client.GetQueueUrl(context.Background(), &awssqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if err == nil {
		client.DeleteQueue(context.Background(), &awssqs.DeleteQueueInput{QueueUrl: out.QueueUrl})
	}
}
