package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
)

// What changes from run to run in the transcript: the instance's ID, the
// clock in the hour's datapoints and in the alarm's reason, and the CPU
// values, which follow the time of day.
var (
	instanceID = regexp.MustCompile(`\bi-[0-9a-f]{17}\b`)
	datapoint  = regexp.MustCompile(`^    (\d{4}-\d\d-\d\dT\d\d:\d\d:00Z)  Average +(\d+\.\d\d) Percent$`)
	reasonTime = regexp.MustCompile(`\(\d\d/\d\d/\d\d \d\d:\d\d:\d\d\)`)
)

// TestHowTo runs the how-to on the local fakes, checks the 60 CPU
// datapoints (a minute apart, ending before now, within the fake's 4-36%
// pattern), the transcript with what varies masked, and that nothing is
// left behind.
func TestHowTo(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	before := time.Now().UTC()
	if err := run(ctx, &out, env, options{}); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}

	var stamps []time.Time
	lines := strings.Split(out.String(), "\n")
	for i, line := range lines {
		m := datapoint.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		at, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		if v < 4 || v > 36 {
			t.Errorf("CPU %v at %s, outside the fake's 4-36%%", v, m[1])
		}
		stamps = append(stamps, at)
		lines[i] = "    YYYY-MM-DDThh:mm:00Z  Average  nn.nn Percent"
	}
	if len(stamps) != 60 {
		t.Fatalf("%d datapoints for the last hour, want 60", len(stamps))
	}
	for i := 1; i < len(stamps); i++ {
		if d := stamps[i].Sub(stamps[i-1]); d != time.Minute {
			t.Errorf("datapoint %d is %v after the one before, want a minute", i, d)
		}
	}
	if last := stamps[len(stamps)-1]; last.After(before) || before.Sub(last) > 3*time.Minute {
		t.Errorf("the last datapoint is at %v, run started at %v", last, before)
	}
	got := instanceID.ReplaceAllString(strings.Join(lines, "\n"), "i-INSTANCE")
	got = reasonTime.ReplaceAllString(got, "(dd/mm/yy hh:mm:ss)")
	golden.Check(t, "transcript.golden", []byte(got))

	for a, err := range cloudwatch.New(env.Config).Alarms(ctx, cloudwatch.AlarmFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("alarm %s left behind", a.Name)
	}
	for inst, err := range ec2.New(env.Config).Instances(ctx, ec2.Filter{"instance-state-name": {"pending", "running"}}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("instance %s left running", inst.ID)
	}
	for _, c := range env.Cloud.Calls() {
		if c.Status >= 400 {
			t.Errorf("request failed: %s %s %d", c.Service, c.Operation, c.Status)
		}
	}
}

// With -aws the how-to needs an image or an instance, and says so before
// it sends anything.
func TestAWSNeedsAnInstance(t *testing.T) {
	env := golden.LocalEnv(t)
	env.Local = false
	err := run(context.Background(), &bytes.Buffer{}, env, options{})
	if err == nil || !strings.Contains(err.Error(), "-ami") {
		t.Fatalf("run = %v, want the -ami/-instance error", err)
	}
	if n := len(env.Cloud.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
