package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
)

// TestEBSAMI runs the walkthrough on the local fakes and checks the
// transcript and that nothing is left behind: every instance terminated,
// no volume, snapshot or image of the caller's.
func TestEBSAMI(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env, options{instanceType: "t3.micro"}); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())
	checkNothingLeft(t, ec2.New(env.Config))
}

func checkNothingLeft(t *testing.T, conn *ec2.Conn) {
	t.Helper()
	ctx := context.Background()
	n := 0
	for inst, err := range conn.Instances(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if inst.State != ec2.InstanceTerminated {
			t.Errorf("instance %s left %s", inst.ID, inst.State)
		}
	}
	if n != 2 {
		t.Errorf("%d instances launched, want 2", n)
	}
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
	for img, err := range conn.Images(ctx, nil, ec2.Owners("self")) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("image %s left behind", img.ID)
	}
}
