package sqs_test

import (
	"testing"

	"github.com/goboto/goboto/internal/testutil/nopanic"
	"github.com/goboto/goboto/sqs"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t)
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listing that needs no argument.
			new(sqs.Conn),
			conn.Queue(""), new(sqs.Queue),
			new(sqs.Message), &sqs.Message{ReceiptHandle: "literal"},
			// A handle built as a literal has a URL but no connection.
			&sqs.Queue{URL: "https://sqs.us-east-1.amazonaws.com/111122223333/literal"},
			sqs.Count{}, sqs.Attribute{}, new(sqs.ChecksumError),
			sqs.Codec[string]{}, sqs.JSON[int](), new(sqs.TypedQueue[int]), sqs.Typed(conn.Queue(""), sqs.Raw()),
			new(sqs.DecodeError), new(sqs.OffloadError), sqs.Dir(""),
			conn.Queue("").WithOffload(sqs.Offload{Threshold: -1}),
			// Queue features: a zero task, a listed-looking task with no
			// connection, and the policy values.
			new(sqs.MoveTask), &sqs.MoveTask{Handle: "h", SourceARN: "arn:aws:sqs:us-east-1:111122223333:dlq"},
			sqs.RedrivePolicy{}, sqs.RedriveAllowPolicy{},
			new(sqs.BatchError), sqs.BatchFailure{}, sqs.EventKind(0), sqs.EventPoll,
		},
		Funcs: map[string]any{
			"New": sqs.New, "NewConn": sqs.NewConn, "WithClientOptions": sqs.WithClientOptions,
			"WithoutChecksums": sqs.WithoutChecksums,
			"PageSize":         sqs.PageSize, "Prefix": sqs.Prefix, "Delay": sqs.Delay, "WithAttribute": sqs.WithAttribute,
			"Group": sqs.Group, "Deduplication": sqs.Deduplication,
			"String": sqs.String, "Number": sqs.Number, "Binary": sqs.Binary,
			"AttributesMD5": sqs.AttributesMD5, "ValidQueueName": sqs.ValidQueueName,
			"ValidAttributeName": sqs.ValidAttributeName,
			"Raw":                sqs.Raw, "Base64": sqs.Base64, "Dir": sqs.Dir,
			"RedriveTo": sqs.RedriveTo, "AllowRedriveFrom": sqs.AllowRedriveFrom,
			"MoveTo": sqs.MoveTo, "MoveRate": sqs.MoveRate,
			"ExponentialBackoff": sqs.ExponentialBackoff,
		},
		Skip: map[string]string{
			"JSON": "generic: called as JSON[int] among the values", "NewCodec": "generic: its zero codec is among the values",
			"Typed": "generic: a TypedQueue it made is among the values",
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
