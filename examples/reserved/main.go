// Command reserved is an interactive helper for buying EC2 Reserved
// Instances, after boto's: it asks for a region, an instance type, a zone,
// a count and one of the matching offerings, each from a numbered menu,
// shows what that would cost, and buys only when you type YES.
//
//	go run ./examples/reserved          # on the local fakes
//	go run ./examples/reserved -aws     # a real account
//
// With -aws a confirmed purchase is real and binding: Reserved Instances
// are paid for a year or three whether used or not. Anything but YES at
// the last question buys nothing.
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
	flag.Parse()

	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if err := run(ctx, os.Stdin, os.Stdout, env); err != nil {
		log.Fatal(err)
	}
}
