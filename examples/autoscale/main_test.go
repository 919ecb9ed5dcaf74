package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/fakes"
)

// What changes from run to run in the transcript: the EC2 IDs, the
// policies' UUIDs, the clock (in activity causes, the alarms' reasons
// and the scheduled action's time), and the zone of an instance, which
// AutoScaling picks among the least used (the test checks the zones
// apart).
var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\bi-[0-9a-f]{17}\b`), "i-INSTANCE"},
	{regexp.MustCompile(`:scalingPolicy:[0-9a-f-]{36}:`), ":scalingPolicy:UUID:"},
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`), "YYYY-MM-DDThh:mm:ssZ"},
	{regexp.MustCompile(`\(\d\d/\d\d/\d\d \d\d:\d\d:\d\d\)`), "(dd/mm/yy hh:mm:ss)"},
	{regexp.MustCompile(`\b\d\d:\d\d UTC\b`), "hh:mm UTC"},
	{regexp.MustCompile(`(i-INSTANCE  us-east-1)[ab]  `), "${1}x  "},
	{regexp.MustCompile(`(i-INSTANCE  us-east-1x  subnet-)[ab]  `), "${1}x  "},
}

// ec2Line is an instance as the tutorial shows it from EC2.
var ec2Line = regexp.MustCompile(`^    i-[0-9a-f]{17}  us-east-1([ab])  subnet-([ab])  running  role=web$`)

// checkZones checks the instances EC2 shows after the scale-out: one in
// each zone, each in the subnet of its zone.
func checkZones(t *testing.T, transcript string) {
	t.Helper()
	_, step5, _ := strings.Cut(transcript, "\n== 5.")
	step5, _, _ = strings.Cut(step5, "\n== 6.")
	zones := map[string]bool{}
	for _, line := range strings.Split(step5, "\n") {
		m := ec2Line.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if m[1] != m[2] {
			t.Errorf("instance in zone %s is in subnet-%s: %q", m[1], m[2], line)
		}
		zones[m[1]] = true
	}
	if !zones["a"] || !zones["b"] || len(zones) != 2 {
		t.Errorf("after the scale-out EC2 shows instances in zones %v, want one in each of a and b", zones)
	}
}

// TestTutorial runs the tutorial on the local cloud, checks the
// transcript with what varies masked, that every request succeeded, and
// that nothing is left behind.
func TestTutorial(t *testing.T) {
	ctx := context.Background()
	clock := startClock()
	env := golden.LocalEnv(t, localOptions(clock)...)
	var out bytes.Buffer
	if err := run(ctx, &out, env, clock, options{instanceType: "t3.micro"}); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	got := out.String()
	checkZones(t, got)
	for _, m := range masks {
		got = m.re.ReplaceAllString(got, m.with)
	}
	golden.Check(t, "transcript.golden", []byte(got))

	for _, c := range env.Cloud.Calls() {
		if c.Status >= 400 {
			t.Errorf("request failed: %s %s %d", c.Service, c.Operation, c.Status)
		}
	}
	checkNothingLeft(t, env)
}

// checkNothingLeft fails t for anything of the tutorial's still there.
func checkNothingLeft(t *testing.T, env *exenv.Env) {
	t.Helper()
	ctx := context.Background()
	for g, err := range autoscale.New(env.Config).Groups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("group %s left behind", g.Name)
	}
	for a, err := range cloudwatch.New(env.Config).Alarms(ctx, cloudwatch.AlarmFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("alarm %s left behind", a.Name)
	}
	conn := ec2.New(env.Config)
	for inst, err := range conn.Instances(ctx, ec2.Filter{"instance-state-name": {"pending", "running", "stopping", "stopped"}}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("instance %s left behind (%s)", inst.ID, inst.State)
	}
	for lt, err := range conn.LaunchTemplates(ctx, ec2.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("launch template %s left behind", lt.Name)
	}
	for v, err := range conn.VPCs(ctx, ec2.Filter{"tag:Name": {name}}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("VPC %s left behind", v.ID)
	}
}

// With -aws the tutorial needs an image, and says so before it sends
// anything.
func TestAWSNeedsAnImage(t *testing.T) {
	env := golden.LocalEnv(t)
	env.Local = false
	err := run(context.Background(), &bytes.Buffer{}, env, nil, options{instanceType: "t3.micro"})
	if err == nil || !strings.Contains(err.Error(), "-ami") {
		t.Fatalf("run = %v, want the -ami error", err)
	}
	if n := len(env.Cloud.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// A step that fails still leaves nothing behind: here AutoScaling
// refuses to complete the lifecycle action, so the group still holds an
// instance in Pending:Wait when it is shut down and deleted.
func TestCleansUpAfterAFailure(t *testing.T) {
	ctx := context.Background()
	clock := startClock()
	env := golden.LocalEnv(t, localOptions(clock)...)
	env.Cloud.Faults().Add(fakes.Fault{Operation: "CompleteLifecycleAction", Kind: fakes.ServerError,
		Err: &fakes.Error{Status: 400, Code: "ValidationError", Message: "refused for the test", Sender: true}})
	var out bytes.Buffer
	err := run(ctx, &out, env, clock, options{instanceType: "t3.micro"})
	if err == nil || !strings.Contains(err.Error(), "step 8") || !strings.Contains(err.Error(), "refused for the test") {
		t.Fatalf("run = %v, want step 8's refusal\ntranscript:\n%s", err, out.String())
	}
	_, cleanup, ok := strings.Cut(out.String(), "\n== cleaning up after the failure\n")
	if !ok {
		t.Fatalf("no cleanup in the transcript:\n%s", out.String())
	}
	for _, call := range []string{"cw.DeleteAlarms", "g.ShutdownInstances", "g.Wait(ctx, autoscale.GroupDeleted", "lt.Delete", "vpc.Delete"} {
		if !strings.Contains(cleanup, "> "+call) {
			t.Errorf("the cleanup does not call %s:\n%s", call, cleanup)
		}
	}
	checkNothingLeft(t, env)
}
