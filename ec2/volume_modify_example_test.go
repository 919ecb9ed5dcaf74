package ec2_test

import (
	"context"
	"fmt"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func ExampleVolume_Modify() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 100, Zone: "us-east-1a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Grow the gp2 volume and move it to gp3 without detaching it.
	mod, err := vol.Modify(ctx, ec2.VolumeChanges{Size: 200, Type: "gp3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mod.State, mod.Original.Size, mod.Original.Type, "->", mod.Target.Size, mod.Target.Type, mod.Target.IOPS)
	// The new size can be used once the modification is optimizing.
	if err := vol.WaitModification(ctx, ec2.ModificationOptimizing, goboto.Interval(time.Second)); err != nil {
		fmt.Println(err)
		return
	}
	if err := vol.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(vol.Size, vol.Type)
	// Output:
	// modifying 100 gp2 -> 200 gp3 3000
	// 200 gp3
}

func ExampleSecurityGroup_AuthorizeEgress() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	sg, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A new group may send anything anywhere; allow only HTTPS out.
	if err := sg.AuthorizeEgress(ctx, ec2.TCP(443).To("0.0.0.0/0")); err != nil {
		fmt.Println(err)
		return
	}
	if err := sg.RevokeEgress(ctx, ec2.AllTraffic().To("0.0.0.0/0")); err != nil {
		fmt.Println(err)
		return
	}
	if err := sg.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sg.EgressRules)
	// Output:
	// [tcp 443 from 0.0.0.0/0]
}
