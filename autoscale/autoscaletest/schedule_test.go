package autoscaletest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"
)

// sizes is a group's min, max and desired.
type sizes struct{ Min, Max, Desired int }

func (e *policyEnv) sizes(name string) (s sizes) {
	e.read(func(st *region) {
		g := st.groups[name]
		s = sizes{g.min, g.max, g.desired}
	})
	return s
}

// scheduled lists the group's actions (which also runs those due).
func (e *policyEnv) scheduled(t *testing.T, group string) map[string]time.Time {
	t.Helper()
	out, err := e.client.DescribeScheduledActions(t.Context(), &autoscaling.DescribeScheduledActionsInput{AutoScalingGroupName: aws.String(group)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	for _, a := range out.ScheduledUpdateGroupActions {
		got[aws.ToString(a.ScheduledActionName)] = aws.ToTime(a.StartTime).UTC()
	}
	return got
}

func (e *policyEnv) schedule(t *testing.T, in *autoscaling.PutScheduledUpdateGroupActionInput) {
	t.Helper()
	if _, err := e.client.PutScheduledUpdateGroupAction(t.Context(), in); err != nil {
		t.Fatal(err)
	}
}

func TestPutScheduledActionErrors(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	future := aws.Time(epoch.Add(time.Hour))
	put := func(in *autoscaling.PutScheduledUpdateGroupActionInput) *autoscaling.PutScheduledUpdateGroupActionInput {
		if in.AutoScalingGroupName == nil {
			in.AutoScalingGroupName = aws.String("web")
		}
		in.ScheduledActionName = aws.String("s")
		return in
	}
	// API Reference, PutScheduledUpdateGroupAction: StartTime ("If you try
	// to schedule your action in the past, Amazon EC2 Auto Scaling returns
	// an error message"), Recurrence (five cron fields), TimeZone (IANA).
	for _, tc := range []struct {
		name string
		in   *autoscaling.PutScheduledUpdateGroupActionInput
		want string
	}{
		{"no group", put(&autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("nope"), StartTime: future, DesiredCapacity: aws.Int32(2)}),
			"ValidationError: AutoScalingGroup name not found - null"},
		{"past", put(&autoscaling.PutScheduledUpdateGroupActionInput{StartTime: aws.Time(epoch.Add(-time.Minute)), DesiredCapacity: aws.Int32(2)}),
			"ValidationError: Given start time is in the past"},
		{"end before start", put(&autoscaling.PutScheduledUpdateGroupActionInput{Recurrence: aws.String("0 * * * *"), StartTime: future, EndTime: aws.Time(epoch.Add(30 * time.Minute)), DesiredCapacity: aws.Int32(2)}),
			"ValidationError: Start time should be before end time"},
		{"bad recurrence", put(&autoscaling.PutScheduledUpdateGroupActionInput{Recurrence: aws.String("0 25 * * *"), DesiredCapacity: aws.Int32(2)}),
			`ValidationError: Given recurrence string is not valid: "0 25 * * *": Hour "25": 25 is out of range 0-23`},
		{"six fields", put(&autoscaling.PutScheduledUpdateGroupActionInput{Recurrence: aws.String("30 6 ? * MON *"), DesiredCapacity: aws.Int32(2)}),
			`ValidationError: Given recurrence string is not valid: "30 6 ? * MON *": has 6 fields, not the five [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]`},
		{"never due", put(&autoscaling.PutScheduledUpdateGroupActionInput{Recurrence: aws.String("0 0 30 2 *"), DesiredCapacity: aws.Int32(2)}),
			"ValidationError: Given recurrence string is not valid: 0 0 30 2 * never falls due"},
		{"bad zone", put(&autoscaling.PutScheduledUpdateGroupActionInput{Recurrence: aws.String("0 9 * * *"), TimeZone: aws.String("Mars/Olympus"), DesiredCapacity: aws.Int32(2)}),
			"ValidationError: Invalid time zone: Mars/Olympus"},
		{"no sizes", put(&autoscaling.PutScheduledUpdateGroupActionInput{StartTime: future}),
			"ValidationError: At least one of MinSize, MaxSize or DesiredCapacity must be specified."},
		// AWS answered MinSize 2, MaxSize 0, DesiredCapacity 0 so
		// (buildkite/terraform-buildkite-elastic-ci-stack-for-aws#139).
		{"desired below min", put(&autoscaling.PutScheduledUpdateGroupActionInput{StartTime: future, MinSize: aws.Int32(2), MaxSize: aws.Int32(0), DesiredCapacity: aws.Int32(0)}),
			"ValidationError: Desired capacity must be greater than or equal to min size"},
		{"min above max", put(&autoscaling.PutScheduledUpdateGroupActionInput{StartTime: future, MinSize: aws.Int32(3), MaxSize: aws.Int32(2)}),
			"ValidationError: The scheduled action's MinSize 3 is greater than its MaxSize 2."},
		{"no time", put(&autoscaling.PutScheduledUpdateGroupActionInput{DesiredCapacity: aws.Int32(2)}),
			"ValidationError: Either Recurrence or StartTime must be specified."},
		{"deprecated Time", put(&autoscaling.PutScheduledUpdateGroupActionInput{Time: future, DesiredCapacity: aws.Int32(2)}),
			"InvalidAction: autoscaletest does not implement PutScheduledUpdateGroupAction's Time (deprecated; use StartTime) yet; it changed nothing."},
	} {
		_, err := e.client.PutScheduledUpdateGroupAction(t.Context(), tc.in)
		if got := codeAndMessage(err); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := e.scheduled(t, "web"); len(got) != 0 {
		t.Errorf("refused puts left %v", got)
	}
	_, err := e.client.DeleteScheduledAction(t.Context(), &autoscaling.DeleteScheduledActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("s")})
	wantCode(t, "delete missing", err, "ValidationError")
}

func TestScheduledOneOff(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	at := epoch.Add(time.Hour)
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("burst"),
		StartTime: aws.Time(at), MaxSize: aws.Int32(6), DesiredCapacity: aws.Int32(5)})
	e.clock.Advance(59 * time.Minute)
	if got := e.scheduled(t, "web"); !got["burst"].Equal(at) {
		t.Errorf("before its time: %v", got)
	}
	if s := e.sizes("web"); s != (sizes{1, 4, 1}) {
		t.Errorf("before its time: %+v", s)
	}
	e.clock.Advance(time.Minute)
	// A one-off action runs once and is gone.
	if got := e.scheduled(t, "web"); len(got) != 0 {
		t.Errorf("after its time: %v, want none", got)
	}
	if diff := cmp.Diff(sizes{1, 6, 5}, e.sizes("web")); diff != "" {
		t.Errorf("sizes after the action (-want +got):\n%s", diff)
	}
}

func TestScheduledRecurringInZone(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	// API Reference, PutScheduledUpdateGroupAction, TimeZone: the
	// recurrence is read in the IANA zone. 09:00 in New York in December
	// is 14:00 UTC; 18:00 is 23:00 UTC.
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("morning"),
		Recurrence: aws.String("0 9 * * MON-FRI"), TimeZone: aws.String("America/New_York"), MinSize: aws.Int32(2), MaxSize: aws.Int32(6), DesiredCapacity: aws.Int32(4)})
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("evening"),
		Recurrence: aws.String("0 18 * * MON-FRI"), TimeZone: aws.String("America/New_York"), MinSize: aws.Int32(1), DesiredCapacity: aws.Int32(1)})
	// 6 December 2026 is a Sunday: the first runs are on Monday the 7th.
	mon9 := time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC)
	want := map[string]time.Time{"morning": mon9, "evening": mon9.Add(9 * time.Hour)}
	if diff := cmp.Diff(want, e.scheduled(t, "web")); diff != "" {
		t.Fatalf("next runs (-want +got):\n%s", diff)
	}
	var got []sizes
	for _, at := range []time.Time{mon9.Add(-time.Minute), mon9, mon9.Add(9*time.Hour - time.Minute), mon9.Add(9 * time.Hour)} {
		e.clock.Set(at)
		e.scheduled(t, "web")
		got = append(got, e.sizes("web"))
	}
	wantSizes := []sizes{{1, 4, 1}, {2, 6, 4}, {2, 6, 4}, {1, 6, 1}}
	if diff := cmp.Diff(wantSizes, got); diff != "" {
		t.Errorf("sizes around the runs (-want +got):\n%s", diff)
	}
	want = map[string]time.Time{"morning": mon9.Add(24 * time.Hour), "evening": mon9.Add(33 * time.Hour)}
	if diff := cmp.Diff(want, e.scheduled(t, "web")); diff != "" {
		t.Errorf("next runs after Monday (-want +got):\n%s", diff)
	}
	// Jumping to Saturday runs Tuesday to Friday's actions in order; the
	// last, Friday evening's, decides.
	e.clock.Set(time.Date(2026, 12, 12, 12, 0, 0, 0, time.UTC))
	e.scheduled(t, "web")
	if diff := cmp.Diff(sizes{1, 6, 1}, e.sizes("web")); diff != "" {
		t.Errorf("after the week (-want +got):\n%s", diff)
	}
	want = map[string]time.Time{"morning": time.Date(2026, 12, 14, 14, 0, 0, 0, time.UTC), "evening": time.Date(2026, 12, 14, 23, 0, 0, 0, time.UTC)}
	if diff := cmp.Diff(want, e.scheduled(t, "web")); diff != "" {
		t.Errorf("next runs after the week (-want +got):\n%s", diff)
	}
}

func TestScheduledStartAndEnd(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 0, 10, 0, 300)
	// API Reference, PutScheduledUpdateGroupAction: "If you specify
	// Recurrence and StartTime, Amazon EC2 Auto Scaling performs the action
	// at this time, and then performs the action based on the specified
	// recurrence"; EndTime ends the recurrence.
	start := epoch.Add(10 * time.Minute)
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("hourly"),
		Recurrence: aws.String("30 * * * *"), StartTime: aws.Time(start), EndTime: aws.Time(epoch.Add(2*time.Hour + 45*time.Minute)), DesiredCapacity: aws.Int32(3)})
	var next []time.Time
	for _, at := range []time.Duration{0, 10 * time.Minute, 30 * time.Minute, 90 * time.Minute} {
		e.clock.Set(epoch.Add(at))
		e.seedDesired("web", 0)
		next = append(next, e.scheduled(t, "web")["hourly"])
	}
	want := []time.Time{start, epoch.Add(30 * time.Minute), epoch.Add(90 * time.Minute), epoch.Add(150 * time.Minute)}
	if diff := cmp.Diff(want, next); diff != "" {
		t.Errorf("next runs (-want +got):\n%s", diff)
	}
	e.clock.Set(epoch.Add(150 * time.Minute))
	if got := e.scheduled(t, "web"); len(got) != 0 {
		t.Errorf("past its last run before EndTime: %v, want gone", got)
	}
	if d := e.desired("web"); d != 3 {
		t.Errorf("desired = %d, want 3", d)
	}
}

// seedDesired sets a group's desired capacity (SetDesiredCapacity), so
// a test can see an action run again.
func (e *policyEnv) seedDesired(name string, n int) {
	e.t.Helper()
	if _, err := e.client.SetDesiredCapacity(e.t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String(name), DesiredCapacity: aws.Int32(int32(n))}); err != nil {
		e.t.Fatal(err)
	}
}

// causes are the group's activities' causes, oldest first.
func (e *policyEnv) causes(name string) []string {
	e.t.Helper()
	out, err := e.client.DescribeScalingActivities(e.t.Context(), &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String(name)})
	if err != nil {
		e.t.Fatal(err)
	}
	var causes []string
	for _, a := range slices.Backward(out.Activities) {
		causes = append(causes, aws.ToString(a.Cause))
	}
	return causes
}

// User Guide, "Suspend and resume processes": with ScheduledActions
// suspended, actions that fall due do not run; the activity of one that
// runs says so in AWS's words.
func TestScheduledSuspendedAndCause(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("hourly"),
		Recurrence: aws.String("0 * * * *"), MinSize: aws.Int32(1), MaxSize: aws.Int32(4), DesiredCapacity: aws.Int32(3)})
	if _, err := e.client.SuspendProcesses(ctx, &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"ScheduledActions"}}); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(epoch.Add(time.Hour))
	if got := e.scheduled(t, "web"); !got["hourly"].Equal(epoch.Add(2 * time.Hour)) {
		t.Errorf("next run while suspended: %v", got)
	}
	if d := e.desired("web"); d != 1 {
		t.Errorf("desired while suspended = %d, want 1", d)
	}
	if _, err := e.client.ResumeProcesses(ctx, &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(epoch.Add(2 * time.Hour))
	e.scheduled(t, "web")
	if d := e.desired("web"); d != 3 {
		t.Errorf("desired after resuming = %d, want 3", d)
	}
	causes := e.causes("web")
	want := "At 2026-12-06T16:00:00Z a scheduled action update of AutoScalingGroup constraints to min: 1, max: 4, desired: 3 changing the desired capacity from 1 to 3."
	if len(causes) < 2 || !strings.HasPrefix(causes[1], want) {
		t.Errorf("causes %q, want the second to start %q", causes, want)
	}
}

func TestBatchScheduledActions(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	req := func(name, rec string) types.ScheduledUpdateGroupActionRequest {
		return types.ScheduledUpdateGroupActionRequest{ScheduledActionName: aws.String(name), Recurrence: aws.String(rec), DesiredCapacity: aws.Int32(2)}
	}
	// API Reference, BatchPutScheduledUpdateGroupAction: the actions that
	// could not be made are listed with their error; the others are made.
	out, err := e.client.BatchPutScheduledUpdateGroupAction(ctx, &autoscaling.BatchPutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"),
		ScheduledUpdateGroupActions: []types.ScheduledUpdateGroupActionRequest{req("a", "0 8 * * *"), req("b", "0 8 * *"), req("c", "*/5 * * * *")}})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range out.FailedScheduledUpdateGroupActions {
		failed = append(failed, aws.ToString(f.ScheduledActionName)+" "+aws.ToString(f.ErrorCode))
	}
	if diff := cmp.Diff([]string{"b ValidationError"}, failed); diff != "" {
		t.Errorf("failed (-want +got):\n%s", diff)
	}
	if got := e.scheduled(t, "web"); len(got) != 2 || got["a"].IsZero() || got["c"].IsZero() {
		t.Errorf("made: %v, want a and c", got)
	}
	// Paging over DescribeScheduledActions.
	p := autoscaling.NewDescribeScheduledActionsPaginator(e.client, &autoscaling.DescribeScheduledActionsInput{AutoScalingGroupName: aws.String("web"), MaxRecords: aws.Int32(1)})
	var names []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.ScheduledUpdateGroupActions {
			names = append(names, aws.ToString(a.ScheduledActionName))
		}
	}
	if diff := cmp.Diff([]string{"a", "c"}, names); diff != "" {
		t.Errorf("paged (-want +got):\n%s", diff)
	}
	// API Reference, DescribeScheduledActions: StartTime and EndTime
	// bound the actions' next runs.
	a, c := e.scheduled(t, "web")["a"], e.scheduled(t, "web")["c"]
	window, err := e.client.DescribeScheduledActions(ctx, &autoscaling.DescribeScheduledActionsInput{AutoScalingGroupName: aws.String("web"),
		StartTime: aws.Time(c), EndTime: aws.Time(c.Add(time.Minute))})
	if err != nil || len(window.ScheduledUpdateGroupActions) != 1 || aws.ToString(window.ScheduledUpdateGroupActions[0].ScheduledActionName) != "c" || !a.After(c) {
		t.Errorf("actions running in [%s, +1m]: %v, %v (a runs %s)", c, window, err, a)
	}
	del, err := e.client.BatchDeleteScheduledAction(ctx, &autoscaling.BatchDeleteScheduledActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionNames: []string{"a", "zz"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(del.FailedScheduledActions) != 1 || aws.ToString(del.FailedScheduledActions[0].ScheduledActionName) != "zz" {
		t.Errorf("FailedScheduledActions = %v, want zz", del.FailedScheduledActions)
	}
	if got := e.scheduled(t, "web"); len(got) != 1 || got["c"].IsZero() {
		t.Errorf("after batch delete: %v, want c", got)
	}
	too := make([]types.ScheduledUpdateGroupActionRequest, maxBatch+1)
	for i := range too {
		too[i] = req(fmt.Sprint("x", i), "0 8 * * *")
	}
	_, err = e.client.BatchPutScheduledUpdateGroupAction(ctx, &autoscaling.BatchPutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledUpdateGroupActions: too})
	wantCode(t, "51 in a batch", err, "ValidationError")
}
