package suite

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/testutil"
)

// A group's instances are described one by one, an instance marked
// Unhealthy is replaced, and one terminated with a decrement is not
// (API Reference: DescribeAutoScalingInstances, AutoScalingInstanceDetails
// HealthStatus "Healthy means that the instance is healthy and should
// remain in service. Unhealthy means that the instance is unhealthy and
// Amazon EC2 Auto Scaling should terminate and replace it", whose
// example answers "HEALTHY"; SetInstanceHealth;
// TerminateInstanceInAutoScalingGroup, ShouldDecrementDesiredCapacity
// "Indicates whether terminating the instance also decrements the size
// of the Auto Scaling group").
func testInstances(t *testing.T, env Env) {
	ctx := t.Context()
	id, _ := template(t, env)
	name := env.NewName()
	in := groupInput(env, name, id)
	in.DesiredCapacity = aws.Int32(2)
	createGroup(t, env, in)
	g := waitStable(t, env, name, 2)
	ids := []string{aws.ToString(g.Instances[0].InstanceId), aws.ToString(g.Instances[1].InstanceId)}

	out, err := env.Client.DescribeAutoScalingInstances(ctx, &autoscaling.DescribeAutoScalingInstancesInput{InstanceIds: ids})
	if err != nil {
		t.Fatalf("%s: DescribeAutoScalingInstances: %v", env.Name, err)
	}
	wantHealth := "HEALTHY"
	if env.Diff.InstanceHealthMixedCase {
		wantHealth = "Healthy"
	}
	if len(out.AutoScalingInstances) != 2 {
		t.Errorf("%s: DescribeAutoScalingInstances %v: %d instances", env.Name, ids, len(out.AutoScalingInstances))
	}
	for _, d := range out.AutoScalingInstances {
		if aws.ToString(d.AutoScalingGroupName) != name || aws.ToString(d.LifecycleState) != "InService" ||
			aws.ToString(d.HealthStatus) != wantHealth || !slices.Contains(ids, aws.ToString(d.InstanceId)) ||
			!slices.Contains(env.Zones, aws.ToString(d.AvailabilityZone)) {
			t.Errorf("%s: DescribeAutoScalingInstances: %s in %s, %s, %s in %s; want InService and %s in group %s", env.Name,
				aws.ToString(d.InstanceId), aws.ToString(d.AutoScalingGroupName), aws.ToString(d.LifecycleState), aws.ToString(d.HealthStatus),
				aws.ToString(d.AvailabilityZone), wantHealth, name)
		}
	}

	// Unhealthy: replaced.
	if _, err := env.Client.SetInstanceHealth(ctx, &autoscaling.SetInstanceHealthInput{InstanceId: aws.String(ids[0]),
		HealthStatus: aws.String("Unhealthy"), ShouldRespectGracePeriod: aws.Bool(false)}); err != nil {
		t.Fatalf("%s: SetInstanceHealth: %v", env.Name, err)
	}
	replaced := false
	for range 60 {
		g = describeGroup(t, env, name)
		if inService(g) == 2 && !slices.ContainsFunc(g.Instances, func(i autoscalingInstance) bool { return aws.ToString(i.InstanceId) == ids[0] }) {
			replaced = true
			break
		}
		if env.Diff.KeepsUnhealthy {
			break
		}
		tick(env)
	}
	if env.Diff.KeepsUnhealthy {
		if replaced || !slices.ContainsFunc(g.Instances, func(i autoscalingInstance) bool {
			return aws.ToString(i.InstanceId) == ids[0] && aws.ToString(i.HealthStatus) == "Unhealthy"
		}) {
			t.Errorf("%s: after SetInstanceHealth Unhealthy: %s; the flag KeepsUnhealthy says it stays, Unhealthy", env.Name, fmtInstances(g.Instances))
		}
	} else {
		if !replaced {
			t.Fatalf("%s: the Unhealthy instance %s was never replaced: %s", env.Name, ids[0], fmtInstances(g.Instances))
		}
		if s := ec2State(t, env, ids[0]); s != ec2types.InstanceStateNameShuttingDown && s != ec2types.InstanceStateNameTerminated {
			t.Errorf("%s: the replaced instance %s is %s in EC2", env.Name, ids[0], s)
		}
	}

	// Terminated with a decrement: not replaced.
	term, err := env.Client.TerminateInstanceInAutoScalingGroup(ctx, &autoscaling.TerminateInstanceInAutoScalingGroupInput{
		InstanceId: aws.String(ids[1]), ShouldDecrementDesiredCapacity: aws.Bool(true)})
	if err != nil {
		t.Fatalf("%s: TerminateInstanceInAutoScalingGroup: %v", env.Name, err)
	}
	if term.Activity == nil || aws.ToString(term.Activity.AutoScalingGroupName) != name {
		t.Errorf("%s: TerminateInstanceInAutoScalingGroup activity %s", env.Name, show(term.Activity))
	}
	g = waitStable(t, env, name, 1)
	if aws.ToInt32(g.DesiredCapacity) != 1 || slices.ContainsFunc(g.Instances, func(i autoscalingInstance) bool { return aws.ToString(i.InstanceId) == ids[1] }) {
		t.Errorf("%s: after terminating %s with a decrement: desired %d, instances %s", env.Name, ids[1], aws.ToInt32(g.DesiredCapacity), fmtInstances(g.Instances))
	}

	_, err = env.Client.TerminateInstanceInAutoScalingGroup(ctx, &autoscaling.TerminateInstanceInAutoScalingGroupInput{
		InstanceId: aws.String("i-0123456789abcdef0"), ShouldDecrementDesiredCapacity: aws.Bool(false)})
	if env.Diff.UnknownInstanceFails {
		if err == nil || testutil.ErrorCode(err) == "ValidationError" {
			t.Errorf("%s: terminating an unknown instance: %v; the flag UnknownInstanceFails says a server error", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: terminating an unknown instance: %v, want ValidationError", env.Name, err)
	}
}

// ec2State is the instance's state in env's EC2.
func ec2State(t *testing.T, env Env, id string) ec2types.InstanceStateName {
	t.Helper()
	out, err := env.EC2.DescribeInstances(t.Context(), &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
	if err != nil || len(out.Reservations) != 1 || len(out.Reservations[0].Instances) != 1 {
		t.Fatalf("%s: DescribeInstances %s: %v", env.Name, id, err)
	}
	return out.Reservations[0].Instances[0].State.Name
}
