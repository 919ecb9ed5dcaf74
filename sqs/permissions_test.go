package sqs_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// TestPermissions grants and revokes access (AddPermission,
// RemovePermission) and reads the grants back from the queue's Policy,
// which SQS writes one statement per label.
func TestPermissions(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "shared"})
	grants := []sqs.Permission{
		{Label: "readers", Accounts: []string{"111122223333", "444455556666"}, Actions: []string{"ReceiveMessage", "DeleteMessage"}},
		{Label: "all", Accounts: []string{"777788889999"}, Actions: []string{"*"}},
	}
	for _, p := range grants {
		if err := q.AddPermission(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	got, err := q.Permissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(grants, got); diff != "" {
		t.Errorf("Permissions (-want +got):\n%s", diff)
	}
	if err := q.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Version, Id string }
	if err := json.Unmarshal([]byte(q.Policy), &doc); err != nil || doc.Version != "2008-10-17" || doc.Id != q.ARN+"/SQSDefaultPolicy" {
		t.Errorf("Policy = %s, %v; want AddPermission's version and ID", q.Policy, err)
	}
	var ae *goboto.APIError
	if err := q.AddPermission(ctx, grants[1]); !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("AddPermission with a label in use = %v; want InvalidParameterValue", err)
	}
	if err := q.RemovePermission(ctx, "readers"); err != nil {
		t.Fatal(err)
	}
	if got, err := q.Permissions(ctx); err != nil || len(got) != 1 || got[0].Label != "all" {
		t.Errorf("Permissions after RemovePermission = %v, %v", got, err)
	}
	if err := q.RemovePermission(ctx, "readers"); !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("RemovePermission of an unknown label = %v; want InvalidParameterValue", err)
	}

	calls := len(srv.Calls())
	ok := sqs.Permission{Label: "x", Accounts: []string{"111122223333"}, Actions: []string{"SendMessage"}}
	bad := map[string]sqs.Permission{}
	p := ok
	p.Label = ""
	bad["no label"] = p
	p = ok
	p.Label = strings.Repeat("l", 81)
	bad["label of 81"] = p
	p = ok
	p.Label = "a b"
	bad["label with a space"] = p
	p = ok
	p.Accounts = nil
	bad["no account"] = p
	p = ok
	p.Accounts = []string{"alice"}
	bad["not an account ID"] = p
	p = ok
	p.Actions = nil
	bad["no action"] = p
	p = ok
	p.Actions = []string{"DeleteQueue"}
	bad["an owner-only action"] = p
	p = ok
	p.Actions = []string{"SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue", "ListDeadLetterSourceQueues"}
	bad["8 actions"] = p
	for name, p := range bad {
		var ve *goboto.ValidationError
		if err := q.AddPermission(ctx, p); !errors.As(err, &ve) {
			t.Errorf("AddPermission(%s) = %v; want a ValidationError", name, err)
		}
	}
	var ve *goboto.ValidationError
	if err := q.RemovePermission(ctx, ""); !errors.As(err, &ve) {
		t.Errorf("RemovePermission(\"\") = %v; want a ValidationError", err)
	}
	if n := len(srv.Calls()) - calls; n != 0 {
		t.Errorf("%d refused calls reached the fake", n)
	}
}
