package rds_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

func userParams(t *testing.T, pg *rds.ParameterGroup) []string {
	t.Helper()
	if err := pg.Load(t.Context(), rds.Source(rds.ParameterSourceUser)); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range pg.Parameters() {
		names = append(names, p.Name)
	}
	return names
}

func TestReset(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	pg := newGroup(t, conn, "resets", "mysql8.0")
	want := modifiableDynamic(t, pg, 25)
	for name, v := range want {
		if err := pg.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := pg.Apply(ctx, rds.ApplyImmediate); err != nil {
		t.Fatal(err)
	}
	names := userParams(t, pg)
	if len(names) != 25 {
		t.Fatalf("%d user parameters; want 25", len(names))
	}
	// Some: 22 names take two calls.
	if err := pg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	if err := pg.Reset(ctx, names[:22]...); err != nil {
		t.Fatal(err)
	}
	if got := count(srv, "ResetDBParameterGroup"); got != 2 {
		t.Errorf("resetting 22 parameters took %d calls; want 2", got)
	}
	if diff := cmp.Diff(names[22:], userParams(t, pg)); diff != "" {
		t.Errorf("user parameters after a partial reset (-want +got):\n%s", diff)
	}
	// All.
	srv.ResetCalls()
	if err := pg.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ResetDBParameterGroup"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got := userParams(t, pg); len(got) != 0 {
		t.Errorf("user parameters after Reset(): %q", got)
	}
	wantInvalid(t, pg.Reset(ctx, "max_allowed_packet", ""), "Parameters: name 1 is empty")
	wantCode(t, conn.ParameterGroup("gone").Reset(ctx), "DBParameterGroupNotFound")
}

func TestInstanceParameterGroupAndVPC(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	pg := newGroup(t, conn, "instpg", "mysql8.0")
	o := mysqlOptions("pgdb")
	o.VPCSecurityGroupIDs = []string{"sg-0123456789abcdef0"}
	db, err := conn.CreateDBInstance(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if len(db.VPCSecurityGroups) != 1 || db.VPCSecurityGroups[0].Name != "sg-0123456789abcdef0" {
		t.Errorf("VPCSecurityGroups = %+v", db.VPCSecurityGroups)
	}
	if len(db.ParameterGroups) != 1 || db.ParameterGroups[0].Name != "default.mysql8.0" {
		t.Errorf("ParameterGroups = %+v; want default.mysql8.0", db.ParameterGroups)
	}
	// A new parameter group waits for a reboot.
	if err := db.Modify(ctx, rds.ModifyOptions{ParameterGroup: pg.Name, ApplyImmediately: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rds.GroupStatus{{Name: pg.Name, Status: "pending-reboot"}}, db.ParameterGroups); diff != "" {
		t.Errorf("parameter groups after Modify (-want +got):\n%s", diff)
	}
	if err := db.Reboot(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rds.GroupStatus{{Name: pg.Name, Status: "in-sync"}}, db.ParameterGroups); diff != "" {
		t.Errorf("parameter groups after Reboot (-want +got):\n%s", diff)
	}
	// A group in use cannot be deleted.
	if err := pg.Delete(ctx); err == nil {
		t.Error("deleted a parameter group an instance uses")
	}
	multi := true
	if err := db.Modify(ctx, rds.ModifyOptions{MultiAZ: &multi, ApplyImmediately: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if !db.MultiAZ {
		t.Error("MultiAZ not applied")
	}
	wantCode(t, db.Modify(ctx, rds.ModifyOptions{ParameterGroup: "nosuch"}), "DBParameterGroupNotFound")
}
