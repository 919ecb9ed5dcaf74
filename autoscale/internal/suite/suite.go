// Package suite is a conformance suite for AutoScaling servers: one set
// of tests, written against the raw aws-sdk-go-v2 clients, that runs
// unchanged against goboto's fake (autoscaletest, in the local cloud so
// that its EC2 is reachable) and against moto, as cloudwatch/internal/suite
// does.
//
// Where a backend is known to answer otherwise than AutoScaling,
// Differences says so, and each flag's comment says which answer matches
// AWS and on what evidence. A test that meets a difference checks the
// backend's known answer instead of skipping, so a flag that stops being
// true fails.
package suite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("moto").
	Name string
	// Client talks to the backend's AutoScaling in us-east-1.
	Client *autoscaling.Client
	// EC2 talks to the EC2 the backend's groups launch into, in the same
	// account and region: launch templates are made there, and the
	// instances a group launches are read there.
	EC2 *ec2.Client
	// ImageID is an image RunInstances accepts on the backend's EC2.
	ImageID string
	// Zones are two availability zones of us-east-1 on the backend.
	Zones []string
	// Now is the backend's clock.
	Now func() time.Time
	// NewName returns a name no earlier call returned, so that suites
	// sharing one server never see each other's groups.
	NewName func() string
	// Advance moves the backend's clock by d, for a backend whose clock
	// the test holds (autoscaletest on a fakes.Clock); nil for a backend
	// on real time, where the suite polls instead.
	Advance func(d time.Duration)
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env.
func Run(t *testing.T, env Env) {
	t.Run("LaunchConfigurations", func(t *testing.T) { testLaunchConfigurations(t, env) })
	t.Run("GroupOnTemplate", func(t *testing.T) { testGroupOnTemplate(t, env) })
	t.Run("GroupOnConfiguration", func(t *testing.T) { testGroupOnConfiguration(t, env) })
	t.Run("GroupValidation", func(t *testing.T) { testGroupValidation(t, env) })
	t.Run("GroupAlreadyExists", func(t *testing.T) { testGroupAlreadyExists(t, env) })
	t.Run("UpdateResize", func(t *testing.T) { testUpdateResize(t, env) })
	t.Run("SetDesiredCapacity", func(t *testing.T) { testSetDesiredCapacity(t, env) })
	t.Run("Instances", func(t *testing.T) { testInstances(t, env) })
	t.Run("DescribePaging", func(t *testing.T) { testDescribePaging(t, env) })
	t.Run("Tags", func(t *testing.T) { testTags(t, env) })
	t.Run("Processes", func(t *testing.T) { testProcesses(t, env) })
	t.Run("Policies", func(t *testing.T) { testPolicies(t, env) })
	t.Run("ScheduledActions", func(t *testing.T) { testScheduledActions(t, env) })
	t.Run("LifecycleHooks", func(t *testing.T) { testLifecycleHooks(t, env) })
	t.Run("Activities", func(t *testing.T) { testActivities(t, env) })
	t.Run("Delete", func(t *testing.T) { testDelete(t, env) })
}

// template makes a launch template on env's EC2 and returns its ID and
// name; it is deleted when t ends.
func template(t *testing.T, env Env) (id, name string) {
	t.Helper()
	name = env.NewName()
	out, err := env.EC2.CreateLaunchTemplate(t.Context(), &ec2.CreateLaunchTemplateInput{
		LaunchTemplateName: aws.String(name),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: aws.String(env.ImageID), InstanceType: ec2types.InstanceTypeT3Micro},
	})
	if err != nil {
		t.Fatalf("%s: CreateLaunchTemplate: %v", env.Name, err)
	}
	id = aws.ToString(out.LaunchTemplate.LaunchTemplateId)
	t.Cleanup(func() {
		_, _ = env.EC2.DeleteLaunchTemplate(context.Background(), &ec2.DeleteLaunchTemplateInput{LaunchTemplateId: aws.String(id)})
	})
	return id, name
}

// launchConfig makes a launch configuration and returns its name; it is
// deleted when t ends (after the groups using it, as cleanups run last
// first).
func launchConfig(t *testing.T, env Env) string {
	t.Helper()
	name := env.NewName()
	_, err := env.Client.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{
		LaunchConfigurationName: aws.String(name), ImageId: aws.String(env.ImageID), InstanceType: aws.String("t3.micro"),
	})
	if err != nil {
		t.Fatalf("%s: CreateLaunchConfiguration: %v", env.Name, err)
	}
	t.Cleanup(func() {
		_, _ = env.Client.DeleteLaunchConfiguration(context.Background(),
			&autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(name)})
	})
	return name
}

// groupInput is a group of min 0, max 4, desired 0 on the launch
// template id, across env's zones, with a cooldown long enough that no
// wait of the suite ends it.
func groupInput(env Env, name, templateID string) *autoscaling.CreateAutoScalingGroupInput {
	return &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(name),
		LaunchTemplate:       &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID)},
		AvailabilityZones:    env.Zones,
		MinSize:              aws.Int32(0), MaxSize: aws.Int32(4), DesiredCapacity: aws.Int32(0),
		DefaultCooldown: aws.Int32(3600),
	}
}

// createGroup creates the group in; it is force-deleted when t ends.
func createGroup(t *testing.T, env Env, in *autoscaling.CreateAutoScalingGroupInput) {
	t.Helper()
	if _, err := env.Client.CreateAutoScalingGroup(t.Context(), in); err != nil {
		t.Fatalf("%s: CreateAutoScalingGroup %s: %v", env.Name, aws.ToString(in.AutoScalingGroupName), err)
	}
	name := aws.ToString(in.AutoScalingGroupName)
	t.Cleanup(func() { forceDelete(env, name) })
}

// forceDelete deletes a group with its instances and waits (briefly) for
// it to be gone, so that the launch configuration or template under it
// can go too.
func forceDelete(env Env, name string) {
	ctx := context.Background()
	if _, err := env.Client.DeleteAutoScalingGroup(ctx, &autoscaling.DeleteAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(name), ForceDelete: aws.Bool(true)}); err != nil {
		return
	}
	for range 60 {
		out, err := env.Client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
		if err != nil || len(out.AutoScalingGroups) == 0 {
			return
		}
		tick(env)
	}
}

// tick lets time pass on env: the held clock moves 15 seconds, or real
// time 250 ms.
func tick(env Env) {
	if env.Advance != nil {
		env.Advance(15 * time.Second)
		return
	}
	time.Sleep(250 * time.Millisecond)
}

// describeGroup returns the named group, failing t when it is not listed.
func describeGroup(t *testing.T, env Env, name string) types.AutoScalingGroup {
	t.Helper()
	out, err := env.Client.DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
	if err != nil {
		t.Fatalf("%s: DescribeAutoScalingGroups %s: %v", env.Name, name, err)
	}
	for _, g := range out.AutoScalingGroups {
		if aws.ToString(g.AutoScalingGroupName) == name {
			return g
		}
	}
	t.Fatalf("%s: DescribeAutoScalingGroups does not list %s", env.Name, name)
	return types.AutoScalingGroup{}
}

// autoscalingInstance is an instance as DescribeAutoScalingGroups lists it.
type autoscalingInstance = types.Instance

// inService counts the group's InService instances.
func inService(g types.AutoScalingGroup) int {
	n := 0
	for _, in := range g.Instances {
		if in.LifecycleState == types.LifecycleStateInService {
			n++
		}
	}
	return n
}

// waitStable waits until the group has exactly desired instances, all
// InService, and returns it; it fails t after 60 ticks.
func waitStable(t *testing.T, env Env, name string, desired int) types.AutoScalingGroup {
	t.Helper()
	var g types.AutoScalingGroup
	for range 60 {
		g = describeGroup(t, env, name)
		if len(g.Instances) == desired && inService(g) == desired {
			return g
		}
		tick(env)
	}
	t.Fatalf("%s: group %s never settled at %d InService: %s", env.Name, name, desired, fmtInstances(g.Instances))
	return g
}

// fmtInstances shows a group's instances as "ID state health zone".
func fmtInstances(is []types.Instance) string {
	var b strings.Builder
	b.WriteString("[")
	for i, in := range is {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s %s %s", aws.ToString(in.InstanceId), in.LifecycleState, aws.ToString(in.HealthStatus), aws.ToString(in.AvailabilityZone))
	}
	b.WriteString("]")
	return b.String()
}

// show renders an SDK value for a failure message, its pointers followed.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}
