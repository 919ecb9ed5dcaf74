package localcloud_test

import (
	"strings"
	"testing"

	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/sqs"
)

// TestSQS checks the local cloud routes SQS's JSON requests to its SQS
// backend, answers queue URLs on its own address, and exposes the
// backend's state through SQS().
func TestSQS(t *testing.T) {
	cloud := localcloud.Start(t)
	ctx := t.Context()
	conn := sqs.New(cloud.Config(""))
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "cloud"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(q.URL, cloud.URL()+"/") {
		t.Errorf("queue URL %s is not on the cloud's address %s", q.URL, cloud.URL())
	}
	if _, err := q.Send(ctx, "hi"); err != nil {
		t.Fatal(err)
	}
	if v, _, _, ok := cloud.SQS().Counts(cloud.Account(), cloud.Region(), "cloud"); !ok || v != 1 {
		t.Errorf("SQS().Counts = %d, %v; want 1 visible", v, ok)
	}
}
