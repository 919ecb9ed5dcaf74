package autoscale

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale/internal/cron"
)

// NotFoundScheduledAction is the code of the *goboto.APIError ScheduledAction.Refresh returns for
// a scheduled action DescribeScheduledActions does not list (AWS answers an empty list, not an
// error); goboto.IsNotFound is true for it.
const NotFoundScheduledAction = "ScheduledActionNotFound"

// ScheduleOptions are the settings of a scheduled action: when it runs
// and the sizes it gives the group, of which at least one is set.
type ScheduleOptions struct {
	// StartTime is when the action first runs (zero: at the next time
	// Recurrence names); AutoScaling refuses a time in the past.
	StartTime time.Time
	// EndTime stops a recurring action; zero for never.
	EndTime time.Time
	// Recurrence is a five-field Unix cron expression ([Minute] [Hour]
	// [Day_of_Month] [Month_of_Year] [Day_of_Week]), read in TimeZone;
	// "" runs the action once, at StartTime.
	Recurrence string
	// TimeZone is the IANA zone Recurrence is read in ("Europe/Paris");
	// "" is UTC.
	TimeZone string
	// The sizes the action sets; nil leaves one as it is.
	Min, Max, Desired *int
}

// ScheduledAction is a scheduled action of a group. Exported fields are
// the last answer seen (DescribeScheduledActions).
type ScheduledAction struct {
	group *Group
	Name  string
	ARN   string
	ScheduleOptions
}

// ScheduledAction returns a handle to the group's scheduled action
// called name, without looking it up.
func (g *Group) ScheduledAction(name string) *ScheduledAction {
	return &ScheduledAction{group: g, Name: name}
}

// Group returns the group the action belongs to.
func (s *ScheduledAction) Group() *Group {
	if s == nil {
		return nil
	}
	return s.group
}

// Conn returns the connection the action's group was made by.
func (s *ScheduledAction) Conn() *Conn { return s.Group().Conn() }

// Schedule makes or replaces the group's scheduled action called name
// (PutScheduledUpdateGroupAction). The recurrence and time zone are
// checked here first, as AutoScaling would read them
// (autoscale/internal/cron), and nothing is sent when one is wrong. A
// time zone is checked only where this program has the IANA database
// (the host's, or time/tzdata embedded); elsewhere AutoScaling judges it.
// AutoScaling answers nothing, so the handle's ARN and next run
// (StartTime) are what Refresh reads.
func (g *Group) Schedule(ctx context.Context, name string, o ScheduleOptions) (*ScheduledAction, error) {
	client, err := g.api()
	if err != nil {
		return nil, err
	}
	if err := checkName("ScheduledActionName", name); err != nil {
		return nil, err
	}
	if err := checkSchedule(o); err != nil {
		return nil, err
	}
	in := &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String(g.Name), ScheduledActionName: aws.String(name),
		Recurrence: schedString(o.Recurrence), TimeZone: schedString(o.TimeZone), StartTime: schedTime(o.StartTime), EndTime: schedTime(o.EndTime),
		MinSize: schedInt32(o.Min), MaxSize: schedInt32(o.Max), DesiredCapacity: schedInt32(o.Desired)}
	if _, err := client.PutScheduledUpdateGroupAction(ctx, in); err != nil {
		return nil, convert(err)
	}
	return &ScheduledAction{group: g, Name: name, ScheduleOptions: o}, nil
}

// checkSchedule checks o by PutScheduledUpdateGroupAction's rules.
func checkSchedule(o ScheduleOptions) error {
	if o.Min == nil && o.Max == nil && o.Desired == nil {
		return goboto.Invalid("MinSize", "", "nor MaxSize nor DesiredCapacity is set: a scheduled action sets at least one")
	}
	for _, f := range []struct {
		name string
		v    *int
	}{{"MinSize", o.Min}, {"MaxSize", o.Max}, {"DesiredCapacity", o.Desired}} {
		if f.v != nil && (*f.v < 0 || *f.v > 1<<31-1) {
			return goboto.Invalid(f.name, strconv.Itoa(*f.v), "is negative or does not fit in 32 bits")
		}
	}
	if o.Min != nil && o.Max != nil && *o.Min > *o.Max {
		return goboto.Invalid("MinSize", strconv.Itoa(*o.Min), "is above MaxSize "+strconv.Itoa(*o.Max))
	}
	if d := o.Desired; d != nil {
		if o.Min != nil && *d < *o.Min || o.Max != nil && *d > *o.Max {
			return goboto.Invalid("DesiredCapacity", strconv.Itoa(*d), "is outside the action's MinSize-MaxSize")
		}
	}
	if o.Recurrence != "" {
		if _, err := cron.Parse(o.Recurrence); err != nil {
			return &goboto.ValidationError{Field: "Recurrence", Value: o.Recurrence, Rule: err.Error()}
		}
	} else if o.StartTime.IsZero() {
		return goboto.Invalid("StartTime", "", "nor Recurrence is set: a scheduled action runs at one or the other")
	}
	if o.TimeZone != "" {
		if o.Recurrence == "" {
			return goboto.Invalid("TimeZone", o.TimeZone, "applies only to a Recurrence")
		}
		if _, err := cron.Location(o.TimeZone); err != nil && (o.TimeZone == "Local" || cron.HaveZones()) {
			return goboto.Invalid("TimeZone", o.TimeZone, err.Error())
		}
	}
	if !o.EndTime.IsZero() {
		if !o.StartTime.IsZero() && !o.EndTime.After(o.StartTime) {
			return goboto.Invalid("EndTime", o.EndTime.UTC().Format(time.RFC3339), "is not after StartTime")
		}
	}
	return nil
}

// Delete deletes the scheduled action (DeleteScheduledAction).
func (s *ScheduledAction) Delete(ctx context.Context) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteScheduledAction(ctx, &autoscaling.DeleteScheduledActionInput{AutoScalingGroupName: aws.String(s.group.Name), ScheduledActionName: aws.String(s.Name)})
	return convert(err)
}

// Refresh reads the action again (DescribeScheduledActions). An action
// that does not exist, or has run for the last time, is a
// *goboto.APIError for which goboto.IsNotFound is true.
func (s *ScheduledAction) Refresh(ctx context.Context) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribeScheduledActions,
		&autoscaling.DescribeScheduledActionsInput{AutoScalingGroupName: aws.String(s.group.Name), ScheduledActionNames: []string{s.Name}},
		func(out *autoscaling.DescribeScheduledActionsOutput) ([]types.ScheduledUpdateGroupAction, middleware.Metadata) {
			return out.ScheduledUpdateGroupActions, out.ResultMetadata
		},
		func(x types.ScheduledUpdateGroupAction) *string { return x.ScheduledActionName }, s.Name, s.fill,
		notFound{"DescribeScheduledActions", NotFoundScheduledAction, "Scheduled action " + s.Name + " of group " + s.group.Name + " does not exist"})
}

// ScheduledActions lists the group's scheduled actions that have yet to
// run (DescribeScheduledActions).
func (g *Group) ScheduledActions(ctx context.Context, opts ...ListOption) iter.Seq2[*ScheduledAction, error] {
	return paged(ctx, g.api, listing{max: 100}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeScheduledActionsOutput], error) {
			return autoscaling.NewDescribeScheduledActionsPaginator(client, &autoscaling.DescribeScheduledActionsInput{
				AutoScalingGroupName: aws.String(g.Name), MaxRecords: o.maxRecords()}), nil
		},
		func(out *autoscaling.DescribeScheduledActionsOutput) []types.ScheduledUpdateGroupAction {
			return out.ScheduledUpdateGroupActions
		},
		func(x types.ScheduledUpdateGroupAction) *ScheduledAction {
			s := &ScheduledAction{group: g, Name: aws.ToString(x.ScheduledActionName)}
			s.fill(x)
			return s
		})
}

func (s *ScheduledAction) api() (*autoscaling.Client, error) {
	if s == nil {
		return nil, goboto.Invalid("ScheduledAction", "", "is nil: make handles with Group.ScheduledAction")
	}
	client, err := s.group.api()
	if err != nil {
		return nil, err
	}
	return client, checkName("ScheduledActionName", s.Name)
}

func (s *ScheduledAction) fill(x types.ScheduledUpdateGroupAction) {
	s.ARN = aws.ToString(x.ScheduledActionARN)
	s.ScheduleOptions = ScheduleOptions{StartTime: aws.ToTime(x.StartTime), EndTime: aws.ToTime(x.EndTime),
		Recurrence: aws.ToString(x.Recurrence), TimeZone: aws.ToString(x.TimeZone),
		Min: schedInt(x.MinSize), Max: schedInt(x.MaxSize), Desired: schedInt(x.DesiredCapacity)}
}

func schedString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func schedTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func schedInt32(n *int) *int32 {
	if n == nil {
		return nil
	}
	v := int32(*n)
	return &v
}

func schedInt(n *int32) *int {
	if n == nil {
		return nil
	}
	v := int(*n)
	return &v
}
