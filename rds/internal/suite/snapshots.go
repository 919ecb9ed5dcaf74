package suite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

// newSnapshot takes a manual snapshot of db, waits until it is available
// and deletes it when t ends.
func newSnapshot(t *testing.T, env Env, db *rds.DBInstance, o rds.SnapshotOptions) *rds.DBSnapshot {
	t.Helper()
	s, err := db.CreateSnapshot(t.Context(), o)
	if err != nil {
		t.Fatalf("%s: CreateSnapshot %s: %v", env.Name, o.ID, err)
	}
	cleanup(t, env.Conn.DBSnapshot(o.ID).Delete)
	if err := s.Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Fatalf("%s: waiting for snapshot %s: %v", env.Name, o.ID, err)
	}
	// The instance is backing-up while RDS takes the snapshot.
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	return s
}

// CreateDBSnapshot answers "creating" and the snapshot becomes available
// with its instance's engine, storage and port (API Reference,
// CreateDBSnapshot; DBSnapshot). CopyDBSnapshot makes another manual
// snapshot; RestoreDBInstanceFromDBSnapshot a new instance of the
// snapshot's engine and storage, in the class and on the port asked for
// (RestoreDBInstanceFromDBSnapshot, DBInstanceClass and Port). Names
// taken are DBSnapshotAlreadyExists and DBInstanceAlreadyExists, missing
// snapshots DBSnapshotNotFound (Errors of each action).
func testSnapshots(t *testing.T, env Env) {
	db := newInstance(t, env, instanceOptions(env.NewName()))
	id := env.NewName()
	s, err := db.CreateSnapshot(t.Context(), rds.SnapshotOptions{ID: id})
	if err != nil {
		t.Fatalf("%s: CreateSnapshot: %v", env.Name, err)
	}
	cleanup(t, env.Conn.DBSnapshot(id).Delete)
	want := rds.SnapshotCreating
	if env.Diff.InstantStates {
		want = rds.SnapshotAvailable
	}
	if s.Status != want {
		t.Errorf("%s: CreateDBSnapshot answered status %q, want %q", env.Name, s.Status, want)
	}
	if err := s.Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Fatalf("%s: Wait snapshot available: %v", env.Name, err)
	}
	got := []any{s.ID, s.InstanceID, s.Type, s.Engine, s.EngineVersion, s.AllocatedStorage, s.Port, s.MasterUsername}
	wantSnap := []any{id, db.ID, rds.SnapshotManual, engine, engineVersion, int32(20), int32(3306), "admin"}
	if diff := cmp.Diff(wantSnap, got); diff != "" {
		t.Errorf("%s: DescribeDBSnapshots (-want +got):\n%s", env.Name, diff)
	}
	if !strings.HasPrefix(s.ARN, "arn:aws:rds:us-east-1:") || !strings.HasSuffix(s.ARN, ":snapshot:"+id) {
		t.Errorf("%s: DBSnapshotArn %q", env.Name, s.ARN)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatal(err)
	}
	_, err = db.CreateSnapshot(t.Context(), rds.SnapshotOptions{ID: id})
	wantCode(t, env, "CreateDBSnapshot of a taken name", err, "DBSnapshotAlreadyExists")

	copyID := env.NewName()
	c, err := s.Copy(t.Context(), rds.CopyOptions{ID: copyID})
	if err != nil {
		t.Fatalf("%s: Copy: %v", env.Name, err)
	}
	cleanup(t, env.Conn.DBSnapshot(copyID).Delete)
	if err := c.Wait(t.Context(), rds.SnapshotAvailable, fast...); err != nil {
		t.Fatalf("%s: Wait copy available: %v", env.Name, err)
	}
	if c.Type != rds.SnapshotManual || c.InstanceID != db.ID || c.Engine != engine {
		t.Errorf("%s: copy is %s of %q, engine %q; want manual of %q, %s", env.Name, c.Type, c.InstanceID, c.Engine, db.ID, engine)
	}
	_, err = s.Copy(t.Context(), rds.CopyOptions{ID: copyID})
	wantCode(t, env, "CopyDBSnapshot onto a taken name", err, "DBSnapshotAlreadyExists")
	_, err = env.Conn.DBSnapshot(env.NewName()).Copy(t.Context(), rds.CopyOptions{ID: env.NewName()})
	wantCode(t, env, "CopyDBSnapshot of a missing snapshot", err, "DBSnapshotNotFound")

	var ids []string
	for x, err := range env.Conn.DBSnapshots(t.Context(), rds.SnapshotFilter{InstanceID: db.ID}) {
		if err != nil {
			t.Fatalf("%s: DBSnapshots: %v", env.Name, err)
		}
		ids = append(ids, x.ID)
	}
	if !slices.Contains(ids, id) || !slices.Contains(ids, copyID) {
		t.Errorf("%s: DBSnapshots of %s = %v, want %s and %s among them", env.Name, db.ID, ids, id, copyID)
	}

	restored := env.NewName()
	r, err := c.Restore(t.Context(), rds.RestoreOptions{ID: restored, Class: "db.t3.small", Port: 3307})
	if err != nil {
		t.Fatalf("%s: Restore: %v", env.Name, err)
	}
	cleanup(t, func(ctx context.Context) error {
		return env.Conn.DBInstance(restored).Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
	})
	if want := transient(env, rds.InstanceCreating, rds.InstanceAvailable); r.Status != want {
		t.Errorf("%s: RestoreDBInstanceFromDBSnapshot answered status %q, want %q", env.Name, r.Status, want)
	}
	if err := r.Wait(t.Context(), rds.InstanceAvailable, fast...); err != nil {
		t.Fatalf("%s: Wait restored available: %v", env.Name, err)
	}
	if got, want := []any{r.Engine, r.EngineVersion, r.AllocatedStorage, r.MasterUsername, r.Class, r.Endpoint.Port},
		[]any{engine, engineVersion, int32(20), "admin", "db.t3.small", int32(3307)}; !cmp.Equal(want, got) {
		t.Errorf("%s: restored instance %v, want %v", env.Name, got, want)
	}
	_, err = c.Restore(t.Context(), rds.RestoreOptions{ID: db.ID})
	wantCode(t, env, "RestoreDBInstanceFromDBSnapshot onto a taken identifier", err, "DBInstanceAlreadyExists")
	_, err = env.Conn.DBSnapshot(env.NewName()).Restore(t.Context(), rds.RestoreOptions{ID: env.NewName()})
	wantCode(t, env, "RestoreDBInstanceFromDBSnapshot of a missing snapshot", err, "DBSnapshotNotFound")

	if err := c.Delete(t.Context()); err != nil {
		t.Fatalf("%s: Delete snapshot: %v", env.Name, err)
	}
	if err := c.Wait(t.Context(), rds.SnapshotDeleted, fast...); err != nil {
		t.Errorf("%s: Wait snapshot deleted: %v", env.Name, err)
	}
	wantCode(t, env, "DeleteDBSnapshot of a deleted snapshot", c.Delete(t.Context()), "DBSnapshotNotFound")
	wantCode(t, env, "Refresh of a deleted snapshot", c.Refresh(t.Context()), "DBSnapshotNotFound")
}

// A manual snapshot is shared through its "restore" attribute, with
// account IDs or "all" for everyone, and DescribeDBSnapshotAttributes
// lists them (API Reference, ModifyDBSnapshotAttribute: "To share a
// manual DB snapshot with other AWS accounts, specify restore as the
// AttributeName ... a value of all to make the manual DB snapshot
// public"). Any other attribute name is InvalidParameterValue; a missing
// snapshot DBSnapshotNotFound.
func testSnapshotSharing(t *testing.T, env Env) {
	db := newInstance(t, env, instanceOptions(env.NewName()))
	s := newSnapshot(t, env, db, rds.SnapshotOptions{ID: env.NewName()})
	const a, b = "444455556666", "111122223333"
	steps := []struct {
		what  string
		do    func() error
		after goboto.Audience
	}{
		{"share with two accounts", func() error { return s.Share(t.Context(), goboto.Accounts(a, b)) }, goboto.Accounts(b, a)},
		{"make public", func() error { return s.Share(t.Context(), goboto.Everyone()) },
			goboto.Audience{Accounts: []string{b, a}, Everyone: true}},
		{"unshare one and everyone", func() error {
			return s.Unshare(t.Context(), goboto.Audience{Accounts: []string{a}, Everyone: true})
		}, goboto.Accounts(b)},
		{"unshare the last", func() error { return s.Unshare(t.Context(), goboto.Accounts(b)) }, goboto.Audience{}},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %s: %v", env.Name, step.what, err)
		}
		got, err := s.Permissions(t.Context())
		if err != nil {
			t.Fatalf("%s: Permissions after %s: %v", env.Name, step.what, err)
		}
		if diff := cmp.Diff(step.after, got, cmpAudience); diff != "" {
			t.Errorf("%s: Permissions after %s (-want +got):\n%s", env.Name, step.what, diff)
		}
	}

	_, err := raw(env).ModifyDBSnapshotAttribute(t.Context(), &awsrds.ModifyDBSnapshotAttributeInput{
		DBSnapshotIdentifier: aws.String(s.ID), AttributeName: aws.String("copy"), ValuesToAdd: []string{a}})
	wantCode(t, env, "ModifyDBSnapshotAttribute of attribute copy", err, "InvalidParameterValue")
	_, err = env.Conn.DBSnapshot(env.NewName()).Permissions(t.Context())
	wantCode(t, env, "DescribeDBSnapshotAttributes of a missing snapshot", err, "DBSnapshotNotFound")
	err = env.Conn.DBSnapshot(env.NewName()).Share(t.Context(), goboto.Accounts(a))
	wantCode(t, env, "ModifyDBSnapshotAttribute of a missing snapshot", err, "DBSnapshotNotFound")
}

// cmpAudience treats no accounts and an empty list of them alike.
var cmpAudience = cmpopts.EquateEmpty()
