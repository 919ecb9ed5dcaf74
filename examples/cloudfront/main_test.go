package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
)

// TestWalkthrough runs the walkthrough on the local cloud, checks the
// transcript and that nothing is left behind.
func TestWalkthrough(t *testing.T) {
	ctx := context.Background()
	clock := fakes.NewClock(time.Now())
	env := golden.LocalEnv(t, localOptions(clock)...)
	var out bytes.Buffer
	if err := run(ctx, &out, env, clock); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	conn := cloudfront.New(env.Config)
	for d, err := range conn.Distributions(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("distribution %s left behind", d.ID)
	}
	//lint:ignore SA1019 checking that the walkthrough's RTMP distribution is gone
	for d, err := range conn.StreamingDistributions(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("streaming distribution %s left behind", d.ID)
	}
	for o, err := range conn.OriginAccessIdentities(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("OAI %s left behind", o.ID)
	}
	for o, err := range conn.OriginAccessControls(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("OAC %s left behind", o.ID)
	}
	for g, err := range conn.KeyGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("key group %s left behind", g.ID)
	}
	for k, err := range conn.PublicKeys(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("public key %s left behind", k.ID)
	}
	for b, err := range s3.New(env.Config).Buckets(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("bucket %s left behind", b.Name)
	}
}
