package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
)

// TestSharedSnapshot runs the walkthrough on the local fakes, where the
// second account's access is enforced by the fake EC2, and checks the
// transcript and that nothing is left behind.
func TestSharedSnapshot(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env, ""); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	conn := ec2.New(env.Config)
	for v, err := range conn.Volumes(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("volume %s left behind", v.ID)
	}
	for s, err := range conn.Snapshots(ctx, nil, ec2.Owners("self")) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("snapshot %s left behind", s.ID)
	}
}
