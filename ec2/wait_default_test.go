package ec2_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

// A default waiter against a default fake does not pause: ec2test
// finishes a state change before its next request, and every waiter's
// first look happens at once, so a new instance is running on the first
// DescribeInstances. Counting looks and states pins this without timing.
func TestDefaultWaitLooksOnce(t *testing.T) {
	srv, conn := startFake(t)
	inst := launch(t, conn, ec2.RunOptions{})
	if inst.State != ec2.InstancePending {
		t.Fatalf("RunInstances answered %q; want pending", inst.State)
	}
	srv.ResetCalls()
	var seen []string
	if err := inst.Wait(t.Context(), ec2.InstanceRunning,
		goboto.Progress(func(s string, _ time.Duration) { seen = append(seen, s) })); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"DescribeInstances"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{string(ec2.InstanceRunning)}, seen); diff != "" {
		t.Errorf("states seen (-want +got):\n%s", diff)
	}
}
