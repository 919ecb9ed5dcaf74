package ec2_test

import (
	"context"
	"fmt"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// The walkthrough boto users know: run an instance, attach a volume,
// snapshot it and share the snapshot.
func Example() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()

	conn := ec2.New(srv.Config("")) // or ec2.New(cfg) with cfg from config.LoadDefaultConfig
	res, err := conn.RunInstances(ctx, ec2.RunOptions{
		ImageID:      ec2test.DefaultEBSImage,
		InstanceType: "t3.micro",
		Zone:         "us-east-1a",
		Tags:         ec2.Tags{"Name": "web"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	inst := res.Instances[0]
	fmt.Println("launched:", inst.State)
	if err := inst.Wait(ctx, ec2.InstanceRunning); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("instance:", inst.State, "in", inst.Placement)

	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 10, Zone: inst.Placement, Tags: ec2.Tags{"Name": "data"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable); err != nil {
		fmt.Println(err)
		return
	}
	if err := vol.Attach(ctx, inst.ID, "/dev/sdh"); err != nil {
		fmt.Println(err)
		return
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("volume:", vol.State, "as", vol.Attachment.Device)

	snap, err := vol.CreateSnapshot(ctx, "nightly")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("snapshot:", snap.State, snap.Description, "named", snap.Tags["Name"])

	if err := snap.Share(ctx, goboto.Accounts("444455556666")); err != nil {
		fmt.Println(err)
		return
	}
	perms, err := snap.Permissions(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("shared with:", perms.Accounts, "everyone:", perms.Everyone)
	// Output:
	// launched: pending
	// instance: running in us-east-1a
	// volume: in-use as /dev/sdh
	// snapshot: completed nightly named data
	// shared with: [444455556666] everyone: false
}

func ExampleBlockDeviceMapping() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	// A bigger root volume, two instance stores, and a data volume that
	// goes when the instance does.
	// m5d.4xlarge has two instance-store disks.
	res, err := conn.RunInstances(ctx, ec2.RunOptions{
		ImageID:      ec2test.DefaultEBSImage,
		InstanceType: "m5d.4xlarge",
		BlockDevices: ec2.BlockDeviceMapping{
			"/dev/xvda": {EBS: &ec2.EBS{Size: 30, Type: "gp3", DeleteOnTermination: true}},
			"/dev/sdb":  {Ephemeral: "ephemeral0"},
			"/dev/sdc":  {Ephemeral: "ephemeral1"},
			"/dev/sdf":  {EBS: &ec2.EBS{Size: 100, Type: "gp3", DeleteOnTermination: true}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Instances), "instance launched")

	// Mistakes are caught before anything is sent.
	_, err = conn.RunInstances(ctx, ec2.RunOptions{
		ImageID:      ec2test.DefaultEBSImage,
		BlockDevices: ec2.BlockDeviceMapping{"/dev/sdf": {EBS: &ec2.EBS{Size: 70000, Type: "gp3"}}},
	})
	fmt.Println(err)
	// Output:
	// 1 instance launched
	// BlockDeviceMapping[/dev/sdf].EBS.Size: 70000 out of range 1-65536 GiB for type gp3
}

func ExampleInstance_Wait() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage})
	if err != nil {
		fmt.Println(err)
		return
	}
	inst := res.Instances[0]
	err = inst.Wait(ctx, ec2.InstanceRunning,
		goboto.Timeout(5*time.Minute),
		goboto.Progress(func(state string, elapsed time.Duration) {
			fmt.Println("instance is", state)
		}))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := inst.Stop(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stop asked:", inst.State)
	if err := inst.Wait(ctx, ec2.InstanceStopped); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("now", inst.State)
	// Output:
	// instance is running
	// stop asked: stopping
	// now stopped
}

func ExampleConn_Instances() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))
	for _, role := range []string{"web", "db", "web"} {
		_, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Tags: ec2.Tags{"role": role}})
		if err != nil {
			fmt.Println(err)
			return
		}
	}

	n := 0
	for inst, err := range conn.Instances(ctx, ec2.Filter{"instance-state-name": {"running"}}.Tag("role", "web")) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(inst.Tags["role"], inst.State)
		n++
	}
	fmt.Println(n, "web servers")
	// Output:
	// web running
	// web running
	// 2 web servers
}

func ExampleSnapshot_Copy() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: "us-east-1a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	snap, err := vol.CreateSnapshot(ctx, "before upgrade")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted); err != nil {
		fmt.Println(err)
		return
	}
	// CopySnapshot runs in the destination region.
	cp, err := snap.Copy(ctx, ec2.CopyOptions{DestinationRegion: "eu-west-1", Description: "disaster recovery"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := cp.Wait(ctx, ec2.SnapshotCompleted); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cp.Conn().Region(), cp.State, cp.Description, cp.VolumeSize, "GiB")
	// Output:
	// eu-west-1 completed disaster recovery 8 GiB
}
