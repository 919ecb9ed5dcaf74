// Command tour is goboto's guided tour. It prints what it does, like a
// transcript, one chapter per service.
//
//	go run ./examples/tour          # on the local fakes, no AWS account needed
//	go run ./examples/tour -aws     # on your account: creates and deletes a
//	                                # SimpleDB domain and an S3 bucket with a
//	                                # few small objects (a few dozen requests)
//	                                # and an SQS queue (a few dozen requests);
//	                                # RDS only reads engine defaults there;
//	                                # CloudFront only checks a
//	                                # configuration, sending nothing;
//	                                # CloudWatch gets a custom metric (which
//	                                # expires on its own) and an alarm that
//	                                # is deleted (a fraction of a cent);
//	                                # AutoScaling only lists groups there
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
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

// chapters run in order; each later service adds one.
var chapters = []struct {
	title string
	run   func(ctx context.Context, t *transcript, env *exenv.Env) error
}{
	{"Regions and endpoints", regionsChapter},
	{"SimpleDB", sdbChapter},
	{"Every region at once: the ServiceSet", serviceSetChapter},
	{"EC2 and EBS", ec2Chapter},
	{"S3", s3Chapter},
	{"RDS parameter groups and instances", rdsChapter},
	{"SQS", sqsChapter},
	{"CloudFront", cloudfrontChapter},
	{"CloudWatch", cloudwatchChapter},
	{"AutoScaling", autoscaleChapter},
}

func run(ctx context.Context, w io.Writer, env *exenv.Env) error {
	t := &transcript{w: w}
	where := "the local fakes (in-process, signatures checked)"
	if !env.Local {
		where = "your AWS account"
	}
	t.printf("goboto tour, running against %s, home region %s\n", where, env.Config.Region)
	for i, c := range chapters {
		t.printf("\n== %d. %s\n", i+1, c.title)
		if err := c.run(ctx, t, env); err != nil {
			return fmt.Errorf("%s: %w", c.title, err)
		}
	}
	t.printf("\nThat's the tour. See README.md for more.\n")
	return nil
}

// transcript writes the tour's narration: "> " lines are the Go calls,
// indented lines what came back.
type transcript struct{ w io.Writer }

func (t *transcript) printf(format string, args ...any) { fmt.Fprintf(t.w, format, args...) }
func (t *transcript) call(format string, args ...any) {
	fmt.Fprintf(t.w, "> "+format+"\n", args...)
}
func (t *transcript) result(format string, args ...any) {
	fmt.Fprintf(t.w, "    "+format+"\n", args...)
}
