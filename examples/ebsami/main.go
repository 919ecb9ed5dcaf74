// Command ebsami walks through booting from EBS, after the boto "Boot From
// EBS" walkthrough: it runs an instance, creates an 8 GiB volume in the
// instance's zone and attaches it (where the walkthrough copies the root
// file system onto it), detaches and snapshots it, registers an
// EBS-backed image whose root device /dev/sda1 is made from the snapshot
// (mapping instance store ephemeral0 to /dev/sdb as well), launches the
// new image, prints its block devices and cleans everything up. On the
// local fakes it also registers an instance-store image from an S3 bundle
// manifest, as ec2-register does.
//
//	go run ./examples/ebsami                       # on the local fakes
//	go run ./examples/ebsami -aws -ami ami-... -key mykey -type t3.micro
//
// Cost: with -aws it runs two instances of -type for a few minutes, an
// 8 GiB gp3 volume and a snapshot of it, and registers an image: cents for
// t3.micro, more for bigger types. Everything it makes is terminated,
// deregistered or deleted before it exits, also when a step fails (but not
// when the program is killed: look for instances, volumes, snapshots and
// images named or tagged "ebsami-demo" then). The copy of the root file
// system the walkthrough does over SSH is left out, so the image it
// registers boots an empty volume and the second instance will not get
// far on a real account; the API calls are the point. With -aws the
// instance-store image is registered only when -manifest names a bundle
// you have uploaded.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/goboto/goboto/examples/exenv"
)

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	var o options
	flag.StringVar(&o.ami, "ami", "", "EBS-backed image to start from (the fakes' default image when not -aws)")
	flag.StringVar(&o.key, "key", "", "key pair name for the instances")
	flag.StringVar(&o.group, "group", "", "security group name for the instances (the default group when empty)")
	flag.StringVar(&o.instanceType, "type", "t3.micro", "instance type")
	flag.StringVar(&o.manifest, "manifest", "", "S3 path of an instance-store bundle's manifest to register (a made-up one on the fakes)")
	flag.Parse()

	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if err := run(ctx, os.Stdout, env, o); err != nil {
		log.Fatal(err)
	}
}
