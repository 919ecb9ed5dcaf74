package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/asec2"
	"github.com/goboto/goboto/ec2"
)

// 1. boto's LaunchConfiguration is a launch template today, and the
// group's zones come from the subnets it is given.
func launchTemplate(ctx context.Context, w *walk, o options) error {
	zones, err := twoZones(ctx, w.ec2)
	if err != nil {
		return err
	}
	w.call("vpc, err := ec2conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: \"10.77.0.0/16\"})")
	vpc, err := w.ec2.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.77.0.0/16", Tags: ec2.Tags{"Name": name}})
	if err != nil {
		return err
	}
	w.later("vpc.Delete(ctx)", vpc.Delete)
	w.call("subnets, err := vpc.CreateSubnets(ctx, {CIDR: \"10.77.1.0/24\", Zone: %q}, {CIDR: \"10.77.2.0/24\", Zone: %q})", zones[0], zones[1])
	subnets, err := vpc.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.77.1.0/24", Zone: zones[0], Tags: ec2.Tags{"Name": name}},
		ec2.SubnetOptions{CIDR: "10.77.2.0/24", Zone: zones[1], Tags: ec2.Tags{"Name": name}})
	if err != nil {
		return err
	}
	w.subnets = map[string]string{}
	for i, s := range subnets {
		w.later(fmt.Sprintf("subnets[%d].Delete(ctx)", i), s.Delete)
		w.subnets[s.ID] = "subnet-" + string(rune('a'+i))
		w.result("%s: %s in %s", w.subnets[s.ID], s.CIDR, s.Zone)
	}

	w.call("lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: %q, Data: ec2.LaunchTemplateData{ImageID: %q, InstanceType: %q}})",
		name, shownAMI(w, o.ami), o.instanceType)
	lt, err := w.ec2.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: name,
		Data: ec2.LaunchTemplateData{ImageID: o.ami, InstanceType: o.instanceType}})
	if err != nil {
		return err
	}
	w.later("lt.Delete(ctx)", lt.Delete)
	w.template = lt
	w.result("%s, version %d", lt.Name, lt.LatestVersion)
	return nil
}

// twoZones returns two of the region's Availability Zones.
func twoZones(ctx context.Context, conn *ec2.Conn) ([]string, error) {
	var zones []string
	for z, err := range conn.Zones(ctx, ec2.Filter{"zone-type": {"availability-zone"}, "state": {"available"}}) {
		if err != nil {
			return nil, err
		}
		zones = append(zones, z.Name)
	}
	slices.Sort(zones)
	if len(zones) < 2 {
		return nil, fmt.Errorf("the region has %d available zones; the tutorial needs two", len(zones))
	}
	return zones[:2], nil
}

// shownAMI shows the fakes' default image, the same on every run, and
// hides a user's.
func shownAMI(w *walk, id string) string {
	if w.env.Local {
		return id
	}
	return "ami-…"
}

// 2. boto's AutoScalingGroup, across two subnets: AutoScaling spreads
// the instances over their zones.
func createGroup(ctx context.Context, w *walk, _ options) error {
	var subnets []string
	for id := range w.subnets {
		subnets = append(subnets, id)
	}
	slices.Sort(subnets)
	w.call("g, err := as.CreateGroup(ctx, autoscale.GroupOptions{Name: %q,", name)
	w.call("    LaunchTemplate: &autoscale.LaunchTemplate{Name: lt.Name, Version: \"1\"}, Templates: asec2.Templates(ec2conn),")
	w.call("    Subnets: subnets, Min: 1, Max: 4, DefaultCooldown: %v,", cooldown)
	w.call("    Tags: []autoscale.Tag{{Key: \"role\", Value: \"web\", PropagateAtLaunch: true}}})")
	g, err := w.as.CreateGroup(ctx, autoscale.GroupOptions{Name: name,
		LaunchTemplate: &autoscale.LaunchTemplate{Name: w.template.Name, Version: "1"},
		// The template's version is checked with EC2 before the
		// group is made: a missing one is a *goboto.ValidationError.
		Templates: asec2.Templates(w.ec2),
		Subnets:   subnets, Min: 1, Max: 4, DefaultCooldown: cooldown,
		Tags: []autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true}}})
	if err != nil {
		return err
	}
	w.group = g
	w.later("", func(ctx context.Context) error { return deleteGroup(ctx, w) })
	w.result("%s: min %d, max %d, desired %d", g, g.Min, g.Max, g.Desired)

	// boto had no waiter; aws-sdk-go-v2's GroupInService compares the
	// instances in service with the minimum, not the desired capacity.
	w.call("g.Wait(ctx, autoscale.GroupStable, goboto.Progress(...))   // exactly desired InService, healthy, no activity")
	if err := g.Wait(ctx, autoscale.GroupStable, w.waitOptions(time.Second)...); err != nil {
		return err
	}
	showInstances(w, g)
	return nil
}

// showInstances prints the group's instances as AutoScaling lists them.
func showInstances(w *walk, g *autoscale.Group) {
	insts := slices.Clone(g.Instances)
	slices.SortFunc(insts, func(a, b *autoscale.Instance) int { return strings.Compare(a.Zone+a.ID, b.Zone+b.ID) })
	for _, i := range insts {
		w.result("%s  %s  %s  %s", i.ID, i.Zone, i.LifecycleState, i.Health)
	}
}

// showEC2 prints the group's instances as EC2 sees them.
func showEC2(ctx context.Context, w *walk) error {
	w.call("for inst, err := range asec2.Instances(ctx, g, ec2conn)   // the group's instances as ec2 handles")
	var insts []*ec2.Instance
	for inst, err := range asec2.Instances(ctx, w.group, w.ec2) {
		if err != nil {
			return err
		}
		insts = append(insts, inst)
	}
	slices.SortFunc(insts, func(a, b *ec2.Instance) int { return strings.Compare(a.Placement+a.ID, b.Placement+b.ID) })
	for _, inst := range insts {
		w.result("%s  %s  %s  %s  role=%s", inst.ID, inst.Placement, w.subnets[inst.SubnetID], inst.State, inst.Tags["role"])
	}
	return nil
}

// showCause prints why the group's newest activity happened.
func showCause(ctx context.Context, w *walk) error {
	w.call("for a, err := range g.Activities(ctx)   // newest first")
	for a, err := range w.group.Activities(ctx, autoscale.PageSize(1)) {
		if err != nil {
			return err
		}
		w.result("%s: %s", a.StatusCode, a.Description)
		w.result("cause: %s", a.Cause)
		break
	}
	return nil
}

// deleteGroup is boto's shutdown_instances and delete, then a wait for
// the deletion to end. When the tutorial failed half-way with the group
// holding an instance in a lifecycle hook, ShutdownInstances may not
// empty it: the group is then force-deleted.
func deleteGroup(ctx context.Context, w *walk) error {
	g := w.group
	w.call("g.ShutdownInstances(ctx, goboto.Progress(...))   // min = max = desired = 0, then wait until empty")
	err := g.ShutdownInstances(ctx, w.waitOptions(time.Second)...)
	if err == nil {
		w.call("g.Delete(ctx)")
		err = g.Delete(ctx)
	}
	if err != nil {
		w.result("%v", err)
		w.call("g.Delete(ctx, autoscale.ForceDelete())")
		if err := g.Delete(ctx, autoscale.ForceDelete()); err != nil {
			return err
		}
	}
	w.call("g.Wait(ctx, autoscale.GroupDeleted, goboto.Progress(...))")
	if err := g.Wait(ctx, autoscale.GroupDeleted, w.waitOptions(time.Second)...); err != nil {
		return err
	}
	err = g.Refresh(ctx)
	if !goboto.IsNotFound(err) {
		return errors.Join(errors.New("the group is still there"), err)
	}
	w.call("g.Refresh(ctx)")
	w.result("%s", notFound(err))
	return nil
}

// notFound shows a not-found error by its code and message: goboto
// names the case AutoScaling answers with an empty list.
func notFound(err error) string {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return fmt.Sprintf("goboto.IsNotFound: %s: %s", ae.Code, ae.Message)
	}
	return err.Error()
}
