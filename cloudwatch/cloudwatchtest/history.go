package cloudwatchtest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// historyEntry is one AlarmHistoryItem of a metric alarm. History lives
// in the region, not the alarm: "CloudWatch retains the history of an
// alarm even if you delete the alarm" (API Reference,
// DescribeAlarmHistory).
type historyEntry struct {
	seq  int // order of recording, for equal timestamps
	item alarmHistoryItem
}

// historyPage is DescribeAlarmHistory's default and largest MaxRecords
// (1 to 100 in the model).
const historyPage = 100

// jsonTime is how CloudWatch writes times inside its JSON documents
// (StateReasonData, HistoryData): "2026-12-06T11:41:00.000+0000".
func jsonTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-0700") }

// record appends a history item; data becomes its HistoryData. The
// caller holds reg.mu.
func (reg *region) record(name string, at time.Time, kind, summary string, data any) {
	raw, _ := json.Marshal(data)
	reg.history = append(reg.history, historyEntry{seq: len(reg.history), item: alarmHistoryItem{
		AlarmName: name, AlarmType: "MetricAlarm", Timestamp: at, HistoryItemType: kind,
		HistorySummary: summary, HistoryData: string(raw)}})
}

var historyItemTypes = []string{"ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"}

var alarmTypes = []string{"CompositeAlarm", "MetricAlarm", "LogAlarm"}

// describeAlarmHistory answers a region's history, newest first unless
// ScanBy says TimestampAscending, filtered by name, item type, types of
// alarm and dates, a page of MaxRecords at a time.
func (b *Backend) describeAlarmHistory(r *fake.Request) (*describeAlarmHistoryOutput, error) {
	var in describeAlarmHistoryInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	if in.AlarmContributorId != nil {
		return nil, errUnsupported("DescribeAlarmHistory with AlarmContributorId")
	}
	if in.AlarmName != nil {
		if err := checkAlarmName("alarmName", *in.AlarmName); err != nil {
			return nil, err
		}
	}
	if in.HistoryItemType != "" && !slices.Contains(historyItemTypes, in.HistoryItemType) {
		return nil, errValidation(in.HistoryItemType, "historyItemType", "Member must satisfy enum value set: ["+strings.Join(historyItemTypes, ", ")+"]")
	}
	if in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending" {
		return nil, errValidation(in.ScanBy, "scanBy", "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]")
	}
	types, err := checkAlarmTypes(in.AlarmTypes)
	if err != nil {
		return nil, err
	}
	limit, err := maxRecords(in.MaxRecords, historyPage)
	if err != nil {
		return nil, err
	}
	start := 0
	if in.NextToken != nil {
		if start, err = decodeToken(*in.NextToken); err != nil {
			return nil, errInvalidNextToken()
		}
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	var items []historyEntry
	for _, h := range reg.history {
		switch {
		case !types["MetricAlarm"],
			in.AlarmName != nil && h.item.AlarmName != *in.AlarmName,
			in.HistoryItemType != "" && h.item.HistoryItemType != in.HistoryItemType,
			in.StartDate != nil && h.item.Timestamp.Before(*in.StartDate),
			in.EndDate != nil && h.item.Timestamp.After(*in.EndDate):
			continue
		}
		items = append(items, h)
	}
	reg.mu.Unlock()
	if in.ScanBy != "TimestampAscending" {
		slices.Reverse(items)
	}
	if start > len(items) {
		return nil, errInvalidNextToken()
	}
	out := &describeAlarmHistoryOutput{AlarmHistoryItems: []alarmHistoryItem{}}
	end := min(start+limit, len(items))
	for _, h := range items[start:end] {
		out.AlarmHistoryItems = append(out.AlarmHistoryItems, h.item)
	}
	if end < len(items) {
		tok := encodeToken(end)
		out.NextToken = &tok
	}
	return out, nil
}

// checkAlarmTypes reads AlarmTypes: MetricAlarm alone when empty, as the
// model says ("If you omit this parameter, only metric alarms are
// returned").
func checkAlarmTypes(in []string) (map[string]bool, error) {
	if len(in) == 0 {
		return map[string]bool{"MetricAlarm": true}, nil
	}
	out := map[string]bool{}
	for _, t := range in {
		if !slices.Contains(alarmTypes, t) {
			return nil, errValidation(t, "alarmTypes", "Member must satisfy enum value set: ["+strings.Join(alarmTypes, ", ")+"]")
		}
		out[t] = true
	}
	return out, nil
}

// maxRecords reads a MaxRecords of 1 to 100, def when absent.
func maxRecords(n *int64, def int) (int, error) {
	if n == nil {
		return def, nil
	}
	if *n < 1 {
		return 0, errValidation(*n, "maxRecords", "Member must have value greater than or equal to 1")
	}
	if *n > 100 {
		return 0, errValidation(*n, "maxRecords", "Member must have value less than or equal to 100")
	}
	return int(*n), nil
}
