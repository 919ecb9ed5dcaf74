package ec2_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
)

func TestRunInstancesTokenReusedWithOtherOptions(t *testing.T) {
	_, conn := startFake(t)
	base := ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro", ClientToken: "launch-web"}
	if _, err := conn.RunInstances(t.Context(), base); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*ec2.RunOptions)
	}{
		{"instance type", func(o *ec2.RunOptions) { o.InstanceType = "t3.large" }},
		{"count", func(o *ec2.RunOptions) { o.Count = 2 }},
		{"tags", func(o *ec2.RunOptions) { o.Tags = ec2.Tags{"Name": "web"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := base
			tt.change(&opts)
			_, err := conn.RunInstances(t.Context(), opts)
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v; want an APIError", err)
			}
			if diff := cmp.Diff([]any{"IdempotentParameterMismatch", 400}, []any{ae.Code, ae.StatusCode}); diff != "" {
				t.Errorf("[code, status] (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSnapshotProgressSteps(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 8, Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetManualTransitions(true)
	snap, err := vol.CreateSnapshot(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{string(snap.State) + " " + snap.Progress}
	for range ec2test.SnapshotSteps {
		srv.Step()
		if err := snap.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		got = append(got, string(snap.State)+" "+snap.Progress)
	}
	want := []string{"pending 0%", "pending 25%", "pending 50%", "pending 75%", "completed 100%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot progress (-want +got):\n%s", diff)
	}
}

func TestTerminatedInstanceDisappears(t *testing.T) {
	clock := fakes.NewClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	srv := ec2test.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	conn := ec2.New(srv.Config(""))
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{Tags: ec2.Tags{"Name": "short-lived"}})
	if err := inst.Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range []time.Duration{time.Minute, ec2test.TerminatedLifetime} {
		clock.Advance(d)
		err := inst.Refresh(ctx)
		switch {
		case goboto.IsNotFound(err):
			got = append(got, "gone")
		case err != nil:
			t.Fatal(err)
		default:
			got = append(got, string(inst.State))
		}
	}
	if diff := cmp.Diff([]string{"terminated", "gone"}, got); diff != "" {
		t.Errorf("instance after termination (-want +got):\n%s", diff)
	}
}
