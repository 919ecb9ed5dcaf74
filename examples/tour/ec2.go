package main

import (
	"context"
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
