package rdstest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

func tagsOf(ts []types.Tag) map[string]string {
	out := map[string]string{}
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

func listTags(t *testing.T, c *awsrds.Client, arn string) map[string]string {
	t.Helper()
	out, err := c.ListTagsForResource(t.Context(), &awsrds.ListTagsForResourceInput{ResourceName: aws.String(arn)})
	if err != nil {
		t.Fatalf("ListTagsForResource(%s): %v", arn, err)
	}
	return tagsOf(out.TagList)
}

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

// Tags given on create are kept and shown (RDS API Reference,
// CreateDBInstance Tags; DBInstance TagList), changed with
// AddTagsToResource and RemoveTagsFromResource, and read with
// ListTagsForResource by ARN.
func TestInstanceTags(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	out, err := c.CreateDBInstance(ctx, func() *awsrds.CreateDBInstanceInput {
		in := mysqlInput("tagged")
		in.Tags = []types.Tag{tag("team", "data"), tag("env", "")}
		return in
	}())
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(out.DBInstance.DBInstanceArn)
	if diff := cmp.Diff(map[string]string{"team": "data", "env": ""}, tagsOf(out.DBInstance.TagList)); diff != "" {
		t.Errorf("CreateDBInstance TagList (-want +got):\n%s", diff)
	}
	if _, err := c.AddTagsToResource(ctx, &awsrds.AddTagsToResourceInput{ResourceName: aws.String(arn),
		Tags: []types.Tag{tag("team", "web"), tag("cost", "42")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RemoveTagsFromResource(ctx, &awsrds.RemoveTagsFromResourceInput{ResourceName: aws.String(arn),
		TagKeys: []string{"env", "absent"}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"team": "web", "cost": "42"}
	if diff := cmp.Diff(want, listTags(t, c, arn)); diff != "" {
		t.Errorf("ListTagsForResource (-want +got):\n%s", diff)
	}
	d, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("tagged")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, tagsOf(d.DBInstances[0].TagList)); diff != "" {
		t.Errorf("DescribeDBInstances TagList (-want +got):\n%s", diff)
	}
	// The other account cannot see or change them: RDS answers as for a
	// missing instance.
	_, err = otherClient(t, srv).ListTagsForResource(ctx, &awsrds.ListTagsForResourceInput{ResourceName: aws.String(arn)})
	if code(err) != rdstest.CodeDBInstanceNotFound || status(err) != 404 {
		t.Errorf("another account's ListTagsForResource = %v; want DBInstanceNotFound 404", err)
	}
}

// CopyTagsToSnapshot copies an instance's tags to its snapshots unless
// the snapshot is given tags of its own; CopyDBSnapshot copies tags only
// with CopyTags, and then only when the request gives none (AWS never
// merges the two, as tested in getmoto/moto#8320); a restore takes the
// request's tags or else the snapshot's (RDS API Reference:
// CreateDBInstance and RestoreDBInstanceFromDBSnapshot
// CopyTagsToSnapshot, CopyDBSnapshot CopyTags).
func TestSnapshotTags(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "src", func(in *awsrds.CreateDBInstanceInput) {
		in.Tags, in.CopyTagsToSnapshot = []types.Tag{tag("team", "data")}, aws.Bool(true)
	})
	instanceStatus(t, c, "src")
	snap := func(id string, tags ...types.Tag) *types.DBSnapshot {
		out, err := c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("src"),
			DBSnapshotIdentifier: aws.String(id), Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		instanceStatus(t, c, "src")
		return out.DBSnapshot
	}
	copied := snap("copied")
	own := snap("own", tag("kind", "nightly"))
	cp, err := c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("own"),
		TargetDBSnapshotIdentifier: aws.String("own-copy"), CopyTags: aws.Bool(true), Tags: []types.Tag{tag("copy", "yes")}})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("own"),
		TargetDBSnapshotIdentifier: aws.String("bare-copy")})
	if err != nil {
		t.Fatal(err)
	}
	inherited, err := c.CopyDBSnapshot(ctx, &awsrds.CopyDBSnapshotInput{SourceDBSnapshotIdentifier: aws.String("own"),
		TargetDBSnapshotIdentifier: aws.String("inherited-copy"), CopyTags: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	instanceStatus(t, c, "src")
	restored, err := c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{
		DBInstanceIdentifier: aws.String("restored"), DBSnapshotIdentifier: aws.String("own")})
	if err != nil {
		t.Fatal(err)
	}
	retagged, err := c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{
		DBInstanceIdentifier: aws.String("retagged"), DBSnapshotIdentifier: aws.String("own"), Tags: []types.Tag{tag("new", "1")}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]string{
		"copied":    tagsOf(copied.TagList),
		"own":       tagsOf(own.TagList),
		"own-copy":  tagsOf(cp.DBSnapshot.TagList),
		"bare-copy": tagsOf(bare.DBSnapshot.TagList),
		"inherited": tagsOf(inherited.DBSnapshot.TagList),
		"restored":  tagsOf(restored.DBInstance.TagList),
		"retagged":  tagsOf(retagged.DBInstance.TagList),
		"listed":    listTags(t, c, aws.ToString(cp.DBSnapshot.DBSnapshotArn)),
	}
	want := map[string]map[string]string{
		"copied":    {"team": "data"},
		"own":       {"kind": "nightly"},
		"own-copy":  {"copy": "yes"},
		"bare-copy": {},
		"inherited": {"kind": "nightly"},
		"restored":  {"kind": "nightly"},
		"retagged":  {"new": "1"},
		"listed":    {"copy": "yes"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}

// Parameter groups and DB security groups take tags on create, and
// ListTagsForResource reads them by their ARNs (pg:, secgrp:).
func TestGroupTags(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	pg, err := c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("tuned"),
		DBParameterGroupFamily: aws.String("mysql8.0"), Description: aws.String("d"), Tags: []types.Tag{tag("a", "1")}})
	if err != nil {
		t.Fatal(err)
	}
	sg, err := c.CreateDBSecurityGroup(ctx, &awsrds.CreateDBSecurityGroupInput{DBSecurityGroupName: aws.String("web"),
		DBSecurityGroupDescription: aws.String("d"), Tags: []types.Tag{tag("b", "2")}})
	if err != nil {
		t.Fatal(err)
	}
	got := []map[string]string{listTags(t, c, aws.ToString(pg.DBParameterGroup.DBParameterGroupArn)),
		listTags(t, c, aws.ToString(sg.DBSecurityGroup.DBSecurityGroupArn))}
	if diff := cmp.Diff([]map[string]string{{"a": "1"}, {"b": "2"}}, got); diff != "" {
		t.Errorf("group tags (-want +got):\n%s", diff)
	}
}

// DeletionProtection stops DeleteDBInstance until ModifyDBInstance turns
// it off (RDS API Reference, CreateDBInstance DeletionProtection: "The
// database can't be deleted when deletion protection is enabled").
func TestDeletionProtection(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "kept", func(in *awsrds.CreateDBInstanceInput) { in.DeletionProtection = aws.Bool(true) })
	instanceStatus(t, c, "kept")
	del := &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("kept"), SkipFinalSnapshot: aws.Bool(true)}
	if _, err := c.DeleteDBInstance(ctx, del); code(err) != rdstest.CodeInvalidParameterCombination {
		t.Fatalf("DeleteDBInstance of a protected instance = %v; want InvalidParameterCombination", err)
	}
	out, err := c.ModifyDBInstance(ctx, &awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("kept"), DeletionProtection: aws.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToBool(out.DBInstance.DeletionProtection) {
		t.Error("ModifyDBInstance left DeletionProtection on")
	}
	if _, err := c.DeleteDBInstance(ctx, del); err != nil {
		t.Fatal(err)
	}
}
