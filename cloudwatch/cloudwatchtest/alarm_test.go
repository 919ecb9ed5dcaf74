package cloudwatchtest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

const (
	topicARN  = "arn:aws:sns:us-east-1:123456789012:ops"
	policyARN = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:4f5e:autoScalingGroupName/web:policyName/in"
)

// alarmInput is an M-of-N alarm on App/CPU (Host=a): 2 of the last 3
// one-minute averages at 90 or more.
func alarmInput(name string, f ...func(*cloudwatch.PutMetricAlarmInput)) *cloudwatch.PutMetricAlarmInput {
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(name), AlarmDescription: aws.String("CPU is high"),
		Namespace: aws.String("App"), MetricName: aws.String("CPU"), Dimensions: dims("Host", "a"),
		Statistic: types.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(3), DatapointsToAlarm: aws.Int32(2),
		Threshold: aws.Float64(90), ComparisonOperator: types.ComparisonOperatorGreaterThanOrEqualToThreshold,
		AlarmActions: []string{topicARN}, OKActions: []string{policyARN},
	}
	for _, fn := range f {
		fn(in)
	}
	return in
}

// alarmCode is code, with InvalidFormatFault and ValidationException,
// which the v2 client resolves over Query, read as their Query codes.
func alarmCode(err error) string {
	var (
		f *types.InvalidFormatFault
		v *types.ValidationException
	)
	switch {
	case errors.As(err, &f):
		return "InvalidFormat"
	case errors.As(err, &v):
		return "ValidationError"
	}
	return code(err)
}

func describe(t *testing.T, client *cloudwatch.Client, name string) types.MetricAlarm {
	t.Helper()
	out, err := client.DescribeAlarms(t.Context(), &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms %s: %d alarms", name, len(out.MetricAlarms))
	}
	return out.MetricAlarms[0]
}

// A new alarm is INSUFFICIENT_DATA until evaluated, with every member as
// put; putting it again overwrites the configuration and leaves the
// state (API Reference, PutMetricAlarm).
func TestPutMetricAlarm(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		now := clock.Now()
		in := alarmInput("cpu-high", func(in *cloudwatch.PutMetricAlarmInput) {
			in.TreatMissingData = aws.String("notBreaching")
			in.Unit = types.StandardUnitPercent
			in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("web")}}
		})
		if _, err := client.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
		a := describe(t, client, "cpu-high")
		type view struct {
			Name, ARN, Description, Metric, Namespace, Stat, Op, Missing, State, Reason string
			Unit                                                                        types.StandardUnit
			Period, N, M                                                                int32
			Threshold                                                                   float64
			Enabled                                                                     bool
			Dims                                                                        []types.Dimension
			Alarm, OK, Insufficient                                                     []string
			Updated, StateUpdated, Transitioned                                         time.Time
		}
		got := view{aws.ToString(a.AlarmName), aws.ToString(a.AlarmArn), aws.ToString(a.AlarmDescription), aws.ToString(a.MetricName),
			aws.ToString(a.Namespace), string(a.Statistic), string(a.ComparisonOperator), aws.ToString(a.TreatMissingData),
			string(a.StateValue), aws.ToString(a.StateReason), a.Unit, aws.ToInt32(a.Period), aws.ToInt32(a.EvaluationPeriods),
			aws.ToInt32(a.DatapointsToAlarm), aws.ToFloat64(a.Threshold), aws.ToBool(a.ActionsEnabled), a.Dimensions,
			a.AlarmActions, a.OKActions, a.InsufficientDataActions,
			aws.ToTime(a.AlarmConfigurationUpdatedTimestamp).UTC(), aws.ToTime(a.StateUpdatedTimestamp).UTC(), aws.ToTime(a.StateTransitionedTimestamp).UTC()}
		want := view{"cpu-high", "arn:aws:cloudwatch:us-east-1:" + srv.Account() + ":alarm:cpu-high", "CPU is high", "CPU", "App",
			"Average", "GreaterThanOrEqualToThreshold", "notBreaching", "INSUFFICIENT_DATA", "Unchecked: Initial alarm creation",
			types.StandardUnitPercent, 60, 3, 2, 90, true, dims("Host", "a"), []string{topicARN}, []string{policyARN}, []string{},
			now, now, now}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(types.Dimension{})); diff != "" {
			t.Errorf("alarm (-want +got):\n%s", diff)
		}
		if a.ExtendedStatistic != nil {
			t.Errorf("ExtendedStatistic %q", aws.ToString(a.ExtendedStatistic))
		}

		// An update changes the configuration, keeps the state, and
		// ignores the tags it carries.
		clock.Advance(10 * time.Second)
		in.Threshold, in.Tags = aws.Float64(80), []types.Tag{{Key: aws.String("other"), Value: aws.String("x")}}
		in.ActionsEnabled = aws.Bool(false)
		if _, err := client.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
		a = describe(t, client, "cpu-high")
		if aws.ToFloat64(a.Threshold) != 80 || aws.ToBool(a.ActionsEnabled) || a.StateValue != types.StateValueInsufficientData ||
			!aws.ToTime(a.AlarmConfigurationUpdatedTimestamp).Equal(now.Add(10*time.Second)) || !aws.ToTime(a.StateUpdatedTimestamp).Equal(now) {
			t.Errorf("after update: threshold %v, enabled %v, state %s, updated %v, state updated %v", aws.ToFloat64(a.Threshold),
				aws.ToBool(a.ActionsEnabled), a.StateValue, a.AlarmConfigurationUpdatedTimestamp, a.StateUpdatedTimestamp)
		}
		tags, err := client.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: a.AlarmArn})
		if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "team" {
			t.Errorf("tags after update: %+v, %v", tags, err)
		}
		hist, err := client.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("cpu-high"), ScanBy: types.ScanByTimestampAscending})
		if err != nil {
			t.Fatal(err)
		}
		var summaries []string
		for _, h := range hist.AlarmHistoryItems {
			summaries = append(summaries, string(h.HistoryItemType)+": "+aws.ToString(h.HistorySummary))
		}
		if diff := cmp.Diff([]string{`ConfigurationUpdate: Alarm "cpu-high" created`, `ConfigurationUpdate: Alarm "cpu-high" updated`}, summaries); diff != "" {
			t.Errorf("history (-want +got):\n%s", diff)
		}
	})
}

// PutMetricAlarm's limits, each the fake's own check (API Reference,
// PutMetricAlarm: "Valid values are 10, 20, 30, and any multiple of 60";
// "Period multiplied by EvaluationPeriods can't be more than 604,800
// seconds. For alarms with a period of less than one hour (3,600
// seconds), the total evaluation period can't be longer than one day";
// Statistic or ExtendedStatistic "but not both"; at most 5 actions a
// state; TreatMissingData "breaching | notBreaching | ignore | missing").
// A refused alarm is not created.
func TestPutMetricAlarmLimits(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		put := func(f func(*cloudwatch.PutMetricAlarmInput)) error {
			_, err := client.PutMetricAlarm(ctx, alarmInput("bad", f))
			return err
		}
		six := []string{topicARN, topicARN + "2", topicARN + "3", topicARN + "4", topicARN + "5", topicARN + "6"}
		for _, tc := range []struct {
			name string
			f    func(*cloudwatch.PutMetricAlarmInput)
			want string
		}{
			{"period 45", func(in *cloudwatch.PutMetricAlarmInput) { in.Period = aws.Int32(45) }, "InvalidParameterValue"},
			{"period 5", func(in *cloudwatch.PutMetricAlarmInput) { in.Period = aws.Int32(5) }, "InvalidParameterValue"},
			{"no period", func(in *cloudwatch.PutMetricAlarmInput) { in.Period = nil }, "MissingParameter"},
			{"one day and a minute at 60 s", func(in *cloudwatch.PutMetricAlarmInput) {
				in.EvaluationPeriods, in.DatapointsToAlarm = aws.Int32(1441), nil
			}, "InvalidParameterValue"},
			{"eight days at 1 h", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Period, in.EvaluationPeriods, in.DatapointsToAlarm = aws.Int32(3600), aws.Int32(192), nil
			}, "InvalidParameterValue"},
			{"datapoints over periods", func(in *cloudwatch.PutMetricAlarmInput) { in.DatapointsToAlarm = aws.Int32(4) }, "InvalidParameterValue"},
			{"no evaluation periods", func(in *cloudwatch.PutMetricAlarmInput) { in.EvaluationPeriods = nil }, "MissingParameter"},
			{"both statistics", func(in *cloudwatch.PutMetricAlarmInput) { in.ExtendedStatistic = aws.String("p99") }, "InvalidParameterCombination"},
			{"no statistic", func(in *cloudwatch.PutMetricAlarmInput) { in.Statistic = "" }, "InvalidParameterCombination"},
			{"unknown statistic", func(in *cloudwatch.PutMetricAlarmInput) { in.Statistic = "Median" }, "ValidationError"},
			{"unknown operator", func(in *cloudwatch.PutMetricAlarmInput) { in.ComparisonOperator = ">=" }, "ValidationError"},
			{"anomaly operator", func(in *cloudwatch.PutMetricAlarmInput) {
				in.ComparisonOperator = types.ComparisonOperatorGreaterThanUpperThreshold
			}, "InvalidParameterCombination"},
			{"no threshold", func(in *cloudwatch.PutMetricAlarmInput) { in.Threshold = nil }, "MissingParameter"},
			{"missing data treatment", func(in *cloudwatch.PutMetricAlarmInput) { in.TreatMissingData = aws.String("zero") }, "InvalidParameterValue"},
			{"six actions", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = six }, "ValidationError"},
			{"action not an ARN", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = []string{"ops-topic"} }, "ValidationError"},
			{"action of another service", func(in *cloudwatch.PutMetricAlarmInput) {
				in.AlarmActions = []string{"arn:aws:sqs:us-east-1:123456789012:q"}
			}, "InvalidParameterValue"},
			{"action in another region", func(in *cloudwatch.PutMetricAlarmInput) {
				in.AlarmActions = []string{"arn:aws:sns:eu-west-1:123456789012:ops"}
			}, "InvalidParameterValue"},
			{"no metric", func(in *cloudwatch.PutMetricAlarmInput) { in.MetricName = nil }, "MissingParameter"},
			{"long name", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmName = aws.String(strings.Repeat("a", 256)) }, "ValidationError"},
			{"metric math", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Metrics = []types.MetricDataQuery{{Id: aws.String("e1"), Expression: aws.String("m1*2")}}
			}, "InvalidAction"},
			{"51 tags", func(in *cloudwatch.PutMetricAlarmInput) {
				for i := range 51 {
					in.Tags = append(in.Tags, types.Tag{Key: aws.String(fmt.Sprint("k", i)), Value: aws.String("v")})
				}
			}, "InvalidParameterValue"},
		} {
			if got := alarmCode(put(tc.f)); got != tc.want {
				t.Errorf("%s: code %q, want %s", tc.name, got, tc.want)
			}
		}
		// The limits' edges are allowed: 10 s periods, a day of minutes,
		// seven days of hours.
		for _, f := range []func(*cloudwatch.PutMetricAlarmInput){
			func(in *cloudwatch.PutMetricAlarmInput) { in.Period = aws.Int32(10) },
			func(in *cloudwatch.PutMetricAlarmInput) { in.EvaluationPeriods = aws.Int32(1440) },
			func(in *cloudwatch.PutMetricAlarmInput) {
				in.Period, in.EvaluationPeriods = aws.Int32(3600), aws.Int32(168)
			},
		} {
			if err := put(f); err != nil {
				t.Errorf("edge refused: %v", err)
			}
		}
		_, err := client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"bad"}})
		if err != nil {
			t.Fatal(err)
		}
		out, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
		if err != nil || len(out.MetricAlarms) != 0 {
			t.Errorf("after refused puts: %d alarms, %v", len(out.MetricAlarms), err)
		}
	})
}

// With WithAlarmQuota, the alarm over the quota is refused with
// LimitExceeded (API Reference, PutMetricAlarm: LimitExceededFault, "The
// quota for alarms for this customer has already been reached"); an
// update of an existing alarm is not a new one.
func TestAlarmQuota(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			srv := cloudwatchtest.Start(t, cloudwatchtest.WithAlarmQuota(2))
			client := cloudwatch.NewFromConfig(srv.Config(""), p.set)
			for i, name := range []string{"a", "b", "a", "c"} {
				_, err := client.PutMetricAlarm(t.Context(), alarmInput(name))
				want := ""
				if i == 3 {
					want = "LimitExceeded"
				}
				if got := alarmCode(err); got != want {
					t.Errorf("alarm %d (%s): code %q (%v), want %q", i, name, got, err, want)
				}
			}
		})
	}
}
