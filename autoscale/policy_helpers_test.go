package autoscale_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/moto"
)

// scalingEnv is a backend the policy, schedule and hook tests run
// against, with its clock.
type scalingEnv struct {
	conn  *autoscale.Conn
	clock *fakes.Clock // nil on moto, which runs on real time
	image string
}

var scalingEpoch = time.Date(2026, 12, 6, 14, 0, 0, 0, time.UTC)

// scalingFake starts autoscaletest on a clock the test moves, with a
// CloudWatch fake its target tracking policies make their alarms in;
// signatures are taken from any time, since the clock moves by days.
func scalingFake(t *testing.T) *scalingEnv {
	t.Helper()
	clock := fakes.NewClock(scalingEpoch)
	cw, err := cloudwatchtest.NewBackend(fakes.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	srv := autoscaletest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour), autoscaletest.WithCloudWatch(cw.Call))
	return &scalingEnv{conn: autoscale.New(srv.Config("")), clock: clock, image: ec2test.DefaultEBSImage}
}

var groupNames = moto.Names("pol")

// group makes a group of a launch configuration in one zone, with a
// 300-second default cooldown, through the v2 client: the group
// methods are not this file's to use.
func (e *scalingEnv) group(t *testing.T, minSize, maxSize, desired int32) *autoscale.Group {
	t.Helper()
	ctx := t.Context()
	name := groupNames()
	client := e.conn.Client()
	if _, err := client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String(name),
		ImageId: aws.String(e.image), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
		LaunchConfigurationName: aws.String(name), AvailabilityZones: []string{"us-east-1a"}, DefaultCooldown: aws.Int32(300),
		MinSize: aws.Int32(minSize), MaxSize: aws.Int32(maxSize), DesiredCapacity: aws.Int32(desired)}); err != nil {
		t.Fatal(err)
	}
	return e.conn.Group(name)
}

// sizes reads the group's min, max and desired capacity.
func (e *scalingEnv) sizes(t *testing.T, g *autoscale.Group) [3]int32 {
	t.Helper()
	out, err := e.conn.Client().DescribeAutoScalingGroups(t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{g.Name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.AutoScalingGroups) != 1 {
		t.Fatalf("group %s: %d found", g.Name, len(out.AutoScalingGroups))
	}
	x := out.AutoScalingGroups[0]
	return [3]int32{aws.ToInt32(x.MinSize), aws.ToInt32(x.MaxSize), aws.ToInt32(x.DesiredCapacity)}
}

// launchHeld raises g's desired capacity by one and returns the
// instance its launch hook holds in Pending:Wait.
func (e *scalingEnv) launchHeld(t *testing.T, g *autoscale.Group) string {
	t.Helper()
	ctx := t.Context()
	client := e.conn.Client()
	s := e.sizes(t, g)
	if _, err := client.SetDesiredCapacity(ctx, &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String(g.Name), DesiredCapacity: aws.Int32(s[2] + 1)}); err != nil {
		t.Fatal(err)
	}
	// The launch reaches its hook once EC2 has started the instance.
	var states []string
	for range 5 {
		if e.clock != nil {
			e.clock.Advance(time.Minute)
		}
		out, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{g.Name}})
		if err != nil {
			t.Fatal(err)
		}
		states = states[:0]
		for _, in := range out.AutoScalingGroups[0].Instances {
			if in.LifecycleState == "Pending:Wait" {
				return aws.ToString(in.InstanceId)
			}
			states = append(states, aws.ToString(in.InstanceId)+" "+string(in.LifecycleState))
		}
	}
	t.Fatalf("no instance of %s in Pending:Wait: %v", g.Name, states)
	return ""
}
