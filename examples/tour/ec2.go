package main

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
)

func ec2Chapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := ec2.New(env.Config)
	t.call("conn := ec2.New(cfg)   // %s", conn.Region())
	if err := defaultVPC(ctx, t, conn); err != nil {
		return err
	}
	if !env.Local {
		t.result("launching instances costs money: on a real account this chapter only lists them")
		n := 0
		for _, err := range conn.Instances(ctx, ec2.Filter{"instance-state-name": {"running"}}) {
			if err != nil {
				return err
			}
			n++
		}
		t.result("%d running instances", n)
		return nil
	}
	wait := []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	zone := env.Config.Region + "a"

	t.call("res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: %q, InstanceType: \"t3.micro\", Zone: %q})", ec2test.DefaultEBSImage, zone)
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro", Zone: zone,
		Tags: ec2.Tags{"Name": "tour"}})
	if err != nil {
		return err
	}
	inst := res.Instances[0]
	defer func() {
		t.call("inst.Terminate(ctx)")
		if terr := inst.Terminate(ctx); terr != nil && err == nil {
			err = terr
		}
	}()
	t.result("reservation of %d instance, state %s", len(res.Instances), inst.State)
	t.call("inst.Wait(ctx, ec2.InstanceRunning, goboto.Progress(...))")
	var seen []string
	err = inst.Wait(ctx, ec2.InstanceRunning, append(wait, goboto.Progress(func(state string, _ time.Duration) {
		if len(seen) == 0 || seen[len(seen)-1] != state {
			seen = append(seen, state)
		}
	}))...)
	if err != nil {
		return err
	}
	t.result("%s; placed in %s, root device %s", strings.Join(seen, " -> "), inst.Placement, inst.RootDeviceType)
	public := "no public IP"
	if inst.PublicIP != "" {
		public = "a public IP"
	}
	t.result("private IP %s from the zone's default subnet, and %s", inst.PrivateIP, public)

	t.call("vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: inst.Placement, Type: \"gp3\"})")
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: inst.Placement, Type: "gp3", Tags: ec2.Tags{"Name": "tour-data"}})
	if err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	t.call("vol.Attach(ctx, inst.ID, \"/dev/sdf\")")
	if err := vol.Attach(ctx, inst.ID, "/dev/sdf"); err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse, wait...); err != nil {
		return err
	}
	t.result("volume %s", vol.State)
	t.call("inst.DeleteVolumeOnTermination(ctx, \"/dev/sdf\")   // on a running instance")
	if err := inst.DeleteVolumeOnTermination(ctx, "/dev/sdf"); err != nil {
		return err
	}

	t.call("snap, err := vol.CreateSnapshot(ctx, \"nightly\")")
	snap, err := vol.CreateSnapshot(ctx, "nightly")
	if err != nil {
		return err
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, wait...); err != nil {
		return err
	}
	t.result("snapshot %s, Name tag %q copied from the volume", snap.State, snap.Tags["Name"])
	t.call("snap.Share(ctx, goboto.Accounts(\"444455556666\"))")
	if err := snap.Share(ctx, goboto.Accounts("444455556666")); err != nil {
		return err
	}
	p, err := snap.Permissions(ctx)
	if err != nil {
		return err
	}
	t.result("shared with %v (examples/sharedsnapshot shows the other side)", p.Accounts)
	t.call("snap.Delete(ctx)")
	if err := snap.Delete(ctx); err != nil {
		return err
	}

	t.printf("\nBad input is refused before anything is sent:\n")
	sent := env.CountCalls("")
	_, err = conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 20000, Zone: zone, Type: "gp2"})
	t.call("conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 20000, Zone: %q, Type: \"gp2\"})", zone)
	t.result("%v", err)
	_, err = conn.Instance("i-nothex").Attribute(ctx, ec2.AttrInstanceType)
	t.call("conn.Instance(\"i-nothex\").Attribute(ctx, ec2.AttrInstanceType)")
	t.result("%v", err)
	if n, ok := sent(); ok {
		t.result("requests sent: %d", n)
	}
	return nil
}

// defaultVPC shows the network every account starts with: in each region
// a default VPC, 172.31.0.0/16, with one default subnet per zone, where
// instances launched without a subnet go.
func defaultVPC(ctx context.Context, t *transcript, conn *ec2.Conn) error {
	t.call("vpc, err := conn.DefaultVPC(ctx)")
	vpc, err := conn.DefaultVPC(ctx)
	if goboto.IsNotFound(err) {
		t.result("this region has no default VPC: it was deleted")
		return nil
	}
	if err != nil {
		return err
	}
	t.result("%s, %s", vpc.CIDR, vpc.State)
	t.call("conn.Subnets(ctx, ec2.Filter{\"vpc-id\": {vpc.ID}, \"default-for-az\": {\"true\"}})")
	subnets, err := goboto.Collect(conn.Subnets(ctx, ec2.Filter{"vpc-id": {vpc.ID}, "default-for-az": {"true"}}))
	if err != nil {
		return err
	}
	slices.SortFunc(subnets, func(a, b *ec2.Subnet) int { return strings.Compare(a.Zone, b.Zone) })
	for _, s := range subnets {
		t.result("%s %-14s public IPs on launch %t", s.Zone, s.CIDR, s.MapPublicIPOnLaunch)
	}
	t.result("one default subnet per zone; examples/vpc builds a VPC of its own")
	return nil
}
