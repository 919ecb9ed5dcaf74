package rds

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
)

// Source types of events, for EventFilter.SourceType.
const (
	SourceInstance       = "db-instance"
	SourceSnapshot       = "db-snapshot"
	SourceSecurityGroup  = "db-security-group"
	SourceParameterGroup = "db-parameter-group"
)

// maxEventAge is how far back RDS keeps events.
const maxEventAge = 14 * 24 * time.Hour

// Event is something RDS reports having happened to a resource: "DB
// instance created", "Finished DB Instance backup".
type Event struct {
	Date       time.Time
	SourceType string // db-instance, db-snapshot, ...
	SourceID   string
	SourceARN  string
	Message    string
	Categories []string
}

// EventFilter narrows Events. Zero fields do not filter.
type EventFilter struct {
	SourceType string // SourceInstance, SourceSnapshot, ...; required with SourceID
	SourceID   string
	// Duration lists the events of the last Duration, rounded down to a
	// minute; StartTime and EndTime bound them instead. Without either
	// RDS lists the last hour. RDS keeps 14 days.
	Duration  time.Duration
	StartTime time.Time
	EndTime   time.Time
}

func (f EventFilter) input() (*rds.DescribeEventsInput, error) {
	in := &rds.DescribeEventsInput{}
	if f.SourceID != "" {
		if f.SourceType == "" {
			return nil, goboto.Invalid("SourceType", "", "is required with SourceIdentifier")
		}
		in.SourceIdentifier = aws.String(f.SourceID)
	}
	if f.SourceType != "" {
		in.SourceType = types.SourceType(f.SourceType)
	}
	if f.Duration != 0 {
		if !f.StartTime.IsZero() || !f.EndTime.IsZero() {
			return nil, goboto.Invalid("Duration", f.Duration.String(), "cannot be given with StartTime or EndTime")
		}
		if f.Duration < time.Minute || f.Duration > maxEventAge {
			return nil, goboto.Invalid("Duration", f.Duration.String(), "out of range 1m-336h")
		}
		in.Duration = aws.Int32(int32(f.Duration / time.Minute))
	}
	if !f.StartTime.IsZero() {
		in.StartTime = aws.Time(f.StartTime)
	}
	if !f.EndTime.IsZero() {
		if !f.StartTime.IsZero() && f.EndTime.Before(f.StartTime) {
			return nil, goboto.Invalid("EndTime", f.EndTime.Format(time.RFC3339), "is before StartTime")
		}
		in.EndTime = aws.Time(f.EndTime)
	}
	return in, nil
}

// Events lists the region's events that match f (DescribeEvents),
// fetching pages by Marker as the loop needs them. An error is yielded
// once, last. It takes PageSize.
func (c *Conn) Events(ctx context.Context, f EventFilter, opts ...ListOption) iter.Seq2[*Event, error] {
	return func(yield func(*Event, error) bool) {
		o, err := listOptions("Events", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in, err := f.input()
		if err != nil {
			yield(nil, err)
			return
		}
		in.MaxRecords = o.maxRecords()
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeEventsPaginator(client, in)
		each(ctx, yield, p, func(o *rds.DescribeEventsOutput) []types.Event { return o.Events },
			func(x types.Event) *Event {
				return &Event{
					Date:       aws.ToTime(x.Date),
					SourceType: string(x.SourceType),
					SourceID:   aws.ToString(x.SourceIdentifier),
					SourceARN:  aws.ToString(x.SourceArn),
					Message:    aws.ToString(x.Message),
					Categories: x.EventCategories,
				}
			})
	}
}
