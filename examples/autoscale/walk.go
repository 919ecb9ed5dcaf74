package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
)

// What the tutorial makes, all under one name.
const (
	name      = "goboto-asex"
	namespace = "goboto/AutoScale"
	// cooldown is the group's default cooldown, AWS's 300 s shortened
	// so that a run on AWS does not wait five minutes twice.
	cooldown = time.Minute
)

type options struct {
	ami          string
	instanceType string
}

// walk is what the steps share: the transcript, the connections, the
// clock, what was made, and how to undo it.
type walk struct {
	w     io.Writer
	env   *exenv.Env
	clock *fakes.Clock // the local cloud's; nil on AWS
	ec2   *ec2.Conn
	as    *autoscale.Conn
	cw    *cloudwatch.Conn

	subnets  map[string]string // subnet ID -> "subnet-a", "subnet-b"
	template *ec2.LaunchTemplate
	group    *autoscale.Group
	out, in  *autoscale.Policy
	cpu      *cloudwatch.Metric

	cleanups []cleanup
}

// cleanup is one thing to undo, shown as the call that undoes it.
type cleanup struct {
	call string
	fn   func(context.Context) error
}

func (w *walk) call(format string, args ...any) { fmt.Fprintf(w.w, "> "+format+"\n", args...) }
func (w *walk) result(format string, args ...any) {
	fmt.Fprintf(w.w, "    "+format+"\n", args...)
}

// later registers fn to run at the end, last registered first, shown as
// call.
func (w *walk) later(call string, fn func(context.Context) error) {
	w.cleanups = append(w.cleanups, cleanup{call, fn})
}

// undo runs the cleanups, all of them even when one fails.
func (w *walk) undo(ctx context.Context) error {
	var errs []error
	for i := len(w.cleanups) - 1; i >= 0; i-- {
		c := w.cleanups[i]
		if c.call != "" {
			w.call("%s", c.call)
		}
		if err := w.patiently(ctx, c.fn); err != nil {
			w.result("failed: %v", err)
			errs = append(errs, err)
		}
	}
	w.cleanups = nil
	return errors.Join(errs...)
}

// patiently runs fn, and on a real account again every 15 seconds for up
// to ten minutes while AWS answers DependencyViolation: the network
// interfaces of terminated instances hold their subnets for a while
// after the group is gone. The local cloud frees them at once, so there
// fn runs once.
func (w *walk) patiently(ctx context.Context, fn func(context.Context) error) error {
	if w.env.Local {
		return fn(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	for {
		err := fn(ctx)
		var ae *goboto.APIError
		if err == nil || !errors.As(err, &ae) || ae.Code != "DependencyViolation" {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(15 * time.Second):
		}
	}
}

func run(ctx context.Context, out io.Writer, env *exenv.Env, clock *fakes.Clock, o options) (err error) {
	if o.ami == "" {
		if !env.Local {
			return errors.New("-ami (an image for the group's instances) is required with -aws")
		}
		o.ami = ec2test.DefaultEBSImage
	}
	w := &walk{w: out, env: env, clock: clock, ec2: ec2.New(env.Config), as: autoscale.New(env.Config), cw: cloudwatch.New(env.Config)}
	defer func() {
		if w.cleanups == nil {
			return
		}
		fmt.Fprintf(out, "\n== cleaning up after the failure\n")
		if cerr := w.undo(context.WithoutCancel(ctx)); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()
	w.call("as := autoscale.New(cfg)   // %s", w.as)
	steps := []struct {
		title string
		run   func(context.Context, *walk, options) error
	}{
		{"A launch template, and two subnets in two zones", launchTemplate},
		{"A group across the two subnets", createGroup},
		{"Scale-out and scale-in policies", policies},
		{"CloudWatch alarms on the group's CPU, whose actions are the policies", alarms},
		{"CPU high: the alarm fires and the group scales out", scaleOut},
		{"CPU low: the group scales in", scaleIn},
		{"A scheduled action at a set time", scheduled},
		{"A lifecycle hook holds a launch until it is completed", hook},
		{"Shutdown and delete", teardown},
	}
	for i, s := range steps {
		fmt.Fprintf(out, "\n== %d. %s\n", i+1, s.title)
		if err := s.run(ctx, w, o); err != nil {
			return fmt.Errorf("step %d, %s: %w", i+1, s.title, err)
		}
	}
	return nil
}

// now is the time where the tutorial runs: the local cloud's clock, or
// the real one.
func (w *walk) now() time.Time {
	if w.clock != nil {
		return w.clock.Now()
	}
	return time.Now().UTC()
}

// pass lets d go by: locally the clock is moved, on AWS it is waited
// for.
func (w *walk) pass(ctx context.Context, d time.Duration) error {
	if w.clock != nil {
		w.clock.Advance(d)
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// The pace of the waits on AWS: how often they look, and for how long.
const (
	awsInterval = 15 * time.Second
	awsTimeout  = 15 * time.Minute
)

// waitOptions are the options of a goboto waiter: each state it passes
// through is printed. Locally the looks follow each other at once and
// each moves the clock by step, so that instances launch and terminate
// (the local cloud does nothing between requests, and nothing on a
// clock that stands still); on AWS a look is made every 15 seconds.
func (w *walk) waitOptions(step time.Duration) []goboto.WaitOption {
	last := ""
	progress := goboto.Progress(func(state string, _ time.Duration) {
		if state != last {
			w.result("… %s", state)
			last = state
		}
		if w.clock != nil {
			w.clock.Advance(step)
		}
	})
	if w.clock != nil {
		return []goboto.WaitOption{progress, goboto.Interval(time.Millisecond), goboto.Timeout(time.Minute)}
	}
	return []goboto.WaitOption{progress, goboto.Interval(awsInterval), goboto.Timeout(awsTimeout)}
}

// poll is a wait goboto has no waiter for: look until it reports done,
// printing each state it passes through, with the waiters' pace (a
// look moves the local clock by step).
func (w *walk) poll(ctx context.Context, step time.Duration, look func(context.Context) (state string, done bool, err error)) error {
	last := ""
	deadline := time.Now().Add(awsTimeout)
	for looks := 0; ; looks++ {
		state, done, err := look(ctx)
		if err != nil {
			return err
		}
		if state != last {
			w.result("… %s", state)
			last = state
		}
		if done {
			return nil
		}
		if w.clock != nil {
			// Locally every look moves the clock; a thousand looks
			// without the end is a tutorial that went wrong.
			if looks == 1000 {
				return fmt.Errorf("still %s after %d looks", state, looks)
			}
			w.clock.Advance(step)
			continue
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still %s after %v", state, awsTimeout)
		}
		if err := w.pass(ctx, awsInterval); err != nil {
			return err
		}
	}
}
