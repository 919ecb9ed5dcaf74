package rdstest

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
)

// call serves one request of the first test account on b and returns the
// error code it was answered with, "" for success.
func call(t *testing.T, b *Backend, op string, kv ...string) string {
	t.Helper()
	p := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Add(kv[i], kv[i+1])
	}
	err := b.handle(httptest.NewRecorder(), request(op, p))
	if err == nil {
		return ""
	}
	var fe *fake.Error
	if !errors.As(err, &fe) {
		t.Fatalf("%s: %v is no *fake.Error", op, err)
	}
	return fe.Code
}

// seeded returns a backend holding one of each resource, tagged, with
// every transition finished.
func seeded(t *testing.T) (*Backend, string) {
	t.Helper()
	b, _ := NewBackend()
	steps := [][]string{
		{"CreateDBInstance", "DBInstanceIdentifier", "db1", "DBInstanceClass", "db.t3.micro", "Engine", "mysql",
			"AllocatedStorage", "20", "MasterUsername", "admin", "MasterUserPassword", "s3cret-pass",
			"Tags.Tag.1.Key", "team", "Tags.Tag.1.Value", "data", "DeletionProtection", "true"},
		{"DescribeDBInstances"},
		{"CreateDBSnapshot", "DBInstanceIdentifier", "db1", "DBSnapshotIdentifier", "snap1", "Tags.Tag.1.Key", "k", "Tags.Tag.1.Value", "v"},
		{"CreateDBParameterGroup", "DBParameterGroupName", "pg1", "DBParameterGroupFamily", "mysql8.0", "Description", "d",
			"Tags.Tag.1.Key", "k", "Tags.Tag.1.Value", "v"},
		{"CreateDBSecurityGroup", "DBSecurityGroupName", "sg1", "DBSecurityGroupDescription", "d"},
		{"DescribeDBInstances"},
	}
	for _, s := range steps {
		if c := call(t, b, s[0], s[1:]...); c != "" {
			t.Fatalf("seeding %s: %s", s[0], c)
		}
	}
	return b, "arn:aws:rds:" + fake.DefaultRegion + ":" + fake.DefaultCredentials()[0].AccountID + ":"
}

// A request the fake refuses changes nothing: the state's digest is the
// same before and after. Each refusal's code is one RDS's API model or
// AWS's common errors for the Query API declare.
func TestRefusedRequestsChangeNothing(t *testing.T) {
	b, arn := seeded(t)
	many := []string{"ResourceName", arn + "db:db1"}
	for i := 1; i <= 50; i++ {
		many = append(many, "Tags.Tag."+strconv.Itoa(i)+".Key", "k"+strconv.Itoa(i), "Tags.Tag."+strconv.Itoa(i)+".Value", "v")
	}
	create := []string{"DBInstanceIdentifier", "db2", "DBInstanceClass", "db.t3.micro", "Engine", "mysql",
		"AllocatedStorage", "20", "MasterUsername", "admin", "MasterUserPassword", "s3cret-pass"}
	with := func(base []string, kv ...string) []string { return append(append([]string{}, base...), kv...) }
	for _, tc := range []struct {
		name, op string
		params   []string
		code     string
	}{
		// Common errors (Query API): InvalidAction, "The action or operation requested is invalid."
		{"unknown action", "CreateDBCluster", []string{"DBClusterIdentifier", "c1", "Engine", "aurora-mysql"}, "InvalidAction"},
		{"no action", "", nil, "MissingAction"},
		// Parameters the fake does not implement: InvalidParameterCombination.
		{"StorageEncrypted", "CreateDBInstance", with(create, "StorageEncrypted", "true"), CodeInvalidParameterCombination},
		{"KmsKeyId", "CreateDBInstance", with(create, "KmsKeyId", "alias/aws/rds"), CodeInvalidParameterCombination},
		{"unknown DB subnet group", "CreateDBInstance", with(create, "DBSubnetGroupName", "private"), CodeDBSubnetGroupNotFound},
		{"TagSpecifications", "CreateDBInstance", with(create, "TagSpecifications.item.1.ResourceType", "auto-backup"), CodeInvalidParameterCombination},
		{"ManageMasterUserPassword", "CreateDBInstance", with(create, "ManageMasterUserPassword", "true"), CodeInvalidParameterCombination},
		{"rename", "ModifyDBInstance", []string{"DBInstanceIdentifier", "db1", "NewDBInstanceIdentifier", "db9"}, CodeInvalidParameterCombination},
		{"subnet group on modify", "ModifyDBInstance", []string{"DBInstanceIdentifier", "db1", "DBSubnetGroupName", "private", "ApplyImmediately", "true"}, CodeInvalidParameterCombination},
		{"keep automated backups", "DeleteDBInstance", []string{"DBInstanceIdentifier", "db1", "SkipFinalSnapshot", "true", "DeleteAutomatedBackups", "false"}, CodeInvalidParameterCombination},
		{"copy with KMS key", "CopyDBSnapshot", []string{"SourceDBSnapshotIdentifier", "snap1", "TargetDBSnapshotIdentifier", "snap2", "KmsKeyId", "k"}, CodeInvalidParameterCombination},
		{"restore with a size", "RestoreDBInstanceFromDBSnapshot", []string{"DBInstanceIdentifier", "db3", "DBSnapshotIdentifier", "snap1", "AllocatedStorage", "100"}, CodeInvalidParameterCombination},
		{"tag filters", "ListTagsForResource", []string{"ResourceName", arn + "db:db1", "Filters.Filter.1.Name", "k"}, CodeInvalidParameterCombination},
		// RDS API Reference, DeleteDBInstance: an instance with deletion
		// protection cannot be deleted.
		{"deletion protection", "DeleteDBInstance", []string{"DBInstanceIdentifier", "db1", "SkipFinalSnapshot", "true"}, CodeInvalidParameterCombination},
		// Tags (RDS API Reference, Tag; RDS User Guide, tagging limits).
		{"51st tag", "AddTagsToResource", with(many, "Tags.Tag.51.Key", "k51", "Tags.Tag.51.Value", "v"), CodeInvalidParameterValue},
		{"50 more tags", "AddTagsToResource", many, CodeInvalidParameterValue},
		{"aws: key", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "aws:x", "Tags.Tag.1.Value", "v"}, CodeInvalidParameterValue},
		{"rds: value", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "x", "Tags.Tag.1.Value", "rds:v"}, CodeInvalidParameterValue},
		{"empty key", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "", "Tags.Tag.1.Value", "v"}, CodeInvalidParameterValue},
		{"long key", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", strings.Repeat("é", 129), "Tags.Tag.1.Value", "v"}, CodeInvalidParameterValue},
		{"long value", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "k", "Tags.Tag.1.Value", strings.Repeat("v", 257)}, CodeInvalidParameterValue},
		{"bad character", "AddTagsToResource", []string{"ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "a*b", "Tags.Tag.1.Value", "v"}, CodeInvalidParameterValue},
		{"no tags", "AddTagsToResource", []string{"ResourceName", arn + "db:db1"}, CodeMissingParameter},
		{"tags on create, bad", "CreateDBInstance", with(create, "Tags.Tag.1.Key", "aws:k", "Tags.Tag.1.Value", "v"), CodeInvalidParameterValue},
		{"missing instance", "AddTagsToResource", []string{"ResourceName", arn + "db:nope", "Tags.Tag.1.Key", "k", "Tags.Tag.1.Value", "v"}, CodeDBInstanceNotFound},
		{"another account", "AddTagsToResource", []string{"ResourceName", strings.Replace(arn, fake.DefaultCredentials()[0].AccountID, "999999999999", 1) + "db:db1", "Tags.Tag.1.Key", "k", "Tags.Tag.1.Value", "v"}, CodeDBInstanceNotFound},
		{"missing snapshot", "RemoveTagsFromResource", []string{"ResourceName", arn + "snapshot:nope", "TagKeys.member.1", "k"}, CodeDBSnapshotNotFound},
		{"missing group", "ListTagsForResource", []string{"ResourceName", arn + "pg:nope"}, CodeDBParameterGroupNotFound},
		{"missing DB security group", "ListTagsForResource", []string{"ResourceName", arn + "secgrp:nope"}, CodeDBSecurityGroupNotFound},
		{"cluster", "ListTagsForResource", []string{"ResourceName", arn + "cluster:c1"}, CodeDBClusterNotFound},
		{"not an ARN", "ListTagsForResource", []string{"ResourceName", "db1"}, CodeInvalidParameterValue},
		{"no keys", "RemoveTagsFromResource", []string{"ResourceName", arn + "db:db1"}, CodeMissingParameter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := b.digest()
			if got := call(t, b, tc.op, tc.params...); got != tc.code {
				t.Errorf("%s answered %q; want %q", tc.op, got, tc.code)
			}
			if after := b.digest(); after != before {
				t.Errorf("%s changed the fake's state", tc.op)
			}
		})
	}
}

// The digest must see what a request changes, or the test above proves
// nothing.
func TestDigestSeesChanges(t *testing.T) {
	b, arn := seeded(t)
	for _, tc := range [][]string{
		{"AddTagsToResource", "ResourceName", arn + "db:db1", "Tags.Tag.1.Key", "team", "Tags.Tag.1.Value", "web"},
		{"RemoveTagsFromResource", "ResourceName", arn + "pg:pg1", "TagKeys.member.1", "k"},
		{"ModifyDBParameterGroup", "DBParameterGroupName", "pg1", "Parameters.Parameter.1.ParameterName", "max_connections",
			"Parameters.Parameter.1.ParameterValue", "100", "Parameters.Parameter.1.ApplyMethod", "immediate"},
		{"AuthorizeDBSecurityGroupIngress", "DBSecurityGroupName", "sg1", "CIDRIP", "10.0.0.0/8"},
		{"ModifyDBInstance", "DBInstanceIdentifier", "db1", "DeletionProtection", "false"},
	} {
		before := b.digest()
		if c := call(t, b, tc[0], tc[1:]...); c != "" {
			t.Fatalf("%s: %s", tc[0], c)
		}
		if b.digest() == before {
			t.Errorf("%s changed state the digest did not see", tc[0])
		}
	}
}
