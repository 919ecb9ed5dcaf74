package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIAutoScalePolicies drives scaling policies and scheduled
// actions with Debian's aws CLI 2.9: a step policy from JSON, executed
// with a metric value and breach threshold (API Reference, ExecutePolicy:
// "if the breach threshold is 50 and you want to use a step adjustment
// with a lower bound of 0 and an upper bound of 10, you can set the metric
// value to 59"); a target tracking policy with the two alarms AutoScaling
// names for it; a scheduled action with a cron recurrence in a time zone,
// and one refused for a start in the past ("Given start time is in the
// past"); batch put and delete.
func TestAWSCLIAutoScalePolicies(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())
	client := autoscaling.NewFromConfig(srv.Config(srv.DefaultRegion(), cred))
	if _, err := client.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("web"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
		LaunchConfigurationName: aws.String("web"), AvailabilityZones: []string{"us-east-1a"}, MinSize: aws.Int32(0), MaxSize: aws.Int32(6)}); err != nil {
		t.Fatal(err)
	}

	var put struct {
		PolicyARN string
		Alarms    []struct{ AlarmName, AlarmARN string }
	}
	awsJSON(t, srv, env, &put, "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "steps",
		"--policy-type", "StepScaling", "--adjustment-type", "ChangeInCapacity", "--step-adjustments",
		`[{"MetricIntervalLowerBound":0,"MetricIntervalUpperBound":10,"ScalingAdjustment":1},{"MetricIntervalLowerBound":10,"ScalingAdjustment":3}]`)
	if !strings.Contains(put.PolicyARN, ":scalingPolicy:") || !strings.HasSuffix(put.PolicyARN, ":autoScalingGroupName/web:policyName/steps") {
		t.Errorf("PolicyARN = %q", put.PolicyARN)
	}
	// The group starts empty: no instance is warming up, which a step
	// policy would leave out of the capacity it adds to (User Guide, "Step
	// and simple scaling policies", "Instance warm-up").
	awsJSON(t, srv, env, nil, "autoscaling", "execute-policy", "--auto-scaling-group-name", "web", "--policy-name", "steps",
		"--metric-value", "59", "--breach-threshold", "50")
	var groups struct {
		AutoScalingGroups []struct{ DesiredCapacity int }
	}
	awsJSON(t, srv, env, &groups, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")
	if len(groups.AutoScalingGroups) != 1 || groups.AutoScalingGroups[0].DesiredCapacity != 1 {
		t.Errorf("desired after the first step: %+v, want 1", groups)
	}

	awsJSON(t, srv, env, &put, "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "cpu40",
		"--policy-type", "TargetTrackingScaling", "--target-tracking-configuration",
		`{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":40}`)
	if len(put.Alarms) != 2 || !strings.HasPrefix(put.Alarms[0].AlarmName, "TargetTracking-web-AlarmHigh-") ||
		!strings.HasPrefix(put.Alarms[1].AlarmName, "TargetTracking-web-AlarmLow-") {
		t.Errorf("target tracking alarms: %+v", put.Alarms)
	}
	// They are CloudWatch alarms in the same account, on the group's
	// average CPU, out above the target and in under 90% of it (User
	// Guide, "Target tracking scaling policies for Amazon EC2 Auto
	// Scaling").
	var alarms struct {
		MetricAlarms []struct {
			AlarmName, MetricName, Namespace, ComparisonOperator string
			Threshold                                            float64
			EvaluationPeriods                                    int
			AlarmActions                                         []string
		}
	}
	awsJSON(t, srv, env, &alarms, "cloudwatch", "describe-alarms", "--alarm-name-prefix", "TargetTracking-web-")
	if len(alarms.MetricAlarms) == 2 && len(put.Alarms) == 2 {
		ttARN := ""
		awsPolicies := struct{ ScalingPolicies []struct{ PolicyARN string } }{}
		awsJSON(t, srv, env, &awsPolicies, "autoscaling", "describe-policies", "--auto-scaling-group-name", "web", "--policy-names", "cpu40")
		if len(awsPolicies.ScalingPolicies) == 1 {
			ttARN = awsPolicies.ScalingPolicies[0].PolicyARN
		}
		byName := map[string]int{put.Alarms[0].AlarmName: 0, put.Alarms[1].AlarmName: 1}
		want := [2]string{"CPUUtilization AWS/EC2 GreaterThanThreshold 40 3 " + ttARN, "CPUUtilization AWS/EC2 LessThanThreshold 36 15 " + ttARN}
		for _, a := range alarms.MetricAlarms {
			i, ok := byName[a.AlarmName]
			got := fmt.Sprintf("%s %s %s %g %d %s", a.MetricName, a.Namespace, a.ComparisonOperator, a.Threshold, a.EvaluationPeriods, strings.Join(a.AlarmActions, ","))
			if !ok || got != want[i] {
				t.Errorf("alarm %s: %s, want %s", a.AlarmName, got, want[i])
			}
		}
	} else {
		t.Errorf("describe-alarms: %+v", alarms)
	}
	var policies struct {
		ScalingPolicies []struct {
			PolicyName, PolicyType string
			StepAdjustments        []struct {
				MetricIntervalLowerBound, MetricIntervalUpperBound *float64
				ScalingAdjustment                                  int
			}
		}
	}
	awsJSON(t, srv, env, &policies, "autoscaling", "describe-policies", "--auto-scaling-group-name", "web", "--policy-types", "StepScaling")
	if len(policies.ScalingPolicies) != 1 || policies.ScalingPolicies[0].PolicyName != "steps" || len(policies.ScalingPolicies[0].StepAdjustments) != 2 ||
		policies.ScalingPolicies[0].StepAdjustments[1].MetricIntervalUpperBound != nil {
		t.Errorf("describe-policies: %+v", policies)
	}

	awsJSON(t, srv, env, nil, "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "web",
		"--scheduled-action-name", "mornings", "--recurrence", "0 9 * * 1-5", "--time-zone", "America/New_York", "--desired-capacity", "3")
	if _, stderr, err := awsCLI(t, srv, env, "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "web",
		"--scheduled-action-name", "late", "--start-time", "2001-01-01T00:00:00Z", "--desired-capacity", "3"); err == nil ||
		!strings.Contains(string(stderr), "Given start time is in the past") {
		t.Errorf("a start in the past: %v\n%s", err, stderr)
	}
	var failed struct {
		FailedScheduledUpdateGroupActions []struct{ ScheduledActionName, ErrorCode string }
	}
	awsJSON(t, srv, env, &failed, "autoscaling", "batch-put-scheduled-update-group-action", "--auto-scaling-group-name", "web",
		"--scheduled-update-group-actions", `[{"ScheduledActionName":"evenings","Recurrence":"0 18 * * 1-5","DesiredCapacity":1},{"ScheduledActionName":"bad","Recurrence":"0 18 * *","DesiredCapacity":1}]`)
	if len(failed.FailedScheduledUpdateGroupActions) != 1 || failed.FailedScheduledUpdateGroupActions[0].ScheduledActionName != "bad" ||
		failed.FailedScheduledUpdateGroupActions[0].ErrorCode != "ValidationError" {
		t.Errorf("batch put: %+v", failed)
	}
	var actions struct {
		ScheduledUpdateGroupActions []struct{ ScheduledActionName, Recurrence, TimeZone, StartTime string }
	}
	awsJSON(t, srv, env, &actions, "autoscaling", "describe-scheduled-actions", "--auto-scaling-group-name", "web")
	if len(actions.ScheduledUpdateGroupActions) != 2 || actions.ScheduledUpdateGroupActions[1].ScheduledActionName != "mornings" ||
		actions.ScheduledUpdateGroupActions[1].TimeZone != "America/New_York" || actions.ScheduledUpdateGroupActions[1].StartTime == "" {
		t.Errorf("describe-scheduled-actions: %+v", actions)
	}
	awsJSON(t, srv, env, nil, "autoscaling", "batch-delete-scheduled-action", "--auto-scaling-group-name", "web", "--scheduled-action-names", "mornings", "evenings")
	awsJSON(t, srv, env, nil, "autoscaling", "delete-policy", "--auto-scaling-group-name", "web", "--policy-name", "steps")
	actions.ScheduledUpdateGroupActions, policies.ScalingPolicies = nil, nil
	awsJSON(t, srv, env, &actions, "autoscaling", "describe-scheduled-actions", "--auto-scaling-group-name", "web")
	awsJSON(t, srv, env, &policies, "autoscaling", "describe-policies", "--auto-scaling-group-name", "web")
	if actions.ScheduledUpdateGroupActions == nil || len(actions.ScheduledUpdateGroupActions) != 0 || len(policies.ScalingPolicies) != 1 || policies.ScalingPolicies[0].PolicyName != "cpu40" {
		t.Errorf("after the deletes: %+v, %+v", actions, policies)
	}
}
