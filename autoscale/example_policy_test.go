package autoscale_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// policyExampleGroup starts a fake AutoScaling on a clock and makes the
// group "web" (min 1, max 6) of a launch configuration.
func policyExampleGroup() (*autoscale.Group, *fakes.Clock, func()) {
	clock := fakes.NewClock(time.Date(2026, 12, 6, 14, 0, 0, 0, time.UTC))
	srv, err := autoscaletest.New(fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	conn := autoscale.New(srv.Config(""))
	if _, err := conn.CreateLaunchConfiguration(ctx, autoscale.LaunchConfigOptions{Name: "web", ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}); err != nil {
		log.Fatal(err)
	}
	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: "web", LaunchConfiguration: "web", Zones: []string{"us-east-1a"}, Min: 1, Max: 6})
	if err != nil {
		log.Fatal(err)
	}
	return g, clock, func() { srv.Close() }
}

// desiredOf reads a group's desired capacity.
func desiredOf(g *autoscale.Group) int {
	if err := g.Refresh(context.Background()); err != nil {
		log.Fatal(err)
	}
	return g.Desired
}

// A step policy scales by how far the metric is past its alarm's
// threshold; Execute runs it as the alarm would.
func ExampleGroup_PutPolicy() {
	g, clock, stop := policyExampleGroup()
	defer stop()
	ctx := context.Background()

	p, err := g.PutPolicy(ctx, "scale-out", autoscale.PolicyOptions{
		Type:           autoscale.PolicyStep,
		AdjustmentType: autoscale.ChangeInCapacity,
		Steps: []autoscale.Step{
			{Lower: 0, Upper: 20, Adjustment: 1},           // up to 20 above the threshold
			{Lower: 20, Upper: math.Inf(1), Adjustment: 3}, // beyond
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(p.ARN, ":scalingPolicy:"), strings.HasSuffix(p.ARN, ":autoScalingGroupName/web:policyName/scale-out"))

	// The group's first instance launches and warms up: until then a
	// step policy leaves it out of the capacity it adds to.
	clock.Advance(10 * time.Minute)
	// CPU at 95 against a threshold of 70: 25 above, the second step.
	if err := p.Execute(ctx, autoscale.Breach(95, 70)); err != nil {
		log.Fatal(err)
	}
	fmt.Println("desired:", desiredOf(g))
	// Output:
	// true true
	// desired: 4
}

// A cooldown belongs to simple policies only; AutoScaling's rule is
// checked before anything is sent.
func ExampleGroup_PutPolicy_validation() {
	g, _, stop := policyExampleGroup()
	defer stop()
	minute := time.Minute
	_, err := g.PutPolicy(context.Background(), "cpu", autoscale.PolicyOptions{
		Type:           autoscale.PolicyTargetTracking,
		TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 50},
		Cooldown:       &minute,
	})
	var ve *goboto.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
	// Output: true Cooldown
}

// A recurring scheduled action in a time zone runs on the fake's clock.
func ExampleGroup_Schedule() {
	g, clock, stop := policyExampleGroup()
	defer stop()
	ctx := context.Background()

	three := 3
	a, err := g.Schedule(ctx, "weekday-mornings", autoscale.ScheduleOptions{
		Recurrence: "0 8 * * MON-FRI",
		TimeZone:   "Europe/Paris",
		Desired:    &three,
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := a.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("next run:", a.StartTime.UTC().Format(time.RFC3339))

	clock.Set(a.StartTime)
	fmt.Println("desired:", desiredOf(g))
	// Output:
	// next run: 2026-12-07T07:00:00Z
	// desired: 3
}

// A launch hook holds each new instance in Pending:Wait until the
// bootstrap says it is ready.
func ExampleHook_Complete() {
	g, clock, stop := policyExampleGroup()
	defer stop()
	ctx := context.Background()

	hook, err := g.PutLifecycleHook(ctx, "bootstrap", autoscale.HookOptions{
		Transition:       autoscale.TransitionLaunching,
		HeartbeatTimeout: 10 * time.Minute,
		DefaultResult:    autoscale.HookAbandon,
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := g.SetDesiredCapacity(ctx, 2); err != nil {
		log.Fatal(err)
	}
	clock.Advance(time.Minute) // EC2 starts the instance
	if err := g.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	for _, in := range g.Instances {
		if in.LifecycleState == autoscale.InstancePendingWait {
			fmt.Println("held:", in.LifecycleState)
			if err := hook.Complete(ctx, autoscale.LifecycleAction{InstanceID: in.ID}, autoscale.HookContinue); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := g.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	var states []string
	for _, in := range g.Instances {
		states = append(states, string(in.LifecycleState))
	}
	fmt.Println(states)
	// Both launches wait: the first had not started when the hook came.

	// Output:
	// held: Pending:Wait
	// held: Pending:Wait
	// [InService InService]
}

// A target tracking policy keeps the group's average CPU near its
// target: AutoScaling makes its two CloudWatch alarms and, when the
// group runs hot, scales out in proportion. In the local cloud a test
// drives the instances' CPU with the CloudWatch fake's SetInstanceMetric.
func ExampleGroup_PutPolicy_targetTracking() {
	clock := fakes.NewClock(time.Date(2026, 12, 6, 14, 0, 0, 0, time.UTC))
	cloud, err := localcloud.New(fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	defer cloud.Close()
	ctx := context.Background()
	conn := autoscale.New(cloud.Config(""))
	if _, err := conn.CreateLaunchConfiguration(ctx, autoscale.LaunchConfigOptions{Name: "web", ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}); err != nil {
		log.Fatal(err)
	}
	two := 2
	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: "web", LaunchConfiguration: "web", Zones: []string{"us-east-1a"}, Min: 2, Max: 6, Desired: &two})
	if err != nil {
		log.Fatal(err)
	}
	warmup := time.Minute
	p, err := g.PutPolicy(ctx, "cpu50", autoscale.PolicyOptions{
		Type:                    autoscale.PolicyTargetTracking,
		TargetTracking:          &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 50},
		EstimatedInstanceWarmup: &warmup,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range p.Alarms {
		fmt.Println(a.Name[:len(a.Name)-len("-0123abcd-0123-4567-89ab-0123456789ab")]) // less the UUID
	}

	// minutes moves the cloud on, letting CloudWatch evaluate each minute.
	minutes := func(n int) {
		for range n {
			clock.Advance(time.Minute)
			cloud.CloudWatch().Evaluate()
		}
	}
	minutes(3) // the two instances launch and warm up
	if err := g.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	for _, in := range g.Instances {
		if err := cloud.CloudWatch().SetInstanceMetric(fakes.TestAccountID, fakes.DefaultRegion, in.ID, "CPUUtilization", 90); err != nil {
			log.Fatal(err)
		}
	}
	minutes(3) // AlarmHigh: above 50 for three minutes
	fmt.Println("desired:", desiredOf(g))
	// Output:
	// TargetTracking-web-AlarmHigh
	// TargetTracking-web-AlarmLow
	// desired: 4
}
