package suite

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	goec2 "github.com/goboto/goboto/ec2"
)

// Tags and filters: in a filter value * matches any run of characters
// and ? one, and a backslash makes either (or itself) literal (Amazon
// EC2 User Guide, "List and filter your resources": a filter value of
// \*amazon\?\\ searches for the literal string *amazon?\); no other
// character is special, so [a] is the three characters it reads as. Tag filters are tag:<key>, tag-key and tag-value (the model's
// Filter docs of each Describe call); CreateTags replaces a key's value
// and DeleteTags removes it.
func testTagFilters(t *testing.T, env Env) {
	ctx := t.Context()
	key := env.Names()
	values := []string{"lit*eral", "litXeral", "a?c", "abc", `x\y`, "[a]", "a"}
	groups := map[string]string{} // ID -> tag value
	var ids []string
	for _, val := range values {
		g, err := env.Conn.CreateSecurityGroup(ctx, env.Names(), "suite "+val, "")
		must(t, env, "CreateSecurityGroup", err)
		cleanup(t, g.Delete)
		must(t, env, "CreateTags", env.Conn.CreateTags(ctx, []string{g.ID}, goec2.Tags{key: val}))
		groups[g.ID] = val
		ids = append(ids, g.ID)
	}
	matching := func(f goec2.Filter) []string {
		var got []string
		for _, g := range collect(t, env, "SecurityGroups", env.Conn.SecurityGroups(ctx, f)) {
			if v, ok := groups[g.ID]; ok {
				got = append(got, v)
			}
		}
		slices.Sort(got)
		return got
	}
	sorted := func(vs ...string) []string { slices.Sort(vs); return vs }
	brackets := []string{"[a]"}
	if env.Diff.FilterBrackets {
		brackets = []string{"[a]", "a"}
	}
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{"*", sorted(values...)},
		{`lit\*eral`, []string{"lit*eral"}},
		{"lit*eral", sorted("lit*eral", "litXeral")},
		{`a\?c`, []string{"a?c"}},
		{"a?c", sorted("a?c", "abc")},
		{"?", []string{"a"}},
		{`x\\y`, func() []string {
			if env.Diff.FilterBackslashLiteral {
				return nil
			}
			return []string{`x\y`}
		}()},
		{"[a]", sorted(brackets...)},
	} {
		got := matching(goec2.Filter{}.Tag(key, tc.pattern))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: tag:%s=%s (-want +got):\n%s", env.Name, key, tc.pattern, diff)
		}
	}
	if diff := cmp.Diff(sorted(values...), matching(goec2.Filter{"tag-key": {key}})); diff != "" {
		t.Errorf("%s: tag-key (-want +got):\n%s", env.Name, diff)
	}
	// Wildcards and escapes hold for filters other than tags too.
	if diff := cmp.Diff([]string{"lit*eral"}, matching(goec2.Filter{"tag-key": {key}, "description": {`suite lit\*eral`}})); diff != "" {
		t.Errorf("%s: description=suite lit\\*eral (-want +got):\n%s", env.Name, diff)
	}

	// CreateTags replaces a value; DeleteTags removes the key.
	first := ids[0]
	must(t, env, "CreateTags replacing a value", env.Conn.CreateTags(ctx, []string{first}, goec2.Tags{key: "replaced"}))
	groups[first] = "replaced"
	if diff := cmp.Diff([]string{"replaced"}, matching(goec2.Filter{"tag-value": {"replaced"}, "tag-key": {key}})); diff != "" {
		t.Errorf("%s: tag-value after CreateTags replaced it (-want +got):\n%s", env.Name, diff)
	}
	must(t, env, "DeleteTags", env.Conn.DeleteTags(ctx, []string{first}, key))
	if got := matching(goec2.Filter{}.Tag(key, "replaced")); len(got) != 0 {
		t.Errorf("%s: tag:%s=replaced after DeleteTags found %v", env.Name, key, got)
	}
	out, err := env.Conn.Client().DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{
		{Name: aws.String("key"), Values: []string{key}}, {Name: aws.String("resource-type"), Values: []string{"security-group"}}}})
	must(t, env, "DescribeTags", err)
	if len(out.Tags) != len(values)-1 {
		t.Errorf("%s: DescribeTags key=%s lists %d tags, want %d", env.Name, key, len(out.Tags), len(values)-1)
	}
}
