package sqs_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// TestTags tags a queue (TagQueue), reads its tags (ListQueueTags) and
// removes some (UntagQueue), and checks what is refused before sending.
func TestTags(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "tagged", Tags: map[string]string{"team": "a"}})
	if err := q.Tag(ctx, map[string]string{"team": "b", "cost centre": "42", "empty": ""}); err != nil {
		t.Fatal(err)
	}
	if err := q.Untag(ctx, "empty", "never-set"); err != nil {
		t.Fatal(err)
	}
	got, err := q.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"team": "b", "cost centre": "42"}, got); diff != "" {
		t.Errorf("Tags (-want +got):\n%s", diff)
	}
	if err := q.Untag(ctx, "team", "cost centre"); err != nil {
		t.Fatal(err)
	}
	if got, err := q.Tags(ctx); err != nil || got == nil || len(got) != 0 {
		t.Errorf("Tags after removing all = %v, %v; want an empty map", got, err)
	}
	// SQS counts the tags the queue has: 50 and one more is refused
	// there, with the state unchanged.
	fifty := map[string]string{}
	for i := range 50 {
		fifty["k"+strings.Repeat("x", i)] = "v"
	}
	if err := q.Tag(ctx, fifty); err != nil {
		t.Fatal(err)
	}
	var ae *goboto.APIError
	if err := q.Tag(ctx, map[string]string{"one-more": "v"}); !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("a 51st tag = %v; want InvalidParameterValue", err)
	}

	calls := len(srv.Calls())
	for name, tags := range map[string]map[string]string{
		"none":       {},
		"empty key":  {"": "v"},
		"aws: key":   {"aws:k": "v"},
		"long key":   {strings.Repeat("k", 129): "v"},
		"long value": {"k": strings.Repeat("v", 257)},
		"bad char":   {"k": "a;b"},
		"aws: value": {"k": "aws:v"},
	} {
		var ve *goboto.ValidationError
		if err := q.Tag(ctx, tags); !errors.As(err, &ve) {
			t.Errorf("Tag(%s) = %v; want a ValidationError", name, err)
		}
	}
	var ve *goboto.ValidationError
	if err := q.Untag(ctx); !errors.As(err, &ve) {
		t.Errorf("Untag() = %v; want a ValidationError", err)
	}
	if err := q.Untag(ctx, ""); !errors.As(err, &ve) {
		t.Errorf("Untag(\"\") = %v; want a ValidationError", err)
	}
	if n := len(srv.Calls()) - calls; n != 0 {
		t.Errorf("%d refused calls reached the fake", n)
	}
}
