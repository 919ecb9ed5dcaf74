package autoscaletest_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/smithy-go"
)

// apiError is an error's AWS code and message, "code: message".
func apiError(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	if err != nil {
		return "not an API error: " + err.Error()
	}
	return ""
}

// The refusals below carry AWS's own messages, as users have quoted
// them from real accounts (each case names where).
func TestAWSMessages(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 1, 3, 1)

	// "New SetDesiredCapacity value 2 is above max value 1 for the
	// AutoScalingGroup." (aws CLI output quoted in public scripts).
	for _, tc := range []struct {
		desired int32
		want    string
	}{
		{0, "ValidationError: New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup."},
		{4, "ValidationError: New SetDesiredCapacity value 4 is above max value 3 for the AutoScalingGroup."},
	} {
		_, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(tc.desired)})
		if got := apiError(err); got != tc.want {
			t.Errorf("SetDesiredCapacity %d: %q, want %q", tc.desired, got, tc.want)
		}
	}

	// While the launch is in progress: "Scaling activity <id> is in
	// progress and blocks this action" (diem/diem#4597), naming it.
	launch := aws.ToString(e.activities("g")[0].ActivityId)
	_, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"),
		DesiredCapacity: aws.Int32(2), HonorCooldown: aws.Bool(true)})
	if got, want := apiError(err), "ScalingActivityInProgress: Scaling activity "+launch+" is in progress and blocks this action"; got != want {
		t.Errorf("SetDesiredCapacity in a launch: %q, want %q", got, want)
	}

	e.settle("g")
	id := aws.ToString(e.group("g").Instances[0].InstanceId)
	// "AutoScalingGroup <name> has min-size=1, max-size=1, and
	// desired-size=1. To place into standby 1 instance, please update the
	// AutoScalingGroup sizes appropriately." (the aws CLI, 2025).
	_, err = e.c.EnterStandby(t.Context(), &autoscaling.EnterStandbyInput{AutoScalingGroupName: aws.String("g"), InstanceIds: []string{id},
		ShouldDecrementDesiredCapacity: aws.Bool(true)})
	if got, want := apiError(err), "ValidationError: AutoScalingGroup g has min-size=1, max-size=3, and desired-size=1. To place into standby 1 instance, please update the AutoScalingGroup sizes appropriately."; got != want {
		t.Errorf("EnterStandby below min: %q, want %q", got, want)
	}

	// "Currently, desiredSize equals minSize (1). Terminating instance
	// without replacement will violate group's min size constraint. ..."
	// (buildkite/elastic-ci-stack-for-aws#1261).
	_, err = e.c.TerminateInstanceInAutoScalingGroup(t.Context(), &autoscaling.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String(id),
		ShouldDecrementDesiredCapacity: aws.Bool(true)})
	if got, want := apiError(err), "ValidationError: Currently, desiredSize equals minSize (1). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size."; got != want {
		t.Errorf("TerminateInstanceInAutoScalingGroup at min: %q, want %q", got, want)
	}

	// Terminating it twice: "ScalingActivityInProgress: Activity <id> is
	// in progress." (kubernetes/kops#6900), naming its termination.
	out, err := e.c.TerminateInstanceInAutoScalingGroup(t.Context(), &autoscaling.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String(id),
		ShouldDecrementDesiredCapacity: aws.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.c.TerminateInstanceInAutoScalingGroup(t.Context(), &autoscaling.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String(id),
		ShouldDecrementDesiredCapacity: aws.Bool(false)})
	if got, want := apiError(err), "ScalingActivityInProgress: Activity "+aws.ToString(out.Activity.ActivityId)+" is in progress."; got != want {
		t.Errorf("TerminateInstanceInAutoScalingGroup twice: %q, want %q", got, want)
	}

	// "ValidationError: AutoScalingGroup name not found -
	// AutoScalingGroup '<name>' not found" (kubernetes-retired/kube-deploy#99).
	_, err = e.c.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("nope")})
	if got, want := apiError(err), "ValidationError: AutoScalingGroup name not found - AutoScalingGroup 'nope' not found"; got != want {
		t.Errorf("DeleteAutoScalingGroup of none: %q, want %q", got, want)
	}

	// Force-deleted, the group is pending delete while its instances
	// terminate: "ValidationError: The AutoScaling group may not be
	// modified while it is pending delete" (kubernetes/kops#844).
	if _, err := e.c.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"), ForceDelete: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"), MaxSize: aws.Int32(2)})
	if got, want := apiError(err), "ValidationError: The AutoScaling group may not be modified while it is pending delete"; got != want {
		t.Errorf("UpdateAutoScalingGroup pending delete: %q, want %q", got, want)
	}
}
