package suite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

// Every instance the suite makes is MySQL 8.0.43 on db.t3.micro with
// 20 GiB of gp2: a combination RDS offers (RDS User Guide, "Supported
// DB engines for DB instance classes"; MySQL 8.0's minor versions).
const (
	engine        = "mysql"
	engineVersion = "8.0.43"
	family        = "mysql8.0"
	class         = "db.t3.micro"
)

func instanceOptions(id string) rds.InstanceOptions {
	return rds.InstanceOptions{ID: id, Engine: engine, EngineVersion: engineVersion, Class: class,
		AllocatedStorage: 20, StorageType: "gp2", MasterUsername: "admin", MasterPassword: rds.Password("suite-password-1")}
}

// fast waits poll often: rdstest's transitions and moto's are done by
// the next request.
var fast = []goboto.WaitOption{goboto.Interval(10 * time.Millisecond), goboto.Timeout(30 * time.Second)}

// newInstance creates an instance of o, waits until it is available and
// deletes it, without a final snapshot, when t ends.
func newInstance(t *testing.T, env Env, o rds.InstanceOptions) *rds.DBInstance {
	t.Helper()
	db, err := env.Conn.CreateDBInstance(t.Context(), o)
	if err != nil {
		t.Fatalf("%s: CreateDBInstance %s: %v", env.Name, o.ID, err)
	}
	cleanup(t, func(ctx context.Context) error {
		return env.Conn.DBInstance(o.ID).Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
	})
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatalf("%s: waiting for %s: %v", env.Name, o.ID, err)
	}
	return db
}

// transient is the status RDS answers an action with (API Reference,
// DBInstance, DBInstanceStatus; User Guide, "Viewing Amazon RDS DB
// instance status": creating, stopping, starting, rebooting), or the
// settled one a backend that moves at once answers.
func transient(env Env, during, after rds.InstanceState) rds.InstanceState {
	if env.Diff.InstantStates {
		return after
	}
	return during
}

// CreateDBInstance answers "creating"; the instance becomes available
// with what was asked for, an endpoint on the engine's port, the family's
// default parameter group, and an ARN of the db resource type (API
// Reference, CreateDBInstance; User Guide, "Amazon Resource Names (ARNs)
// in Amazon RDS": arn:aws:rds:<region>:<account>:db:<name>). RDS keeps
// identifiers in lower case (CreateDBInstance, DBInstanceIdentifier:
// "stored as a lowercase string").
func testInstanceLifecycle(t *testing.T, env Env) {
	id := env.NewName()
	db, err := env.Conn.CreateDBInstance(t.Context(), instanceOptions(strings.ToUpper(id[:1])+id[1:]))
	if err != nil {
		t.Fatalf("%s: CreateDBInstance: %v", env.Name, err)
	}
	cleanup(t, func(ctx context.Context) error {
		return env.Conn.DBInstance(id).Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
	})
	if want := transient(env, rds.InstanceCreating, rds.InstanceAvailable); db.Status != want {
		t.Errorf("%s: CreateDBInstance answered status %q, want %q", env.Name, db.Status, want)
	}
	if db.ID != id {
		t.Errorf("%s: CreateDBInstance answered identifier %q, want %q in lower case", env.Name, db.ID, id)
	}
	db = env.Conn.DBInstance(id)
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatalf("%s: Wait available: %v", env.Name, err)
	}
	got := []any{db.Engine, db.EngineVersion, db.Class, db.AllocatedStorage, db.StorageType, db.MasterUsername, db.Endpoint.Port, db.ParameterGroups}
	want := []any{engine, engineVersion, class, int32(20), "gp2", "admin", int32(3306), []rds.GroupStatus{{Name: "default." + family, Status: "in-sync"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: DescribeDBInstances (-want +got):\n%s", env.Name, diff)
	}
	if db.Endpoint.Address == "" {
		t.Errorf("%s: available instance has no endpoint address", env.Name)
	}
	if !strings.HasPrefix(db.ARN, "arn:aws:rds:us-east-1:") || !strings.HasSuffix(db.ARN, ":db:"+id) {
		t.Errorf("%s: DBInstanceArn %q", env.Name, db.ARN)
	}
	var listed bool
	for x, err := range env.Conn.DBInstances(t.Context(), rds.PageSize(20)) {
		if err != nil {
			t.Fatalf("%s: DBInstances: %v", env.Name, err)
		}
		listed = listed || x.ID == id
	}
	if !listed {
		t.Errorf("%s: DBInstances does not list %s", env.Name, id)
	}

	// RebootDBInstance answers "rebooting" and the instance comes back.
	if err := db.Reboot(t.Context()); err != nil {
		t.Fatalf("%s: Reboot: %v", env.Name, err)
	}
	if want := transient(env, rds.InstanceRebooting, rds.InstanceAvailable); db.Status != want {
		t.Errorf("%s: RebootDBInstance answered status %q, want %q", env.Name, db.Status, want)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Errorf("%s: Wait available after reboot: %v", env.Name, err)
	}
}

// ModifyDBInstance without ApplyImmediately holds the change in
// PendingModifiedValues for the maintenance window; with it the change
// is made now (API Reference, ModifyDBInstance, ApplyImmediately:
// "If this parameter is disabled, changes to the DB instance are applied
// during the next maintenance window"). A new parameter group waits for a
// reboot (DBParameterGroupName: "the DB instance isn't rebooted
// automatically ... the parameter group ... is pending-reboot").
func testInstanceModify(t *testing.T, env Env) {
	id := env.NewName()
	db := newInstance(t, env, instanceOptions(id))

	if err := db.Modify(t.Context(), rds.ModifyOptions{Class: "db.t3.small"}); err != nil {
		t.Fatalf("%s: Modify class: %v", env.Name, err)
	}
	if err := db.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	wantClass, wantPending := class, "db.t3.small"
	if env.Diff.ModifyAppliesAtOnce {
		wantClass, wantPending = "db.t3.small", ""
	}
	if db.Class != wantClass || db.Pending.Class != wantPending {
		t.Errorf("%s: after Modify without ApplyImmediately: class %q, pending %q; want %q, pending %q",
			env.Name, db.Class, db.Pending.Class, wantClass, wantPending)
	}

	if err := db.Modify(t.Context(), rds.ModifyOptions{AllocatedStorage: 30, ApplyImmediately: true}); err != nil {
		t.Fatalf("%s: Modify storage: %v", env.Name, err)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	if db.AllocatedStorage != 30 {
		t.Errorf("%s: AllocatedStorage %d after an immediate change to 30", env.Name, db.AllocatedStorage)
	}

	pg := newParameterGroup(t, env)
	if err := db.Modify(t.Context(), rds.ModifyOptions{ParameterGroup: pg.Name, ApplyImmediately: true}); err != nil {
		t.Fatalf("%s: Modify parameter group: %v", env.Name, err)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	want := []rds.GroupStatus{{Name: pg.Name, Status: "pending-reboot"}}
	if env.Diff.GroupsAlwaysInSync {
		want[0].Status = "in-sync"
	}
	if diff := cmp.Diff(want, db.ParameterGroups); diff != "" {
		t.Errorf("%s: parameter groups after Modify (-want +got):\n%s", env.Name, diff)
	}
	if err := db.Reboot(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rds.GroupStatus{{Name: pg.Name, Status: "in-sync"}}, db.ParameterGroups); diff != "" {
		t.Errorf("%s: parameter groups after the reboot (-want +got):\n%s", env.Name, diff)
	}
}

// StopDBInstance answers "stopping" and the instance becomes "stopped";
// StartDBInstance answers "starting" and it becomes available. Only an
// available instance stops, only a stopped one starts, and a stopped one
// cannot be rebooted or snapshotted: each is InvalidDBInstanceState (API
// Reference, StopDBInstance and StartDBInstance, Errors; User Guide,
// "Rebooting a DB instance": "Your DB instance must be in the available
// state"; CreateDBSnapshot: "The source DB instance must be in the
// available or storage-optimization state").
// DBSnapshotIdentifier takes a snapshot first (StopDBInstance:
// "The user-supplied instance identifier of the DB Snapshot created
// immediately before the DB instance is stopped").
func testInstanceStopStart(t *testing.T, env Env) {
	id := env.NewName()
	db := newInstance(t, env, instanceOptions(id))
	err := db.Start(t.Context())
	wantCode(t, env, "StartDBInstance on an available instance", err, "InvalidDBInstanceState")

	snap := env.NewName()
	cleanup(t, env.Conn.DBSnapshot(snap).Delete)
	if err := db.Stop(t.Context(), rds.SnapshotBeforeStop(snap)); err != nil {
		t.Fatalf("%s: Stop: %v", env.Name, err)
	}
	if want := transient(env, rds.InstanceStopping, rds.InstanceStopped); db.Status != want {
		t.Errorf("%s: StopDBInstance answered status %q, want %q", env.Name, db.Status, want)
	}
	if err := db.Wait(t.Context(), rds.InstanceStopped, fast...); err != nil {
		t.Fatalf("%s: Wait stopped: %v", env.Name, err)
	}
	s := env.Conn.DBSnapshot(snap)
	if err := s.Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Errorf("%s: the snapshot StopDBInstance took: %v", env.Name, err)
	} else if s.InstanceID != id {
		t.Errorf("%s: the stop snapshot's instance is %q, want %q", env.Name, s.InstanceID, id)
	}

	wantCode(t, env, "StopDBInstance on a stopped instance", db.Stop(t.Context()), "InvalidDBInstanceState")
	snap2 := env.NewName()
	_, err = db.CreateSnapshot(t.Context(), rds.SnapshotOptions{ID: snap2})
	if err == nil {
		cleanup(t, env.Conn.DBSnapshot(snap2).Delete)
	}
	accepted(t, env, "CreateDBSnapshot of a stopped instance", err, "InvalidDBInstanceState", env.Diff.SnapshotsStopped)
	err = db.Reboot(t.Context())
	accepted(t, env, "RebootDBInstance on a stopped instance", err, "InvalidDBInstanceState", env.Diff.RebootsStopped)

	if err := db.Start(t.Context()); err != nil {
		t.Fatalf("%s: Start: %v", env.Name, err)
	}
	if want := transient(env, rds.InstanceStarting, rds.InstanceAvailable); db.Status != want {
		t.Errorf("%s: StartDBInstance answered status %q, want %q", env.Name, db.Status, want)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Errorf("%s: Wait available after Start: %v", env.Name, err)
	}
}

// DeleteDBInstance answers "deleting"; with FinalDBSnapshotIdentifier RDS
// takes that snapshot first, and one of the two choices is required
// (API Reference, DeleteDBInstance, SkipFinalSnapshot: "If you don't
// enable this parameter, you must specify the FinalDBSnapshotIdentifier
// parameter"; the refusal is InvalidParameterCombination, one of RDS's
// common errors). A final snapshot whose name is taken is
// DBSnapshotAlreadyExists (Errors).
func testInstanceDelete(t *testing.T, env Env) {
	withFinal := newInstance(t, env, instanceOptions(env.NewName()))
	final := env.NewName()
	cleanup(t, env.Conn.DBSnapshot(final).Delete)

	taken := env.NewName()
	if _, err := withFinal.CreateSnapshot(t.Context(), rds.SnapshotOptions{ID: taken}); err != nil {
		t.Fatalf("%s: CreateSnapshot: %v", env.Name, err)
	}
	cleanup(t, env.Conn.DBSnapshot(taken).Delete)
	if err := env.Conn.DBSnapshot(taken).Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	if err := withFinal.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	err := withFinal.Delete(t.Context(), rds.DeleteOptions{FinalSnapshotID: taken})
	wantCode(t, env, "DeleteDBInstance with a final snapshot name taken", err, "DBSnapshotAlreadyExists")

	// goboto refuses a delete without a choice before sending it.
	_, err = raw(env).DeleteDBInstance(t.Context(), &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String(withFinal.ID)})
	accepted(t, env, "DeleteDBInstance without SkipFinalSnapshot or FinalDBSnapshotIdentifier", err,
		"InvalidParameterCombination", env.Diff.DeletesWithoutFinalChoice)
	if env.Diff.DeletesWithoutFinalChoice {
		// moto deleted it: make another to go on with.
		withFinal = newInstance(t, env, instanceOptions(env.NewName()))
	}

	if err := withFinal.Delete(t.Context(), rds.DeleteOptions{FinalSnapshotID: final}); err != nil {
		t.Fatalf("%s: Delete with a final snapshot: %v", env.Name, err)
	}
	if withFinal.Status != rds.InstanceDeleting {
		t.Errorf("%s: DeleteDBInstance answered status %q, want deleting", env.Name, withFinal.Status)
	}
	if err := withFinal.Wait(t.Context(), rds.InstanceDeleted, fast...); err != nil {
		t.Errorf("%s: Wait deleted: %v", env.Name, err)
	}
	s := env.Conn.DBSnapshot(final)
	if err := s.Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Errorf("%s: the final snapshot: %v", env.Name, err)
	} else if s.InstanceID != withFinal.ID || s.Type != rds.SnapshotManual {
		t.Errorf("%s: final snapshot of %q, type %q; want of %q, manual", env.Name, s.InstanceID, s.Type, withFinal.ID)
	}

	// "You can't create a final DB snapshot of your DB instance if it
	// isn't in the Available state" (User Guide, "Deleting a DB
	// instance"), and a stopped one is not.
	stopped := newInstance(t, env, instanceOptions(env.NewName()))
	if err := stopped.Stop(t.Context()); err != nil {
		t.Fatalf("%s: Stop: %v", env.Name, err)
	}
	if err := stopped.Wait(t.Context(), rds.InstanceStopped, fast...); err != nil {
		t.Fatal(err)
	}
	stoppedFinal := env.NewName()
	cleanup(t, env.Conn.DBSnapshot(stoppedFinal).Delete)
	err = stopped.Delete(t.Context(), rds.DeleteOptions{FinalSnapshotID: stoppedFinal})
	accepted(t, env, "DeleteDBInstance of a stopped instance with a final snapshot", err, "InvalidDBInstanceState", env.Diff.FinalSnapshotOfStopped)

	skip := newInstance(t, env, instanceOptions(env.NewName()))
	if err := skip.Delete(t.Context(), rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatalf("%s: Delete skipping the final snapshot: %v", env.Name, err)
	}
	if err := skip.Wait(t.Context(), rds.InstanceDeleted, fast...); err != nil {
		t.Errorf("%s: Wait deleted: %v", env.Name, err)
	}
	for s, err := range env.Conn.DBSnapshots(t.Context(), rds.SnapshotFilter{InstanceID: skip.ID, Type: rds.SnapshotManual}) {
		if err != nil {
			t.Fatalf("%s: DBSnapshots: %v", env.Name, err)
		}
		t.Errorf("%s: deleting with SkipFinalSnapshot left snapshot %s", env.Name, s.ID)
	}
	wantCode(t, env, "Refresh of a deleted instance", skip.Refresh(t.Context()), "DBInstanceNotFound")
}

// RDS's errors for instances (API Reference, Errors of each action):
// an identifier that breaks RDS's rules is InvalidParameterValue
// (CreateDBInstance, DBInstanceIdentifier: "First character must be a
// letter. Can't end with a hyphen or contain two consecutive hyphens");
// DBInstanceAlreadyExists, DBInstanceNotFound, DBParameterGroupNotFound,
// DBSubnetGroupNotFoundFault; a version or class RDS does not offer is
// InvalidParameterCombination ("Cannot find version ... for mysql";
// DescribeOrderableDBInstanceOptions lists what it offers), and so is
// storage outside the engine's range (CreateDBInstance, AllocatedStorage,
// MySQL gp2: "Must be an integer from 20 to 65536"; RDS's answer, as
// users report it in convox/rack#2846: "Invalid storage size for engine
// name postgres and storage type gp2: 10 ... Error Code:
// InvalidParameterCombination").
func testInstanceErrors(t *testing.T, env Env) {
	id := env.NewName()
	newInstance(t, env, instanceOptions(id))
	_, err := env.Conn.CreateDBInstance(t.Context(), instanceOptions(id))
	wantCode(t, env, "CreateDBInstance of an existing identifier", err, "DBInstanceAlreadyExists")

	missing := env.Conn.DBInstance(env.NewName())
	for _, tc := range []struct {
		what string
		err  error
	}{
		{"Refresh", missing.Refresh(t.Context())},
		{"Modify", missing.Modify(t.Context(), rds.ModifyOptions{Class: "db.t3.small", ApplyImmediately: true})},
		{"Reboot", missing.Reboot(t.Context())},
		{"Stop", missing.Stop(t.Context())},
		{"Start", missing.Start(t.Context())},
		{"Delete", missing.Delete(t.Context(), rds.DeleteOptions{SkipFinalSnapshot: true})},
	} {
		wantCode(t, env, tc.what+" of a missing instance", tc.err, "DBInstanceNotFound")
	}
	_, err = missing.CreateSnapshot(t.Context(), rds.SnapshotOptions{ID: env.NewName()})
	wantCode(t, env, "CreateSnapshot of a missing instance", err, "DBInstanceNotFound")

	o := instanceOptions(env.NewName())
	o.ParameterGroup = env.NewName()
	_, err = env.Conn.CreateDBInstance(t.Context(), o)
	wantCode(t, env, "CreateDBInstance with a missing parameter group", err, "DBParameterGroupNotFound")
	o = instanceOptions(env.NewName())
	o.SubnetGroup = env.NewName()
	_, err = env.Conn.CreateDBInstance(t.Context(), o)
	wantCode(t, env, "CreateDBInstance with a missing subnet group", err, "DBSubnetGroupNotFoundFault")

	// goboto refuses these before sending them.
	for _, tc := range []struct {
		what    string
		mod     func(*awsrds.CreateDBInstanceInput)
		want    string
		differs bool
	}{
		{"engine version 5.1.1", func(in *awsrds.CreateDBInstanceInput) { in.EngineVersion = aws.String("5.1.1") },
			"InvalidParameterCombination", env.Diff.AcceptsAnyEngineVersion},
		{"class db.t2.micro", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceClass = aws.String("db.t2.micro") },
			"InvalidParameterCombination", env.Diff.AcceptsAnyClass},
		{"identifier 1-bad--id", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("1-bad--id") },
			"InvalidParameterValue", false},
		{"5 GiB of storage", func(in *awsrds.CreateDBInstanceInput) { in.AllocatedStorage = aws.Int32(5) },
			"InvalidParameterCombination", env.Diff.AcceptsAnyStorage},
	} {
		bad := env.NewName()
		in := &awsrds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(bad), Engine: aws.String(engine),
			EngineVersion: aws.String(engineVersion), DBInstanceClass: aws.String(class), AllocatedStorage: aws.Int32(20),
			StorageType: aws.String("gp2"), MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("suite-password-1")}
		tc.mod(in)
		_, err := raw(env).CreateDBInstance(t.Context(), in)
		if err == nil {
			cleanup(t, func(ctx context.Context) error {
				return env.Conn.DBInstance(bad).Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
			})
		}
		accepted(t, env, "CreateDBInstance with "+tc.what, err, tc.want, tc.differs)
	}
}
