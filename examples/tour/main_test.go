package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sqs"
)

// TestTour runs the whole tour on the local fakes and compares its
// transcript with testdata/transcript.golden, so a change in any service's
// behaviour, or in what the tour says, shows up as a diff.
func TestTour(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env); err != nil {
		t.Fatalf("tour failed: %v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	// The only server errors are the ones the tour injects.
	for _, c := range env.Cloud.Calls() {
		if c.Status >= 500 && c.Region != "sa-east-1" {
			t.Errorf("unexpected server error: %+v", c)
		}
	}
	// The tour cleans up after itself.
	for d, err := range sdb.New(env.Config).Domains(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("domain %s left behind", d.Name())
	}
	for b, err := range s3.New(env.Config).Buckets(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("bucket %s left behind", b.Name)
	}
	for q, err := range sqs.New(env.Config).Queues(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("queue %s left behind", q.Name)
	}
	cf := cloudfront.New(env.Config)
	for d, err := range cf.Distributions(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("distribution %s left behind", d.ID)
	}
	for o, err := range cf.OriginAccessControls(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("OAC %s left behind", o.ID)
	}
	for g, err := range cf.KeyGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("key group %s left behind", g.ID)
	}
	for g, err := range autoscale.New(env.Config).Groups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("group %s left behind", g.Name)
	}
	for a, err := range cloudwatch.New(env.Config).Alarms(ctx, cloudwatch.AlarmFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("alarm %s left behind", a.Name)
	}
	for db, err := range rds.New(env.Config).DBInstances(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("DB instance %s left behind", db.ID)
	}
}
