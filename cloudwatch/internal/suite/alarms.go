package suite

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// alarmInput is a valid alarm on metric "Load" of ns, Maximum over one
// period of 10 seconds above 50: high resolution, so that it evaluates
// every 10 seconds.
func alarmInput(name, ns string) *cloudwatch.PutMetricAlarmInput {
	return &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(name), AlarmDescription: aws.String("goboto conformance suite"),
		Namespace: aws.String(ns), MetricName: aws.String("Load"), Dimensions: dims("Host", "a"),
		Statistic: types.StatisticMaximum, Period: aws.Int32(10), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(50), ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold,
	}
}

func putAlarm(t *testing.T, env Env, in *cloudwatch.PutMetricAlarmInput) {
	t.Helper()
	if _, err := env.Client.PutMetricAlarm(t.Context(), in); err != nil {
		t.Fatalf("%s: PutMetricAlarm %s: %v", env.Name, aws.ToString(in.AlarmName), err)
	}
	name := aws.ToString(in.AlarmName)
	t.Cleanup(func() {
		// A fresh context: t's is done by the time cleanups run.
		_, _ = env.Client.DeleteAlarms(context.Background(), &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{name}})
	})
}

// describe returns the named alarm, failing t when it is not there.
func describe(t *testing.T, env Env, name string) types.MetricAlarm {
	t.Helper()
	out, err := env.Client.DescribeAlarms(t.Context(), &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		t.Fatalf("%s: DescribeAlarms %s: %v", env.Name, name, err)
	}
	for _, a := range out.MetricAlarms {
		if aws.ToString(a.AlarmName) == name {
			return a
		}
	}
	t.Fatalf("%s: DescribeAlarms does not list %s", env.Name, name)
	return types.MetricAlarm{}
}

// newState is the state a new alarm is in: INSUFFICIENT_DATA (API
// Reference, PutMetricAlarm: "When this operation creates an alarm, the
// alarm state is immediately set to INSUFFICIENT_DATA"), or the
// backend's documented difference.
func newState(env Env) types.StateValue {
	if env.Diff.NewAlarmOK {
		return types.StateValueOk
	}
	return types.StateValueInsufficientData
}

// PutMetricAlarm keeps what was put, starts the alarm in
// INSUFFICIENT_DATA, and refuses configurations CloudWatch refuses (API
// Reference, PutMetricAlarm: Period "Valid values are 10, 20, 30, and any
// multiple of 60"; Statistic "you must specify either Statistic or
// ExtendedStatistic, but not both"; DatapointsToAlarm is the M of "M out
// of N").
func testAlarmPut(t *testing.T, env Env) {
	ns := env.NewNamespace()
	name := ns + "-put"
	in := alarmInput(name, ns)
	in.DatapointsToAlarm, in.EvaluationPeriods = aws.Int32(2), aws.Int32(3)
	in.TreatMissingData = aws.String("notBreaching")
	in.Unit = types.StandardUnitPercent
	putAlarm(t, env, in)
	a := describe(t, env, name)
	got := []any{aws.ToString(a.Namespace), aws.ToString(a.MetricName), aws.ToString(a.Dimensions[0].Name) + "=" + aws.ToString(a.Dimensions[0].Value),
		a.Statistic, aws.ToInt32(a.Period), aws.ToInt32(a.EvaluationPeriods), aws.ToInt32(a.DatapointsToAlarm), aws.ToFloat64(a.Threshold),
		a.ComparisonOperator, aws.ToString(a.TreatMissingData), a.Unit, aws.ToString(a.AlarmDescription), aws.ToBool(a.ActionsEnabled), a.StateValue}
	want := []any{ns, "Load", "Host=a", types.StatisticMaximum, int32(10), int32(3), int32(2), 50.0,
		types.ComparisonOperatorGreaterThanThreshold, "notBreaching", types.StandardUnitPercent, "goboto conformance suite", true, newState(env)}
	if !slices.Equal(got, want) {
		t.Errorf("%s: DescribeAlarms = %v, want %v", env.Name, got, want)
	}
	if arn := aws.ToString(a.AlarmArn); !strings.HasPrefix(arn, "arn:aws:cloudwatch:us-east-1:") || !strings.HasSuffix(arn, ":alarm:"+name) {
		t.Errorf("%s: AlarmArn %q", env.Name, arn)
	}

	for _, tc := range []struct {
		name     string
		mod      func(*cloudwatch.PutMetricAlarmInput)
		want     string
		accepted bool // the backend's documented difference: it takes this
	}{
		{"period 45 s", func(in *cloudwatch.PutMetricAlarmInput) { in.Period = aws.Int32(45) }, "InvalidParameterValue", env.Diff.AcceptsAnyAlarmPeriod},
		{"10 s × 8,641 periods, over a day", func(in *cloudwatch.PutMetricAlarmInput) { in.EvaluationPeriods = aws.Int32(8641) },
			"InvalidParameterValue", env.Diff.AcceptsAnyAlarmPeriod},
		{"Statistic and ExtendedStatistic", func(in *cloudwatch.PutMetricAlarmInput) { in.ExtendedStatistic = aws.String("p90") },
			"InvalidParameterCombination", env.Diff.AlarmAcceptsBothStatistics},
		{"DatapointsToAlarm over EvaluationPeriods", func(in *cloudwatch.PutMetricAlarmInput) { in.DatapointsToAlarm = aws.Int32(2) },
			"InvalidParameterValue", env.Diff.AcceptsMOverN},
	} {
		bad := ns + "-bad"
		in := alarmInput(bad, ns)
		tc.mod(in)
		_, err := env.Client.PutMetricAlarm(t.Context(), in)
		switch {
		case tc.accepted && err != nil:
			t.Errorf("%s: %s: the difference says the backend accepts it, but it answered %v", env.Name, tc.name, err)
		case !tc.accepted && code(err) != tc.want:
			t.Errorf("%s: %s: got %v (code %q), want %s", env.Name, tc.name, err, code(err), tc.want)
		}
		// A refused alarm is not stored; an accepted one goes again.
		got, _ := alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{bad}})
		switch {
		case tc.accepted && len(got) != 1:
			t.Errorf("%s: %s: accepted but not stored", env.Name, tc.name)
		case !tc.accepted && len(got) != 0:
			t.Errorf("%s: %s: refused but stored", env.Name, tc.name)
		}
		if len(got) > 0 {
			if _, err := env.Client.DeleteAlarms(t.Context(), &cloudwatch.DeleteAlarmsInput{AlarmNames: got}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// alarmNames lists the names DescribeAlarms answers for in, every page,
// in name order.
func alarmNames(t *testing.T, env Env, in *cloudwatch.DescribeAlarmsInput) (names []string, pages int) {
	t.Helper()
	p := cloudwatch.NewDescribeAlarmsPaginator(env.Client, in)
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatalf("%s: DescribeAlarms %+v: %v", env.Name, in, err)
		}
		pages++
		for _, a := range out.MetricAlarms {
			names = append(names, aws.ToString(a.AlarmName))
		}
	}
	slices.Sort(names)
	return names, pages
}

// DescribeAlarms filters by name prefix, names and state, together, and
// pages by MaxRecords (API Reference, DescribeAlarms: AlarmNamePrefix
// "you receive information about all alarms that have names that start
// with this prefix"; StateValue "to receive information only about alarms
// that are currently in the state that you specify"; MaxRecords "The
// maximum number of alarm descriptions to retrieve").
func testAlarmDescribe(t *testing.T, env Env) {
	ns := env.NewNamespace()
	prefix := ns + "-d-"
	for _, n := range []string{"a", "b", "c"} {
		putAlarm(t, env, alarmInput(prefix+n, ns))
	}
	setState(t, env, prefix+"a", types.StateValueAlarm)
	setState(t, env, prefix+"b", types.StateValueOk)
	setState(t, env, prefix+"c", types.StateValueInsufficientData)
	all := []string{prefix + "a", prefix + "b", prefix + "c"}

	got, _ := alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)})
	if !slices.Equal(got, all) {
		t.Errorf("%s: by prefix: %v, want %v", env.Name, got, all)
	}
	got, _ = alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{prefix + "a", prefix + "c", prefix + "nope"}})
	if want := []string{prefix + "a", prefix + "c"}; !slices.Equal(got, want) {
		t.Errorf("%s: by names: %v, want %v", env.Name, got, want)
	}
	// The state alone: other suites' alarms share the server, so only
	// this test's are looked at.
	got, _ = alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{StateValue: types.StateValueAlarm})
	got = slices.DeleteFunc(got, func(n string) bool { return !strings.HasPrefix(n, prefix) })
	if want := []string{prefix + "a"}; !slices.Equal(got, want) {
		t.Errorf("%s: by state ALARM: %v, want %v", env.Name, got, want)
	}
	got, _ = alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix), StateValue: types.StateValueOk})
	want := []string{prefix + "b"}
	if env.Diff.FiltersNotCombined {
		want = all
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: by prefix and state OK: %v, want %v", env.Name, got, want)
	}

	got, pages := alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix), MaxRecords: aws.Int32(2)})
	wantPages := 2
	if env.Diff.IgnoresMaxRecords {
		wantPages = 1
	}
	if !slices.Equal(got, all) || pages != wantPages {
		t.Errorf("%s: by prefix, 2 a page: %v in %d pages, want %v in %d", env.Name, got, pages, all, wantPages)
	}
}

func setState(t *testing.T, env Env, name string, state types.StateValue) {
	t.Helper()
	if _, err := env.Client.SetAlarmState(t.Context(), &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(name),
		StateValue: state, StateReason: aws.String("goboto suite"), StateReasonData: aws.String(`{"suite":true}`)}); err != nil {
		t.Fatalf("%s: SetAlarmState %s %s: %v", env.Name, name, state, err)
	}
}

// SetAlarmState sets the state with its reason, refuses an unknown alarm
// with ResourceNotFound and reason data that is not JSON with
// InvalidFormat, and the change is in the alarm's history (API
// Reference, SetAlarmState: errors ResourceNotFound and InvalidFormat;
// "it is typically only visible in the alarm's History tab ... or
// through DescribeAlarmHistory").
func testAlarmState(t *testing.T, env Env) {
	ns := env.NewNamespace()
	name := ns + "-state"
	putAlarm(t, env, alarmInput(name, ns))
	setState(t, env, name, types.StateValueAlarm)
	a := describe(t, env, name)
	if a.StateValue != types.StateValueAlarm || aws.ToString(a.StateReason) != "goboto suite" || aws.ToString(a.StateReasonData) != `{"suite":true}` {
		t.Errorf("%s: after SetAlarmState: %s %q %q", env.Name, a.StateValue, aws.ToString(a.StateReason), aws.ToString(a.StateReasonData))
	}

	_, err := env.Client.SetAlarmState(t.Context(), &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(ns + "-nope"),
		StateValue: types.StateValueOk, StateReason: aws.String("x")})
	if got := code(err); got != "ResourceNotFound" {
		t.Errorf("%s: SetAlarmState of an unknown alarm: %v (code %q), want ResourceNotFound", env.Name, err, got)
	}
	_, err = env.Client.SetAlarmState(t.Context(), &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(name),
		StateValue: types.StateValueOk, StateReason: aws.String("x"), StateReasonData: aws.String("{not json")})
	if got := code(err); got != "InvalidFormat" {
		t.Errorf("%s: SetAlarmState with reason data not JSON: %v (code %q), want InvalidFormat", env.Name, err, got)
	}
	if s := describe(t, env, name).StateValue; s != types.StateValueAlarm {
		t.Errorf("%s: a refused SetAlarmState changed the state to %s", env.Name, s)
	}

	h, err := env.Client.DescribeAlarmHistory(t.Context(), &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String(name),
		HistoryItemType: types.HistoryItemTypeStateUpdate, ScanBy: types.ScanByTimestampAscending}, noRetry)
	if env.Diff.NoAlarmHistory {
		if err == nil {
			t.Errorf("%s: NoAlarmHistory is set but DescribeAlarmHistory answered %d items", env.Name, len(h.AlarmHistoryItems))
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: DescribeAlarmHistory: %v", env.Name, err)
	}
	var summaries []string
	for _, item := range h.AlarmHistoryItems {
		summaries = append(summaries, aws.ToString(item.HistorySummary))
	}
	if want := []string{"Alarm updated from INSUFFICIENT_DATA to ALARM"}; !slices.Equal(summaries, want) {
		t.Errorf("%s: history %q, want %q", env.Name, summaries, want)
	}
}

// noRetry makes one attempt: a backend without an operation may answer
// 500, which is not worth retrying.
func noRetry(o *cloudwatch.Options) { o.RetryMaxAttempts = 1 }

// DeleteAlarms deletes the alarms named, and with a name that does not
// exist still deletes the others and answers ResourceNotFound (API
// Reference, DeleteAlarms: "If you specify any incorrect alarm names, the
// alarms you specify with correct names are still deleted"; errors
// ResourceNotFound).
func testAlarmDelete(t *testing.T, env Env) {
	ns := env.NewNamespace()
	prefix := ns + "-del-"
	for _, n := range []string{"a", "b"} {
		putAlarm(t, env, alarmInput(prefix+n, ns))
	}
	if _, err := env.Client.DeleteAlarms(t.Context(), &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{prefix + "a"}}); err != nil {
		t.Fatalf("%s: DeleteAlarms: %v", env.Name, err)
	}
	_, err := env.Client.DeleteAlarms(t.Context(), &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{prefix + "b", prefix + "nope"}})
	switch got := code(err); {
	case env.Diff.DeleteIgnoresUnknown && err != nil:
		t.Errorf("%s: DeleteIgnoresUnknown is set but DeleteAlarms answered %v", env.Name, err)
	case !env.Diff.DeleteIgnoresUnknown && got != "ResourceNotFound":
		t.Errorf("%s: DeleteAlarms with an unknown name: %v (code %q), want ResourceNotFound", env.Name, err, got)
	}
	if got, _ := alarmNames(t, env, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)}); len(got) != 0 {
		t.Errorf("%s: after DeleteAlarms: %v left", env.Name, got)
	}
}

// An alarm evaluates its metric: data above the threshold, and one
// period later the alarm is in ALARM; data below, and it goes to OK
// (User Guide, "Using Amazon CloudWatch alarms", alarm evaluation:
// "Period is the length of time to use to evaluate the metric ... to
// create each individual data point"; a high-resolution alarm of 10
// seconds is evaluated every 10 seconds).
func testAlarmEvaluation(t *testing.T, env Env) {
	ns := env.NewNamespace()
	name := ns + "-eval"
	putAlarm(t, env, alarmInput(name, ns))
	first := describe(t, env, name)
	if first.StateValue != newState(env) {
		t.Errorf("%s: new alarm in %s, want %s", env.Name, first.StateValue, newState(env))
	}
	point := func(v float64) {
		t.Helper()
		put(t, env, ns, types.MetricDatum{MetricName: aws.String("Load"), Dimensions: dims("Host", "a"),
			Timestamp: aws.Time(env.Now()), Value: aws.Float64(v), StorageResolution: aws.Int32(1)})
	}
	point(90)
	env.wait(10 * time.Second)
	a := describe(t, env, name)
	if env.Diff.NeverEvaluates {
		if a.StateValue != first.StateValue || aws.ToString(a.StateReason) != aws.ToString(first.StateReason) {
			t.Errorf("%s: NeverEvaluates is set but the alarm went from %s to %s (%s)", env.Name, first.StateValue, a.StateValue, aws.ToString(a.StateReason))
		}
		return
	}
	if a.StateValue != types.StateValueAlarm {
		t.Fatalf("%s: a period after a breaching datapoint: %s (%s), want ALARM", env.Name, a.StateValue, aws.ToString(a.StateReason))
	}
	if r := aws.ToString(a.StateReason); !strings.HasPrefix(r, "Threshold Crossed: 1 out of the last 1 datapoint [90.0") {
		t.Errorf("%s: StateReason %q", env.Name, r)
	}
	point(10)
	env.wait(10 * time.Second)
	if a := describe(t, env, name); a.StateValue != types.StateValueOk {
		t.Errorf("%s: a period after a datapoint under the threshold: %s (%s), want OK", env.Name, a.StateValue, aws.ToString(a.StateReason))
	}
	h, err := env.Client.DescribeAlarmHistory(t.Context(), &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String(name),
		HistoryItemType: types.HistoryItemTypeStateUpdate, ScanBy: types.ScanByTimestampAscending})
	if err != nil {
		t.Fatalf("%s: DescribeAlarmHistory: %v", env.Name, err)
	}
	var got []string
	for _, item := range h.AlarmHistoryItems {
		got = append(got, aws.ToString(item.HistorySummary))
	}
	if want := []string{"Alarm updated from INSUFFICIENT_DATA to ALARM", "Alarm updated from ALARM to OK"}; !slices.Equal(got, want) {
		t.Errorf("%s: history %q, want %q", env.Name, got, want)
	}
}

// wait lets d pass on the backend's clock: Advance where the backend has
// a clock the suite moves, else real time.
func (env Env) wait(d time.Duration) {
	if env.Advance != nil {
		env.Advance(d)
		return
	}
	time.Sleep(d)
}
