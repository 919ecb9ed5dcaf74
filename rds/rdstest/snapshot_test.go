package rdstest_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

func snapshotIDs(t *testing.T, c *awsrds.Client, in *awsrds.DescribeDBSnapshotsInput) []string {
	t.Helper()
	out, err := c.DescribeDBSnapshots(t.Context(), in)
	if err != nil {
		t.Fatalf("DescribeDBSnapshots: %v", err)
	}
	var ids []string
	for _, s := range out.DBSnapshots {
		ids = append(ids, aws.ToString(s.DBSnapshotIdentifier)+"/"+aws.ToString(s.SnapshotType)+"/"+aws.ToString(s.Status))
	}
	return ids
}

func TestSnapshotLifecycle(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "src", nil)
	srv.Settle()
	out, err := c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("src"), DBSnapshotIdentifier: aws.String("Nightly")})
	if err != nil {
		t.Fatal(err)
	}
	if s := out.DBSnapshot; aws.ToString(s.Status) != "creating" || aws.ToString(s.DBSnapshotIdentifier) != "nightly" ||
		aws.ToString(s.Engine) != "mysql" || aws.ToInt32(s.AllocatedStorage) != 20 || aws.ToString(s.SnapshotType) != "manual" {
		t.Errorf("CreateDBSnapshot = %+v", s)
	}
	if st := instanceStatus(t, c, "src"); st != "backing-up" {
		t.Errorf("instance during snapshot: %s", st)
	}
	_, err = c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("nightly"), TargetDBSnapshotIdentifier: aws.String("copy")})
	if code(err) != "InvalidDBSnapshotState" {
		t.Errorf("copy while creating: %v", err)
	}
	_, err = c.DeleteDBSnapshot(ctx, &awsrds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String("nightly")})
	if code(err) != "InvalidDBSnapshotState" {
		t.Errorf("delete while creating: %v", err)
	}
	srv.Settle()
	if st := instanceStatus(t, c, "src"); st != "available" {
		t.Errorf("instance after snapshot: %s", st)
	}
	cp, err := c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("nightly"), TargetDBSnapshotIdentifier: aws.String("copy")})
	if err != nil {
		t.Fatal(err)
	}
	if src := aws.ToString(cp.DBSnapshot.SourceDBSnapshotIdentifier); src != "arn:aws:rds:us-east-1:111122223333:snapshot:nightly" {
		t.Errorf("copy's source %s", src)
	}
	srv.Settle()
	if diff := cmp.Diff([]string{"copy/manual/available", "nightly/manual/available"}, snapshotIDs(t, c, &awsrds.DescribeDBSnapshotsInput{})); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
	r, err := c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("restored"),
		DBSnapshotIdentifier: aws.String("copy"), DBInstanceClass: aws.String("db.t3.small")})
	if err != nil {
		t.Fatal(err)
	}
	if i := r.DBInstance; aws.ToString(i.DBInstanceStatus) != "creating" || aws.ToString(i.MasterUsername) != "admin" ||
		aws.ToString(i.DBInstanceClass) != "db.t3.small" || aws.ToInt32(i.AllocatedStorage) != 20 {
		t.Errorf("restore = %+v", i)
	}
	srv.Settle()
	if st := instanceStatus(t, c, "restored"); st != "available" {
		t.Errorf("restored instance %s", st)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"create twice", second(c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("src"), DBSnapshotIdentifier: aws.String("nightly")})), "DBSnapshotAlreadyExists"},
		{"create bad name", second(c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("src"), DBSnapshotIdentifier: aws.String("-x")})), "InvalidParameterValue"},
		{"create missing instance", second(c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("ghost"), DBSnapshotIdentifier: aws.String("n2")})), "DBInstanceNotFound"},
		{"copy onto existing", second(c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("nightly"), TargetDBSnapshotIdentifier: aws.String("copy")})), "DBSnapshotAlreadyExists"},
		{"copy missing", second(c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("ghost"), TargetDBSnapshotIdentifier: aws.String("c2")})), "DBSnapshotNotFound"},
		{"restore missing", second(c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("r2"), DBSnapshotIdentifier: aws.String("ghost")})), "DBSnapshotNotFound"},
		{"restore onto existing", second(c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("src"), DBSnapshotIdentifier: aws.String("copy")})), "DBInstanceAlreadyExists"},
		{"describe missing", second(c.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String("ghost")})), "DBSnapshotNotFound"},
		{"bad type", second(c.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("weekly")})), "InvalidParameterValue"},
		{"delete", second(c.DeleteDBSnapshot(ctx, &awsrds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String("copy")})), ""},
		{"delete again", second(c.DeleteDBSnapshot(ctx, &awsrds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String("copy")})), "DBSnapshotNotFound"},
		{"bad attribute", second(c.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("nightly"), AttributeName: aws.String("copy")})), "InvalidParameterValue"},
		{"bad account", second(c.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("nightly"), AttributeName: aws.String("restore"), ValuesToAdd: []string{"12345"}})), "InvalidParameterValue"},
	} {
		if got := code(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	var many []string
	for i := range 21 {
		many = append(many, "9999000000"+string(rune('1'+i/10))+string(rune('0'+i%10)))
	}
	_, err = c.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("nightly"),
		AttributeName: aws.String("restore"), ValuesToAdd: many})
	if code(err) != "SharedSnapshotQuotaExceeded" {
		t.Errorf("21 accounts: %v", err)
	}
}

// second returns the error of a two-valued call.
func second[T any](_ T, err error) error { return err }

func TestSnapshotSharing(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithTransitionDelay(0))
	owner, other := client(t, srv), otherClient(t, srv)
	ctx := t.Context()
	createInstance(t, owner, "prod", nil)
	instanceStatus(t, owner, "prod") // settles creation
	for _, id := range []string{"shared-snap", "private-snap"} {
		if _, err := owner.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("prod"), DBSnapshotIdentifier: aws.String(id)}); err != nil {
			t.Fatal(err)
		}
		instanceStatus(t, owner, "prod")
	}
	arn := "arn:aws:rds:us-east-1:" + fake.TestAccountID + ":snapshot:shared-snap"
	privateARN := "arn:aws:rds:us-east-1:" + fake.TestAccountID + ":snapshot:private-snap"

	// Before sharing the other account sees nothing.
	if got := snapshotIDs(t, other, &awsrds.DescribeDBSnapshotsInput{IncludeShared: aws.Bool(true)}); len(got) != 0 {
		t.Errorf("before sharing: %q", got)
	}
	_, err := other.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("mine"), DBSnapshotIdentifier: aws.String(arn)})
	if code(err) != "DBSnapshotNotFound" {
		t.Errorf("restore before sharing: %v", err)
	}

	m, err := owner.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("shared-snap"),
		AttributeName: aws.String("restore"), ValuesToAdd: []string{fake.OtherAccountID}})
	if err != nil {
		t.Fatal(err)
	}
	want := types.DBSnapshotAttributesResult{DBSnapshotIdentifier: aws.String("shared-snap"), DBSnapshotAttributes: []types.DBSnapshotAttribute{
		{AttributeName: aws.String("restore"), AttributeValues: []string{fake.OtherAccountID}}}}
	if diff := cmp.Diff(want, *m.DBSnapshotAttributesResult, cmp.AllowUnexported(types.DBSnapshotAttributesResult{}, types.DBSnapshotAttribute{})); diff != "" {
		t.Errorf("ModifyDBSnapshotAttribute (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name string
		in   *awsrds.DescribeDBSnapshotsInput
		want []string
	}{
		{"own only by default", &awsrds.DescribeDBSnapshotsInput{}, nil},
		{"include shared", &awsrds.DescribeDBSnapshotsInput{IncludeShared: aws.Bool(true)}, []string{arn + "/shared/available"}},
		{"type shared", &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("shared")}, []string{arn + "/shared/available"}},
		{"type public", &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("public")}, nil},
	} {
		if diff := cmp.Diff(tc.want, snapshotIDs(t, other, tc.in)); diff != "" {
			t.Errorf("other account, %s (-want +got):\n%s", tc.name, diff)
		}
	}
	if diff := cmp.Diff([]string{"private-snap/manual/available", "shared-snap/manual/available"}, snapshotIDs(t, owner, &awsrds.DescribeDBSnapshotsInput{})); diff != "" {
		t.Errorf("owner (-want +got):\n%s", diff)
	}

	// The other account may restore and copy the shared snapshot, by ARN,
	// and nothing else.
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"describe private by ARN", second(other.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String(privateARN)})), "DBSnapshotNotFound"},
		{"describe shared by name", second(other.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String("shared-snap")})), "DBSnapshotNotFound"},
		{"attributes of shared", second(other.DescribeDBSnapshotAttributes(ctx, &awsrds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: aws.String(arn)})), "DBSnapshotNotFound"},
		{"share onwards", second(other.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String(arn), AttributeName: aws.String("restore"), ValuesToAdd: []string{"all"}})), "DBSnapshotNotFound"},
		{"delete shared", second(other.DeleteDBSnapshot(ctx, &awsrds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String(arn)})), "DBSnapshotNotFound"},
		{"restore private", second(other.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("x"), DBSnapshotIdentifier: aws.String(privateARN)})), "DBSnapshotNotFound"},
		{"restore shared", second(other.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String("mine"), DBSnapshotIdentifier: aws.String(arn)})), ""},
		{"copy shared", second(other.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String(arn), TargetDBSnapshotIdentifier: aws.String("my-copy")})), ""},
	} {
		if got := code(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	if st := instanceStatus(t, other, "mine"); st != "available" {
		t.Errorf("restored in other account: %s", st)
	}
	if _, err := owner.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("mine")}); code(err) != "DBInstanceNotFound" {
		t.Errorf("other's instance visible to owner: %v", err)
	}

	// Unsharing hides it again; "all" makes it public.
	if _, err := owner.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("shared-snap"),
		AttributeName: aws.String("restore"), ValuesToRemove: []string{fake.OtherAccountID}, ValuesToAdd: []string{"all"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{arn + "/public/available"}, snapshotIDs(t, other, &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("public")})); diff != "" {
		t.Errorf("public (-want +got):\n%s", diff)
	}
	if got := snapshotIDs(t, other, &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("shared")}); len(got) != 0 {
		t.Errorf("shared after unsharing: %q", got)
	}
	attrs, err := owner.DescribeDBSnapshotAttributes(ctx, &awsrds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: aws.String("shared-snap")})
	if err != nil {
		t.Fatal(err)
	}
	if got := attrs.DBSnapshotAttributesResult.DBSnapshotAttributes[0].AttributeValues; !slices.Equal(got, []string{"all"}) {
		t.Errorf("restore attribute %q", got)
	}
}

func TestAutomatedSnapshots(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions(), rdstest.WithAutomatedSnapshots())
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "auto", nil)
	createInstance(t, c, "no-backups", func(in *awsrds.CreateDBInstanceInput) { in.BackupRetentionPeriod = aws.Int32(0) })
	srv.Step()
	out, err := c.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("automated")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.DBSnapshots) != 1 || aws.ToString(out.DBSnapshots[0].Status) != "creating" || aws.ToString(out.DBSnapshots[0].DBInstanceIdentifier) != "auto" {
		t.Fatalf("automated snapshots while backing up: %+v", out.DBSnapshots)
	}
	id := aws.ToString(out.DBSnapshots[0].DBSnapshotIdentifier)
	srv.Settle()
	if got := snapshotIDs(t, c, &awsrds.DescribeDBSnapshotsInput{}); !slices.Equal(got, []string{id + "/automated/available"}) {
		t.Errorf("snapshots %q", got)
	}
	if got := snapshotIDs(t, c, &awsrds.DescribeDBSnapshotsInput{SnapshotType: aws.String("manual")}); len(got) != 0 {
		t.Errorf("manual snapshots %q", got)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"delete", second(c.DeleteDBSnapshot(ctx, &awsrds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String(id)})), "InvalidDBSnapshotState"},
		{"share", second(c.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String(id), AttributeName: aws.String("restore"), ValuesToAdd: []string{fake.OtherAccountID}})), "InvalidDBSnapshotState"},
		{"copy", second(c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String(id), TargetDBSnapshotIdentifier: aws.String("kept")})), ""},
	} {
		if got := code(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	if _, err := c.DeleteDBInstance(ctx, &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("auto"), SkipFinalSnapshot: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	if got := snapshotIDs(t, c, &awsrds.DescribeDBSnapshotsInput{}); !slices.Equal(got, []string{"kept/manual/available"}) {
		t.Errorf("after deleting the instance: %q", got)
	}
}
