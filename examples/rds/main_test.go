package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/rds"
)

// TestRDSTour runs the tour on the local fakes, checks the transcript and
// that nothing is left behind.
func TestRDSTour(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env, ""); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	conn := rds.New(env.Config)
	for db, err := range conn.DBInstances(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("instance %s left behind", db.ID)
	}
	for s, err := range conn.DBSnapshots(ctx, rds.SnapshotFilter{Type: rds.SnapshotManual}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("snapshot %s left behind", s.ID)
	}
	for g, err := range conn.ParameterGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if g.Name == parameterGroup {
			t.Errorf("parameter group %s left behind", g.Name)
		}
	}
	for g, err := range conn.DBSecurityGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if g.Name == dbSecurityGroup {
			t.Errorf("DB security group %s left behind", g.Name)
		}
	}
}
