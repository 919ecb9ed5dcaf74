package cloudwatch

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// HistoryType is a kind of alarm history item.
type HistoryType string

// The kinds of history item of metric alarms.
const (
	HistoryConfigurationUpdate HistoryType = "ConfigurationUpdate" // created, updated, deleted
	HistoryStateUpdate         HistoryType = "StateUpdate"         // "Alarm updated from OK to ALARM"
	HistoryAction              HistoryType = "Action"              // an action run, or failed
)

// HistoryItem is one entry of an alarm's history.
type HistoryItem struct {
	AlarmName string
	Time      time.Time
	Type      HistoryType
	Summary   string
	Data      string // JSON
}

// HistoryFilter chooses the history items listed. Its zero value lists
// every item of every metric alarm, newest first.
type HistoryFilter struct {
	// Name keeps one alarm's items; Alarm.History sets it.
	Name string
	Type HistoryType
	// Start and End bound the items' times; zero means unbounded.
	Start, End time.Time
	// OldestFirst lists in time order (ScanBy TimestampAscending).
	OldestFirst bool
}

// AlarmHistory lists alarm history items (DescribeAlarmHistory), lazily,
// a page of PageSize (at most 100) at a time. CloudWatch keeps an
// alarm's history after the alarm is deleted.
func (c *Conn) AlarmHistory(ctx context.Context, f HistoryFilter, opts ...ListOption) iter.Seq2[*HistoryItem, error] {
	return func(yield func(*HistoryItem, error) bool) {
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		o, err := alarmListOptions(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &cloudwatch.DescribeAlarmHistoryInput{HistoryItemType: types.HistoryItemType(f.Type)}
		switch f.Type {
		case "", HistoryConfigurationUpdate, HistoryStateUpdate, HistoryAction:
		default:
			yield(nil, goboto.Invalid("HistoryItemType", string(f.Type), "must be ConfigurationUpdate, StateUpdate or Action"))
			return
		}
		if f.Name != "" {
			if err := validAlarmName("AlarmName", f.Name); err != nil {
				yield(nil, err)
				return
			}
			in.AlarmName = aws.String(f.Name)
		}
		if !f.Start.IsZero() && !f.End.IsZero() && f.Start.After(f.End) {
			yield(nil, goboto.Invalid("StartDate", f.Start.String(), "is after EndDate"))
			return
		}
		if !f.Start.IsZero() {
			in.StartDate = aws.Time(f.Start)
		}
		if !f.End.IsZero() {
			in.EndDate = aws.Time(f.End)
		}
		if f.OldestFirst {
			in.ScanBy = types.ScanByTimestampAscending
		}
		if o.PageSize > 0 {
			in.MaxRecords = aws.Int32(int32(o.PageSize))
		}
		p := cloudwatch.NewDescribeAlarmHistoryPaginator(client, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				yield(nil, convert(err))
				return
			}
			for _, h := range out.AlarmHistoryItems {
				item := &HistoryItem{AlarmName: aws.ToString(h.AlarmName), Time: aws.ToTime(h.Timestamp),
					Type: HistoryType(h.HistoryItemType), Summary: aws.ToString(h.HistorySummary), Data: aws.ToString(h.HistoryData)}
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// History lists the alarm's history (DescribeAlarmHistory for its name),
// as Conn.AlarmHistory does.
func (a *Alarm) History(ctx context.Context, f HistoryFilter, opts ...ListOption) iter.Seq2[*HistoryItem, error] {
	if _, err := a.api(); err != nil {
		return func(yield func(*HistoryItem, error) bool) { yield(nil, err) }
	}
	f.Name = a.Name
	return a.conn.AlarmHistory(ctx, f, opts...)
}
