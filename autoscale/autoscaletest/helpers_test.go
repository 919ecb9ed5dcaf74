package autoscaletest_test

import (
	"encoding/xml"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
)

// launchTime is the tests' WithLaunchTime: instances stay Pending this
// long on the fake's clock.
const launchTime = 30 * time.Second

// env is one fake AutoScaling with its own EC2 backend, a clock the
// test moves, and the v2 client.
type env struct {
	t      *testing.T
	srv    *autoscaletest.Server
	clock  *fakes.Clock
	c      *autoscaling.Client
	ec2    *ec2test.Backend
	acct   string
	region string
}

func newEnv(t *testing.T, opts ...fakes.Option) *env {
	t.Helper()
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	opts = append([]fakes.Option{fakes.WithClock(clock.Now), fakes.WithMaxSkew(480 * time.Hour), autoscaletest.WithLaunchTime(launchTime)}, opts...)
	srv := autoscaletest.Start(t, opts...)
	return &env{t: t, srv: srv, clock: clock, c: autoscaling.NewFromConfig(srv.Config("")), ec2: srv.EC2(),
		acct: srv.Account(), region: srv.Region()}
}

// ec2Call runs an EC2 action on the test account's behalf and returns
// its answer.
func (e *env) ec2Call(action string, p url.Values) []byte {
	e.t.Helper()
	body, err := e.ec2.Call(e.acct, e.region, e.clock.Now(), action, p)
	if err != nil {
		e.t.Fatalf("EC2 %s: %v", action, err)
	}
	return body
}

// template makes an EC2 launch template (t3.micro of the default image)
// and returns its ID.
func (e *env) template(name string) string {
	e.t.Helper()
	body := e.ec2Call("CreateLaunchTemplate", url.Values{"LaunchTemplateName": {name},
		"LaunchTemplateData.ImageId": {ec2test.DefaultEBSImage}, "LaunchTemplateData.InstanceType": {"t3.micro"}})
	var resp struct {
		ID string `xml:"launchTemplate>launchTemplateId"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil || resp.ID == "" {
		e.t.Fatalf("CreateLaunchTemplate: %v %s", err, body)
	}
	return resp.ID
}

// subnets are the default VPC's subnets: ID by zone, and the zones in
// order.
func (e *env) subnets() ([]string, []string) {
	var ids, zones []string
	for _, s := range e.ec2.Subnets(e.acct, e.region) {
		if s.DefaultForZone {
			ids, zones = append(ids, s.ID), append(zones, s.Zone)
		}
	}
	if len(ids) < 2 {
		e.t.Fatalf("the EC2 fake has %d default subnets; the tests need 2", len(ids))
	}
	return ids, zones
}

// createGroup makes a group on a fresh launch template across zones,
// with min, max and desired as given.
func (e *env) createGroup(name string, min, max, desired int32, more ...func(*autoscaling.CreateAutoScalingGroupInput)) {
	e.t.Helper()
	_, zones := e.subnets()
	in := &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
		LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(e.template("lt-" + name))},
		MinSize:        aws.Int32(min), MaxSize: aws.Int32(max), DesiredCapacity: aws.Int32(desired), AvailabilityZones: zones[:2]}
	for _, f := range more {
		f(in)
	}
	if _, err := e.c.CreateAutoScalingGroup(e.t.Context(), in); err != nil {
		e.t.Fatalf("CreateAutoScalingGroup %s: %v", name, err)
	}
}

// group describes one group; nil if it does not exist.
func (e *env) group(name string) *types.AutoScalingGroup {
	e.t.Helper()
	out, err := e.c.DescribeAutoScalingGroups(e.t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
	if err != nil {
		e.t.Fatalf("DescribeAutoScalingGroups: %v", err)
	}
	if len(out.AutoScalingGroups) == 0 {
		return nil
	}
	return &out.AutoScalingGroups[0]
}

// states are a group's instances' lifecycle states, counted.
func (e *env) states(name string) map[string]int {
	e.t.Helper()
	out := map[string]int{}
	g := e.group(name)
	if g == nil {
		return nil
	}
	for _, i := range g.Instances {
		out[string(i.LifecycleState)]++
	}
	return out
}

// settle moves the clock past the launch time and looks once, so
// launches and terminations in progress finish.
func (e *env) settle(name string) map[string]int {
	e.t.Helper()
	e.clock.Advance(launchTime)
	return e.states(name)
}

// activities are a group's activities, newest first.
func (e *env) activities(name string) []types.Activity {
	e.t.Helper()
	out, err := e.c.DescribeScalingActivities(e.t.Context(), &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String(name)})
	if err != nil {
		e.t.Fatalf("DescribeScalingActivities: %v", err)
	}
	return out.Activities
}

// code is an error's AWS code, or "" for none.
func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	if err != nil {
		return "not an API error: " + err.Error()
	}
	return ""
}

// cmpOpts compares the v2 client's types, whose noSmithyDocumentSerde
// fields are unexported.
var cmpOpts = cmpopts.IgnoreUnexported(types.LaunchTemplateSpecification{}, types.AutoScalingGroup{}, types.Instance{},
	types.TagDescription{}, types.SuspendedProcess{}, types.LifecycleHook{}, types.LaunchConfiguration{}, types.BlockDeviceMapping{},
	types.Ebs{}, types.InstanceMonitoring{}, types.AutoScalingInstanceDetails{})
