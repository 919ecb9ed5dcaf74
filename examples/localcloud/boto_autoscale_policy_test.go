package main

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestBotoAutoScalePolicies runs boto 2's scaling policy and scheduled
// action calls (boto.ec2.autoscale: create_scaling_policy with a cooldown
// and with the deprecated MinAdjustmentStep it sends, get_all_policies,
// execute_policy, create_scheduled_group_action with a recurrence,
// get_all_scheduled_actions, delete_scheduled_action, delete_policy)
// against the local cloud. API Reference, PutScalingPolicy: each policy
// has its own ARN; PutScheduledUpdateGroupAction: a recurrence that is
// not five cron fields is a ValidationError.
func TestBotoAutoScalePolicies(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	srv := startCloud(t)
	// The group is made here; boto_autoscale.py covers boto 2's own
	// launch configuration and group calls.
	client := autoscaling.NewFromConfig(srv.Config(srv.DefaultRegion(), fake.DefaultCredentials()[0]))
	if _, err := client.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("web"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
		LaunchConfigurationName: aws.String("web"), AvailabilityZones: []string{"us-east-1a"}, MinSize: aws.Int32(1), MaxSize: aws.Int32(4)}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Policies []struct {
			Name              string
			AdjustmentType    string `json:"adjustment_type"`
			ScalingAdjustment int    `json:"scaling_adjustment"`
			Cooldown          *int
			MinAdjustmentStep *int `json:"min_adjustment_step"`
			ARN               string
		}
		Desired int
		Actions []struct {
			Name, Recurrence  string
			Desired, Min, Max int
		}
		Refused string
		Left    []string
	}
	runBoto(t, srv, "boto_autoscale_policy.py", &got)
	arn := regexp.MustCompile(`^arn:aws:autoscaling:us-east-1:\d{12}:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName/web:policyName/scale-(up|down)$`)
	if len(got.Policies) != 2 || !arn.MatchString(got.Policies[0].ARN) || !arn.MatchString(got.Policies[1].ARN) ||
		got.Policies[0].ARN[:80] == got.Policies[1].ARN[:80] {
		t.Errorf("policies' ARNs: %+v", got.Policies)
	}
	one, oneEighty := 1, 180
	type policy = struct {
		Name              string
		AdjustmentType    string `json:"adjustment_type"`
		ScalingAdjustment int    `json:"scaling_adjustment"`
		Cooldown          *int
		MinAdjustmentStep *int `json:"min_adjustment_step"`
		ARN               string
	}
	want := []policy{
		{Name: "scale-down", AdjustmentType: "PercentChangeInCapacity", ScalingAdjustment: -50, MinAdjustmentStep: &one},
		{Name: "scale-up", AdjustmentType: "ChangeInCapacity", ScalingAdjustment: 1, Cooldown: &oneEighty},
	}
	if diff := cmp.Diff(want, got.Policies, cmpopts.IgnoreFields(policy{}, "ARN")); diff != "" {
		t.Errorf("get_all_policies (-want +got):\n%s", diff)
	}
	if got.Desired != 2 {
		t.Errorf("desired after execute_policy = %d, want 2", got.Desired)
	}
	if len(got.Actions) != 1 || got.Actions[0].Name != "nightly" || got.Actions[0].Recurrence != "0 22 * * *" ||
		got.Actions[0].Desired != 1 || got.Actions[0].Min != 1 || got.Actions[0].Max != 2 {
		t.Errorf("get_all_scheduled_actions: %+v", got.Actions)
	}
	if got.Refused != "ValidationError" {
		t.Errorf("a four-field recurrence: %q, want ValidationError", got.Refused)
	}
	if diff := cmp.Diff([]string{"scale-up"}, got.Left); diff != "" {
		t.Errorf("policies after delete_policy (-want +got):\n%s", diff)
	}
}
