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
	ami, key, group, instanceType, manifest string
}

// demoManifest is the bundle the walkthrough uploads with ec2-upload-bundle;
// the fakes take any bucket/key path.
const demoManifest = "my-bucket/centos-4.7-i386.img.manifest.xml"

// cleanup runs undo steps last in, first out, keeping the first error.
type cleanup struct {
	say   func(format string, args ...any)
	steps []func(context.Context) error
}

func (c *cleanup) add(f func(context.Context) error) { c.steps = append(c.steps, f) }

func (c *cleanup) run(err *error) {
	ctx := context.Background()
	for _, f := range slices.Backward(c.steps) {
		if cerr := f(ctx); cerr != nil && *err == nil {
			*err = cerr
		}
	}
}

func run(ctx context.Context, w io.Writer, env *exenv.Env, o options) (err error) {
	if o.ami == "" {
		if !env.Local {
			return errors.New("-ami (an EBS-backed image to start from) is required with -aws")
		}
		o.ami = ec2test.DefaultEBSImage
	}
	if o.manifest == "" && env.Local {
		o.manifest = demoManifest
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	conn := ec2.New(env.Config)
	wait := []goboto.WaitOption{goboto.Timeout(15 * time.Minute), goboto.Interval(5 * time.Second)}
	name := "ebsami-demo"
	if env.Local {
		wait = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	} else {
		// Image names are unique per account and region.
		name += "-" + time.Now().UTC().Format("20060102-150405")
	}
	undo := &cleanup{say: say}
	defer undo.run(&err)

	runOpts := ec2.RunOptions{ImageID: o.ami, KeyName: o.key, InstanceType: o.instanceType, Tags: ec2.Tags{"Name": "ebsami-demo"}}
	if o.group != "" {
		runOpts.SecurityGroups = []string{o.group}
	}
	say("> inst, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: %q, InstanceType: %q, ...})", kindAMI(o.ami, env), o.instanceType)
	inst, err := launch(ctx, conn, runOpts, "inst", undo, wait)
	if err != nil {
		return err
	}
	say("    %s is %s in %s", kind(inst.ID), inst.State, inst.Placement)

	say("> vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: inst.Placement, Type: \"gp3\"})")
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: inst.Placement, Type: "gp3", Tags: ec2.Tags{"Name": "ebsami-demo"}})
	if err != nil {
		return err
	}
	undo.add(func(ctx context.Context) error {
		say("> vol.Delete(ctx)")
		return vol.Delete(ctx)
	})
	if err := vol.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	say("    %s, %d GiB, %s", kind(vol.ID), vol.Size, vol.State)
	say("> vol.Attach(ctx, inst.ID, \"/dev/sdh\")")
	if err := vol.Attach(ctx, inst.ID, "/dev/sdh"); err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse, wait...); err != nil {
		return err
	}
	say("    %s", vol.State)
	say("    (here the walkthrough logs in, runs mkfs on /dev/sdh and copies the root file system onto it)")
	say("> vol.Detach(ctx)")
	if err := vol.Detach(ctx); err != nil {
		return err
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	say("    %s", vol.State)

	say("> snap, err := vol.CreateSnapshot(ctx, \"Initial snapshot for an EBS-backed AMI\")")
	snap, err := vol.CreateSnapshot(ctx, "Initial snapshot for an EBS-backed AMI")
	if err != nil {
		return err
	}
	undo.add(func(ctx context.Context) error {
		say("> snap.Delete(ctx)")
		return snap.Delete(ctx)
	})
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, wait...); err != nil {
		return err
	}
	say("    %s %s (%s), %d GiB", kind(snap.ID), snap.State, snap.Progress, snap.VolumeSize)

	devices := ec2.BlockDeviceMapping{
		"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap.ID, DeleteOnTermination: true}},
		"/dev/sdb":  {Ephemeral: "ephemeral0"},
	}
	say("> img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: %q, Architecture: %q, ENASupport: true,", name, inst.Architecture)
	say("      RootDeviceName: \"/dev/sda1\",")
	say("      BlockDevices: {\"/dev/sda1\": {EBS: &ec2.EBS{SnapshotID: snap.ID, DeleteOnTermination: true}}, \"/dev/sdb\": {Ephemeral: \"ephemeral0\"}}})")
	img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{
		Name: name, Description: "EBS-backed image from the goboto ebsami example",
		Architecture: inst.Architecture, RootDeviceName: "/dev/sda1", BlockDevices: devices,
		VirtualizationType: inst.VirtualizationType, ENASupport: true,
	})
	if err != nil {
		return err
	}
	undo.add(func(ctx context.Context) error {
		say("> img.Deregister(ctx)")
		return img.Deregister(ctx)
	})
	if err := img.Wait(ctx, ec2.ImageAvailable, wait...); err != nil {
		return err
	}
	say("    %s %s, root %s on %s", kind(img.ID), img.State, img.RootDeviceType, img.RootDeviceName)
	for _, dev := range slices.Sorted(maps.Keys(img.BlockDevices)) {
		say("    image maps %s", describeMapping(dev, img.BlockDevices[dev]))
	}

	runOpts.ImageID = img.ID
	say("> inst2, err := img.Run(ctx, ec2.RunOptions{InstanceType: %q, ...})", o.instanceType)
	inst2, err := launchImage(ctx, img, runOpts, "inst2", undo, wait)
	if err != nil {
		return err
	}
	say("    %s is %s, root device %s (%s)", kind(inst2.ID), inst2.State, inst2.RootDeviceName, inst2.RootDeviceType)
	for _, dev := range slices.Sorted(maps.Keys(inst2.BlockDevices)) {
		d := inst2.BlockDevices[dev]
		say("    %s: %s %s, delete on termination %v", dev, kind(d.VolumeID), d.Status, d.DeleteOnTermination)
	}
	say("    (instance store volumes such as ephemeral0 are not listed on an instance; the image's mapping says where they go)")

	if o.manifest != "" {
		if err := instanceStore(ctx, say, conn, o.manifest, name, undo); err != nil {
			return err
		}
	}
	say("\nCleaning up:")
	return nil
}

// launch runs one instance, arranges for it to be terminated and waits
// for it to run.
func launch(ctx context.Context, conn *ec2.Conn, o ec2.RunOptions, label string, undo *cleanup, wait []goboto.WaitOption) (*ec2.Instance, error) {
	res, err := conn.RunInstances(ctx, o)
	if err != nil {
		return nil, err
	}
	return started(ctx, res, label, undo, wait)
}

// launchImage is launch through Image.Run.
func launchImage(ctx context.Context, img *ec2.Image, o ec2.RunOptions, label string, undo *cleanup, wait []goboto.WaitOption) (*ec2.Instance, error) {
	res, err := img.Run(ctx, o)
	if err != nil {
		return nil, err
	}
	return started(ctx, res, label, undo, wait)
}

// started arranges for the reservation's instance to be terminated (and
// waited for, so that its volumes are gone before the program ends) and
// waits for it to run.
func started(ctx context.Context, res *ec2.Reservation, label string, undo *cleanup, wait []goboto.WaitOption) (*ec2.Instance, error) {
	inst := res.Instances[0]
	undo.add(func(ctx context.Context) error {
		undo.say("> %s.Terminate(ctx); %s.Wait(ctx, ec2.InstanceTerminated)", label, label)
		if err := inst.Terminate(ctx); err != nil {
			return err
		}
		return inst.Wait(ctx, ec2.InstanceTerminated, wait...)
	})
	return inst, inst.Wait(ctx, ec2.InstanceRunning, wait...)
}

// instanceStore registers an instance-store image from a bundle's manifest
// in S3, as ec2-register does, shows it and arranges for it to be
// deregistered.
func instanceStore(ctx context.Context, say func(string, ...any), conn *ec2.Conn, manifest, name string, undo *cleanup) error {
	say("\nThe instance-store route: register a bundle uploaded to S3")
	name = strings.Replace(name, "ebsami-demo", "centos-4.7-i386", 1)
	say("> s3img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: %q, Location: %q})", name, manifest)
	img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: name, Location: manifest})
	if err != nil {
		return err
	}
	undo.add(func(ctx context.Context) error {
		say("> s3img.Deregister(ctx)")
		return img.Deregister(ctx)
	})
	if err := img.Refresh(ctx); err != nil {
		return err
	}
	say("    %s %s, root %s, manifest %s", kind(img.ID), img.State, img.RootDeviceType, img.Location)
	return nil
}

// describeMapping prints one device of an image's block-device mapping.
func describeMapping(dev string, d ec2.BlockDevice) string {
	switch {
	case d.EBS != nil && d.EBS.SnapshotID != "":
		return fmt.Sprintf("%s to EBS from %s (%d GiB, delete on termination %v)", dev, kind(d.EBS.SnapshotID), d.EBS.Size, d.EBS.DeleteOnTermination)
	case d.EBS != nil:
		return fmt.Sprintf("%s to a new %d GiB EBS volume", dev, d.EBS.Size)
	case d.Ephemeral != "":
		return fmt.Sprintf("%s to instance store %s", dev, d.Ephemeral)
	}
	return dev + " to no device"
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
