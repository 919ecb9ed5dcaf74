package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// TestBotoAutoScale runs boto 2's Auto Scaling tutorial against the local
// cloud (boto.ec2.autoscale, Query protocol): a launch configuration
// (twice: AlreadyExists), a group across two zones with a propagated
// tag, a group refused for min > max and a colon in its name
// (ValidationError), instances coming into service one per zone, a
// resize with set_capacity, the activities with AWS's causes, boto's
// shutdown_instances() until the group is empty, and the deletes.
func TestBotoAutoScale(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	cloud := localcloud.Start(t, fakes.WithTLS(false))
	srv := fake.ServerOf(cloud.Server)
	var zones []string
	for _, z := range cloud.EC2().Zones(srv.DefaultRegion()) {
		zones = append(zones, z.Name)
	}
	var got struct {
		Again, Bad     string
		Zones          []string
		Tags           [][]any
		Desired        int
		Activities     int
		ActivityStatus []string `json:"activity_status"`
		FirstCause     string   `json:"first_cause"`
		Instances      []string
		Left, Configs  int
	}
	runBoto(t, srv, "boto_autoscale.py", &got, ec2test.DefaultEBSImage, zones[0], zones[1])
	if got.Again != "AlreadyExists" || got.Bad != "ValidationError" {
		t.Errorf("refusals: again %q, bad %q; want AlreadyExists, ValidationError", got.Again, got.Bad)
	}
	if diff := cmp.Diff(zones[:2], got.Zones); diff != "" {
		t.Errorf("InService zones (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]any{{"team", "web", true}}, got.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if got.Activities != 3 || !cmp.Equal(got.ActivityStatus, []string{"Successful"}) {
		t.Errorf("%d activities %v; want 3 Successful", got.Activities, got.ActivityStatus)
	}
	if !strings.Contains(got.FirstCause, "a user request explicitly set group desired capacity changing the desired capacity from 2 to 3.") {
		t.Errorf("newest cause %q", got.FirstCause)
	}
	if diff := cmp.Diff([]string{"HEALTHY", "HEALTHY", "HEALTHY"}, got.Instances); diff != "" {
		t.Errorf("get_all_autoscaling_instances (-want +got):\n%s", diff)
	}
	if got.Left != 0 || got.Configs != 0 {
		t.Errorf("after delete: %d groups, %d launch configurations", got.Left, got.Configs)
	}
}
