package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sqs"
)

// TestSQSTour runs the tour on the local fakes, checks the transcript
// and that nothing is left behind.
func TestSQSTour(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	for q, err := range sqs.New(env.Config).Queues(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("queue %s left behind", q.Name)
	}
	for b, err := range s3.New(env.Config).Buckets(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("bucket %s left behind", b.Name)
	}
	// Every request succeeded: the tour injects no faults.
	for _, c := range env.Cloud.Calls() {
		if c.Status >= 400 {
			t.Errorf("request failed: %s %s %d", c.Service, c.Operation, c.Status)
		}
	}
}
