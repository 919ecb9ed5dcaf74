package cloudwatchtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

func alarmNames(out *cloudwatch.DescribeAlarmsOutput) []string {
	var names []string
	for _, a := range out.MetricAlarms {
		names = append(names, aws.ToString(a.AlarmName))
	}
	return names
}

// DescribeAlarms filters by names, name prefix, state and action prefix,
// answers composite alarms apart (none here) and pages 50 alarms by
// default, at most 100 (API Reference, DescribeAlarms; boto/boto#3036).
func TestDescribeAlarms(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		for i := range 120 {
			if _, err := client.PutMetricAlarm(ctx, alarmInput(fmt.Sprintf("web-%03d", i), func(in *cloudwatch.PutMetricAlarmInput) {
				if i%2 == 1 {
					in.AlarmActions = []string{"arn:aws:sns:us-east-1:123456789012:pager"}
				}
			})); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := client.PutMetricAlarm(ctx, alarmInput("db-cpu")); err != nil {
			t.Fatal(err)
		}
		if _, err := client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("web-007"),
			StateValue: types.StateValueAlarm, StateReason: aws.String("t")}); err != nil {
			t.Fatal(err)
		}
		first, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(first.MetricAlarms) != 50 || first.NextToken == nil {
			t.Errorf("default page: %d alarms, token %v", len(first.MetricAlarms), first.NextToken)
		}
		var all []string
		pages := 0
		p := cloudwatch.NewDescribeAlarmsPaginator(client, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String("web-"), MaxRecords: aws.Int32(100)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			all = append(all, alarmNames(out)...)
			if len(out.CompositeAlarms) != 0 {
				t.Errorf("composite alarms %v", out.CompositeAlarms)
			}
		}
		if len(all) != 120 || pages != 2 || all[0] != "web-000" || all[119] != "web-119" {
			t.Errorf("prefix web-: %d alarms in %d pages, %v...", len(all), pages, all[:min(len(all), 3)])
		}
		for _, tc := range []struct {
			name string
			in   *cloudwatch.DescribeAlarmsInput
			want []string
		}{
			{"names", &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"db-cpu", "web-003", "nope"}}, []string{"db-cpu", "web-003"}},
			{"state", &cloudwatch.DescribeAlarmsInput{StateValue: types.StateValueAlarm}, []string{"web-007"}},
			{"action prefix", &cloudwatch.DescribeAlarmsInput{ActionPrefix: aws.String("arn:aws:sns:us-east-1:123456789012:pag"), AlarmNamePrefix: aws.String("web-00")},
				[]string{"web-001", "web-003", "web-005", "web-007", "web-009"}},
			{"composite only", &cloudwatch.DescribeAlarmsInput{AlarmTypes: []types.AlarmType{types.AlarmTypeCompositeAlarm}}, nil},
		} {
			out, err := client.DescribeAlarms(ctx, tc.in)
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			if diff := cmp.Diff(tc.want, alarmNames(out)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
		for _, tc := range []struct {
			name string
			in   *cloudwatch.DescribeAlarmsInput
			want string
		}{
			{"names and prefix", &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"a"}, AlarmNamePrefix: aws.String("a")}, "InvalidParameterCombination"},
			{"101 records", &cloudwatch.DescribeAlarmsInput{MaxRecords: aws.Int32(101)}, "ValidationError"},
			{"bad token", &cloudwatch.DescribeAlarmsInput{NextToken: aws.String("zzz")}, "InvalidNextToken"},
			{"parents", &cloudwatch.DescribeAlarmsInput{ParentsOfAlarmName: aws.String("web-001")}, "InvalidAction"},
		} {
			_, err := client.DescribeAlarms(ctx, tc.in)
			if got := alarmCode(err); got != tc.want {
				t.Errorf("%s: code %q (%v), want %s", tc.name, got, err, tc.want)
			}
		}
	})
}

// DescribeAlarmsForMetric finds the alarms on one metric, its exact
// dimensions, narrowed by statistic, period and unit (API Reference,
// DescribeAlarmsForMetric: "If the metric has any associated dimensions,
// you must specify them in order for the call to succeed").
func TestDescribeAlarmsForMetric(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		for _, in := range []*cloudwatch.PutMetricAlarmInput{
			alarmInput("avg-60"),
			alarmInput("max-300", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Statistic, in.Period = types.StatisticMaximum, aws.Int32(300)
			}),
			alarmInput("other-host", func(in *cloudwatch.PutMetricAlarmInput) { in.Dimensions = dims("Host", "b") }),
			alarmInput("two-dims", func(in *cloudwatch.PutMetricAlarmInput) { in.Dimensions = dims("Host", "a", "Disk", "sda") }),
		} {
			if _, err := client.PutMetricAlarm(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		find := func(f func(*cloudwatch.DescribeAlarmsForMetricInput)) []string {
			in := &cloudwatch.DescribeAlarmsForMetricInput{Namespace: aws.String("App"), MetricName: aws.String("CPU"), Dimensions: dims("Host", "a")}
			f(in)
			out, err := client.DescribeAlarmsForMetric(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range out.MetricAlarms {
				names = append(names, aws.ToString(a.AlarmName))
			}
			return names
		}
		for _, tc := range []struct {
			name string
			f    func(*cloudwatch.DescribeAlarmsForMetricInput)
			want []string
		}{
			{"metric", func(*cloudwatch.DescribeAlarmsForMetricInput) {}, []string{"avg-60", "max-300"}},
			{"statistic", func(in *cloudwatch.DescribeAlarmsForMetricInput) { in.Statistic = types.StatisticMaximum }, []string{"max-300"}},
			{"period", func(in *cloudwatch.DescribeAlarmsForMetricInput) { in.Period = aws.Int32(60) }, []string{"avg-60"}},
			{"dimensions in another order", func(in *cloudwatch.DescribeAlarmsForMetricInput) { in.Dimensions = dims("Disk", "sda", "Host", "a") }, []string{"two-dims"}},
			{"no dimensions", func(in *cloudwatch.DescribeAlarmsForMetricInput) { in.Dimensions = nil }, nil},
		} {
			if diff := cmp.Diff(tc.want, find(tc.f)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})
}

// DeleteAlarms deletes the alarms named, answers ResourceNotFound for
// names of no alarm while still deleting the others (API Reference,
// DeleteAlarms: "If you specify any incorrect alarm names, the alarms you
// specify with correct names are still deleted"; errors: ResourceNotFound),
// and keeps the history ("CloudWatch retains the history of an alarm even
// if you delete the alarm").
func TestDeleteAlarms(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		for _, n := range []string{"a", "b", "c"} {
			if _, err := client.PutMetricAlarm(ctx, alarmInput(n)); err != nil {
				t.Fatal(err)
			}
		}
		_, err := client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"a", "nope", "b"}})
		if got := alarmCode(err); got != "ResourceNotFound" {
			t.Errorf("delete with an unknown name: %q (%v)", got, err)
		}
		out, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"c"}, alarmNames(out)); diff != "" {
			t.Errorf("left (-want +got):\n%s", diff)
		}
		if _, err := client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"c"}}); err != nil {
			t.Errorf("delete c: %v", err)
		}
		if diff := cmp.Diff([]string{`Alarm "a" created`, `Alarm "a" deleted`}, history(t, client, "a", "")); diff != "" {
			t.Errorf("history of a (-want +got):\n%s", diff)
		}
		var names []string
		for i := range 101 {
			names = append(names, fmt.Sprint("x", i))
		}
		for _, tc := range []struct {
			names []string
			want  string
		}{{names, "ValidationError"}, {[]string{}, "MissingParameter"}} {
			_, err := client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: tc.names})
			if got := alarmCode(err); got != tc.want {
				t.Errorf("%d names: %q (%v), want %s", len(tc.names), got, err, tc.want)
			}
		}
	})
}

// Alarms take tags by ARN: added, replaced by key, removed, listed; an
// ARN of no alarm is ResourceNotFoundException (API Reference,
// TagResource: "the new tag value that you specify replaces the previous
// value"; "You can associate as many as 50 tags").
func TestAlarmTags(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		if _, err := client.PutMetricAlarm(ctx, alarmInput("cpu", func(in *cloudwatch.PutMetricAlarmInput) {
			in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("web")}}
		})); err != nil {
			t.Fatal(err)
		}
		arn := aws.String("arn:aws:cloudwatch:us-east-1:" + srv.Account() + ":alarm:cpu")
		tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
		if _, err := client.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []types.Tag{tag("team", "db"), tag("env", "prod"), tag("tier", "1")}}); err != nil {
			t.Fatal(err)
		}
		if _, err := client.UntagResource(ctx, &cloudwatch.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"tier", "absent"}}); err != nil {
			t.Fatal(err)
		}
		out, err := client.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: arn})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, tg := range out.Tags {
			got[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		if diff := cmp.Diff(map[string]string{"team": "db", "env": "prod"}, got); diff != "" {
			t.Errorf("tags (-want +got):\n%s", diff)
		}
		var many []types.Tag
		for i := range 49 {
			many = append(many, tag(fmt.Sprint("k", i), "v"))
		}
		for _, tc := range []struct {
			name string
			err  error
			want string
		}{
			{"unknown alarm", func() error {
				_, err := client.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:cloudwatch:us-east-1:" + srv.Account() + ":alarm:nope")})
				return err
			}(), "ResourceNotFoundException"},
			{"not an ARN", func() error {
				_, err := client.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: aws.String("cpu"), Tags: []types.Tag{tag("a", "b")}})
				return err
			}(), "InvalidParameterValue"},
			{"51 tags", func() error {
				_, err := client.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: many})
				return err
			}(), "InvalidParameterValue"},
			{"aws: key", func() error {
				_, err := client.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []types.Tag{tag("aws:x", "b")}})
				return err
			}(), "InvalidParameterValue"},
		} {
			if got := alarmCode(tc.err); got != tc.want {
				t.Errorf("%s: %q (%v), want %s", tc.name, got, tc.err, tc.want)
			}
		}
	})
}

// DescribeAlarmHistory pages MaxRecords at a time, newest first unless
// TimestampAscending, between StartDate and EndDate, by item type (API
// Reference, DescribeAlarmHistory).
func TestDescribeAlarmHistory(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		t0 := clock.Now()
		if _, err := client.PutMetricAlarm(ctx, alarmInput("cpu")); err != nil {
			t.Fatal(err)
		}
		states := []types.StateValue{types.StateValueAlarm, types.StateValueOk}
		// Eight seconds apart, all within the first minute, before the
		// alarm's first evaluation.
		for i := range 6 {
			clock.Advance(8 * time.Second)
			if _, err := client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("cpu"),
				StateValue: states[i%2], StateReason: aws.String(fmt.Sprint("step ", i))}); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		pages := 0
		p := cloudwatch.NewDescribeAlarmHistoryPaginator(client, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("cpu"),
			HistoryItemType: types.HistoryItemTypeStateUpdate, MaxRecords: aws.Int32(4)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, h := range out.AlarmHistoryItems {
				got = append(got, aws.ToTime(h.Timestamp).Sub(t0).String()+" "+aws.ToString(h.HistorySummary))
				if h.AlarmType != types.AlarmTypeMetricAlarm || aws.ToString(h.HistoryData) == "" {
					t.Errorf("item %+v", h)
				}
			}
		}
		want := []string{
			"48s Alarm updated from ALARM to OK", "40s Alarm updated from OK to ALARM", "32s Alarm updated from ALARM to OK",
			"24s Alarm updated from OK to ALARM", "16s Alarm updated from ALARM to OK", "8s Alarm updated from INSUFFICIENT_DATA to ALARM",
		}
		if diff := cmp.Diff(want, got); diff != "" || pages != 2 {
			t.Errorf("%d pages; history (-want +got):\n%s", pages, diff)
		}
		out, err := client.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{StartDate: aws.Time(t0.Add(20 * time.Second)),
			EndDate: aws.Time(t0.Add(36 * time.Second)), ScanBy: types.ScanByTimestampAscending, HistoryItemType: types.HistoryItemTypeStateUpdate})
		if err != nil {
			t.Fatal(err)
		}
		var between []string
		for _, h := range out.AlarmHistoryItems {
			between = append(between, aws.ToString(h.HistorySummary))
		}
		if diff := cmp.Diff([]string{"Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"}, between); diff != "" {
			t.Errorf("between dates (-want +got):\n%s", diff)
		}
		out, err = client.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmTypes: []types.AlarmType{types.AlarmTypeCompositeAlarm}})
		if err != nil || len(out.AlarmHistoryItems) != 0 {
			t.Errorf("composite history: %v, %v", out, err)
		}
		_, err = client.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{MaxRecords: aws.Int32(0)})
		if got := alarmCode(err); got != "ValidationError" {
			t.Errorf("MaxRecords 0: %q (%v)", got, err)
		}
	})
}
