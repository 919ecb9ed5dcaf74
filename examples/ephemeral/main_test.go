package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
)

// TestEphemeral runs the walkthrough on the local fakes and checks the
// transcript, and that the instance is terminated and the data volume
// (like the root volume) went with it.
func TestEphemeral(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env, options{instanceType: "m5d.4xlarge"}); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	conn := ec2.New(env.Config)
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
	if n != 1 {
		t.Errorf("%d instances, want 1", n)
	}
	for v, err := range conn.Volumes(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("volume %s left behind", v.ID)
	}
}
