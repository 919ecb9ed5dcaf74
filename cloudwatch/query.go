package cloudwatch

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// Datapoint is one period's statistics of a metric, as
// GetMetricStatistics answers them. Only the statistics asked for are
// set; Value tells which.
type Datapoint struct {
	Timestamp time.Time // the period's start
	Unit      Unit

	SampleCount, Average, Sum, Minimum, Maximum float64
	// Extended holds the percentiles asked for, by name ("p99"). A period
	// has none when CloudWatch cannot compute them (statistic sets, or
	// negative values, took part).
	Extended map[Statistic]float64

	has uint8 // which standard statistics are set, a bit each
}

const (
	hasSampleCount = 1 << iota
	hasAverage
	hasSum
	hasMinimum
	hasMaximum
)

// Value returns the statistic s of the period, and whether CloudWatch
// answered it.
func (d Datapoint) Value(s Statistic) (float64, bool) {
	switch s {
	case SampleCount:
		return d.SampleCount, d.has&hasSampleCount != 0
	case Average:
		return d.Average, d.has&hasAverage != 0
	case Sum:
		return d.Sum, d.has&hasSum != 0
	case Minimum:
		return d.Minimum, d.has&hasMinimum != 0
	case Maximum:
		return d.Maximum, d.has&hasMaximum != 0
	}
	v, ok := d.Extended[s]
	return v, ok
}

// QueryOptions are the settings of Metric.Statistics
// (GetMetricStatistics).
type QueryOptions struct {
	// Start and End bound the time range, Start included, End excluded.
	// CloudWatch rounds Start down: to the period below a minute, else
	// to the minute, to five minutes past 15 days and to the hour past
	// 63 days.
	Start, End time.Time
	// Statistics are the standard statistics (up to 5) or percentiles
	// (up to 10) to compute; not both kinds at once, as CloudWatch
	// refuses the mix.
	Statistics []Statistic
	// Unit keeps only data stored with this unit; "" takes every unit,
	// each period of each unit its own Datapoint.
	Unit Unit
	// Period is the length of each datapoint's period: 1, 5, 10, 20 or
	// 30 seconds for high-resolution metrics, else a multiple of 60
	// seconds; 0 means one minute, boto's default.
	Period time.Duration
}

// Query returns the metric's statistic stat for each period between
// start and end (GetMetricStatistics), in time order, as boto's
// Metric.query did: m.Query(ctx, start, end, "Average", UnitPercent,
// time.Minute). A period of 0 means a minute, boto's default; a unit of
// "" takes data of every unit.
//
// It checks everything before sending, with a *goboto.ValidationError
// for: a statistic other than SampleCount, Average, Sum, Minimum,
// Maximum or p0.0-p100; a unit not in StandardUnit; a period that is
// not 1, 5, 10, 20 or 30 seconds or a multiple of a minute; start not
// before end; and a period too fine for data as old as start.
// CloudWatch keeps data of high resolution 3 hours, one-minute data 15
// days and five-minute data 63 days, so a start older than 3 hours needs
// a period of at least a minute, older than 15 days a multiple of 5
// minutes, older than 63 days a multiple of an hour. Past those AWS
// answers no datapoints at all rather than an error; goboto refuses
// locally instead, so an empty answer means there was no data.
//
// GetMetricStatistics answers at most 1,440 datapoints a call. A longer
// range is split into several calls, merged in time order.
func (m *Metric) Query(ctx context.Context, start, end time.Time, stat Statistic, unit Unit, period time.Duration) ([]Datapoint, error) {
	return m.Statistics(ctx, QueryOptions{Start: start, End: end, Statistics: []Statistic{stat}, Unit: unit, Period: period})
}

// Statistics is Query for several statistics at once
// (GetMetricStatistics), with the same checks and splitting.
func (m *Metric) Statistics(ctx context.Context, o QueryOptions) ([]Datapoint, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	client, err := m.conn.api()
	if err != nil {
		return nil, err
	}
	if o.Period == 0 {
		o.Period = time.Minute
	}
	in, err := statisticsInput(m, o, time.Now())
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	chunks := splitRange(o.Start, o.End, o.Period, time.Now())
	var out []Datapoint
	for _, ch := range chunks {
		if out == nil && len(chunks) == 1 {
			out = make([]Datapoint, 0, 64)
		}
		in.StartTime, in.EndTime = aws.Time(ch[0]), aws.Time(ch[1])
		res, err := client.GetMetricStatistics(ctx, in)
		if err != nil {
			return nil, convert(err)
		}
		for i := range res.Datapoints {
			dp := &res.Datapoints[i]
			// A split range's pieces are aligned to the period, so each
			// datapoint belongs to one piece; the bounds guard against a
			// server that rounds a piece's start further down.
			if at := aws.ToTime(dp.Timestamp); len(chunks) > 1 && (at.Before(ch[0]) || !at.Before(ch[1])) {
				continue
			}
			// Filled in place: copying a Datapoint, which holds
			// pointers, costs write barriers while the GC runs.
			out = append(out, Datapoint{})
			datapointInto(&out[len(out)-1], dp)
		}
	}
	byTime := func(a, b Datapoint) int {
		if c := a.Timestamp.Compare(b.Timestamp); c != 0 {
			return c
		}
		return compare(a.Unit, b.Unit)
	}
	if !slices.IsSortedFunc(out, byTime) {
		slices.SortStableFunc(out, byTime)
	}
	return out, nil
}

func compare[T ~string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// statisticsInput checks o and builds the request, without the times.
func statisticsInput(m *Metric, o QueryOptions, now time.Time) (*cloudwatch.GetMetricStatisticsInput, error) {
	if o.Start.IsZero() || o.End.IsZero() {
		return nil, goboto.Invalid("StartTime", "", "start and end must both be set")
	}
	if !o.Start.Before(o.End) {
		return nil, goboto.Invalid("StartTime", o.Start.UTC().Format(time.RFC3339), "must be before EndTime "+o.End.UTC().Format(time.RFC3339))
	}
	if err := ValidUnit(o.Unit); err != nil {
		return nil, err
	}
	if err := ValidPeriod(o.Period); err != nil {
		return nil, err
	}
	if err := checkRetention(o.Start, now, o.Period); err != nil {
		return nil, err
	}
	in := &cloudwatch.GetMetricStatisticsInput{
		Namespace:  aws.String(m.Namespace),
		MetricName: aws.String(m.Name),
		Dimensions: dimensions(m.Dimensions),
		Period:     aws.Int32(int32(o.Period / time.Second)),
		Unit:       types.StandardUnit(o.Unit),
	}
	if len(o.Statistics) == 0 {
		return nil, goboto.Invalid("Statistics", "", "name at least one statistic")
	}
	for _, s := range o.Statistics {
		if err := ValidStatistic(s); err != nil {
			return nil, err
		}
		if s.IsStandard() {
			in.Statistics = append(in.Statistics, types.Statistic(s))
		} else {
			in.ExtendedStatistics = append(in.ExtendedStatistics, string(s))
		}
	}
	switch {
	case len(in.Statistics) > 0 && len(in.ExtendedStatistics) > 0:
		return nil, goboto.Invalid("Statistics", string(o.Statistics[0]), "standard statistics and percentiles cannot be asked for in one call")
	case len(in.Statistics) > MaxStatistics:
		return nil, goboto.Invalid("Statistics", strconv.Itoa(len(in.Statistics)), "more than 5 statistics")
	case len(in.ExtendedStatistics) > MaxExtended:
		return nil, goboto.Invalid("ExtendedStatistics", strconv.Itoa(len(in.ExtendedStatistics)), "more than 10 percentiles")
	}
	return in, nil
}

// splitRange cuts [start, end) into pieces of at most MaxDatapoints
// periods. One piece keeps start as given; several start at CloudWatch's
// rounding of start and follow on at whole periods, so that the
// server's rounding of each piece's start changes nothing and no period
// is counted twice.
func splitRange(start, end time.Time, period time.Duration, now time.Time) [][2]time.Time {
	from := roundStart(start, now, period)
	span := MaxDatapoints * period
	if end.Sub(from) <= span {
		return [][2]time.Time{{start, end}}
	}
	var out [][2]time.Time
	for t := from; t.Before(end); t = t.Add(span) {
		out = append(out, [2]time.Time{t, minTime(t.Add(span), end)})
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func datapointInto(d *Datapoint, dp *types.Datapoint) {
	d.Timestamp, d.Unit = aws.ToTime(dp.Timestamp).UTC(), Unit(dp.Unit)
	if dp.SampleCount != nil {
		d.SampleCount, d.has = *dp.SampleCount, d.has|hasSampleCount
	}
	if dp.Average != nil {
		d.Average, d.has = *dp.Average, d.has|hasAverage
	}
	if dp.Sum != nil {
		d.Sum, d.has = *dp.Sum, d.has|hasSum
	}
	if dp.Minimum != nil {
		d.Minimum, d.has = *dp.Minimum, d.has|hasMinimum
	}
	if dp.Maximum != nil {
		d.Maximum, d.has = *dp.Maximum, d.has|hasMaximum
	}
	if len(dp.ExtendedStatistics) > 0 {
		d.Extended = make(map[Statistic]float64, len(dp.ExtendedStatistics))
		for k, v := range dp.ExtendedStatistics {
			d.Extended[Statistic(k)] = v
		}
	}
}
