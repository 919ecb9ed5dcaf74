package ec2_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2"
)

func TestTagsRules(t *testing.T) {
	conn, rec := recordingConn(t)
	ctx := t.Context()
	ids := []string{"i-0123abcd"}
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"no ids", conn.CreateTags(ctx, nil, ec2.Tags{"k": "v"}), "ResourceIds"},
		{"bad id", conn.CreateTags(ctx, []string{"web"}, ec2.Tags{"k": "v"}), "ResourceIds"},
		{"no tags", conn.CreateTags(ctx, ids, nil), "Tags"},
		{"empty key", conn.CreateTags(ctx, ids, ec2.Tags{"": "v"}), "Tags"},
		{"long key", conn.CreateTags(ctx, ids, ec2.Tags{strings.Repeat("k", 129): "v"}), "Tags"},
		{"aws key", conn.CreateTags(ctx, ids, ec2.Tags{"aws:autoscaling": "v"}), "Tags"},
		{"long value", conn.CreateTags(ctx, ids, ec2.Tags{"k": strings.Repeat("é", 257)}), "Tags[k]"},
		{"delete no keys", conn.DeleteTags(ctx, ids), "Tags"},
		{"delete no ids", conn.DeleteTags(ctx, nil, "k"), "ResourceIds"},
		{"delete aws key", conn.DeleteTags(ctx, ids, "aws:x"), "Tags"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, tt.err, tt.field) })
	}
	// 256 characters of a multi-byte letter are fine: limits count characters.
	err := conn.CreateTags(ctx, ids, ec2.Tags{strings.Repeat("é", 128): strings.Repeat("é", 256)})
	wantCode(t, err, "Recorded")
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests sent; want only the valid one", n)
	}
}

func TestCreateDeleteTags(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	vol, snap := newSnapshot(t, conn, "tagged")
	ids := []string{inst.ID, vol.ID, snap.ID}
	if err := conn.CreateTags(ctx, ids, ec2.Tags{"team": "infra", "cost": "42"}); err != nil {
		t.Fatal(err)
	}
	if err := conn.DeleteTags(ctx, ids[1:], "cost"); err != nil {
		t.Fatal(err)
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := vol.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := snap.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	got := []ec2.Tags{inst.Tags, vol.Tags, snap.Tags}
	want := []ec2.Tags{
		{"team": "infra", "cost": "42"},
		{"Name": "tagged", "team": "infra"},
		{"Name": "tagged", "team": "infra"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tags of instance, volume, snapshot (-want +got):\n%s", diff)
	}
	// Tag filters see them.
	var found []string
	for v, err := range conn.Volumes(ctx, ec2.Filter{"tag-key": {"team"}}) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, v.ID)
	}
	if diff := cmp.Diff([]string{vol.ID}, found); diff != "" {
		t.Errorf("volumes with tag team (-want +got):\n%s", diff)
	}
}
