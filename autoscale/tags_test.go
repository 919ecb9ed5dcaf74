package autoscale_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale"
)

// AutoScaling API Reference, CreateOrUpdateTags, DeleteTags and
// DescribeTags: a tag set again takes its new value and
// PropagateAtLaunch, deleted tags go, and DescribeTags filters by group
// and key.
func TestTags(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	o := e.groupOptions(0, 1, 0)
	o.Tags = []autoscale.Tag{{Key: "role", Value: "web"}}
	g := e.newGroup(t, o)
	other := e.newGroup(t, e.groupOptions(0, 1, 0))
	if err := other.SetTags(ctx, autoscale.Tag{Key: "role", Value: "db"}); err != nil {
		t.Fatal(err)
	}
	if err := g.SetTags(ctx, autoscale.Tag{Key: "role", Value: "api", PropagateAtLaunch: true}, autoscale.Tag{Key: "team", Value: "a"},
		autoscale.Tag{Key: "tmp", Value: ""}); err != nil {
		t.Fatal(err)
	}
	if err := g.DeleteTags(ctx, "tmp", "never-set"); err != nil {
		t.Fatal(err)
	}
	list := func(opts ...autoscale.ListOption) []autoscale.Tag {
		t.Helper()
		var got []autoscale.Tag
		for tag, err := range e.as.Tags(ctx, opts...) {
			if err != nil {
				t.Fatal(err)
			}
			if tag.Group == g.Name || tag.Group == other.Name {
				got = append(got, *tag)
			}
		}
		slices.SortFunc(got, func(a, b autoscale.Tag) int { return cmpTag(a, b) })
		return got
	}
	mine := []autoscale.Tag{{Key: "role", Value: "api", PropagateAtLaunch: true, Group: g.Name}, {Key: "team", Value: "a", Group: g.Name}}
	if diff := cmp.Diff(mine, list(autoscale.Names(g.Name), autoscale.PageSize(1))); diff != "" {
		t.Errorf("the group's tags (-want +got):\n%s", diff)
	}
	roles := []autoscale.Tag{mine[0], {Key: "role", Value: "db", Group: other.Name}}
	slices.SortFunc(roles, cmpTag)
	if diff := cmp.Diff(roles, list(autoscale.WithTag("role"))); diff != "" {
		t.Errorf("role tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(roles[:1], list(autoscale.WithTag("role", roles[0].Value))); diff != "" {
		t.Errorf("role=%s tags (-want +got):\n%s", roles[0].Value, diff)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mine, g.Tags); diff != "" {
		t.Errorf("Group.Tags after Refresh (-want +got):\n%s", diff)
	}
}

func cmpTag(a, b autoscale.Tag) int {
	if c := cmpString(a.Group+"\x00"+a.Key, b.Group+"\x00"+b.Key); c != 0 {
		return c
	}
	return cmpString(a.Value, b.Value)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
