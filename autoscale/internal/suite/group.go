package suite

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/testutil"
)

// A group on a launch template launches its desired capacity as EC2
// instances in its zones, tagged with the group's name; the instances
// start Pending and become InService (User Guide, "Amazon EC2 Auto
// Scaling instance lifecycle": "When a scale-out event occurs, the Auto
// Scaling group launches the required number of EC2 instances ... These
// instances start in the Pending state"; "aws:autoscaling:groupName" is
// the tag AutoScaling adds, User Guide, "Tag Auto Scaling groups and
// instances").
func testGroupOnTemplate(t *testing.T, env Env) {
	id, tname := template(t, env)
	name := env.NewName()
	in := groupInput(env, name, id)
	in.DesiredCapacity = aws.Int32(2)
	in.HealthCheckGracePeriod = aws.Int32(120)
	in.TerminationPolicies = []string{"OldestInstance"}
	createGroup(t, env, in)

	first := describeGroup(t, env, name)
	if env.Diff.InServiceAtOnce {
		if inService(first) != 2 {
			t.Errorf("%s: right after CreateAutoScalingGroup %d InService; the flag InServiceAtOnce says 2", env.Name, inService(first))
		}
	} else if inService(first) != 0 {
		t.Errorf("%s: right after CreateAutoScalingGroup %d instances InService already, want them Pending first: %s",
			env.Name, inService(first), fmtInstances(first.Instances))
	}
	g := waitStable(t, env, name, 2)
	if aws.ToInt32(g.MinSize) != 0 || aws.ToInt32(g.MaxSize) != 4 || aws.ToInt32(g.DesiredCapacity) != 2 ||
		aws.ToInt32(g.DefaultCooldown) != 3600 || aws.ToInt32(g.HealthCheckGracePeriod) != 120 ||
		aws.ToString(g.HealthCheckType) != "EC2" || !slices.Equal(g.TerminationPolicies, []string{"OldestInstance"}) ||
		aws.ToString(g.AutoScalingGroupARN) == "" || g.CreatedTime == nil {
		t.Errorf("%s: group %s", env.Name, show(g))
	}
	if g.LaunchTemplate == nil || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != id || aws.ToString(g.LaunchTemplate.LaunchTemplateName) != tname {
		t.Errorf("%s: group's LaunchTemplate %s, want %s (%s)", env.Name, show(g.LaunchTemplate), id, tname)
	}
	var ids []string
	for _, inst := range g.Instances {
		ids = append(ids, aws.ToString(inst.InstanceId))
		if !slices.Contains(env.Zones, aws.ToString(inst.AvailabilityZone)) || aws.ToString(inst.HealthStatus) != "Healthy" ||
			inst.LaunchTemplate == nil || aws.ToString(inst.LaunchTemplate.LaunchTemplateId) != id {
			t.Errorf("%s: instance %s", env.Name, show(inst))
		}
	}
	// The instances are EC2's, with the group's tag.
	out, err := env.EC2.DescribeInstances(t.Context(), &ec2.DescribeInstancesInput{InstanceIds: ids})
	if err != nil {
		t.Fatalf("%s: DescribeInstances %v: %v", env.Name, ids, err)
	}
	n := 0
	for _, r := range out.Reservations {
		for _, inst := range r.Instances {
			n++
			if !slices.ContainsFunc(inst.Tags, func(tag ec2types.Tag) bool {
				return aws.ToString(tag.Key) == "aws:autoscaling:groupName" && aws.ToString(tag.Value) == name
			}) {
				t.Errorf("%s: instance %s tags %s lack aws:autoscaling:groupName=%s", env.Name, aws.ToString(inst.InstanceId), show(inst.Tags), name)
			}
			if aws.ToString(inst.ImageId) != env.ImageID {
				t.Errorf("%s: instance %s image %s, want the template's %s", env.Name, aws.ToString(inst.InstanceId), aws.ToString(inst.ImageId), env.ImageID)
			}
		}
	}
	if n != 2 {
		t.Errorf("%s: DescribeInstances lists %d of the group's instances, want 2", env.Name, n)
	}

	// By name and version.
	byName := env.NewName()
	in = groupInput(env, byName, "")
	in.LaunchTemplate = &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String(tname), Version: aws.String("$Latest")}
	createGroup(t, env, in)
	g = describeGroup(t, env, byName)
	if g.LaunchTemplate == nil || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != id || aws.ToString(g.LaunchTemplate.Version) != "$Latest" {
		t.Errorf("%s: group by template name: LaunchTemplate %s, want %s version $Latest", env.Name, show(g.LaunchTemplate), id)
	}
}

// A group on a launch configuration launches from it (API Reference,
// CreateAutoScalingGroup, LaunchConfigurationName: "The name of the
// launch configuration to use to launch instances").
func testGroupOnConfiguration(t *testing.T, env Env) {
	lc := launchConfig(t, env)
	name := env.NewName()
	createGroup(t, env, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(name), LaunchConfigurationName: aws.String(lc),
		AvailabilityZones: env.Zones[:1], MinSize: aws.Int32(1), MaxSize: aws.Int32(2),
	})
	g := waitStable(t, env, name, 1)
	// DesiredCapacity defaults to MinSize (API Reference,
	// CreateAutoScalingGroup, DesiredCapacity: "If you do not specify a
	// desired capacity, the default is the minimum size of the group").
	if aws.ToString(g.LaunchConfigurationName) != lc || aws.ToInt32(g.DesiredCapacity) != 1 || aws.ToInt32(g.DefaultCooldown) != 300 {
		t.Errorf("%s: group %s: configuration %q, desired %d, cooldown %d; want %s, 1, 300", env.Name, name,
			aws.ToString(g.LaunchConfigurationName), aws.ToInt32(g.DesiredCapacity), aws.ToInt32(g.DefaultCooldown), lc)
	}
	if inst := g.Instances[0]; aws.ToString(inst.LaunchConfigurationName) != lc || aws.ToString(inst.AvailabilityZone) != env.Zones[0] {
		t.Errorf("%s: instance %s, want from %s in %s", env.Name, show(inst), lc, env.Zones[0])
	}
}

// CreateAutoScalingGroup refuses a minimum above the maximum, a desired
// capacity outside them, a colon in the name, no launch source and no
// zone or subnet, each with ValidationError (API Reference,
// CreateAutoScalingGroup: AutoScalingGroupName "You cannot use a colon
// (:) in the name"; DesiredCapacity "must be greater than or equal to the
// minimum size of the group and less than or equal to the maximum size
// of the group"; AvailabilityZones "A list of Availability Zones ...
// required to launch instances into EC2-Classic" or VPCZoneIdentifier).
func testGroupValidation(t *testing.T, env Env) {
	id, _ := template(t, env)
	try := func(what string, accepted bool, flag string, edit func(*autoscaling.CreateAutoScalingGroupInput)) {
		t.Helper()
		in := groupInput(env, env.NewName(), id)
		edit(in)
		_, err := env.Client.CreateAutoScalingGroup(t.Context(), in)
		if err == nil {
			name := aws.ToString(in.AutoScalingGroupName)
			t.Cleanup(func() { forceDelete(env, name) })
		}
		switch {
		case accepted && err != nil:
			t.Errorf("%s: %s: %v; the flag %s says it is accepted", env.Name, what, err, flag)
		case !accepted && testutil.ErrorCode(err) != "ValidationError":
			t.Errorf("%s: %s: %v, want ValidationError", env.Name, what, err)
		}
	}
	try("min 2 over max 1", env.Diff.AcceptsMinOverMax, "AcceptsMinOverMax", func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.MinSize, in.MaxSize, in.DesiredCapacity = aws.Int32(2), aws.Int32(1), nil
	})
	try("desired 5 over max 4", env.Diff.AcceptsDesiredOutOfRange, "AcceptsDesiredOutOfRange", func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.DesiredCapacity = aws.Int32(5)
	})
	try("a colon in the name", env.Diff.AcceptsColonInName, "AcceptsColonInName", func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.AutoScalingGroupName = aws.String(*in.AutoScalingGroupName + ":x")
	})
	try("no launch template or configuration", false, "", func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.LaunchTemplate = nil
	})
	try("no zone or subnet", false, "", func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.AvailabilityZones = nil
	})
	// A template that does not exist, or a version of it that does not:
	// AutoScaling checks the template at once ("ValidationError: You must
	// use a valid fully-formed launch template", as clients report it,
	// e.g. github.com/ryanmurakami/hbfl/issues/58).
	in := groupInput(env, env.NewName(), "lt-0123456789abcdef0")
	_, err := env.Client.CreateAutoScalingGroup(t.Context(), in)
	if want := "ValidationError"; env.Diff.UnknownTemplateEC2Error {
		if testutil.ErrorCode(err) != "InvalidLaunchTemplateId.NotFound" {
			t.Errorf("%s: an unknown launch template: %v; the flag UnknownTemplateEC2Error says InvalidLaunchTemplateId.NotFound", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != want {
		t.Errorf("%s: an unknown launch template: %v, want %s", env.Name, err, want)
	}
	try("a launch template version that does not exist", env.Diff.AcceptsMissingTemplateVersion, "AcceptsMissingTemplateVersion",
		func(in *autoscaling.CreateAutoScalingGroupInput) { in.LaunchTemplate.Version = aws.String("99") })
}

// A second group of the same name is refused (API Reference,
// CreateAutoScalingGroup: errors AlreadyExists, "You already have an
// Auto Scaling group or launch configuration with this name").
func testGroupAlreadyExists(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	in := groupInput(env, name, id)
	in.MaxSize = aws.Int32(3)
	_, err := env.Client.CreateAutoScalingGroup(t.Context(), in)
	g := describeGroup(t, env, name)
	if env.Diff.OverwritesOnCreate {
		if err != nil || aws.ToInt32(g.MaxSize) != 3 {
			t.Errorf("%s: CreateAutoScalingGroup again: %v, max %d; the flag OverwritesOnCreate says it replaces the group", env.Name, err, aws.ToInt32(g.MaxSize))
		}
		return
	}
	if testutil.ErrorCode(err) != "AlreadyExists" || aws.ToInt32(g.MaxSize) != 4 {
		t.Errorf("%s: CreateAutoScalingGroup again: %v, max now %d; want AlreadyExists and max 4", env.Name, err, aws.ToInt32(g.MaxSize))
	}
}

// UpdateAutoScalingGroup's resize rules (API Reference,
// UpdateAutoScalingGroup: "If you specify a new value for MinSize without
// specifying a value for DesiredCapacity, and the new MinSize is larger
// than the current size of the group, this sets the group's
// DesiredCapacity to the new MinSize value. If you specify a new value
// for MaxSize without specifying a value for DesiredCapacity, and the new
// MaxSize is smaller than the current size of the group, this sets the
// group's DesiredCapacity to the new MaxSize value"), and its refusals.
func testUpdateResize(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	update := func(in *autoscaling.UpdateAutoScalingGroupInput) error {
		in.AutoScalingGroupName = aws.String(name)
		_, err := env.Client.UpdateAutoScalingGroup(t.Context(), in)
		return err
	}
	if err := update(&autoscaling.UpdateAutoScalingGroupInput{MinSize: aws.Int32(2)}); err != nil {
		t.Fatalf("%s: UpdateAutoScalingGroup min 2: %v", env.Name, err)
	}
	if g := describeGroup(t, env, name); aws.ToInt32(g.DesiredCapacity) != 2 {
		t.Errorf("%s: min raised to 2 over desired 0: desired %d, want 2", env.Name, aws.ToInt32(g.DesiredCapacity))
	}
	waitStable(t, env, name, 2)
	if err := update(&autoscaling.UpdateAutoScalingGroupInput{MinSize: aws.Int32(0), MaxSize: aws.Int32(1)}); err != nil {
		t.Fatalf("%s: UpdateAutoScalingGroup max 1: %v", env.Name, err)
	}
	if g := describeGroup(t, env, name); aws.ToInt32(g.DesiredCapacity) != 1 {
		t.Errorf("%s: max lowered to 1 under desired 2: desired %d, want 1", env.Name, aws.ToInt32(g.DesiredCapacity))
	}
	waitStable(t, env, name, 1)

	err := update(&autoscaling.UpdateAutoScalingGroupInput{MinSize: aws.Int32(3)})
	g := describeGroup(t, env, name)
	if env.Diff.AcceptsMinOverMax {
		if err != nil {
			t.Errorf("%s: update min 3 over max 1: %v; the flag AcceptsMinOverMax says it is accepted", env.Name, err)
		}
		if err := update(&autoscaling.UpdateAutoScalingGroupInput{MinSize: aws.Int32(0), DesiredCapacity: aws.Int32(1)}); err != nil {
			t.Fatalf("%s: UpdateAutoScalingGroup back to min 0: %v", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" || aws.ToInt32(g.MinSize) != 0 {
		t.Errorf("%s: update min 3 over max 1: %v, min now %d; want ValidationError and min 0", env.Name, err, aws.ToInt32(g.MinSize))
	}
	err = update(&autoscaling.UpdateAutoScalingGroupInput{DesiredCapacity: aws.Int32(2)})
	if env.Diff.AcceptsDesiredOutOfRange {
		if err != nil {
			t.Errorf("%s: update desired 2 over max 1: %v; the flag AcceptsDesiredOutOfRange says it is accepted", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: update desired 2 over max 1: %v, want ValidationError", env.Name, err)
	}
	// An unknown group is a ValidationError, AutoScaling's answer for
	// every name it does not know (AWS General Reference, "Common
	// Errors": ValidationError, "The input fails to satisfy the
	// constraints specified by an AWS service").
	_, err = env.Client.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(env.NewName()), MaxSize: aws.Int32(2)})
	if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: update an unknown group: %v, want ValidationError", env.Name, err)
	}
}

// SetDesiredCapacity scales at once by default, and with HonorCooldown
// refuses while the group's cooldown lasts (API Reference, SetDesiredCapacity: HonorCooldown
// "Indicates whether Amazon EC2 Auto Scaling waits for the cooldown
// period to complete before initiating a scaling activity ... By
// default, Amazon EC2 Auto Scaling does not honor the cooldown period
// during manual scaling activities"; errors ScalingActivityInProgress).
// A capacity above the maximum is a ValidationError.
func testSetDesiredCapacity(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	set := func(n int32, honor bool) error {
		_, err := env.Client.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{
			AutoScalingGroupName: aws.String(name), DesiredCapacity: aws.Int32(n), HonorCooldown: aws.Bool(honor)})
		return err
	}
	if err := set(1, false); err != nil {
		t.Fatalf("%s: SetDesiredCapacity 1: %v", env.Name, err)
	}
	// The launch done, the group's cooldown of 3600 s runs.
	waitStable(t, env, name, 1)
	err := set(2, true)
	if env.Diff.IgnoresCooldown {
		if err != nil {
			t.Errorf("%s: SetDesiredCapacity 2 honouring the cooldown: %v; the flag IgnoresCooldown says it scales", env.Name, err)
		}
		if err := set(1, false); err != nil {
			t.Fatalf("%s: SetDesiredCapacity back to 1: %v", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ScalingActivityInProgress" {
		t.Errorf("%s: SetDesiredCapacity 2 honouring the cooldown of 3600 s: %v, want ScalingActivityInProgress", env.Name, err)
	}
	if g := describeGroup(t, env, name); aws.ToInt32(g.DesiredCapacity) != 1 {
		t.Errorf("%s: desired %d, want 1", env.Name, aws.ToInt32(g.DesiredCapacity))
	}
	// Without HonorCooldown it scales, cooldown or not.
	if err := set(2, false); err != nil {
		t.Errorf("%s: SetDesiredCapacity 2 in the cooldown, not honouring it: %v", env.Name, err)
	}
	waitStable(t, env, name, 2)
	err = set(5, false)
	if env.Diff.AcceptsDesiredOutOfRange {
		if err != nil {
			t.Errorf("%s: SetDesiredCapacity 5 over max 4: %v; the flag AcceptsDesiredOutOfRange says it is accepted", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: SetDesiredCapacity 5 over max 4: %v, want ValidationError", env.Name, err)
	}
}

// DescribeAutoScalingGroups pages by MaxRecords and NextToken, and
// refuses a MaxRecords over 100 (API Reference,
// DescribeAutoScalingGroups: MaxRecords "The default value is 50 and the
// maximum value is 100"; NextToken "The token for the next set of items
// to return").
func testDescribePaging(t *testing.T, env Env) {
	id, _ := template(t, env)
	var names []string
	for range 3 {
		name := env.NewName()
		createGroup(t, env, groupInput(env, name, id))
		names = append(names, name)
	}
	var got []string
	var token *string
	pages := 0
	for {
		out, err := env.Client.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{
			AutoScalingGroupNames: names, MaxRecords: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatalf("%s: DescribeAutoScalingGroups page %d: %v", env.Name, pages, err)
		}
		pages++
		if len(out.AutoScalingGroups) > 2 {
			t.Errorf("%s: page of %d groups with MaxRecords 2", env.Name, len(out.AutoScalingGroups))
		}
		for _, g := range out.AutoScalingGroups {
			got = append(got, aws.ToString(g.AutoScalingGroupName))
		}
		if token = out.NextToken; token == nil || pages > 3 {
			break
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(names))
	if !slices.Equal(got, want) || pages != 2 {
		t.Errorf("%s: paged %v in %d pages, want %v in 2", env.Name, got, pages, want)
	}
	_, err := env.Client.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(101)})
	if env.Diff.MaxRecordsOver100Fails {
		if err == nil || testutil.ErrorCode(err) == "ValidationError" {
			t.Errorf("%s: MaxRecords 101: %v; the flag MaxRecordsOver100Fails says a server error", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: MaxRecords 101: %v, want ValidationError", env.Name, err)
	}
}

// DeleteAutoScalingGroup refuses a group with instances unless forced,
// and a forced delete terminates them (API Reference,
// DeleteAutoScalingGroup: "If the group has instances or scaling
// activities in progress, you must specify the option to force the
// deletion in order for it to succeed. The force delete operation will
// also terminate the EC2 instances"; errors ResourceInUse,
// ScalingActivityInProgress). An empty group goes without force; an
// unknown one is a ValidationError.
func testDelete(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	in := groupInput(env, name, id)
	in.DesiredCapacity = aws.Int32(1)
	createGroup(t, env, in)
	g := waitStable(t, env, name, 1)
	instance := aws.ToString(g.Instances[0].InstanceId)

	_, err := env.Client.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String(name)})
	if env.Diff.DeletesWithInstances {
		if err != nil {
			t.Errorf("%s: DeleteAutoScalingGroup with an instance: %v; the flag DeletesWithInstances says it succeeds", env.Name, err)
		}
	} else {
		if c := testutil.ErrorCode(err); c != "ResourceInUse" && c != "ScalingActivityInProgress" {
			t.Errorf("%s: DeleteAutoScalingGroup with an instance: %v, want ResourceInUse", env.Name, err)
		}
		if _, err := env.Client.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{
			AutoScalingGroupName: aws.String(name), ForceDelete: aws.Bool(true)}); err != nil {
			t.Fatalf("%s: DeleteAutoScalingGroup ForceDelete: %v", env.Name, err)
		}
	}
	// Gone, after a while, and its instance terminated (or on its way).
	gone := false
	for range 60 {
		out, err := env.Client.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
		if err != nil {
			t.Fatalf("%s: DescribeAutoScalingGroups: %v", env.Name, err)
		}
		if len(out.AutoScalingGroups) == 0 {
			gone = true
			break
		}
		tick(env)
	}
	if !gone {
		t.Errorf("%s: group %s still listed after its delete", env.Name, name)
	}
	out, err := env.EC2.DescribeInstances(t.Context(), &ec2.DescribeInstancesInput{InstanceIds: []string{instance}})
	if err != nil {
		t.Fatalf("%s: DescribeInstances %s: %v", env.Name, instance, err)
	}
	for _, r := range out.Reservations {
		for _, inst := range r.Instances {
			if s := inst.State.Name; s != ec2types.InstanceStateNameShuttingDown && s != ec2types.InstanceStateNameTerminated {
				t.Errorf("%s: the deleted group's instance %s is %s", env.Name, instance, s)
			}
		}
	}

	// An empty group needs no force.
	empty := env.NewName()
	createGroup(t, env, groupInput(env, empty, id))
	if _, err := env.Client.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String(empty)}); err != nil {
		t.Errorf("%s: DeleteAutoScalingGroup of an empty group: %v", env.Name, err)
	}
	_, err = env.Client.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String(env.NewName())})
	if testutil.ErrorCode(err) != "ValidationError" || !strings.Contains(err.Error(), "not found") {
		t.Errorf("%s: DeleteAutoScalingGroup unknown: %v, want ValidationError ... not found", env.Name, err)
	}
}
