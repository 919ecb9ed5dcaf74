package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
)

// reservedID matches the random part of a transcript: the ID of the
// Reserved Instances bought.
var reservedID = regexp.MustCompile(`ReservedInstance:[0-9a-f-]{36}`)

// session runs the helper on fresh local fakes with answers fed one line
// at a time; each answer appears in the transcript where it was read, as a
// terminal would echo it. region is replaced by its menu number.
func session(t *testing.T, answers ...string) (string, *ec2.Conn) {
	t.Helper()
	ctx := context.Background()
	env := golden.LocalEnv(t)
	rs, err := goboto.Collect(ec2.New(env.Config).Regions(ctx))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if len(answers) > 0 && answers[0] == r.Name {
			answers[0] = fmt.Sprint(i + 1)
		}
	}
	var out bytes.Buffer
	in := io.TeeReader(strings.NewReader(strings.Join(answers, "\n")+"\n"), &out)
	if err := run(ctx, in, &out, env); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	cfg := env.Config.Copy()
	cfg.Region = "eu-west-1"
	return reservedID.ReplaceAllString(out.String(), "ReservedInstance:ID"), ec2.New(cfg)
}

// reserved lists conn's Reserved Instances.
func reserved(t *testing.T, conn *ec2.Conn) []*ec2.ReservedInstances {
	t.Helper()
	var out []*ec2.ReservedInstances
	for ri, err := range conn.ReservedInstances(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ri)
	}
	return out
}

func TestPurchaseConfirmed(t *testing.T) {
	got, conn := session(t, "eu-west-1", "2", "3", "4", "2", "YES")
	golden.Check(t, "confirmed.golden", []byte(got))
	ris := reserved(t, conn)
	if len(ris) != 1 {
		t.Fatalf("%d Reserved Instances in eu-west-1; want 1", len(ris))
	}
	if ri := ris[0]; ri.Count != 4 || ri.InstanceType != "m5.large" || ri.Zone != "eu-west-1c" || ri.OfferingType != ec2.PartialUpfront {
		t.Errorf("bought %+v; want 4 m5.large Partial Upfront in eu-west-1c", *ri)
	}
}

func TestPurchaseAborted(t *testing.T) {
	got, conn := session(t, "eu-west-1", "1", "1", "1", "1", "no")
	golden.Check(t, "aborted.golden", []byte(got))
	if ris := reserved(t, conn); len(ris) != 0 {
		t.Errorf("%d Reserved Instances bought; want none", len(ris))
	}
}

func TestMenuReprompts(t *testing.T) {
	// Out of range, not a number, zero instances, then "yes" in lower case,
	// which is not YES.
	got, conn := session(t, "eu-west-1", "4", "two", "3", "9", "1", "0", "-2", "1", "7", "6", "yes")
	golden.Check(t, "reprompt.golden", []byte(got))
	for _, want := range []string{"Please enter a number from 1 to 3.", "Please enter a number of at least 1.", "Nothing bought."} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if ris := reserved(t, conn); len(ris) != 0 {
		t.Errorf("%d Reserved Instances bought; want none", len(ris))
	}
}
