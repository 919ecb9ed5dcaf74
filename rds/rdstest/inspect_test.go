package rdstest_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

// What the seeding helpers make, a client sees; what a client does, the
// inspection helpers see.
func TestSeedAndInspect(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	acct, region := fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion

	pg, err := srv.AddParameterGroup(acct, region, "Tuned", "mysql8.0", "seeded", map[string]string{"a": "1"})
	if err != nil {
		t.Fatal(err)
	}
	inst, err := srv.AddDBInstance(acct, region, rdstest.DBInstanceSpec{ID: "Seeded", ParameterGroup: "tuned",
		Tags: map[string]string{"team": "data"}})
	if err != nil {
		t.Fatal(err)
	}
	want := rdstest.DBInstanceInfo{ID: "seeded", ARN: "arn:aws:rds:" + region + ":" + acct + ":db:seeded",
		Status: "available", Class: "db.t3.micro", Engine: "mysql", MasterUsername: "admin", AllocatedStorage: 20,
		StorageType: "gp3", Iops: 3000, StorageThroughput: 125, AvailabilityZone: region + "a", Port: 3306,
		ParameterGroup: "tuned", ParameterApplyStatus: "in-sync", BackupRetentionPeriod: 1,
		BackupWindow: "03:00-03:30", MaintenanceWindow: "sun:05:00-sun:05:30", Tags: map[string]string{"team": "data"},
		SubnetGroup: "default", SubnetID: rdstest.StandaloneDefaultSubnets(acct, region)[0].ID}
	ignore := cmpopts.IgnoreFields(rdstest.DBInstanceInfo{}, "EngineVersion", "Endpoint", "VPCSecurityGroupIDs")
	if diff := cmp.Diff(want, inst, ignore); diff != "" {
		t.Errorf("AddDBInstance (-want +got):\n%s", diff)
	}
	if inst.Endpoint == "" {
		t.Error("a seeded instance has no endpoint")
	}
	// A client sees the seeded instance available at once, even with
	// manual transitions.
	if s := instanceStatus(t, c, "seeded"); s != "available" {
		t.Errorf("DescribeDBInstances says %s; want available", s)
	}
	if got, ok := srv.DBInstance(acct, region, "SEEDED"); !ok || got.ARN != want.ARN {
		t.Errorf("DBInstance = %+v, %v", got, ok)
	}

	snap, err := srv.AddDBSnapshot(acct, region, "seeded", "base", map[string]string{"kind": "seed"})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Status != "available" || snap.InstanceID != "seeded" {
		t.Errorf("AddDBSnapshot = %+v", snap)
	}
	if _, err := c.ModifyDBSnapshotAttribute(ctx, &awsrds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: aws.String("base"),
		AttributeName: aws.String("restore"), ValuesToAdd: []string{"all", fake.DefaultCredentials()[1].AccountID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ModifyDBParameterGroup(ctx, &awsrds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String("tuned"),
		Parameters: []types.Parameter{{ParameterName: aws.String("max_connections"), ParameterValue: aws.String("321"),
			ApplyMethod: types.ApplyMethodImmediate}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{
		DBSecurityGroupName: aws.String("default"), CIDRIP: aws.String("10.0.0.0/8")}); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddTags(acct, region, pg.ARN, map[string]string{"b": "2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddDBSecurityGroup(acct, region, "web", "seeded", nil); err != nil {
		t.Fatal(err)
	}

	values, ok := srv.ParameterValues(acct, region, "tuned")
	if !ok || values["max_connections"] != "321" {
		t.Errorf("ParameterValues max_connections = %q, %v; want 321", values["max_connections"], ok)
	}
	tags, _ := srv.Tags(acct, region, pg.ARN)
	got := map[string]any{
		"snapshots":  srv.DBSnapshots(acct, region),
		"groups":     len(srv.ParameterGroups(acct, region)),
		"tags":       tags,
		"secgroups":  srv.DBSecurityGroups(acct, region),
		"elsewhere":  len(srv.DBInstances(acct, "eu-west-1")),
		"listed tag": listTags(t, c, pg.ARN),
	}
	wantAll := map[string]any{
		"snapshots": []rdstest.DBSnapshotInfo{{ID: "base", ARN: "arn:aws:rds:" + region + ":" + acct + ":snapshot:base",
			InstanceID: "seeded", Status: "available", Type: "manual", Engine: "mysql", EngineVersion: inst.EngineVersion,
			AllocatedStorage: 20, SharedWith: []string{fake.DefaultCredentials()[1].AccountID}, Public: true,
			Tags: map[string]string{"kind": "seed"}}},
		"groups": 11, // the ten families' default groups, and tuned
		"tags":   map[string]string{"a": "1", "b": "2"},
		"secgroups": []rdstest.DBSecurityGroupInfo{
			{Name: "default", ARN: "arn:aws:rds:" + region + ":" + acct + ":secgrp:default", Description: "default", Owner: acct,
				IPRanges: map[string]string{"10.0.0.0/8": "authorizing"}, EC2Groups: map[string]string{}, Tags: map[string]string{}},
			{Name: "web", ARN: "arn:aws:rds:" + region + ":" + acct + ":secgrp:web", Description: "seeded", Owner: acct,
				IPRanges: map[string]string{}, EC2Groups: map[string]string{}, Tags: map[string]string{}},
		},
		"elsewhere":  0,
		"listed tag": map[string]string{"a": "1", "b": "2"},
	}
	if diff := cmp.Diff(wantAll, got); diff != "" {
		t.Errorf("inspection (-want +got):\n%s", diff)
	}
}

// The seeding helpers check what they are given as the actions do, and
// answer RDS's errors.
func TestSeedErrors(t *testing.T) {
	srv := rdstest.Start(t)
	acct, region := fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion
	codeOf := func(err error) string {
		var fe *fake.Error
		if errors.As(err, &fe) {
			return fe.Code
		}
		return "no RDS error: " + code(err)
	}
	_, errClass := srv.AddDBInstance(acct, region, rdstest.DBInstanceSpec{ID: "x", Class: "db.t2.micro"})
	_, errID := srv.AddDBInstance(acct, region, rdstest.DBInstanceSpec{ID: "bad_id"})
	_, errSnap := srv.AddDBSnapshot(acct, region, "nope", "s1", nil)
	_, errPG := srv.AddParameterGroup(acct, region, "g", "oracle19", "d", nil)
	_, errSG := srv.AddDBSecurityGroup(acct, region, "default", "d", nil)
	errTag := srv.AddTags(acct, region, "arn:aws:rds:"+region+":"+acct+":db:nope", map[string]string{"k": "v"})
	got := []string{codeOf(errClass), codeOf(errID), codeOf(errSnap), codeOf(errPG), codeOf(errSG), codeOf(errTag)}
	want := []string{rdstest.CodeInvalidParameterCombination, rdstest.CodeInvalidParameterValue, rdstest.CodeDBInstanceNotFound,
		rdstest.CodeInvalidParameterValue, rdstest.CodeInvalidParameterValue, rdstest.CodeDBInstanceNotFound}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeding errors (-want +got):\n%s", diff)
	}
	if n := len(srv.DBInstances(acct, region)); n != 0 {
		t.Errorf("refused seeds left %d instances", n)
	}
}
