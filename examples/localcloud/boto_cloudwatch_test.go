package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestBotoCloudWatch runs the seed's five-minute how-to with boto 2
// (Query protocol, SigV4) against the local cloud: an instance with
// detailed monitoring has its AWS/EC2 metrics, and the last hour's
// average CPU comes back as 60 datapoints in percent; a custom metric's
// statistics add up; an AWS/ namespace is refused.
func TestBotoCloudWatch(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	srv := startCloud(t)
	conn := ec2.New(srv.Config(srv.DefaultRegion(), fake.DefaultCredentials()[0]))
	res, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Monitoring: true})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if err := inst.Wait(t.Context(), ec2.InstanceRunning); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Metrics    []string
		CPUPoints  int      `json:"cpu_points"`
		CPUUnits   []string `json:"cpu_units"`
		CPUInRange bool     `json:"cpu_in_range"`
		Custom     []struct{ Sum, Count, Max float64 }
		Refused    string
	}
	runBoto(t, srv, "boto_cloudwatch.py", &got, inst.ID)
	wantMetrics := []string{"CPUUtilization", "NetworkIn", "NetworkOut", "NetworkPacketsIn", "NetworkPacketsOut",
		"StatusCheckFailed", "StatusCheckFailed_Instance", "StatusCheckFailed_System"}
	if diff := cmp.Diff(wantMetrics, got.Metrics); diff != "" {
		t.Errorf("list_metrics (-want +got):\n%s", diff)
	}
	if got.CPUPoints != 60 || !cmp.Equal(got.CPUUnits, []string{"Percent"}) || !got.CPUInRange {
		t.Errorf("query: %d points, units %v, in range %v; want 60 in Percent", got.CPUPoints, got.CPUUnits, got.CPUInRange)
	}
	if len(got.Custom) != 1 || got.Custom[0].Sum != 90 || got.Custom[0].Count != 3 || got.Custom[0].Max != 60 {
		t.Errorf("custom statistics %+v", got.Custom)
	}
	if got.Refused != "InvalidParameterValue" {
		t.Errorf("AWS/ namespace: %q", got.Refused)
	}
}
