package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
)

// phase orders the teardown. AWS refuses to delete what something still
// uses, so the instances go first and are waited for until they are gone
// (their network interfaces hold the subnets and security groups), then
// what only they used, then the subnets (which ends their route table
// associations), the route table, the gateway, and last the VPC.
type phase int

const (
	phaseDelete  phase = iota // terminate the instance, delete the DB instance
	phaseWait                 // wait until both are gone
	phaseGroups               // the DB subnet group and security groups
	phaseSubnets              //
	phaseRoutes               // the public route table (the main one goes with the VPC)
	phaseGateway              // detach, then delete
	phaseVPC                  //
)

type step struct {
	phase phase
	call  string
	fn    func(context.Context) error
}

// teardown collects the undo steps as resources are made, so a run that
// fails half-way deletes what it made, and runs them phase by phase;
// within a phase, the step added last runs first.
type teardown struct {
	*transcript
	steps []step
	// patient retries steps AWS refuses with DependencyViolation: on a
	// real account an RDS instance's network interface lingers for a
	// while after the instance is gone.
	patient bool
	wait    []goboto.WaitOption
}

func (t *teardown) add(p phase, call string, fn func(context.Context) error) {
	t.steps = append(t.steps, step{p, call, fn})
}

// run runs every step, also after one fails, and joins their errors.
func (t *teardown) run(ctx context.Context) error {
	if len(t.steps) == 0 {
		return nil
	}
	steps := slices.Clone(t.steps)
	slices.Reverse(steps)
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(a.phase, b.phase) })
	t.printf("\nTearing down, in the order AWS requires:\n")
	var errs []error
	for _, s := range steps {
		t.call("%s", s.call)
		if err := t.retry(ctx, s.fn); err != nil {
			t.result("failed: %v", err)
			errs = append(errs, fmt.Errorf("%s: %w", s.call, err))
		}
	}
	t.steps = nil
	return errors.Join(errs...)
}

// retry runs fn, and again while AWS answers that the resource is still
// in use, when t is patient.
func (t *teardown) retry(ctx context.Context, fn func(context.Context) error) error {
	if !t.patient {
		return fn(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	for {
		err := fn(ctx)
		var ae *goboto.APIError
		if err == nil || !errors.As(err, &ae) ||
			ae.Code != "DependencyViolation" && ae.Code != "InvalidDBSubnetGroupStateFault" {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(15 * time.Second):
		}
	}
}

// transcript writes the narration: "> " lines are the Go calls, indented
// lines what came back.
type transcript struct{ w io.Writer }

func (t *transcript) printf(format string, args ...any) { fmt.Fprintf(t.w, format, args...) }
func (t *transcript) call(format string, args ...any) {
	fmt.Fprintf(t.w, "> "+format+"\n", args...)
}
func (t *transcript) result(format string, args ...any) {
	fmt.Fprintf(t.w, "    "+format+"\n", args...)
}

// states collects what a waiter's goboto.Progress reports, each state
// once however many polls saw it.
type states struct{ seen []string }

func progress() *states { return &states{} }

func (s *states) option() goboto.WaitOption {
	return goboto.Progress(func(state string, _ time.Duration) {
		if len(s.seen) == 0 || s.seen[len(s.seen)-1] != state {
			s.seen = append(s.seen, state)
		}
	})
}

func (s *states) String() string { return strings.Join(s.seen, " -> ") }

// hide replaces the random part of an ID ("vpc-0a1b…") so transcripts
// compare between runs; "local" and other words stay.
func hide(id string) string {
	if i := strings.IndexByte(id, '-'); i >= 0 {
		return id[:i+1] + "…"
	}
	return id
}

// showAMI shows the fakes' default image, the same on every run, and
// hides a user's.
func showAMI(env *exenv.Env, id string) string {
	if env.Local {
		return id
	}
	return hide(id)
}

// showIP hides the random part of an address the fakes made up; on AWS
// the address is worth seeing.
func showIP(env *exenv.Env, ip string) string {
	if !env.Local {
		return ip
	}
	if i := strings.IndexByte(ip, '.'); i >= 0 {
		return ip[:i+1] + "…"
	}
	return ip
}

// hideEndpoint replaces the random label of an RDS endpoint
// (goboto-vpcex.c9akciq32.us-east-1.rds.amazonaws.com:5432).
func hideEndpoint(endpoint string) string {
	labels := strings.Split(endpoint, ".")
	if len(labels) > 2 {
		labels[1] = "…"
	}
	return strings.Join(labels, ".")
}
