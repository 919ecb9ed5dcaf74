package rds_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

// Tags go on an instance as it is created and are read and changed
// through its handle (CreateDBInstance Tags, ListTagsForResource,
// AddTagsToResource, RemoveTagsFromResource).
func TestInstanceTags(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	o := mysqlOptions("tagged")
	o.Tags, o.CopyTagsToSnapshot = rds.Tags{"team": "data", "env": "test"}, true
	db, err := conn.CreateDBInstance(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddTags(ctx, rds.Tags{"team": "web", "cost": "42"}); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveTags(ctx, "env"); err != nil {
		t.Fatal(err)
	}
	got, err := db.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rds.Tags{"team": "web", "cost": "42"}, got); diff != "" {
		t.Errorf("Tags (-want +got):\n%s", diff)
	}

	// A bare handle learns its ARN first, with one DescribeDBInstances.
	srv.ResetCalls()
	bare, err := conn.DBInstance("tagged").Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, bare); diff != "" {
		t.Errorf("bare handle's Tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"DescribeDBInstances", "ListTagsForResource"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}

	// CopyTagsToSnapshot carries them to a snapshot, and a restore takes
	// the tags it is given.
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "tagged-snap"})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	snapTags, err := snap.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	restored, err := snap.Restore(ctx, rds.RestoreOptions{ID: "restored", Tags: rds.Tags{"from": "snap"}})
	if err != nil {
		t.Fatal(err)
	}
	restoredTags, err := restored.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rds.Tags{got, {"from": "snap"}}, []rds.Tags{snapTags, restoredTags}); diff != "" {
		t.Errorf("snapshot and restored tags (-want +got):\n%s", diff)
	}
}

func TestGroupTags(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "tuned", Family: "mysql8.0", Description: "tuned"})
	if err != nil {
		t.Fatal(err)
	}
	sg, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "web", Description: "web"})
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.ParameterGroup("tuned").AddTags(ctx, rds.Tags{"a": "1", "b": ""}); err != nil {
		t.Fatal(err)
	}
	if err := pg.RemoveTags(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if err := sg.AddTags(ctx, rds.Tags{"c": "3"}); err != nil {
		t.Fatal(err)
	}
	pgTags, err := pg.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sgTags, err := conn.DBSecurityGroup("web").Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rds.Tags{{"b": ""}, {"c": "3"}}, []rds.Tags{pgTags, sgTags}); diff != "" {
		t.Errorf("group tags (-want +got):\n%s", diff)
	}
	if _, err := conn.Tags(ctx, strings.Replace(pg.ARN, ":pg:tuned", ":pg:gone", 1)); err == nil {
		t.Error("Tags of a missing group succeeded")
	} else {
		wantCode(t, err, "DBParameterGroupNotFound")
	}
}

// Tags that break RDS's rules are refused before anything is sent
// (RDS API Reference, Tag: keys 1-128 characters, values 0-256, neither
// starting with aws: or rds:; User Guide: 50 tags a resource).
func TestTagValidation(t *testing.T) {
	srv, conn := startFake(t)
	arn := "arn:aws:rds:us-east-1:123456789012:db:x"
	many := rds.Tags{}
	for i := range 51 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	db := conn.DBInstance("x")
	db.ARN = arn
	for _, tc := range []struct {
		name string
		call func(context.Context) error
		want string
	}{
		{"not an ARN", func(ctx context.Context) error { return conn.AddTags(ctx, "db:x", rds.Tags{"k": "v"}) },
			"ResourceName: db:x is not an RDS ARN (arn:aws:rds:<region>:<account>:<type>:<name>)"},
		{"no tags", func(ctx context.Context) error { return conn.AddTags(ctx, arn, nil) }, "Tags: needs at least one tag"},
		{"no keys", func(ctx context.Context) error { return conn.RemoveTags(ctx, arn) }, "TagKeys: needs at least one key"},
		{"empty key", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{"": "v"}) }, "Tags: tag key must not be empty"},
		{"aws: key", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{"aws:x": "v"}) },
			"Tags: aws:x tag keys starting with aws: or rds: are reserved"},
		{"rds: value", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{"k": "RDS:v"}) },
			"Tags[k]: RDS:v tag values starting with aws: or rds: are reserved"},
		{"long key", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{strings.Repeat("é", 129): "v"}) },
			"tag key is longer than 128 characters"},
		{"long value", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{"k": strings.Repeat("v", 257)}) },
			"tag value is longer than 256 characters"},
		{"bad character", func(ctx context.Context) error { return db.AddTags(ctx, rds.Tags{"a*b": "v"}) },
			"Tags: a*b tag key may hold only letters, digits, spaces and _.:/=+-@"},
		{"51 tags", func(ctx context.Context) error { return db.AddTags(ctx, many) }, "Tags: more than 50 tags"},
		{"create", func(ctx context.Context) error {
			o := mysqlOptions("x")
			o.Tags = rds.Tags{"aws:k": "v"}
			_, err := conn.CreateDBInstance(ctx, o)
			return err
		}, "Tags: aws:k tag keys starting with aws: or rds: are reserved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(t.Context())
			wantInvalid(t, err, "")
			// Long values are shortened in the error, so its end is compared.
			if !strings.HasSuffix(err.Error(), tc.want) {
				t.Errorf("err = %q; want %q", err, tc.want)
			}
		})
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("invalid tags sent %d requests", n)
	}
}
