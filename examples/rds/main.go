// Command rds is the seed tour of goboto's RDS support, the walk boto's
// RDS blog post took: a DB security group admitting an EC2 security
// group, a parameter group where max_allowed_packet = -5 is refused
// locally with the rule shown and 2048 is accepted and applied, a MySQL
// instance created and waited for with its endpoint printed, and a
// snapshot of it taken and shared with another account.
//
//	go run ./examples/rds                               # on the local fakes
//	go run ./examples/rds -aws -account 123456789012
//
// With -aws it creates a db.t3.micro MySQL instance with 20 GiB of gp3
// storage, a parameter group and a snapshot, and deletes them all at the
// end: the instance lives about fifteen minutes, well under a dollar. It
// skips the DB security group there: those need EC2-Classic, which AWS
// has retired, so today's accounts use VPC security groups.
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
	account := flag.String("account", "", "account ID to share the snapshot with (defaults to the fakes' second test account)")
	flag.Parse()

	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if err := run(ctx, os.Stdout, env, *account); err != nil {
		log.Fatal(err)
	}
}
