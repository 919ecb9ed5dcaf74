package sqs_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sqs"
)

// TestServiceSet lists queues in several regions of one fake through
// regions.NewServiceSet, which NewConn is shaped for: each region sees
// only its own queues, as in SQS.
func TestServiceSet(t *testing.T) {
	srv, _ := startFake(t)
	names := []string{"us-east-1", "eu-west-1", "ap-southeast-2"}
	for _, r := range names {
		if err := srv.CreateQueue(srv.Account(), r, "in-"+r); err != nil {
			t.Fatal(err)
		}
	}
	set, err := regions.NewServiceSet(srv.Config(""), regions.SQS, sqs.NewConn, regions.WithRegions(names...))
	if err != nil {
		t.Fatal(err)
	}
	res := regions.Map(context.Background(), set, func(ctx context.Context, region string, c *sqs.Conn) ([]string, error) {
		var out []string
		for q, err := range c.Queues(ctx) {
			if err != nil {
				return nil, err
			}
			out = append(out, q.Name)
		}
		return out, nil
	})
	got := map[string][]string{}
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Region, r.Err)
		}
		got[r.Region] = r.Value
	}
	want := map[string][]string{}
	for _, r := range names {
		want[r] = []string{"in-" + r}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("queues per region (-want +got):\n%s", diff)
	}
}
