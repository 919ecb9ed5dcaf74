package autoscaletest_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// Launch configurations: create, describe with paging, delete; a name
// taken is AlreadyExists, one with a colon or over 255 characters a
// ValidationError, one a group uses ResourceInUse (API Reference,
// CreateLaunchConfiguration, DeleteLaunchConfiguration).
func TestLaunchConfigurations(t *testing.T) {
	e := newEnv(t)
	e.ec2Call("CreateKeyPair", url.Values{"KeyName": {"k"}}) // EC2 checks it at launch
	create := func(name string) error {
		_, err := e.c.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String(name),
			ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro"), KeyName: aws.String("k"),
			SecurityGroups: []string{"default"}, UserData: aws.String("IyEvYmluL3NoCg=="),
			BlockDeviceMappings: []types.BlockDeviceMapping{{DeviceName: aws.String("/dev/xvdb"), Ebs: &types.Ebs{VolumeSize: aws.Int32(8), VolumeType: aws.String("gp3")}}}})
		return err
	}
	for i := range 5 {
		if err := create(fmt.Sprintf("lc-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ name, want string }{{"lc-0", "AlreadyExists"}, {"a:b", "ValidationError"}, {strings.Repeat("x", 256), "ValidationError"}} {
		if got := code(create(tt.name)); got != tt.want {
			t.Errorf("%.20s: code = %q, want %q", tt.name, got, tt.want)
		}
	}
	var names []string
	p := autoscaling.NewDescribeLaunchConfigurationsPaginator(e.c, &autoscaling.DescribeLaunchConfigurationsInput{MaxRecords: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, lc := range out.LaunchConfigurations {
			names = append(names, aws.ToString(lc.LaunchConfigurationName))
		}
	}
	if diff := cmp.Diff([]string{"lc-0", "lc-1", "lc-2", "lc-3", "lc-4"}, names); diff != "" || pages != 3 {
		t.Errorf("names in %d pages (-want +got):\n%s", pages, diff)
	}
	out, err := e.c.DescribeLaunchConfigurations(t.Context(), &autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{"lc-1"}})
	if err != nil || len(out.LaunchConfigurations) != 1 {
		t.Fatalf("describe lc-1: %v %v", out, err)
	}
	lc := out.LaunchConfigurations[0]
	if aws.ToString(lc.ImageId) != ec2test.DefaultEBSImage || aws.ToString(lc.KeyName) != "k" || aws.ToString(lc.UserData) != "IyEvYmluL3NoCg==" ||
		len(lc.BlockDeviceMappings) != 1 || aws.ToInt32(lc.BlockDeviceMappings[0].Ebs.VolumeSize) != 8 ||
		!strings.Contains(aws.ToString(lc.LaunchConfigurationARN), ":launchConfiguration:") || lc.CreatedTime == nil {
		t.Errorf("lc-1 = %+v", lc)
	}
	if _, err := e.c.DescribeLaunchConfigurations(t.Context(), &autoscaling.DescribeLaunchConfigurationsInput{MaxRecords: aws.Int32(101)}); code(err) != "ValidationError" {
		t.Errorf("MaxRecords 101: %v, want ValidationError", err)
	}
	_, zones := e.subnets()
	if _, err := e.c.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
		LaunchConfigurationName: aws.String("lc-1"), MinSize: aws.Int32(1), MaxSize: aws.Int32(1), AvailabilityZones: zones[:1]}); err != nil {
		t.Fatal(err)
	}
	// The group launches from the configuration.
	e.settle("g")
	if g := e.group("g"); len(g.Instances) != 1 || aws.ToString(g.Instances[0].LaunchConfigurationName) != "lc-1" {
		t.Errorf("instances = %+v; activities %+v", g.Instances, aws.ToString(e.activities("g")[0].StatusMessage))
	}
	del := func(name string) error {
		_, err := e.c.DeleteLaunchConfiguration(t.Context(), &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(name)})
		return err
	}
	if got := code(del("lc-1")); got != "ResourceInUse" {
		t.Errorf("in use: code = %q, want ResourceInUse", got)
	}
	if err := del("lc-2"); err != nil {
		t.Fatal(err)
	}
	if got := code(del("lc-2")); got != "ValidationError" {
		t.Errorf("deleted twice: code = %q, want ValidationError", got)
	}
}

// Tags: CreateOrUpdateTags, DeleteTags, DescribeTags with its filters
// and paging, and the groups' Filters (API Reference, DescribeTags,
// DescribeAutoScalingGroups).
func TestTags(t *testing.T) {
	e := newEnv(t)
	e.createGroup("a", 0, 1, 0)
	e.createGroup("b", 0, 1, 0)
	tag := func(group, k, v string, prop bool) types.Tag {
		return types.Tag{ResourceId: aws.String(group), ResourceType: aws.String("auto-scaling-group"), Key: aws.String(k), Value: aws.String(v), PropagateAtLaunch: aws.Bool(prop)}
	}
	if _, err := e.c.CreateOrUpdateTags(t.Context(), &autoscaling.CreateOrUpdateTagsInput{Tags: []types.Tag{
		tag("a", "env", "prod", true), tag("a", "team", "web", false), tag("b", "env", "dev", true)}}); err != nil {
		t.Fatal(err)
	}
	describe := func(fs ...types.Filter) []string {
		t.Helper()
		var got []string
		p := autoscaling.NewDescribeTagsPaginator(e.c, &autoscaling.DescribeTagsInput{Filters: fs, MaxRecords: aws.Int32(1)})
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			for _, tg := range out.Tags {
				got = append(got, fmt.Sprintf("%s/%s=%s/%t", aws.ToString(tg.ResourceId), aws.ToString(tg.Key), aws.ToString(tg.Value), aws.ToBool(tg.PropagateAtLaunch)))
			}
		}
		return got
	}
	f := func(name string, vs ...string) types.Filter { return types.Filter{Name: aws.String(name), Values: vs} }
	tests := []struct {
		name    string
		filters []types.Filter
		want    []string
	}{
		{"all", nil, []string{"a/env=prod/true", "a/team=web/false", "b/env=dev/true"}},
		{"group", []types.Filter{f("auto-scaling-group", "b")}, []string{"b/env=dev/true"}},
		{"key", []types.Filter{f("key", "env")}, []string{"a/env=prod/true", "b/env=dev/true"}},
		{"value", []types.Filter{f("value", "web", "dev")}, []string{"a/team=web/false", "b/env=dev/true"}},
		{"propagate", []types.Filter{f("propagate-at-launch", "false")}, []string{"a/team=web/false"}},
		{"anded", []types.Filter{f("key", "env"), f("auto-scaling-group", "a")}, []string{"a/env=prod/true"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, describe(tt.filters...)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if _, err := e.c.DescribeTags(t.Context(), &autoscaling.DescribeTagsInput{Filters: []types.Filter{f("colour", "red")}}); code(err) != "ValidationError" {
		t.Errorf("unknown filter: %v, want ValidationError", err)
	}
	groups := func(fs ...types.Filter) []string {
		out, err := e.c.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{Filters: fs})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, g := range out.AutoScalingGroups {
			names = append(names, aws.ToString(g.AutoScalingGroupName))
		}
		return names
	}
	if diff := cmp.Diff([]string{"a"}, groups(f("tag:env", "prod"))); diff != "" {
		t.Errorf("tag:env=prod (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a"}, groups(f("tag-key", "team"))); diff != "" {
		t.Errorf("tag-key team (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b"}, groups(f("tag-value", "dev"))); diff != "" {
		t.Errorf("tag-value dev (-want +got):\n%s", diff)
	}
	// Tags on a missing group, or starting aws:, are refused and change
	// nothing.
	if _, err := e.c.CreateOrUpdateTags(t.Context(), &autoscaling.CreateOrUpdateTagsInput{Tags: []types.Tag{
		tag("a", "new", "x", false), tag("nope", "env", "x", false)}}); code(err) != "ValidationError" {
		t.Errorf("missing group: %v, want ValidationError", err)
	}
	if _, err := e.c.CreateOrUpdateTags(t.Context(), &autoscaling.CreateOrUpdateTagsInput{Tags: []types.Tag{tag("a", "aws:x", "x", false)}}); code(err) != "ValidationError" {
		t.Errorf("aws: key: %v, want ValidationError", err)
	}
	if n := len(describe()); n != 3 {
		t.Errorf("%d tags after refusals, want 3", n)
	}
	var many []types.Tag
	for i := range 50 {
		many = append(many, tag("b", fmt.Sprintf("k%d", i), "v", false))
	}
	if _, err := e.c.CreateOrUpdateTags(t.Context(), &autoscaling.CreateOrUpdateTagsInput{Tags: many}); code(err) != "LimitExceeded" {
		t.Errorf("51 tags: %v, want LimitExceeded", err)
	}
	if _, err := e.c.DeleteTags(t.Context(), &autoscaling.DeleteTagsInput{Tags: []types.Tag{tag("a", "env", "", false)}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a/team=web/false", "b/env=dev/true"}, describe()); diff != "" {
		t.Errorf("after DeleteTags (-want +got):\n%s", diff)
	}
}

// DescribeAutoScalingGroups pages 50 at a time by default, MaxRecords at
// most 100; a bad NextToken is InvalidNextToken.
func TestDescribeGroupsPaging(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		e.createGroup(fmt.Sprintf("g%d", i), 0, 1, 0)
	}
	var got []string
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(e.c, &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range out.AutoScalingGroups {
			got = append(got, aws.ToString(g.AutoScalingGroupName))
		}
	}
	if diff := cmp.Diff([]string{"g0", "g1", "g2", "g3", "g4"}, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if _, err := e.c.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{NextToken: aws.String("zzz")}); code(err) != "InvalidNextToken" {
		t.Errorf("bad token: %v", err)
	}
	if _, err := e.c.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(0)}); code(err) != "ValidationError" {
		t.Errorf("MaxRecords 0: %v", err)
	}
	g := e.group("g0")
	if aws.ToInt32(g.DefaultCooldown) != 300 || aws.ToString(g.HealthCheckType) != "EC2" || len(g.TerminationPolicies) != 1 ||
		g.TerminationPolicies[0] != "Default" || !strings.HasPrefix(aws.ToString(g.AutoScalingGroupARN), "arn:aws:autoscaling:") {
		t.Errorf("defaults = %+v", g)
	}
}

// The describe-types operations answer AWS's lists, and the account
// limits are AWS's default quotas, which the fake enforces.
func TestTypesAndLimits(t *testing.T) {
	e := newEnv(t)
	pt, err := e.c.DescribeScalingProcessTypes(t.Context(), &autoscaling.DescribeScalingProcessTypesInput{})
	if err != nil || len(pt.Processes) != 9 {
		t.Errorf("process types: %d, %v", len(pt.Processes), err)
	}
	at, err := e.c.DescribeAdjustmentTypes(t.Context(), &autoscaling.DescribeAdjustmentTypesInput{})
	if err != nil || len(at.AdjustmentTypes) != 3 {
		t.Errorf("adjustment types: %v, %v", at, err)
	}
	tp, err := e.c.DescribeTerminationPolicyTypes(t.Context(), &autoscaling.DescribeTerminationPolicyTypesInput{})
	if err != nil || len(tp.TerminationPolicyTypes) != 7 {
		t.Errorf("termination policy types: %v, %v", tp, err)
	}
	ht, err := e.c.DescribeLifecycleHookTypes(t.Context(), &autoscaling.DescribeLifecycleHookTypesInput{})
	if diff := cmp.Diff([]string{"autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"}, ht.LifecycleHookTypes); err != nil || diff != "" {
		t.Errorf("hook types (-want +got):\n%s %v", diff, err)
	}
	for i := range 200 {
		if _, err := e.c.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String(fmt.Sprint("lc", i)),
			ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.c.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("one-more"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); code(err) != "LimitExceeded" {
		t.Errorf("201st launch configuration: %v, want LimitExceeded", err)
	}
	lim, err := e.c.DescribeAccountLimits(t.Context(), &autoscaling.DescribeAccountLimitsInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := [4]int32{aws.ToInt32(lim.MaxNumberOfAutoScalingGroups), aws.ToInt32(lim.MaxNumberOfLaunchConfigurations),
		aws.ToInt32(lim.NumberOfAutoScalingGroups), aws.ToInt32(lim.NumberOfLaunchConfigurations)}
	if diff := cmp.Diff([4]int32{500, 200, 0, 200}, got); diff != "" {
		t.Errorf("limits (-want +got):\n%s", diff)
	}
}

// Operations the fake does not implement answer InvalidAction and change
// nothing; so does a member it does not implement.
func TestUnsupported(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 1, 0)
	if _, err := e.c.PutWarmPool(t.Context(), &autoscaling.PutWarmPoolInput{AutoScalingGroupName: aws.String("g")}); code(err) != "InvalidAction" {
		t.Errorf("PutWarmPool: %v, want InvalidAction", err)
	}
	if _, err := e.c.StartInstanceRefresh(t.Context(), &autoscaling.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("g")}); code(err) != "InvalidAction" {
		t.Errorf("StartInstanceRefresh: %v, want InvalidAction", err)
	}
	if _, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
		MaxSize: aws.Int32(3), MaxInstanceLifetime: aws.Int32(86400)}); code(err) != "InvalidAction" {
		t.Errorf("MaxInstanceLifetime: %v, want InvalidAction", err)
	}
	if got := aws.ToInt32(e.group("g").MaxSize); got != 1 {
		t.Errorf("a refused update changed MaxSize to %d", got)
	}
}

// A region holds at most 500 groups (User Guide, "Auto Scaling service
// quotas"); the 501st is LimitExceeded. NewInstancesProtectedFromScaleIn
// protects the instances a group launches.
func TestGroupQuotaAndNewInstanceProtection(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 500 groups")
	}
	e := newEnv(t)
	e.createGroup("g0", 1, 1, 1, func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.NewInstancesProtectedFromScaleIn = aws.Bool(true)
	})
	if g := e.group("g0"); !aws.ToBool(g.NewInstancesProtectedFromScaleIn) || !aws.ToBool(g.Instances[0].ProtectedFromScaleIn) {
		t.Errorf("protection: group %v, instance %v", aws.ToBool(g.NewInstancesProtectedFromScaleIn), aws.ToBool(g.Instances[0].ProtectedFromScaleIn))
	}
	lt := e.template("quota")
	_, zones := e.subnets()
	create := func(name string) error {
		_, err := e.c.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
			LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(lt)}, MinSize: aws.Int32(0), MaxSize: aws.Int32(1),
			AvailabilityZones: zones[:1]})
		return err
	}
	for i := 1; i < 500; i++ {
		if err := create(fmt.Sprint("g", i)); err != nil {
			t.Fatalf("group %d: %v", i, err)
		}
	}
	if got := code(create("one-too-many")); got != "LimitExceeded" {
		t.Errorf("501st group: code = %q, want LimitExceeded", got)
	}
}
