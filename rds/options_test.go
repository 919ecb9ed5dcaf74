package rds_test

import (
	"context"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/rds"
)

// firstErr returns the first error seq yields, nil if it yields none.
func firstErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestListOptionsRefused gives every listing a page size out of RDS's
// range (MaxRecords, "Minimum 20, maximum 100" in the API Reference of
// each Describe call) and a Source, which only DescribeDBParameters
// takes: each refuses before sending anything.
func TestListOptionsRefused(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db := conn.DBInstance("mydb")
	pg := conn.ParameterGroup("default.mysql8.0")
	listings := map[string]func(opts ...rds.ListOption) error{
		"DBInstances": func(o ...rds.ListOption) error { return firstErr(conn.DBInstances(ctx, o...)) },
		"DBSnapshots": func(o ...rds.ListOption) error { return firstErr(conn.DBSnapshots(ctx, rds.SnapshotFilter{}, o...)) },
		"DBSecurityGroups": func(o ...rds.ListOption) error {
			return firstErr(conn.DBSecurityGroups(ctx, o...))
		},
		"ParameterGroups": func(o ...rds.ListOption) error { return firstErr(conn.ParameterGroups(ctx, o...)) },
		"EngineDefaultParameters": func(o ...rds.ListOption) error {
			return firstErr(conn.EngineDefaultParameters(ctx, "mysql8.0", o...))
		},
		"Events":              func(o ...rds.ListOption) error { return firstErr(conn.Events(ctx, rds.EventFilter{}, o...)) },
		"DBInstance.Events":   func(o ...rds.ListOption) error { return firstErr(db.Events(ctx, 0, o...)) },
		"ParameterGroup.Load": func(o ...rds.ListOption) error { return pg.Load(ctx, o...) },
	}
	for name, list := range listings {
		t.Run(name, func(t *testing.T) {
			srv.ResetCalls()
			wantInvalid(t, list(rds.PageSize(19)), "MaxRecords: 19 out of range 20-100")
			wantInvalid(t, list(rds.PageSize(101)), "MaxRecords: 101 out of range 20-100")
			wantInvalid(t, list(rds.PageSize(-1)), "MaxRecords: -1 out of range 20-100")
			if name == "ParameterGroup.Load" {
				wantInvalid(t, list(rds.Source("users")), "Source: users is not user, engine-default or system")
			} else {
				op := name
				if name == "DBInstance.Events" {
					op = "Events" // which it calls
				}
				wantInvalid(t, list(rds.Source(rds.ParameterSourceUser)),
					"Source: user is not taken by "+op+"; only ParameterGroup.Load takes it")
			}
			if got := ops(srv); len(got) != 0 {
				t.Errorf("refused listings sent %q", got)
			}
		})
	}
}

// TestLoadSourceAndPageSize reads a group's user-set parameters only
// (DescribeDBParameters Source "user"), in pages of 20.
func TestLoadSourceAndPageSize(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	pg := newGroup(t, conn, "tuned", "mysql8.0")
	if err := pg.Set("max_allowed_packet", "2048"); err != nil {
		t.Fatal(err)
	}
	if err := pg.Apply(ctx, rds.ApplyPendingReboot); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	if err := pg.Load(ctx, rds.Source(rds.ParameterSourceUser), rds.PageSize(20)); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pg.Parameters() {
		got = append(got, p.Name+"="+p.Value)
	}
	if diff := cmp.Diff([]string{"max_allowed_packet=2048"}, got); diff != "" {
		t.Errorf("user parameters (-want +got):\n%s", diff)
	}
	if n := count(srv, "DescribeDBParameters"); n != 1 {
		t.Errorf("Load of the user parameters took %d calls; want 1", n)
	}
	// Without Source it reads them all, 20 to a call.
	srv.ResetCalls()
	if err := pg.Load(ctx, rds.PageSize(20)); err != nil {
		t.Fatal(err)
	}
	n := len(pg.Parameters())
	if n <= 100 {
		t.Fatalf("Load read %d parameters; want more than 100", n)
	}
	if got, want := count(srv, "DescribeDBParameters"), (n+19)/20; got != want {
		t.Errorf("Load of %d parameters took %d calls; want %d", n, got, want)
	}
}

// TestCreatesTakeTags puts tags on each kind of resource as it is made
// (CreateDBParameterGroup, CreateDBSecurityGroup, CreateDBSnapshot and
// CopyDBSnapshot take Tags; CopyTags copies the source's unless the
// request gives its own, which replace them) and checks that the fake kept them.
func TestCreatesTakeTags(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "tagged-pg", Family: "mysql8.0",
		Description: "d", Tags: rds.Tags{"team": "data"}})
	if err != nil {
		t.Fatal(err)
	}
	sg, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "tagged-sg", Description: "d",
		Tags: rds.Tags{"team": "web"}})
	if err != nil {
		t.Fatal(err)
	}
	db := newInstance(t, conn, "tagsrc")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "tagged-snap", Tags: rds.Tags{"kind": "nightly", "keep": "7"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	plain, err := snap.Copy(ctx, rds.CopyOptions{ID: "plain-copy", Tags: rds.Tags{"copy": "yes"}})
	if err != nil {
		t.Fatal(err)
	}
	both, err := snap.Copy(ctx, rds.CopyOptions{ID: "tagged-copy", Tags: rds.Tags{"keep": "30"}, CopyTags: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		arn  string
		want map[string]string
	}{
		{pg.ARN, map[string]string{"team": "data"}},
		{sg.ARN, map[string]string{"team": "web"}},
		{snap.ARN, map[string]string{"kind": "nightly", "keep": "7"}},
		{plain.ARN, map[string]string{"copy": "yes"}},
		{both.ARN, map[string]string{"keep": "30"}},
	} {
		got, ok := srv.Tags(fakes.TestAccountID, fakes.DefaultRegion, c.arn)
		if !ok {
			t.Errorf("%s: no such resource in the fake", c.arn)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s tags (-want +got):\n%s", c.arn, diff)
		}
	}

	srv.ResetCalls()
	bad := rds.Tags{"aws:owner": "me"}
	_, err = conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "x", Family: "mysql8.0", Description: "d", Tags: bad})
	wantInvalid(t, err, "")
	_, err = conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "x", Description: "d", Tags: bad})
	wantInvalid(t, err, "")
	_, err = db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "x", Tags: bad})
	wantInvalid(t, err, "")
	_, err = snap.Copy(ctx, rds.CopyOptions{ID: "x", Tags: bad})
	wantInvalid(t, err, "")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused creates sent %q", got)
	}
}

// TestParameterTypo asks for a parameter by a misspelt name: Parameter
// says it has none, Set names the likely one, and the nil Parameter a
// careless caller keeps refuses rather than panics.
func TestParameterTypo(t *testing.T) {
	_, conn := startFake(t)
	pg := newGroup(t, conn, "typo", "mysql8.0")
	p, ok := pg.Parameter("max_alowed_packet")
	if ok || p != nil {
		t.Fatalf("Parameter(max_alowed_packet) = %v, %v; want nil, false", p, ok)
	}
	wantInvalid(t, p.Set("2048"), "Parameter: 2048 is nil: the parameter group has no such parameter (check ParameterGroup.Parameter's ok)")
	wantInvalid(t, p.Check("2048"), "")
	if p.Changed() {
		t.Error("a nil Parameter reports a change")
	}
	wantInvalid(t, pg.Set("max_alowed_packet", "2048"),
		"max_alowed_packet: 2048 is not a parameter of typo; did you mean max_allowed_packet?")
	wantInvalid(t, pg.Set("no_such_thing_at_all", "1"), "no_such_thing_at_all: 1 is not a parameter of typo")
	if n := len(pg.Changes()); n != 0 {
		t.Errorf("%d changes after refused Sets", n)
	}
}

// TestWaitIngressStates refuses a state a rule does not settle in.
func TestWaitIngressStates(t *testing.T) {
	srv, conn := startFake(t)
	g := conn.DBSecurityGroup("default")
	srv.ResetCalls()
	for _, s := range []rds.IngressState{rds.IngressAuthorizing, rds.IngressRevoking, "", "gone"} {
		wantInvalid(t, g.WaitIngress(t.Context(), rds.CIDR("203.0.113.0/24"), s, fast), "")
	}
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused waits sent %q", got)
	}
	var _ func(context.Context, rds.Ingress, rds.IngressState, ...goboto.WaitOption) error = g.WaitIngress
}
