package suite

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto/internal/testutil"
)

// Launch configurations are created, described by name, refused a
// second time under the same name, kept while a group uses them, and
// deleted (API Reference: CreateLaunchConfiguration, errors
// AlreadyExists, "You already have an Auto Scaling group or launch
// configuration with this name"; DeleteLaunchConfiguration, "The launch
// configuration must not be attached to an Auto Scaling group", errors
// ResourceInUse).
func testLaunchConfigurations(t *testing.T, env Env) {
	ctx := t.Context()
	name := launchConfig(t, env)
	out, err := env.Client.DescribeLaunchConfigurations(ctx, &autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{name}})
	if err != nil {
		t.Fatalf("%s: DescribeLaunchConfigurations: %v", env.Name, err)
	}
	if len(out.LaunchConfigurations) != 1 {
		t.Fatalf("%s: DescribeLaunchConfigurations %s: %d configurations, want 1", env.Name, name, len(out.LaunchConfigurations))
	}
	lc := out.LaunchConfigurations[0]
	if aws.ToString(lc.ImageId) != env.ImageID || aws.ToString(lc.InstanceType) != "t3.micro" ||
		aws.ToString(lc.LaunchConfigurationARN) == "" || lc.CreatedTime == nil {
		t.Errorf("%s: launch configuration %s", env.Name, show(lc))
	}

	// The same name again.
	_, err = env.Client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{
		LaunchConfigurationName: aws.String(name), ImageId: aws.String(env.ImageID), InstanceType: aws.String("t3.small"),
	})
	if env.Diff.OverwritesOnCreate {
		if err != nil {
			t.Errorf("%s: CreateLaunchConfiguration again: %v; the flag OverwritesOnCreate says it succeeds", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "AlreadyExists" {
		t.Errorf("%s: CreateLaunchConfiguration again: %v, want AlreadyExists", env.Name, err)
	}

	// Neither an image and type nor an instance to copy: AutoScaling
	// needs one of them (API Reference, CreateLaunchConfiguration,
	// ImageId: "If you specify InstanceId, an ImageId is not required").
	_, err = env.Client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String(env.NewName())})
	if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: CreateLaunchConfiguration without an image: %v, want ValidationError", env.Name, err)
	}

	// In use by a group.
	group := env.NewName()
	createGroup(t, env, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(group), LaunchConfigurationName: aws.String(name),
		AvailabilityZones: env.Zones, MinSize: aws.Int32(0), MaxSize: aws.Int32(1),
	})
	_, err = env.Client.DeleteLaunchConfiguration(ctx, &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(name)})
	if env.Diff.DeletesInUse {
		if err != nil {
			t.Errorf("%s: DeleteLaunchConfiguration in use: %v; the flag DeletesInUse says it succeeds", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ResourceInUse" {
		t.Errorf("%s: DeleteLaunchConfiguration in use: %v, want ResourceInUse", env.Name, err)
	}
	forceDelete(env, group)

	// Deleted once the group is gone, then unknown.
	second := launchConfig(t, env)
	if _, err := env.Client.DeleteLaunchConfiguration(ctx, &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(second)}); err != nil {
		t.Fatalf("%s: DeleteLaunchConfiguration: %v", env.Name, err)
	}
	out, err = env.Client.DescribeLaunchConfigurations(ctx, &autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{second}})
	if err != nil || slices.ContainsFunc(out.LaunchConfigurations, func(lc types.LaunchConfiguration) bool {
		return aws.ToString(lc.LaunchConfigurationName) == second
	}) {
		t.Errorf("%s: after DeleteLaunchConfiguration: %v, %d listed", env.Name, err, len(out.LaunchConfigurations))
	}
	_, err = env.Client.DeleteLaunchConfiguration(ctx, &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(second)})
	if env.Diff.DeleteIgnoresUnknown {
		if err != nil {
			t.Errorf("%s: DeleteLaunchConfiguration unknown: %v; the flag DeleteIgnoresUnknown says it succeeds", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: DeleteLaunchConfiguration unknown: %v, want ValidationError", env.Name, err)
	}
}
