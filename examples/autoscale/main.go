// Command autoscale is boto's AutoScale tutorial on today's AWS:
//
//  1. a launch template (new accounts may no longer create launch
//     configurations, since 2024-10-01);
//  2. a group on it across two subnets in two zones;
//  3. scale-out and scale-in policies;
//  4. CloudWatch alarms on the group's CPU whose actions are the
//     policies;
//  5. CPU data pushed high, the alarm firing, the group scaling out, and
//     its new instances shown as EC2 instances;
//  6. the CPU dropped, and the group scaling in;
//  7. a scheduled action at a set time, seen firing;
//  8. a lifecycle hook holding a launch until it is completed;
//  9. boto's shutdown_instances, then delete: the group, the alarms, the
//     template and the network.
//
// Every wait prints the states it passes through.
//
//	go run ./examples/autoscale                       # on the local cloud
//	go run ./examples/autoscale -aws -ami ami-...     # on your account
//
// The alarms watch a custom metric, "goboto/AutoScale" CPUUtilization by
// AutoScalingGroupName, which the program itself publishes:
// PutMetricData cannot write to the AWS/ namespaces, and making real
// instances busy enough to cross a threshold would take minutes of a
// CPU burner. In production the same alarms watch AWS/EC2
// CPUUtilization by AutoScalingGroupName, which EC2 publishes for every
// group; only the namespace changes. It does the same with -aws, so
// that the run does not depend on what the image does.
//
// Locally nothing waits: the local cloud runs on a clock the program
// moves (a second a look while instances launch, ten seconds a look
// while an alarm's minute runs, the group's cooldown, the minutes until
// the scheduled action and during the lifecycle hook), so a run takes
// well under a second. With -aws the same steps wait in real time:
// alarms on one-minute periods take one to three minutes to fire, the
// group's cooldown is shortened to a minute, and the scheduled action
// is set two minutes ahead; a run takes 15-25 minutes.
//
// Cost with -aws: up to three instances of -type (t3.micro by default)
// for the length of the run, two standard alarms and one custom metric
// (a fraction of a cent; the metric expires on its own), a few hundred
// requests. The VPC and its two subnets are free; the instances get no
// public address. Everything is deleted at the end, also when a step
// fails (but not when the program is killed: look for resources named
// "goboto-asex").
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
)

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	var o options
	flag.StringVar(&o.ami, "ami", "", "image the group launches (required with -aws; the fakes' default image otherwise)")
	flag.StringVar(&o.instanceType, "type", "t3.micro", "instance type")
	flag.Parse()

	ctx := context.Background()
	clock := startClock()
	env, err := exenv.Setup(ctx, f, localOptions(clock)...)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if !env.Local {
		clock = nil
	}
	if err := run(ctx, os.Stdout, env, clock, o); err != nil {
		log.Fatal(err)
	}
}

// startClock is the local cloud's clock: now, on a whole minute, so that
// where the alarms' one-minute periods fall, and so what each step sees,
// is the same on every run.
func startClock() *fakes.Clock {
	return fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
}

// localOptions are the local cloud's settings: the clock the tutorial
// moves, and requests signed at the real time accepted however far the
// clock has been moved (the tutorial moves it a few hours at most).
func localOptions(clock *fakes.Clock) []fakes.Option {
	return []fakes.Option{fakes.WithClock(clock.Now), fakes.WithMaxSkew(24 * time.Hour)}
}
