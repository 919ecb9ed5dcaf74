package main

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
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

// TestBotoCloudWatchAlarms runs boto 2's alarm API (boto.ec2.cloudwatch
// MetricAlarm, put_metric_alarm, describe_alarms, set_alarm_state,
// describe_alarm_history, describe_alarms_for_metric, delete_alarms)
// against the local cloud, whose clock stands still so no evaluation
// moves the state set by hand. The ALARM action goes to the handler the
// test wires for Auto Scaling (API Reference, PutMetricAlarm,
// SetAlarmState: "When the updated state differs from the previous
// value, the action configured for the appropriate state is invoked";
// DeleteAlarms: errors ResourceNotFound, the others still deleted).
func TestBotoCloudWatchAlarms(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	cloud := localcloud.Start(t, fakes.WithTLS(false), fakes.WithClock(fakes.NewClock(time.Now()).Now))
	srv := fake.ServerOf(cloud.Server)
	const policy = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:4f6a1c2e-0000-4000-8000-000000000001:autoScalingGroupName/web:policyName/up"
	var mu sync.Mutex
	var ran []string
	cloud.HandleAlarmActions("autoscaling", func(a cloudwatchtest.AlarmAction) error {
		mu.Lock()
		defer mu.Unlock()
		ran = append(ran, a.AlarmName+" "+a.NewState+" "+a.ReasonData)
		return nil
	})
	const instanceID = "i-0123456789abcdef0"
	type alarm struct {
		Name, Metric, Namespace, Statistic, Comparison, Unit, State string
		Threshold                                                   float64
		Period                                                      int
		EvaluationPeriods                                           int `json:"evaluation_periods"`
		Dimensions                                                  map[string][]string
		AlarmActions                                                []string `json:"alarm_actions"`
	}
	var got struct {
		Put           bool
		Refused       string
		ByPrefix      []alarm    `json:"by_prefix"`
		InAlarm       []string   `json:"in_alarm"`
		History       [][]string // type, summary
		ForMetric     []string   `json:"for_metric"`
		DeleteUnknown string     `json:"delete_unknown"`
		Left          []string
	}
	runBoto(t, srv, "boto_cloudwatch_alarms.py", &got, instanceID, policy)

	one := func(name string, period int) alarm {
		return alarm{Name: name, Metric: "CPUUtilization", Namespace: "AWS/EC2", Statistic: "Average", Comparison: ">=",
			Unit: "Percent", State: "INSUFFICIENT_DATA", Threshold: 90, Period: period, EvaluationPeriods: 2,
			Dimensions: map[string][]string{"InstanceId": {instanceID}}, AlarmActions: []string{policy}}
	}
	if !got.Put || got.Refused != "InvalidParameterValue" {
		t.Errorf("put_metric_alarm = %v; with a 45-second period %q, want InvalidParameterValue", got.Put, got.Refused)
	}
	if diff := cmp.Diff([]alarm{one("boto-cpu-high", 60), one("boto-cpu-higher", 300)}, got.ByPrefix); diff != "" {
		t.Errorf("describe_alarms(alarm_name_prefix) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"boto-cpu-high"}, got.InAlarm); diff != "" {
		t.Errorf("describe_alarms(state_value=ALARM) (-want +got):\n%s", diff)
	}
	wantHistory := [][]string{{"Action", "Successfully executed action " + policy},
		{"ConfigurationUpdate", `Alarm "boto-cpu-high" created`}, {"StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"}}
	if diff := cmp.Diff(wantHistory, got.History); diff != "" {
		t.Errorf("describe_alarm_history (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"boto-cpu-high", "boto-cpu-higher"}, got.ForMetric); diff != "" {
		t.Errorf("describe_alarms_for_metric (-want +got):\n%s", diff)
	}
	if got.DeleteUnknown != "ResourceNotFound" || !cmp.Equal(got.Left, []string{"boto-cpu-higher"}) {
		t.Errorf("delete_alarms with an unknown name: %q, left %v; want ResourceNotFound and boto-cpu-higher left", got.DeleteUnknown, got.Left)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]string{`boto-cpu-high ALARM {"by": "boto"}`}, ran); diff != "" {
		t.Errorf("actions run (-want +got):\n%s", diff)
	}
}
