package main

import (
	"bytes"
	"context"
	"flag"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/exenv"
	"github.com/goboto/goboto/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden transcript")

// TestSharedSnapshot runs the walkthrough on the local fakes, where the
// second account's access is enforced by the fake EC2, and checks the
// transcript and that nothing is left behind.
func TestSharedSnapshot(t *testing.T) {
	ctx := context.Background()
	env, err := exenv.Setup(ctx, exenv.Flags{Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	defer env.Close()
	var out bytes.Buffer
	if err := run(ctx, &out, env, ""); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes(), *update)

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
