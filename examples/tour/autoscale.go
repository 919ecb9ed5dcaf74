package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
)

const tourGroup = "goboto-tour-web"

func autoscaleChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := autoscale.New(env.Config)
	t.call("conn := autoscale.New(cfg)   // %s", conn.Region())
	zones := []string{env.Config.Region + "a", env.Config.Region + "b"}

	// Checked before sending, so it runs on a real account too.
	t.call("conn.CreateGroup(ctx, autoscale.GroupOptions{Name: %q, ..., Min: 3, Max: 2})", tourGroup)
	_, err = conn.CreateGroup(ctx, autoscale.GroupOptions{Name: tourGroup, Zones: zones, Min: 3, Max: 2,
		LaunchTemplate: &autoscale.LaunchTemplate{Name: tourGroup}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("min above max was not refused: %v", err)
	}
	t.result("*goboto.ValidationError: %v", ve)

	if !env.Local {
		t.result("a group launches instances, which costs money: on a real account this chapter only lists groups")
		n := 0
		for _, err := range conn.Groups(ctx) {
			if err != nil {
				return err
			}
			n++
		}
		t.result("%d groups; examples/autoscale runs boto's whole AutoScale tutorial", n)
		return nil
	}
	wait := []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(50 * time.Millisecond)}

	ec2conn := ec2.New(env.Config)
	t.call("lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: %q, Data: ec2.LaunchTemplateData{ImageID: %q, InstanceType: \"t3.micro\"}})",
		tourGroup, ec2test.DefaultEBSImage)
	lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: tourGroup,
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}})
	if err != nil {
		return err
	}
	defer func() {
		t.call("lt.Delete(ctx)")
		if derr := lt.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()

	t.call("g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: %q, LaunchTemplate: &autoscale.LaunchTemplate{Name: lt.Name, Version: autoscale.VersionLatest},", tourGroup)
	t.call("    Zones: []string{%q, %q}, Min: 0, Max: 3, Desired: new(1)})", zones[0], zones[1])
	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: tourGroup,
		LaunchTemplate: &autoscale.LaunchTemplate{Name: lt.Name, Version: autoscale.VersionLatest},
		Zones:          zones, Min: 0, Max: 3, Desired: new(1)})
	if err != nil {
		return err
	}
	defer func() {
		t.call("g.ShutdownInstances(ctx); g.Delete(ctx); g.Wait(ctx, autoscale.GroupDeleted)   // boto's shutdown_instances, then delete")
		derr := g.ShutdownInstances(ctx, wait...)
		if derr == nil {
			derr = g.Delete(ctx)
		}
		if derr == nil {
			derr = g.Wait(ctx, autoscale.GroupDeleted, wait...)
		}
		if derr != nil && err == nil {
			err = derr
		}
	}()
	// aws-sdk-go-v2's GroupInService waiter compares the instances in
	// service with MinSize: with Min 0 it would pass at once.
	if err := waitStable(ctx, t, g, wait); err != nil {
		return err
	}

	t.call("p, err := g.PutPolicy(ctx, \"scale-out\", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 1})")
	p, err := g.PutPolicy(ctx, "scale-out", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 1})
	if err != nil {
		return err
	}
	t.call("p.Execute(ctx)   // as a CloudWatch alarm would")
	if err := p.Execute(ctx); err != nil {
		return err
	}
	return waitStable(ctx, t, g, wait)
}

// waitStable waits for the group to be stable and shows where its
// instances are.
func waitStable(ctx context.Context, t *transcript, g *autoscale.Group, wait []goboto.WaitOption) error {
	t.call("g.Wait(ctx, autoscale.GroupStable, goboto.Progress(...))   // exactly desired InService, healthy, no activity")
	var last string
	if err := g.Wait(ctx, autoscale.GroupStable, append(wait, goboto.Progress(func(s string, _ time.Duration) { last = s }))...); err != nil {
		return err
	}
	// Which zone gets a lone instance is AutoScaling's choice; a second
	// one goes to the other zone.
	zones := map[string]int{}
	for _, i := range g.Instances {
		zones[i.Zone]++
	}
	where := fmt.Sprintf("across %d zones", len(zones))
	if len(zones) == 1 {
		where = "in one zone"
	}
	t.result("%s: desired %d, %d InService %s", last, g.Desired, len(g.Instances), where)
	return nil
}
