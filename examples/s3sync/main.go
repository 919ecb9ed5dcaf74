// Command s3sync copies a file or a directory to S3 or back, with a live
// progress line.
//
//	go run ./examples/s3sync                          # a demo on the local fakes
//	go run ./examples/s3sync ./photos s3://my-bucket/photos
//	go run ./examples/s3sync -aws s3://my-bucket/photos ./photos
//	go run ./examples/s3sync -aws ./big.iso s3://my-bucket/isos/big.iso
//	go run ./examples/s3sync -aws -delete ./site s3://my-bucket/www   # mirror
//
// A local directory is synced with Bucket.SyncUp or SyncDown, which skip
// unchanged files (with -delete they also remove from the destination
// what the source lacks, once everything copied); a single file is sent with Key.UploadFile or fetched
// with Key.DownloadFile. On a terminal, progress is one line redrawn in
// place (bytes, percent, MB/s); otherwise it is a plain line at each
// quarter. On the local fakes, a missing bucket is created first.
//
// With -aws it moves what you tell it to: S3 bills the storage and the
// requests (fractions of a cent for a few files), and downloads leave
// AWS at its data-transfer price.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/goboto/goboto/examples/exenv"
)

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	del := flag.Bool("delete", false, "mirror a directory: remove from dst what src lacks (SyncDelete)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: s3sync [-aws] [-region r] [-delete] [src dst]\n\nsrc and dst: a local path and s3://bucket/prefix, either way round.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 && flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	fi, err := os.Stdout.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	if flag.NArg() == 0 {
		if !env.Local {
			log.Fatal("give a source and a destination with -aws")
		}
		var tmp string
		if tmp, err = os.MkdirTemp("", "s3sync-demo-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		err = demo(ctx, os.Stdout, env, tty, tmp)
	} else {
		err = run(ctx, os.Stdout, env, flag.Arg(0), flag.Arg(1), tty, *del)
	}
	if err != nil {
		log.Fatal(err)
	}
}
