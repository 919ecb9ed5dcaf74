package autoscaletest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// served are the operations this file's slice of the fake implements
// and this test pins; the scaling policy and scheduled action
// operations (policy*.go, schedule*.go) are checked by their own tests.
var served = []string{"CreateLaunchConfiguration", "DescribeLaunchConfigurations", "DeleteLaunchConfiguration",
	"CreateAutoScalingGroup", "DescribeAutoScalingGroups", "UpdateAutoScalingGroup", "DeleteAutoScalingGroup",
	"SetDesiredCapacity", "SuspendProcesses", "ResumeProcesses", "DescribeScalingProcessTypes", "DescribeAdjustmentTypes",
	"DescribeTerminationPolicyTypes", "DescribeLifecycleHookTypes", "DescribeAccountLimits", "DescribeScalingActivities",
	"DescribeAutoScalingInstances", "SetInstanceHealth", "TerminateInstanceInAutoScalingGroup", "AttachInstances",
	"DetachInstances", "EnterStandby", "ExitStandby", "SetInstanceProtection", "PutLifecycleHook", "DescribeLifecycleHooks",
	"DeleteLifecycleHook", "CompleteLifecycleAction", "RecordLifecycleActionHeartbeat", "CreateOrUpdateTags", "DeleteTags",
	"DescribeTags"}

// writes are the served operations that change the state when they
// succeed.
var writes = []string{"CreateLaunchConfiguration", "DeleteLaunchConfiguration", "CreateAutoScalingGroup",
	"UpdateAutoScalingGroup", "DeleteAutoScalingGroup", "SetDesiredCapacity", "SuspendProcesses", "ResumeProcesses",
	"SetInstanceHealth", "TerminateInstanceInAutoScalingGroup", "AttachInstances", "DetachInstances", "EnterStandby",
	"ExitStandby", "SetInstanceProtection", "PutLifecycleHook", "DeleteLifecycleHook", "CompleteLifecycleAction",
	"RecordLifecycleActionHeartbeat", "CreateOrUpdateTags", "DeleteTags"}

// typeReads answer fixed lists, which name no seeded resource.
var typeReads = []string{"DescribeScalingProcessTypes", "DescribeAdjustmentTypes", "DescribeTerminationPolicyTypes",
	"DescribeLifecycleHookTypes", "DescribeAccountLimits"}

// TestConformModel sends every operation of AutoScaling's API model
// against a fake seeded with a launch configuration and a group of one
// InService instance (with a tag and a lifecycle hook): the served ones
// answer 200 (writes change the state, reads do not and name the seeded
// group), the rest answer InvalidAction with the state unchanged, and
// every error code is the model's or a common one.
func TestConformModel(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	srv := Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour), WithLaunchTime(time.Second))
	client := autoscaling.NewFromConfig(srv.Config(""))
	m := awsmodel.LoadOrSkip(t, "autoscaling")
	acct, region := srv.Account(), srv.Region()
	ec2 := func(action string, p url.Values) ([]byte, error) {
		return srv.EC2().Call(acct, region, clock.Now(), action, p)
	}
	zone := srv.EC2().Subnets(acct, region)[0].Zone
	if _, err := ec2("CreateLaunchTemplate", url.Values{"LaunchTemplateName": {"seeded"},
		"LaunchTemplateData.ImageId": {ec2test.DefaultEBSImage}, "LaunchTemplateData.InstanceType": {"t3.micro"}}); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var instance string // the seeded group's instance
	c := awsmodel.NewCase(t, m, srv, "", srv.digest)
	c.Implemented = func(op string) bool { _, ok := srv.ops[op]; return ok }
	c.NotImplementedCodes = []string{"InvalidAction"}
	c.Unknown = []string{"DescribeAutoScalingGroup", "CreateGroup"}
	c.Skip = map[string]string{}
	for op := range srv.ops {
		if !slices.Contains(served, op) {
			c.Skip[op] = "a scaling policy or scheduled action operation, checked by its own tests"
		}
	}
	c.Prepare = func(op string) error {
		srv.Reset()
		_, err := client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("seeded"),
			ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")})
		if err != nil {
			return err
		}
		transition := "autoscaling:EC2_INSTANCE_TERMINATING"
		if op == "CompleteLifecycleAction" || op == "RecordLifecycleActionHeartbeat" {
			transition = "autoscaling:EC2_INSTANCE_LAUNCHING" // the instance waits in Pending:Wait
		}
		_, err = client.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("seeded"),
			LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("seeded")},
			MinSize:        aws.Int32(0), MaxSize: aws.Int32(3), DesiredCapacity: aws.Int32(1), AvailabilityZones: []string{zone},
			Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("conform")}},
			LifecycleHookSpecificationList: []types.LifecycleHookSpecification{{LifecycleHookName: aws.String("seeded"),
				LifecycleTransition: aws.String(transition), HeartbeatTimeout: aws.Int32(3600)}}})
		if err != nil {
			return err
		}
		clock.Advance(time.Minute)
		out, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{})
		if err != nil {
			return err
		}
		if len(out.AutoScalingGroups) != 1 || len(out.AutoScalingGroups[0].Instances) != 1 {
			return fmt.Errorf("the seeded group is %+v", out.AutoScalingGroups)
		}
		instance = aws.ToString(out.AutoScalingGroups[0].Instances[0].InstanceId)
		switch op {
		case "ExitStandby":
			_, err = client.EnterStandby(ctx, &autoscaling.EnterStandbyInput{AutoScalingGroupName: aws.String("seeded"),
				InstanceIds: []string{instance}, ShouldDecrementDesiredCapacity: aws.Bool(true)})
		case "ResumeProcesses":
			_, err = client.SuspendProcesses(ctx, &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("seeded"),
				ScalingProcesses: []string{"AZRebalance"}})
		case "RecordLifecycleActionHeartbeat":
			clock.Advance(time.Second) // so the heartbeat moves the wait's clock
		}
		return err
	}
	c.Seed = func(op string) (awsmodel.Values, error) {
		v := awsmodel.Values{"*.InstanceId": instance, "*.InstanceIds.1": instance}
		if op == "CreateAutoScalingGroup" || op == "CreateLaunchConfiguration" {
			// Their InstanceId (copy an instance's settings) is a member
			// the fake refuses; TestUnsupported pins that.
			v = awsmodel.Values{}
		}
		if op == "AttachInstances" {
			body, err := ec2("RunInstances", url.Values{"ImageId": {ec2test.DefaultEBSImage}, "MinCount": {"1"}, "MaxCount": {"1"},
				"Placement.AvailabilityZone": {zone}})
			if err != nil {
				return nil, err
			}
			var resp struct {
				ID string `xml:"instancesSet>item>instanceId"`
			}
			if err := xml.Unmarshal(body, &resp); err != nil {
				return nil, err
			}
			if _, err := ec2("DescribeInstances", url.Values{}); err != nil { // running
				return nil, err
			}
			v["*.InstanceIds.1"] = resp.ID
		}
		return v, nil
	}
	c.Overrides = awsmodel.Values{
		"*.AutoScalingGroupName":                            "seeded",
		"*.LaunchConfigurationName":                         "seeded",
		"*.LifecycleHookName":                               "seeded",
		"CreateLaunchConfiguration.LaunchConfigurationName": "conform-new",
		"CreateLaunchConfiguration.ImageId":                 ec2test.DefaultEBSImage,
		"CreateLaunchConfiguration.InstanceType":            "t3.micro",
		"CreateAutoScalingGroup.AutoScalingGroupName":       "conform-new",
		"CreateAutoScalingGroup.MinSize":                    "0",
		"CreateAutoScalingGroup.MaxSize":                    "1",
		"CreateAutoScalingGroup.AvailabilityZones.1":        zone,
		"UpdateAutoScalingGroup.MaxSize":                    "2",
		"DeleteAutoScalingGroup.ForceDelete":                "true",
		"SetDesiredCapacity.DesiredCapacity":                "2",
		"SetInstanceHealth.HealthStatus":                    "Unhealthy",
		"*.ShouldDecrementDesiredCapacity":                  "true",
		"SetInstanceProtection.ProtectedFromScaleIn":        "true",
		"PutLifecycleHook.LifecycleHookName":                "conform-new",
		"PutLifecycleHook.LifecycleTransition":              "autoscaling:EC2_INSTANCE_LAUNCHING",
		"CompleteLifecycleAction.LifecycleActionResult":     "CONTINUE",
		"CreateOrUpdateTags.Tags.1.Key":                     "owner",
		"CreateOrUpdateTags.Tags.1.ResourceId":              "seeded",
		"CreateOrUpdateTags.Tags.1.ResourceType":            "auto-scaling-group",
		"DeleteTags.Tags.1.Key":                             "team",
		"DeleteTags.Tags.1.ResourceId":                      "seeded",
		"DeleteTags.Tags.1.ResourceType":                    "auto-scaling-group",
	}
	c.Check = func(r awsmodel.Result) error {
		if !slices.Contains(served, r.Operation) {
			return nil
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("HTTP %d %s; want 200: %s", r.Status, r.Code, r.Body)
		}
		if slices.Contains(writes, r.Operation) {
			if !r.Changed() {
				return errors.New("succeeded but changed nothing")
			}
			return nil
		}
		if r.Changed() {
			return errors.New("a read changed the state")
		}
		if !slices.Contains(typeReads, r.Operation) && !bytes.Contains(r.Body, []byte("seeded")) && !bytes.Contains(r.Body, []byte("conform")) {
			return fmt.Errorf("answer names no seeded resource:\n%s", r.Body)
		}
		return nil
	}
	results := awsmodel.Conform(t, c)
	if got, want := len(results), len(m.Operations)-len(c.Skip)+len(c.Unknown); got != want {
		t.Errorf("Conform checked %d requests; want %d", got, want)
	}
}
