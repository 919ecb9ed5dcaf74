package ec2_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func TestRunOptionsRules(t *testing.T) {
	tests := []struct {
		name  string
		opts  ec2.RunOptions
		field string
	}{
		{"negative count", ec2.RunOptions{Count: -1}, "Count"},
		{"negative min count", ec2.RunOptions{MinCount: -1}, "MinCount"},
		{"min count above count", ec2.RunOptions{Count: 2, MinCount: 3}, "MinCount"},
		{"min count above default count", ec2.RunOptions{MinCount: 2}, "MinCount"},
		{"zone of another region", ec2.RunOptions{Zone: "eu-west-1a"}, "Zone"},
		{"zone is the region", ec2.RunOptions{Zone: "us-east-1"}, "Zone"},
		{"zone of a longer region", ec2.RunOptions{Zone: "us-east-10a"}, "Zone"},
		{"zone with two letters", ec2.RunOptions{Zone: "us-east-1ab"}, "Zone"},
		{"zone upper case", ec2.RunOptions{Zone: "us-east-1A"}, "Zone"},
		{"user data too long", ec2.RunOptions{UserData: make([]byte, ec2.MaxUserData+1)}, "UserData"},
		{"client token too long", ec2.RunOptions{ClientToken: strings.Repeat("t", 65)}, "ClientToken"},
		{"client token not ascii", ec2.RunOptions{ClientToken: "tökén"}, "ClientToken"},
		{"reserved tag", ec2.RunOptions{Tags: ec2.Tags{"aws:cloudformation": "x"}}, "Tags"},
		{"empty tag key", ec2.RunOptions{Tags: ec2.Tags{"": "x"}}, "Tags"},
		{"long tag value", ec2.RunOptions{Tags: ec2.Tags{"k": strings.Repeat("v", 257)}}, "Tags[k]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			tt.opts.ImageID = testImage
			_, err := conn.RunInstances(t.Context(), tt.opts)
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
}

// TestRunInstancesWire checks what RunOptions turn into on the wire.
func TestRunInstancesWire(t *testing.T) {
	conn, rec := recordingConn(t)
	_, err := conn.RunInstances(t.Context(), ec2.RunOptions{
		ImageID:          testImage,
		Count:            3,
		MinCount:         2,
		KeyName:          "gsg-keypair",
		SecurityGroups:   []string{"default", "web"},
		SecurityGroupIDs: []string{"sg-0123abcd"},
		InstanceType:     "m5.large",
		Zone:             "us-east-1b",
		UserData:         []byte("#!/bin/sh\necho hi\n"),
		Monitoring:       true,
		EBSOptimized:     true,
		ClientToken:      "my-token",
		Tags:             ec2.Tags{"Name": "web", "env": "test"},
	})
	wantCode(t, err, "Recorded")
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests; want 1", len(reqs))
	}
	form := reqs[0]
	delete(form, "Version")
	checkGolden(t, "run_options.golden", params(form, ""))
}

// TestRunInstancesClientToken checks that a launch retried by the SDK
// carries the same generated client token each time, so EC2 launches once,
// and that two launches get different tokens.
func TestRunInstancesClientToken(t *testing.T) {
	rec := &recorder{status: http.StatusServiceUnavailable, code: "Unavailable"}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	}
	conn := ec2.New(cfg, goboto.WithRetry(3, time.Millisecond))
	for range 2 {
		_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: testImage})
		wantCode(t, err, "Unavailable")
	}
	reqs := rec.requests()
	if len(reqs) != 6 {
		t.Fatalf("%d requests; want 3 attempts of 2 calls", len(reqs))
	}
	var tokens []string
	for _, r := range reqs {
		tokens = append(tokens, r.Get("ClientToken"))
	}
	first, second := tokens[0], tokens[3]
	want := []string{first, first, first, second, second, second}
	if diff := cmp.Diff(want, tokens); diff != "" {
		t.Errorf("ClientToken per attempt (-want +got):\n%s", diff)
	}
	if first == "" || first == second {
		t.Errorf("tokens %q and %q; want two different non-empty tokens", first, second)
	}
}

func TestRunInstancesGroups(t *testing.T) {
	_, conn := startFake(t)
	r, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, SecurityGroups: []string{"default"}})
	if err != nil {
		t.Fatal(err)
	}
	inst := r.Instances[0]
	if len(inst.SecurityGroups) != 1 || inst.SecurityGroups[0].Name != "default" {
		t.Errorf("instance groups = %+v; want the default group", inst.SecurityGroups)
	}
	if r.String() != "Reservation:"+r.ID || inst.String() != "Instance:"+inst.ID {
		t.Errorf("String() = %q, %q", r.String(), inst.String())
	}
}

func TestWaitOptionRules(t *testing.T) {
	conn, rec := recordingConn(t)
	inst := conn.Instance("i-0123abcd")
	wantValidation(t, inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Timeout(0)), "Timeout")
	wantValidation(t, inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(-time.Second)), "Interval")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
	// A poll that fails for another reason than a missing resource ends
	// the wait with that error.
	err := inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(time.Millisecond))
	wantCode(t, err, "Recorded")
}

// TestRunZones checks zone names of the region, Local Zones included, are
// sent.
func TestRunZones(t *testing.T) {
	for _, zone := range []string{"us-east-1a", "us-east-1f", "us-east-1-bos-1a"} {
		conn, rec := recordingConn(t)
		_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: testImage, Zone: zone})
		wantCode(t, err, "Recorded")
		if reqs := rec.requests(); len(reqs) != 1 || reqs[0].Get("Placement.AvailabilityZone") != zone {
			t.Errorf("zone %s: requests %v", zone, reqs)
		}
	}
}
