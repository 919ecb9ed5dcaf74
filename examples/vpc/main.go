// Command vpc builds the network today's applications run in, the way
// boto 1.9a's VPC support first let Python programs do: a VPC with a
// public and a private subnet in each of two zones, an internet gateway
// and a route table sending 0.0.0.0/0 to it from the public subnets,
// which give instances public addresses. It launches an instance into a
// public subnet, puts a PostgreSQL DB instance into a DB subnet group over
// the two private subnets, behind a security group that admits only the
// web tier, lists the VPCs, subnets, gateways and instances of every
// region at once with a ServiceSet, and tears everything down in the
// order AWS requires: the instances first, waited for until they are
// gone, then the DB subnet group and security groups, the subnets, the
// route table, the gateway (detached, then deleted) and the VPC.
//
//	go run ./examples/vpc                          # on the local fakes
//	go run ./examples/vpc -aws -ami ami-... -type t3.micro
//
// Cost: with -aws it runs one instance of -type and one db.t4g.micro
// PostgreSQL instance with 20 GiB of gp3 storage for the fifteen or so
// minutes the database takes to create and delete: well under a dollar.
// The VPC, subnets, route table, gateway and security groups cost
// nothing; the instance's public IPv4 address is billed by the hour
// (AWS charges for every public IPv4 address since February 2024). All
// of it is deleted before the program exits, also when a step fails (but
// not when the program is killed: look for resources tagged or named
// "goboto-vpcex" then).
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
	flag.StringVar(&o.ami, "ami", "", "image for the instance (required with -aws; the fakes' default image otherwise)")
	flag.StringVar(&o.instanceType, "type", "t3.micro", "instance type")
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
