// Command cloudwatch is boto's "5 minute how-to" for CloudWatch, in Go:
// it runs an instance with detailed monitoring, lists its metrics, asks
// for the average CPU percent of the last hour at a 60-second period and
// prints the 60 datapoints; then it publishes a custom metric through a
// Publisher, sets an alarm on it and watches the alarm go to ALARM.
//
//	go run ./examples/cloudwatch                          # on the local fakes
//	go run ./examples/cloudwatch -aws -ami ami-...        # runs a t3.micro
//	go run ./examples/cloudwatch -aws -instance i-...     # monitors one you have
//
// The alarm has a period of 10 seconds on high-resolution data, so that
// it goes to ALARM within seconds rather than minutes. On the local
// fakes the instance's metrics are there at once (the fake answers as if
// it had been running all along); on AWS a new instance's metrics appear
// after a few minutes, so the listing and the hour's datapoints start
// short.
//
// Cost with -aws: the instance (a t3.micro for a few minutes, unless
// -instance names one of yours, which is then only switched to detailed
// monitoring, billed per metric until you turn it off with
// `aws ec2 unmonitor-instances`), one custom metric and one
// high-resolution alarm (billed by the hour, a fraction of a cent), and
// a few hundred requests. The instance it ran is terminated and the
// alarm deleted at the end, also when a step fails; the custom metric
// cannot be deleted and expires on its own.
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
	flag.StringVar(&o.ami, "ami", "", "image to run a t3.micro from with -aws (the fakes' default image otherwise)")
	flag.StringVar(&o.instance, "instance", "", "with -aws, monitor this running instance instead of running one")
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
