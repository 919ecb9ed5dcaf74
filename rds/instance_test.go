package rds_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

func TestCreateDBInstanceRefused(t *testing.T) {
	srv, conn := startFake(t)
	tests := []struct {
		name string
		edit func(*rds.InstanceOptions)
		want string
	}{
		{"identifier digit", func(o *rds.InstanceOptions) { o.ID = "1db" }, "DBInstanceIdentifier: 1db must start with a letter"},
		{"identifier hyphens", func(o *rds.InstanceOptions) { o.ID = "my--db" }, "DBInstanceIdentifier: my--db must not contain two consecutive hyphens"},
		{"identifier trailing", func(o *rds.InstanceOptions) { o.ID = "mydb-" }, "DBInstanceIdentifier: mydb- must not end with a hyphen"},
		{"identifier long", func(o *rds.InstanceOptions) { o.ID = "a" + strings.Repeat("b", 63) }, ""},
		{"engine", func(o *rds.InstanceOptions) { o.Engine = "mongodb" }, ""},
		{"class", func(o *rds.InstanceOptions) { o.Class = "db.t3.enormous" }, "DBInstanceClass: db.t3.enormous is not a known DB instance class"},
		{"storage low", func(o *rds.InstanceOptions) { o.AllocatedStorage = 10 }, "AllocatedStorage: 10 out of range 20-65536 GiB for mysql gp3"},
		{"storage high", func(o *rds.InstanceOptions) { o.AllocatedStorage = 70000 }, "AllocatedStorage: 70000 out of range 20-65536 GiB for mysql gp3"},
		{"storage io1", func(o *rds.InstanceOptions) { o.StorageType = "io1"; o.AllocatedStorage = 50 }, "AllocatedStorage: 50 out of range 100-65536 GiB for mysql io1"},
		{"password short", func(o *rds.InstanceOptions) { o.MasterPassword = "short" }, "MasterUserPassword: must be 8 to 41 characters for mysql"},
		{"password long mysql", func(o *rds.InstanceOptions) { o.MasterPassword = rds.Password(strings.Repeat("p", 42)) }, "MasterUserPassword: must be 8 to 41 characters for mysql"},
		{"password at", func(o *rds.InstanceOptions) { o.MasterPassword = "secret@host" }, `MasterUserPassword: must not contain any of / " @ space`},
		{"password postgres slash", func(o *rds.InstanceOptions) { o.Engine = "postgres"; o.MasterPassword = "secret/path" }, `MasterUserPassword: must not contain any of / " @ space`},
		{"username", func(o *rds.InstanceOptions) { o.MasterUsername = "db-admin" }, "MasterUsername: db-admin must contain only letters, digits and underscores"},
		{"groups both", func(o *rds.InstanceOptions) {
			o.SecurityGroups = []string{"a"}
			o.VPCSecurityGroupIDs = []string{"sg-1"}
		}, "DBSecurityGroups: cannot be given with VpcSecurityGroupIds"},
		{"backup window", func(o *rds.InstanceOptions) { o.BackupWindow = "03:00-03:10" }, "PreferredBackupWindow: 03:00-03:10 is shorter than 30 minutes"},
		{"backup window form", func(o *rds.InstanceOptions) { o.BackupWindow = "3am-4am" }, "PreferredBackupWindow: 3am-4am is not hh24:mi-hh24:mi"},
		{"maintenance window", func(o *rds.InstanceOptions) { o.MaintenanceWindow = "fri:23:00-mon:01:00" }, ""},
		{"maintenance day", func(o *rds.InstanceOptions) { o.MaintenanceWindow = "fun:01:00-fun:02:00" }, "PreferredMaintenanceWindow: fun:01:00-fun:02:00 is not ddd:hh24:mi-ddd:hh24:mi"},
		{"retention", func(o *rds.InstanceOptions) { d := int32(36); o.BackupRetentionDays = &d }, "BackupRetentionPeriod: 36 out of range 0-35"},
		{"port", func(o *rds.InstanceOptions) { o.Port = 80 }, "Port: 80 out of range 1150-65535"},
		{"port sqlserver", func(o *rds.InstanceOptions) { o.Engine = rds.EngineSQLServerEX; o.Port = 1434 }, "Port: 1434 is reserved by SQL Server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mysqlOptions("refused")
			tt.edit(&o)
			srv.ResetCalls()
			_, err := conn.CreateDBInstance(t.Context(), o)
			if tt.name == "maintenance window" {
				// A window across the week's end is fine.
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantInvalid(t, err, tt.want)
			if strings.Contains(err.Error(), string(o.MasterPassword)) {
				t.Errorf("error %q shows the password", err)
			}
			if got := ops(srv); len(got) != 0 {
				t.Errorf("refused create sent %q", got)
			}
		})
	}
}

func TestDBInstanceLifecycle(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	o := mysqlOptions("mydb")
	o.MultiAZ = true
	o.BackupWindow = "03:00-03:30"
	o.MaintenanceWindow = "sun:05:00-sun:06:00"
	db, err := conn.CreateDBInstance(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if db.Status != rds.InstanceCreating {
		t.Errorf("new instance is %q; want creating", db.Status)
	}
	var states []string
	err = db.Wait(ctx, rds.InstanceAvailable, fast, goboto.Progress(func(s string, _ time.Duration) {
		if len(states) == 0 || states[len(states)-1] != s {
			states = append(states, s)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if states[len(states)-1] != string(rds.InstanceAvailable) {
		t.Errorf("states seen %q; want to end available", states)
	}
	got := []any{db.ID, db.Engine, db.Class, db.AllocatedStorage, db.MasterUsername, db.MultiAZ,
		db.PreferredBackupWindow, db.PreferredMaintenanceWindow, db.Endpoint.Port}
	want := []any{"mydb", "mysql", "db.t3.micro", int32(20), "admin", true, "03:00-03:30", "sun:05:00-sun:06:00", int32(3306)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("instance (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(db.Endpoint.Address, "mydb.") || !strings.HasSuffix(db.Endpoint.Address, ".rds.amazonaws.com") {
		t.Errorf("endpoint %q; want mydb.<...>.rds.amazonaws.com", db.Endpoint.Address)
	}
	if db.Endpoint.String() != db.Endpoint.Address+":3306" {
		t.Errorf("Endpoint.String() = %q", db.Endpoint.String())
	}

	// A bare handle reads the same.
	bare := conn.DBInstance("mydb")
	if err := bare.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if bare.Endpoint != db.Endpoint || bare.Status != rds.InstanceAvailable {
		t.Errorf("Refresh: %v %s; want %v available", bare.Endpoint, bare.Status, db.Endpoint)
	}

	// Listing.
	var ids []string
	for i, err := range conn.DBInstances(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, i.ID)
	}
	if diff := cmp.Diff([]string{"mydb"}, ids); diff != "" {
		t.Errorf("DBInstances (-want +got):\n%s", diff)
	}

	// A change held for the maintenance window.
	if err := db.Modify(ctx, rds.ModifyOptions{Class: "db.t3.small"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if db.Class != "db.t3.micro" || db.Pending.Class != "db.t3.small" {
		t.Errorf("after a deferred Modify: class %q pending %q; want db.t3.micro pending db.t3.small", db.Class, db.Pending.Class)
	}
	// And one applied now.
	if err := db.Modify(ctx, rds.ModifyOptions{AllocatedStorage: 40, ApplyImmediately: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if db.AllocatedStorage != 40 {
		t.Errorf("storage after Modify = %d; want 40", db.AllocatedStorage)
	}
	// Storage only grows.
	srv.ResetCalls()
	wantInvalid(t, db.Modify(ctx, rds.ModifyOptions{AllocatedStorage: 30}),
		"AllocatedStorage: 30 is below the current 40 GiB; RDS cannot shrink storage")
	wantInvalid(t, db.Modify(ctx, rds.ModifyOptions{MasterPassword: "bad pass word"}),
		`MasterUserPassword: must not contain any of / " @ space`)
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused modifies sent %q", got)
	}

	// Reboot.
	if err := db.Reboot(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}

	// Delete needs a choice about the final snapshot.
	srv.ResetCalls()
	wantInvalid(t, db.Delete(ctx, rds.DeleteOptions{}), "FinalDBSnapshotIdentifier: is required unless SkipFinalSnapshot is set")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused delete sent %q", got)
	}
	if err := db.Delete(ctx, rds.DeleteOptions{FinalSnapshotID: "mydb-final"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceDeleted, fast); err != nil {
		t.Fatal(err)
	}
	err = db.Refresh(ctx)
	wantCode(t, err, "DBInstanceNotFound")
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
	final := conn.DBSnapshot("mydb-final")
	if err := final.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if final.InstanceID != "mydb" || final.Type != rds.SnapshotManual {
		t.Errorf("final snapshot of %q, type %q; want mydb, manual", final.InstanceID, final.Type)
	}

	// Events were recorded along the way.
	var msgs []string
	for e, err := range db.Events(ctx, time.Hour) {
		if err != nil {
			t.Fatal(err)
		}
		if e.SourceID != "mydb" || e.SourceType != rds.SourceInstance {
			t.Errorf("event of %s %s; want db-instance mydb", e.SourceType, e.SourceID)
		}
		msgs = append(msgs, e.Message)
	}
	if len(msgs) < 3 {
		t.Errorf("events %q; want creation, modification, reboot and deletion among them", msgs)
	}
}

func TestDBInstanceStates(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	db, err := conn.CreateDBInstance(ctx, mysqlOptions("slow"))
	if err != nil {
		t.Fatal(err)
	}
	// While creating, it cannot be rebooted or created again.
	wantCode(t, db.Reboot(ctx), "InvalidDBInstanceState")
	_, err = conn.CreateDBInstance(ctx, mysqlOptions("slow"))
	wantCode(t, err, "DBInstanceAlreadyExists")

	// A short wait times out while the instance stays put.
	// Progress holds the wait past its timeout after the first poll, so
	// the error carries that poll's state however loaded the machine is.
	const timeout = 300 * time.Millisecond
	hold := goboto.Progress(func(_ string, elapsed time.Duration) { time.Sleep(timeout - elapsed + 10*time.Millisecond) })
	err = db.Wait(ctx, rds.InstanceAvailable, fast, goboto.Timeout(timeout), hold)
	var te *goboto.WaitTimeoutError
	if !errorsAs(err, &te) || te.State != string(rds.InstanceCreating) {
		t.Fatalf("Wait = %v; want a WaitTimeoutError in state creating", err)
	}
	var seen []rds.InstanceState
	for db.Status != rds.InstanceAvailable {
		srv.Step()
		if err := db.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, db.Status)
		if len(seen) > 10 {
			t.Fatalf("never available: %q", seen)
		}
	}
	if !slices.Contains(seen, rds.InstanceBackingUp) {
		t.Errorf("states %q; want backing-up on the way", seen)
	}
	if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatal(err)
	}
	// Waiting for available on an instance being deleted gives up at once.
	err = db.Wait(ctx, rds.InstanceAvailable, fast)
	var se *goboto.StateError
	if !errorsAs(err, &se) || se.State != string(rds.InstanceDeleting) {
		t.Fatalf("Wait = %v; want a StateError in state deleting", err)
	}
	srv.Settle()
	if err := db.Wait(ctx, rds.InstanceDeleted, fast); err != nil {
		t.Fatal(err)
	}
	wantCode(t, conn.DBInstance("nothere").Reboot(ctx), "DBInstanceNotFound")
}

func TestDBInstancesPaging(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	for i := range 25 {
		if _, err := conn.CreateDBInstance(t.Context(), mysqlOptions("db"+string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetCalls()
	n := 0
	for _, err := range conn.DBInstances(t.Context(), rds.PageSize(20)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 25 || count(srv, "DescribeDBInstances") != 2 {
		t.Errorf("listed %d instances in %d pages; want 25 in 2", n, count(srv, "DescribeDBInstances"))
	}
	for _, err := range conn.DBInstances(t.Context(), rds.PageSize(5)) {
		wantInvalid(t, err, "MaxRecords: 5 out of range 20-100")
	}
}
