package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
)

// options are the command's flags beyond exenv's.
type options struct {
	ami, key, instanceType string
}

func run(ctx context.Context, w io.Writer, env *exenv.Env, o options) (err error) {
	if o.ami == "" {
		if !env.Local {
			return errors.New("-ami (an EBS-backed image) is required with -aws")
		}
		o.ami = ec2test.DefaultEBSImage
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	conn := ec2.New(env.Config)
	wait := []goboto.WaitOption{goboto.Timeout(15 * time.Minute), goboto.Interval(5 * time.Second)}
	if env.Local {
		wait = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	}
	tags := ec2.Tags{"Name": "ephemeral-demo"}

	say("> inst, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: %q, InstanceType: %q,", kindAMI(o.ami, env), o.instanceType)
	say("      BlockDevices: {\"/dev/sda2\": {Ephemeral: \"ephemeral0\"}, \"/dev/sda3\": {Ephemeral: \"ephemeral1\"}}})")
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: o.ami, KeyName: o.key, InstanceType: o.instanceType, Tags: tags,
		BlockDevices: ec2.BlockDeviceMapping{
			"/dev/sda2": {Ephemeral: "ephemeral0"},
			"/dev/sda3": {Ephemeral: "ephemeral1"},
		}})
	if err != nil {
		return err
	}
	inst := res.Instances[0]
	var vol *ec2.Volume
	terminated := false
	defer func() {
		if err == nil || terminated {
			return
		}
		// A step failed: leave neither the instance nor the volume behind.
		ctx := context.Background()
		if terr := inst.Terminate(ctx); terr != nil {
			err = errors.Join(err, terr)
			return
		}
		if vol == nil {
			return
		}
		if werr := inst.Wait(ctx, ec2.InstanceTerminated, wait...); werr != nil {
			err = errors.Join(err, werr)
			return
		}
		if derr := vol.Delete(ctx); derr != nil && !goboto.IsNotFound(derr) {
			err = errors.Join(err, derr)
		}
	}()
	if err := inst.Wait(ctx, ec2.InstanceRunning, wait...); err != nil {
		return err
	}
	say("    %s is %s in %s, root device %s (%s)", kind(inst.ID), inst.State, inst.Placement, inst.RootDeviceName, inst.RootDeviceType)
	devices(say, inst)
	say("    (EC2 lists only EBS volumes on an instance: ephemeral0 and ephemeral1 are on the host, not shown)")

	say("> vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: inst.Placement, Type: \"gp3\"})")
	vol, err = conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: inst.Placement, Type: "gp3", Tags: tags})
	if err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	say("> vol.Attach(ctx, inst.ID, \"/dev/sdf\")")
	if err := vol.Attach(ctx, inst.ID, "/dev/sdf"); err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse, wait...); err != nil {
		return err
	}
	if err := waitAttached(ctx, inst, "/dev/sdf", wait); err != nil {
		return err
	}
	say("> inst.Refresh(ctx)")
	devices(say, inst)
	say("    (a volume attached after launch outlives the instance unless told otherwise)")

	say("> inst.DeleteVolumeOnTermination(ctx, \"/dev/sdf\")")
	if err := inst.DeleteVolumeOnTermination(ctx, "/dev/sdf"); err != nil {
		return err
	}
	say("> inst.Refresh(ctx)")
	if err := inst.Refresh(ctx); err != nil {
		return err
	}
	devices(say, inst)

	say("> inst.Terminate(ctx); inst.Wait(ctx, ec2.InstanceTerminated)")
	if err := inst.Terminate(ctx); err != nil {
		return err
	}
	terminated = true
	if err := inst.Wait(ctx, ec2.InstanceTerminated, wait...); err != nil {
		return err
	}
	say("    %s is %s", kind(inst.ID), inst.State)
	say("> vol.Wait(ctx, ec2.VolumeDeleted)")
	if err := vol.Wait(ctx, ec2.VolumeDeleted, wait...); err != nil {
		return err
	}
	err = vol.Refresh(ctx)
	if !goboto.IsNotFound(err) {
		return fmt.Errorf("the data volume after termination: want not found, got %v (state %s)", err, vol.State)
	}
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		say("    %s went with the instance: vol.Refresh answers %s", kind(vol.ID), ae.Code)
	} else {
		say("    %s went with the instance: %v", kind(vol.ID), err)
	}
	return nil
}

// waitAttached refreshes inst until its device reports "attached": the
// volume says in-use as soon as the attachment starts.
func waitAttached(ctx context.Context, inst *ec2.Instance, device string, wait []goboto.WaitOption) error {
	deadline := time.Now().Add(time.Minute)
	for {
		if err := inst.Refresh(ctx); err != nil {
			return err
		}
		if inst.BlockDevices[device].Status == "attached" {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: %s still %q after a minute", inst.ID, device, inst.BlockDevices[device].Status)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// devices prints an instance's EBS devices by name.
func devices(say func(string, ...any), inst *ec2.Instance) {
	for _, dev := range slices.Sorted(maps.Keys(inst.BlockDevices)) {
		d := inst.BlockDevices[dev]
		say("    %s: %s %s, delete on termination %v", dev, kind(d.VolumeID), d.Status, d.DeleteOnTermination)
	}
}

// kindAMI shows the fakes' default image by ID, since it is the same on
// every run, and hides a user's.
func kindAMI(id string, env *exenv.Env) string {
	if env.Local {
		return id
	}
	return kind(id)
}

// kind hides the random part of an ID so transcripts compare between runs.
func kind(id string) string {
	if i := strings.IndexByte(id, '-'); i >= 0 {
		return id[:i+1] + "…"
	}
	return id
}
