package suite

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"
)

// tag is a group tag as the suite compares it.
type tag struct {
	Key, Value string
	Propagate  bool
}

func groupTag(group, key, value string, propagate bool) types.Tag {
	return types.Tag{ResourceId: aws.String(group), ResourceType: aws.String("auto-scaling-group"),
		Key: aws.String(key), Value: aws.String(value), PropagateAtLaunch: aws.Bool(propagate)}
}

// describeTags lists the tags the filters select, of the suite's groups
// only.
func describeTags(t *testing.T, env Env, groups []string, filters ...types.Filter) []tag {
	t.Helper()
	filters = append(filters, types.Filter{Name: aws.String("auto-scaling-group"), Values: groups})
	out, err := env.Client.DescribeTags(t.Context(), &autoscaling.DescribeTagsInput{Filters: filters})
	if err != nil {
		t.Fatalf("%s: DescribeTags: %v", env.Name, err)
	}
	var got []tag
	for _, td := range out.Tags {
		got = append(got, tag{aws.ToString(td.Key), aws.ToString(td.Value), aws.ToBool(td.PropagateAtLaunch)})
	}
	slices.SortFunc(got, func(a, b tag) int { return strings.Compare(a.Key, b.Key) })
	return got
}

// Tags given at creation and by CreateOrUpdateTags are listed by
// DescribeTags under its filters combined, and those with
// PropagateAtLaunch reach the instances launched (API Reference,
// DescribeTags: "You can also specify multiple filters. The result
// includes information for a particular tag only if it matches all the
// filters"; Filter: "propagate-at-launch - Accepts a Boolean value";
// Tag, PropagateAtLaunch: "Determines whether the tag is added to new
// instances as they are launched in the group").
func testTags(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	in := groupInput(env, name, id)
	in.Tags = []types.Tag{groupTag(name, "team", "web", true), groupTag(name, "cost", "42", false)}
	createGroup(t, env, in)
	groups := []string{name}

	if diff := cmp.Diff([]tag{{"cost", "42", false}, {"team", "web", true}}, describeTags(t, env, groups)); diff != "" {
		t.Errorf("%s: DescribeTags (-want +got):\n%s", env.Name, diff)
	}
	if _, err := env.Client.CreateOrUpdateTags(t.Context(), &autoscaling.CreateOrUpdateTagsInput{
		Tags: []types.Tag{groupTag(name, "cost", "43", true), groupTag(name, "env", "test", false)}}); err != nil {
		t.Fatalf("%s: CreateOrUpdateTags: %v", env.Name, err)
	}
	want := []tag{{"cost", "43", true}, {"env", "test", false}, {"team", "web", true}}
	if diff := cmp.Diff(want, describeTags(t, env, groups)); diff != "" {
		t.Errorf("%s: after CreateOrUpdateTags (-want +got):\n%s", env.Name, diff)
	}
	got := describeTags(t, env, groups, types.Filter{Name: aws.String("propagate-at-launch"), Values: []string{"true"}})
	if env.Diff.PropagateFilterCaseSensitive {
		if len(got) != 0 {
			t.Errorf("%s: propagate-at-launch=true: %v; the flag PropagateFilterCaseSensitive says none", env.Name, got)
		}
	} else if diff := cmp.Diff([]tag{{"cost", "43", true}, {"team", "web", true}}, got); diff != "" {
		t.Errorf("%s: DescribeTags propagate-at-launch=true (-want +got):\n%s", env.Name, diff)
	}
	got = describeTags(t, env, groups, types.Filter{Name: aws.String("key"), Values: []string{"env", "team"}},
		types.Filter{Name: aws.String("value"), Values: []string{"web"}})
	if diff := cmp.Diff([]tag{{"team", "web", true}}, got); diff != "" {
		t.Errorf("%s: DescribeTags key and value (-want +got):\n%s", env.Name, diff)
	}

	// Launched instances carry the propagated tags only.
	if _, err := env.Client.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{
		AutoScalingGroupName: aws.String(name), DesiredCapacity: aws.Int32(1)}); err != nil {
		t.Fatalf("%s: SetDesiredCapacity: %v", env.Name, err)
	}
	g := waitStable(t, env, name, 1)
	out, err := env.EC2.DescribeInstances(t.Context(), &ec2.DescribeInstancesInput{InstanceIds: []string{aws.ToString(g.Instances[0].InstanceId)}})
	if err != nil || len(out.Reservations) != 1 || len(out.Reservations[0].Instances) != 1 {
		t.Fatalf("%s: DescribeInstances: %v", env.Name, err)
	}
	onInstance := map[string]string{}
	for _, tg := range out.Reservations[0].Instances[0].Tags {
		onInstance[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	if onInstance["team"] != "web" || onInstance["cost"] != "43" || onInstance["env"] != "" {
		t.Errorf("%s: instance tags %v, want team=web and cost=43 propagated and not env", env.Name, onInstance)
	}

	if _, err := env.Client.DeleteTags(t.Context(), &autoscaling.DeleteTagsInput{Tags: []types.Tag{groupTag(name, "env", "", false)}}); err != nil {
		t.Fatalf("%s: DeleteTags: %v", env.Name, err)
	}
	if diff := cmp.Diff([]tag{{"cost", "43", true}, {"team", "web", true}}, describeTags(t, env, groups)); diff != "" {
		t.Errorf("%s: after DeleteTags (-want +got):\n%s", env.Name, diff)
	}
}
