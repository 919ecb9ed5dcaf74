// Command ephemeral walks through an EBS-backed instance's block devices:
// it launches an instance with instance store volumes ephemeral0 and
// ephemeral1 mapped to /dev/sda2 and /dev/sda3, attaches a data volume,
// switches that volume to delete-on-termination while the instance runs
// (Instance.DeleteVolumeOnTermination), terminates the instance and shows
// that the volume went away with it.
//
//	go run ./examples/ephemeral                    # on the local fakes
//	go run ./examples/ephemeral -aws -ami ami-... -type m5d.4xlarge
//
// Cost: with -aws it runs one instance of -type for a few minutes and a
// 1 GiB gp3 volume: under ten cents for m5d.4xlarge, the default because
// it has two instance store volumes, ephemeral0 and ephemeral1 (EBS-only
// types such as t3 have none, and goboto refuses a mapping of a volume
// the type does not have, as ec2test does; Nitro types with NVMe
// instance store attach it whatever the mapping says). The instance is terminated before
// the program exits, also when a step fails (but not when it is killed:
// look for instances and volumes tagged Name=ephemeral-demo then), and
// the data volume goes with it.
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
	flag.StringVar(&o.ami, "ami", "", "EBS-backed image to launch (the fakes' default image when not -aws)")
	flag.StringVar(&o.key, "key", "", "key pair name for the instance")
	flag.StringVar(&o.instanceType, "type", "m5d.4xlarge", "instance type with two instance store volumes")
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
