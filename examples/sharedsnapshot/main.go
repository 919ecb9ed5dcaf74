// Command sharedsnapshot walks through EBS snapshot sharing: it snapshots a
// volume, shares the snapshot with another account and then with everyone,
// prints the permissions each time, and unshares. On the local fakes it
// then signs in as the second test account to show that account creating a
// volume from the shared snapshot, and failing once it is unshared.
//
//	go run ./examples/sharedsnapshot                      # on the local fakes
//	go run ./examples/sharedsnapshot -aws -account 123456789012
//
// With -aws it creates a 1 GiB gp3 volume and a snapshot of it, shares the
// snapshot with -account for a moment, and deletes both: a few cents at most.
// It never leaves the snapshot public for longer than the two calls between
// Share and Unshare.
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
	account := flag.String("account", "", "account ID to share with (defaults to the fakes' second test account)")
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
