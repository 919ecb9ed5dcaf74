package cloudwatchtest_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// awsCLI is Debian's aws CLI v2.9, which speaks Query to CloudWatch; by
// absolute path, as a PATH may hold another aws.
const awsCLI = "/usr/bin/aws"

// cli runs the aws CLI against srv and decodes its JSON output into out
// (when not nil).
func cli(t *testing.T, srv *cloudwatchtest.Server, out any, args ...string) {
	t.Helper()
	cred := srv.Credentials()[0]
	home := t.TempDir()
	empty := filepath.Join(home, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, awsCLI, append([]string{"--endpoint-url", srv.URL(), "--output", "json", "cloudwatch"}, args...)...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8",
		"AWS_ACCESS_KEY_ID=" + cred.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + cred.SecretAccessKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=" + empty,
		"AWS_SHARED_CREDENTIALS_FILE=" + empty, "AWS_PAGER="}
	b, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("aws %v: %v\n%s", args, err, stderr)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, b)
		}
	}
}

// The aws CLI v2.9 (Query) puts, describes, sets the state of, reads the
// history of and deletes an alarm on the fake.
func TestAlarmsWithAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the aws CLI")
	}
	if fi, err := os.Stat(awsCLI); err != nil || fi.Mode()&0o111 == 0 {
		t.Skipf("%s is not installed (apt-get install awscli)", awsCLI)
	}
	// The fake's clock stands still, so no evaluation happens while the
	// CLI starts up, however slowly.
	srv, _ := start(t)
	cli(t, srv, nil, "put-metric-alarm", "--alarm-name", "cpu-high", "--namespace", "App", "--metric-name", "CPU",
		"--dimensions", "Name=Host,Value=a", "--statistic", "Average", "--period", "60", "--evaluation-periods", "3",
		"--datapoints-to-alarm", "2", "--threshold", "90", "--comparison-operator", "GreaterThanOrEqualToThreshold",
		"--alarm-actions", "arn:aws:sns:us-east-1:123456789012:ops", "--treat-missing-data", "notBreaching")
	var described struct {
		MetricAlarms []struct {
			AlarmName, StateValue, ComparisonOperator, TreatMissingData string
			Period, EvaluationPeriods, DatapointsToAlarm                int
			Threshold                                                   float64
			AlarmActions                                                []string
			Dimensions                                                  []struct{ Name, Value string }
		}
		CompositeAlarms []any
	}
	cli(t, srv, &described, "describe-alarms", "--alarm-name-prefix", "cpu")
	if len(described.MetricAlarms) != 1 {
		t.Fatalf("describe-alarms: %+v", described)
	}
	a := described.MetricAlarms[0]
	if a.AlarmName != "cpu-high" || a.StateValue != "INSUFFICIENT_DATA" || a.Period != 60 || a.DatapointsToAlarm != 2 ||
		a.Threshold != 90 || a.TreatMissingData != "notBreaching" || len(a.AlarmActions) != 1 || len(a.Dimensions) != 1 {
		t.Errorf("describe-alarms: %+v", a)
	}
	cli(t, srv, nil, "set-alarm-state", "--alarm-name", "cpu-high", "--state-value", "ALARM", "--state-reason", "from the CLI")
	var hist struct {
		AlarmHistoryItems []struct{ HistoryItemType, HistorySummary string }
	}
	cli(t, srv, &hist, "describe-alarm-history", "--alarm-name", "cpu-high", "--history-item-type", "StateUpdate")
	if len(hist.AlarmHistoryItems) != 1 || hist.AlarmHistoryItems[0].HistorySummary != "Alarm updated from INSUFFICIENT_DATA to ALARM" {
		t.Errorf("describe-alarm-history: %+v", hist)
	}
	cli(t, srv, nil, "delete-alarms", "--alarm-names", "cpu-high")
	cli(t, srv, &described, "describe-alarms")
	if len(described.MetricAlarms) != 0 {
		t.Errorf("after delete-alarms: %+v", described.MetricAlarms)
	}
}
