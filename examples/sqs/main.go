// Command sqs is the tour of goboto's SQS support, the things boto users
// reached for: write, a long-poll read and a count; a batch of 25 sent
// in three calls; a consumer of 1,000 messages with 4 workers, a slow
// handler kept alive by the visibility heartbeat and a failing one
// redriven to the dead-letter queue; a FIFO queue dropping a duplicate;
// and a queue dumped to S3 and restored, with a body too big for SQS
// going through S3 on the way.
//
//	go run ./examples/sqs          # on the local fakes
//	go run ./examples/sqs -aws     # on your account
//
// With -aws it creates six queues and an S3 bucket with a random name
// and deletes them all at the end: some seven hundred SQS requests and a
// few dozen S3 ones (the local cloud counts 671 in all), within the free
// tier or a few cents. Counts on AWS are approximate and may lag a
// moment behind, and the number of calls is shown on the local cloud
// only.
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
	if err := run(ctx, os.Stdout, env); err != nil {
		log.Fatal(err)
	}
}
