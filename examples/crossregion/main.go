// Command crossregion is the ServiceSet demo, boto's "Stupid Boto Trick #1"
// done concurrently: in every SimpleDB region at once it creates a domain,
// puts an item and selects it back; then it lists the domains of all
// regions together, and cleans up.
//
//	go run ./examples/crossregion          # on the local fakes
//	go run ./examples/crossregion -aws     # on your account (a few SimpleDB requests per region)
//
// With -fail REGION (local fakes only) that region's SimpleDB is made to
// fail, to show that one region's error never hides the others' results.
package main

import (
	"context"
	"flag"
	"io"
	"log"
	"os"

	"github.com/goboto/goboto/examples/exenv"
)

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	failRegion := flag.String("fail", "", "local fakes only: make this region's SimpleDB answer InternalError")
	flag.Parse()

	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if *failRegion != "" {
		if env.Cloud == nil {
			log.Fatal("-fail works only on the local fakes")
		}
		env.Cloud.Faults().Add(failEverything(*failRegion))
	}
	if err := run(ctx, os.Stdout, env); err != nil {
		log.Fatal(err)
	}
}

// run is the demo; it writes a transcript to w.
func run(ctx context.Context, w io.Writer, env *exenv.Env) error {
	return crossRegion(ctx, w, env.Config)
}
