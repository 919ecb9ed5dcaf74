package autoscaletest_test

import (
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

func ids(insts []types.Instance) []string {
	var out []string
	for _, i := range insts {
		out = append(out, aws.ToString(i.InstanceId))
	}
	return out
}

// TerminateInstanceInAutoScalingGroup: with ShouldDecrementDesiredCapacity
// the group shrinks; without it a replacement launches (API Reference,
// TerminateInstanceInAutoScalingGroup).
func TestTerminateInstanceInGroup(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 1, 3, 3)
	e.settle("g")
	insts := ids(e.group("g").Instances)
	term := func(id string, dec bool) (*autoscaling.TerminateInstanceInAutoScalingGroupOutput, error) {
		return e.c.TerminateInstanceInAutoScalingGroup(t.Context(), &autoscaling.TerminateInstanceInAutoScalingGroupInput{
			InstanceId: aws.String(id), ShouldDecrementDesiredCapacity: aws.Bool(dec)})
	}
	out, err := term(insts[0], true)
	if err != nil {
		t.Fatal(err)
	}
	if d := aws.ToString(out.Activity.Description); d != "Terminating EC2 instance: "+insts[0] {
		t.Errorf("activity description = %q", d)
	}
	if c := aws.ToString(out.Activity.Cause); !strings.HasSuffix(c, "instance "+insts[0]+" was taken out of service in response to a user request, shrinking the capacity from 3 to 2.") {
		t.Errorf("cause = %q", c)
	}
	if got := code(func() error { _, err := term(insts[0], false); return err }()); got != "ScalingActivityInProgress" {
		t.Errorf("terminating twice: code = %q", got)
	}
	if _, err := term(insts[1], false); err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt32(e.group("g").DesiredCapacity); got != 2 {
		t.Errorf("desired = %d, want 2", got)
	}
	if diff := cmp.Diff(map[string]int{"Terminating": 2, "InService": 1, "Pending": 1}, e.states("g")); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	e.settle("g")
	if _, err := term(insts[2], true); err != nil {
		t.Fatal(err)
	}
	// At min 1 with desired 1, decrementing is refused.
	e.settle("g")
	last := ids(e.group("g").Instances)[0]
	if got := code(func() error { _, err := term(last, true); return err }()); got != "ValidationError" {
		t.Errorf("below min: code = %q, want ValidationError", got)
	}
	if got := code(func() error { _, err := term("i-0000000000000000f", true); return err }()); got != "ValidationError" {
		t.Errorf("unknown instance: code = %q, want ValidationError", got)
	}
}

// AttachInstances takes running instances in the group's zones and
// raises the desired capacity, refusing past MaxSize; DetachInstances
// lets them go (API Reference, AttachInstances, DetachInstances).
func TestAttachDetach(t *testing.T) {
	e := newEnv(t)
	_, zones := e.subnets()
	e.createGroup("g", 0, 2, 1)
	e.settle("g")
	run := func(zone string) string {
		body := e.ec2Call("RunInstances", url.Values{"ImageId": {ec2test.DefaultEBSImage}, "MinCount": {"1"}, "MaxCount": {"1"},
			"Placement.AvailabilityZone": {zone}})
		var resp struct {
			ID string `xml:"instancesSet>item>instanceId"`
		}
		if err := xml.Unmarshal(body, &resp); err != nil {
			t.Fatal(err)
		}
		e.ec2Call("DescribeInstances", url.Values{}) // running
		return resp.ID
	}
	outside := run(zones[2%len(zones)])
	inside, inside2 := run(zones[0]), run(zones[1])
	attach := func(ids ...string) error {
		_, err := e.c.AttachInstances(t.Context(), &autoscaling.AttachInstancesInput{AutoScalingGroupName: aws.String("g"), InstanceIds: ids})
		return err
	}
	if len(zones) > 2 {
		if got := code(attach(outside)); got != "ValidationError" {
			t.Errorf("another zone: code = %q, want ValidationError", got)
		}
	}
	if got := code(attach(inside, inside2)); got != "ValidationError" {
		t.Errorf("past max: code = %q, want ValidationError", got)
	}
	// The group's instance is in the first zone; one in the second keeps
	// it balanced, so AZRebalance has nothing to move.
	if err := attach(inside2); err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt32(e.group("g").DesiredCapacity); got != 2 {
		t.Errorf("desired = %d, want 2", got)
	}
	body := string(e.ec2Call("DescribeInstances", url.Values{"InstanceId.1": {inside2}}))
	if !strings.Contains(body, "<key>aws:autoscaling:groupName</key><value>g</value>") {
		t.Errorf("the attached instance lacks the group's tag:\n%s", body)
	}
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("after attach (-want +got):\n%s", diff)
	}
	out, err := e.c.DetachInstances(t.Context(), &autoscaling.DetachInstancesInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds: []string{inside2}, ShouldDecrementDesiredCapacity: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Activities) != 1 || aws.ToString(out.Activities[0].Description) != "Detaching EC2 instance: "+inside2 {
		t.Errorf("activities = %+v", out.Activities)
	}
	if diff := cmp.Diff(map[string]int{"InService": 1}, e.settle("g")); diff != "" {
		t.Errorf("after detach (-want +got):\n%s", diff)
	}
	for _, i := range e.ec2.Instances(e.acct, e.region) {
		if i.ID == inside2 && i.State != "running" {
			t.Errorf("the detached instance is %s, want running", i.State)
		}
	}
	// Without decrementing, a replacement launches.
	kept := ids(e.group("g").Instances)[0]
	if _, err := e.c.DetachInstances(t.Context(), &autoscaling.DetachInstancesInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds: []string{kept}, ShouldDecrementDesiredCapacity: aws.Bool(false)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"Pending": 1}, e.states("g")); diff != "" {
		t.Errorf("after detach without decrement (-want +got):\n%s", diff)
	}
}

// EnterStandby takes InService instances out of service, keeping them;
// ExitStandby brings them back, raising the desired capacity (API
// Reference, EnterStandby, ExitStandby).
func TestStandby(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 2, 2)
	if _, err := e.c.EnterStandby(t.Context(), &autoscaling.EnterStandbyInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds: ids(e.group("g").Instances)[:1], ShouldDecrementDesiredCapacity: aws.Bool(true)}); code(err) != "ValidationError" {
		t.Errorf("a Pending instance: %v, want ValidationError", err)
	}
	e.settle("g")
	one := ids(e.group("g").Instances)[0]
	out, err := e.c.EnterStandby(t.Context(), &autoscaling.EnterStandbyInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds: []string{one}, ShouldDecrementDesiredCapacity: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Activities) != 1 || aws.ToString(out.Activities[0].Description) != "Moving EC2 instance to Standby: "+one {
		t.Errorf("activities = %+v", out.Activities)
	}
	if diff := cmp.Diff(map[string]int{"Standby": 1, "InService": 1}, e.settle("g")); diff != "" {
		t.Errorf("after EnterStandby (-want +got):\n%s", diff)
	}
	if got := aws.ToInt32(e.group("g").DesiredCapacity); got != 1 {
		t.Errorf("desired = %d, want 1", got)
	}
	if _, err := e.c.ExitStandby(t.Context(), &autoscaling.ExitStandbyInput{AutoScalingGroupName: aws.String("g"), InstanceIds: []string{one}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"Pending": 1, "InService": 1}, e.states("g")); diff != "" {
		t.Errorf("after ExitStandby (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("settled (-want +got):\n%s", diff)
	}
}

// DescribeAutoScalingInstances lists every group's instances, at most 50
// a page (API Reference: MaxRecords "The maximum value is 50").
func TestDescribeAutoScalingInstances(t *testing.T) {
	e := newEnv(t)
	e.createGroup("a", 0, 3, 2)
	e.createGroup("b", 0, 3, 1)
	var got []string
	var token *string
	for {
		out, err := e.c.DescribeAutoScalingInstances(t.Context(), &autoscaling.DescribeAutoScalingInstancesInput{MaxRecords: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range out.AutoScalingInstances {
			got = append(got, aws.ToString(i.AutoScalingGroupName)+"/"+aws.ToString(i.LifecycleState))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if len(got) != 3 {
		t.Errorf("instances = %v, want 3", got)
	}
	_, err := e.c.DescribeAutoScalingInstances(t.Context(), &autoscaling.DescribeAutoScalingInstancesInput{MaxRecords: aws.Int32(51)})
	if code(err) != "ValidationError" {
		t.Errorf("MaxRecords 51: %v, want ValidationError", err)
	}
	_, err = e.c.DescribeAutoScalingInstances(t.Context(), &autoscaling.DescribeAutoScalingInstancesInput{NextToken: aws.String("bogus!")})
	if code(err) != "InvalidNextToken" {
		t.Errorf("bad token: %v, want InvalidNextToken", err)
	}
}

// DescribeScalingActivities answers newest first and pages (API
// Reference, DescribeScalingActivities: MaxRecords at most 100); a
// filter by activity ID finds one.
func TestActivitiesPaging(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 5, 5)
	var got []string
	p := autoscaling.NewDescribeScalingActivitiesPaginator(e.c, &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("g"), MaxRecords: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.Activities {
			got = append(got, strings.TrimPrefix(aws.ToString(a.Description), "Launching a new EC2 instance: "))
		}
	}
	launched := ids(e.group("g").Instances)
	slices.Reverse(launched) // newest first
	if diff := cmp.Diff(launched, got); diff != "" {
		t.Errorf("activities (-want +got):\n%s", diff)
	}
	all := e.activities("g")
	out, err := e.c.DescribeScalingActivities(t.Context(), &autoscaling.DescribeScalingActivitiesInput{ActivityIds: []string{aws.ToString(all[2].ActivityId)}})
	if err != nil || len(out.Activities) != 1 || aws.ToString(out.Activities[0].ActivityId) != aws.ToString(all[2].ActivityId) {
		t.Errorf("by ID: %+v, %v", out, err)
	}
	if _, err := e.c.DescribeScalingActivities(t.Context(), &autoscaling.DescribeScalingActivitiesInput{MaxRecords: aws.Int32(101)}); code(err) != "ValidationError" {
		t.Errorf("MaxRecords 101: %v, want ValidationError", err)
	}
}
