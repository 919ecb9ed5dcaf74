package suite

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

// Tags given at creation are on the resource; AddTagsToResource adds and
// replaces, RemoveTagsFromResource removes by key, ListTagsForResource
// lists (API Reference, each action). CopyTagsToSnapshot copies the
// instance's tags to a snapshot that gives none of its own
// (CreateDBInstance, CopyTagsToSnapshot; User Guide, "Copying tags to DB
// instance snapshots": "If you specify tags when you create the snapshot,
// the tags from the DB instance aren't copied").
func testTags(t *testing.T, env Env) {
	o := instanceOptions(env.NewName())
	o.Tags, o.CopyTagsToSnapshot = rds.Tags{"team": "data"}, true
	db := newInstance(t, env, o)
	check := func(what string, want rds.Tags, tags rds.Tags, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %s: %v", env.Name, what, err)
		}
		if diff := cmp.Diff(want, tags); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", env.Name, what, diff)
		}
	}
	tags, err := db.Tags(t.Context())
	check("tags given to CreateDBInstance", rds.Tags{"team": "data"}, tags, err)
	if err := db.AddTags(t.Context(), rds.Tags{"env": "test", "team": "ops"}); err != nil {
		t.Fatalf("%s: AddTags: %v", env.Name, err)
	}
	tags, err = db.Tags(t.Context())
	check("tags after AddTags", rds.Tags{"env": "test", "team": "ops"}, tags, err)
	if err := db.RemoveTags(t.Context(), "team", "absent"); err != nil {
		t.Fatalf("%s: RemoveTags: %v", env.Name, err)
	}
	tags, err = db.Tags(t.Context())
	check("tags after RemoveTags", rds.Tags{"env": "test"}, tags, err)

	copied := newSnapshot(t, env, db, rds.SnapshotOptions{ID: env.NewName()})
	tags, err = copied.Tags(t.Context())
	check("a snapshot's tags copied from its instance", rds.Tags{"env": "test"}, tags, err)
	own := newSnapshot(t, env, db, rds.SnapshotOptions{ID: env.NewName(), Tags: rds.Tags{"kind": "nightly"}})
	tags, err = own.Tags(t.Context())
	check("a snapshot's own tags", rds.Tags{"kind": "nightly"}, tags, err)

	// CopyDBSnapshot copies the source's tags only with CopyTags
	// (CopyDBSnapshot, CopyTags: "Specifies whether to copy all tags from
	// the source DB snapshot to the target DB snapshot. By default, tags
	// aren't copied"), and Tags given replace them: "tags are never
	// merged. Instead, AWS uses either the provided Tags value or the
	// tags of the original snapshot" (tested against AWS in
	// getmoto/moto#8320).
	neither := rds.Tags{}
	if env.Diff.CopyTakesInstanceTags {
		neither = rds.Tags{"env": "test"}
	}
	for _, tc := range []struct {
		what     string
		copyTags bool
		tags     rds.Tags
		want     rds.Tags
	}{
		{"a copy with Tags", false, rds.Tags{"copy": "yes"}, rds.Tags{"copy": "yes"}},
		{"a copy with neither", false, nil, neither},
		{"a copy with CopyTags", true, nil, rds.Tags{"kind": "nightly"}},
		{"a copy with CopyTags and Tags", true, rds.Tags{"copy": "yes"}, rds.Tags{"copy": "yes"}},
	} {
		c, err := own.Copy(t.Context(), rds.CopyOptions{ID: env.NewName(), CopyTags: tc.copyTags, Tags: tc.tags})
		if err != nil {
			t.Fatalf("%s: Copy: %v", env.Name, err)
		}
		cleanup(t, env.Conn.DBSnapshot(c.ID).Delete)
		tags, err = c.Tags(t.Context())
		check("tags of "+tc.what, tc.want, tags, err)
	}

	_, subnets := env.Network(t)
	sg, err := env.Conn.CreateDBSubnetGroup(t.Context(), rds.SubnetGroupOptions{Name: env.NewName(), Description: "d",
		Subnets: subnets[:2], Tags: rds.Tags{"net": "private"}})
	if err != nil {
		t.Fatalf("%s: CreateDBSubnetGroup: %v", env.Name, err)
	}
	cleanup(t, env.Conn.DBSubnetGroup(sg.Name).Delete)
	tags, err = env.Conn.Tags(t.Context(), sg.ARN)
	check("a subnet group's tags", rds.Tags{"net": "private"}, tags, err)

	name := env.NewName()
	pg, err := env.Conn.CreateParameterGroup(t.Context(), rds.ParameterGroupOptions{Name: name, Family: family, Description: "d", Tags: rds.Tags{"app": "x"}})
	if err != nil {
		t.Fatalf("%s: CreateParameterGroup: %v", env.Name, err)
	}
	cleanup(t, env.Conn.ParameterGroup(name).Delete)
	tags, err = pg.Tags(t.Context())
	check("a parameter group's tags", rds.Tags{"app": "x"}, tags, err)
}

// Tagging a resource RDS does not know is its kind's not-found error
// (API Reference, AddTagsToResource and ListTagsForResource, Errors:
// DBInstanceNotFound, DBSnapshotNotFound, ...), and keys starting aws: or
// rds: are refused (Tag, Key: "The string can't be prefixed with aws:
// or rds:"), with InvalidParameterValue. goboto refuses the reserved
// prefix before sending, so the raw client sends it.
func testTagErrors(t *testing.T, env Env) {
	db := newInstance(t, env, instanceOptions(env.NewName()))
	missing := db.ARN[:len(db.ARN)-len(db.ID)] + env.NewName()
	err := env.Conn.AddTags(t.Context(), missing, rds.Tags{"a": "b"})
	accepted(t, env, "AddTagsToResource of a missing instance", err, "DBInstanceNotFound", env.Diff.TagsMissingResources)
	_, err = env.Conn.Tags(t.Context(), missing)
	accepted(t, env, "ListTagsForResource of a missing instance", err, "DBInstanceNotFound", env.Diff.TagsMissingResources)

	_, err = raw(env).AddTagsToResource(t.Context(), &awsrds.AddTagsToResourceInput{ResourceName: aws.String(db.ARN),
		Tags: []types.Tag{{Key: aws.String("aws:owner"), Value: aws.String("x")}}})
	accepted(t, env, "AddTagsToResource of key aws:owner", err, "InvalidParameterValue", env.Diff.AcceptsReservedTagKeys)
}
