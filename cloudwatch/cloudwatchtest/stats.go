package cloudwatchtest

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// GetMetricStatistics' rules (CloudWatch API Reference,
// GetMetricStatistics): a period of 1, 5, 10, 20 or 30 seconds (for
// high-resolution metrics) or a multiple of 60; at most 1,440 data points
// a call; Statistics or ExtendedStatistics but not both (at most 5 and
// 10); start times rounded down to the minute, 5 minutes or hour by age;
// high-resolution data kept 3 hours, minute data 15 days, 5-minute data
// 63 days, hourly data 455 days.
const (
	maxDatapoints     = 1440
	maxStatistics     = 5
	maxExtendedStats  = 10
	highResRetention  = 3 * time.Hour
	minuteRetention   = 15 * 24 * time.Hour
	fiveMinRetention  = 63 * 24 * time.Hour
	defaultMaxMDPoint = 100800
	maxQueries        = 500
)

var statistics = []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}

// percentile is an extended statistic this fake computes: p0.0 to p100,
// up to two decimals.
var percentile = regexp.MustCompile(`^p(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$`)

func checkPeriod(field string, p int64) error {
	switch {
	case p <= 0:
		return errInvalidParameterValue("The parameter %s must be greater than 0.", field)
	case p == 1 || p == 5 || p == 10 || p == 20 || p == 30 || p%60 == 0:
		return nil
	}
	return errInvalidParameterValue("The parameter %s must be 1, 5, 10, 20, 30, or a multiple of 60.", field)
}

// roundStart is CloudWatch's rounding of a query's start time: to the
// period below a minute, else by the data's age.
func roundStart(start, now time.Time, period int64) time.Time {
	age := now.Sub(start)
	switch {
	case period < 60:
		return start.Truncate(time.Duration(period) * time.Second)
	case age < minuteRetention:
		return start.Truncate(time.Minute)
	case age < fiveMinRetention:
		return start.Truncate(5 * time.Minute)
	}
	return start.Truncate(time.Hour)
}

// kept reports whether data at t is still held at the granularity a
// period needs.
func kept(t, now time.Time, period int64) bool {
	age := now.Sub(t)
	switch {
	case period < 60:
		return age <= highResRetention
	case period%3600 == 0:
		return true
	case period%300 == 0:
		return age <= fiveMinRetention
	}
	return age <= minuteRetention
}

// bucket is one period's aggregate of one unit's samples.
type bucket struct {
	at                   time.Time
	unit                 string
	count, sum, min, max float64
	values, counts       []float64
	setsOnly             bool // a statistic set without values took part: no percentiles
}

func (bk *bucket) add(s sample) {
	if bk.count == 0 {
		bk.min, bk.max = s.min, s.max
	} else {
		bk.min, bk.max = math.Min(bk.min, s.min), math.Max(bk.max, s.max)
	}
	bk.count += s.count
	bk.sum += s.sum
	if s.values == nil {
		bk.setsOnly = true
	}
	bk.values = append(bk.values, s.values...)
	bk.counts = append(bk.counts, s.counts...)
}

func (bk *bucket) stat(name string) (float64, bool) {
	switch name {
	case "SampleCount":
		return bk.count, true
	case "Sum":
		return bk.sum, true
	case "Minimum":
		return bk.min, true
	case "Maximum":
		return bk.max, true
	case "Average":
		return bk.sum / bk.count, true
	}
	if !percentile.MatchString(name) {
		return 0, false
	}
	p, _ := strconv.ParseFloat(name[1:], 64)
	return bk.percentile(p)
}

// percentile is the nearest-rank percentile of the bucket's values,
// weighted by their counts. CloudWatch gives none when a statistic set
// without values, or a negative value, took part ("Percentile statistics
// are not available for metrics when any of the metric values are
// negative numbers").
func (bk *bucket) percentile(p float64) (float64, bool) {
	if bk.setsOnly || len(bk.values) == 0 {
		return 0, false
	}
	idx := make([]int, len(bk.values))
	for i := range idx {
		idx[i] = i
		if bk.values[i] < 0 {
			return 0, false
		}
	}
	sort.Slice(idx, func(a, b int) bool { return bk.values[idx[a]] < bk.values[idx[b]] })
	total := 0.0
	for _, c := range bk.counts {
		total += c
	}
	if p <= 0 {
		return bk.values[idx[0]], true
	}
	rank := math.Ceil(p / 100 * total)
	seen := 0.0
	for _, i := range idx {
		seen += bk.counts[i]
		if seen >= rank {
			return bk.values[i], true
		}
	}
	return bk.values[idx[len(idx)-1]], true
}

// aggregate groups a series' samples in [start, end) into periods (and
// units, when unit is ""), in time order.
func (s *series) aggregate(start, end, now time.Time, period int64, unit string) []*bucket {
	step := time.Duration(period) * time.Second
	byKey := map[string]*bucket{}
	for _, smp := range s.samples {
		if smp.at.Before(start) || !smp.at.Before(end) || unit != "" && smp.unit != unit {
			continue
		}
		at := start.Add(smp.at.Sub(start) / step * step)
		if !kept(at, now, period) || period < 60 && !s.highRes {
			continue
		}
		key := at.Format(time.RFC3339Nano) + "\x00" + smp.unit
		bk := byKey[key]
		if bk == nil {
			bk = &bucket{at: at, unit: smp.unit}
			byKey[key] = bk
		}
		bk.add(smp)
	}
	out := make([]*bucket, 0, len(byKey))
	for _, bk := range byKey {
		out = append(out, bk)
	}
	slices.SortFunc(out, func(a, b *bucket) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return compareStrings(a.unit, b.unit)
	})
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// find returns the metric m, stored or (for AWS/EC2 instance metrics)
// synthesised over [start, end); nil when there is none.
func (b *Backend) find(r *fake.Request, m metric, start, end time.Time) *series {
	if s := b.ec2Series(r.Account(), r.Region, m, start, end); s != nil {
		return s
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.metrics[seriesKey(m.Namespace, m.MetricName, sortDims(m.Dimensions))]
}

func (b *Backend) getMetricStatistics(r *fake.Request) (*getMetricStatisticsOutput, error) {
	var in getMetricStatisticsInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	switch {
	case in.Namespace == "":
		return nil, errMissingParameter("Namespace")
	case in.MetricName == "":
		return nil, errMissingParameter("MetricName")
	case in.StartTime == nil:
		return nil, errMissingParameter("StartTime")
	case in.EndTime == nil:
		return nil, errMissingParameter("EndTime")
	case in.Period == nil:
		return nil, errMissingParameter("Period")
	}
	if err := checkNamespace(in.Namespace, false); err != nil {
		return nil, err
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return nil, err
	}
	if err := checkPeriod("Period", *in.Period); err != nil {
		return nil, err
	}
	if in.Unit != "" && !slices.Contains(validUnits, in.Unit) {
		return nil, errInvalidParameterValue("The parameter Unit must be a value in the set of StandardUnit.")
	}
	switch {
	case len(in.Statistics) == 0 && len(in.ExtendedStatistics) == 0:
		return nil, errInvalidParameterCombination("Must specify either Statistics or ExtendedStatistics, but not both.")
	case len(in.Statistics) > 0 && len(in.ExtendedStatistics) > 0:
		return nil, errInvalidParameterCombination("Must specify either Statistics or ExtendedStatistics, but not both.")
	case len(in.Statistics) > maxStatistics:
		return nil, errInvalidParameterValue("The collection Statistics must not have a size greater than %d.", maxStatistics)
	case len(in.ExtendedStatistics) > maxExtendedStats:
		return nil, errInvalidParameterValue("The collection ExtendedStatistics must not have a size greater than %d.", maxExtendedStats)
	}
	for _, s := range in.Statistics {
		if !slices.Contains(statistics, s) {
			return nil, errInvalidParameterValue("The parameter Statistics must be a value in the set SampleCount, Average, Sum, Minimum, Maximum.")
		}
	}
	for _, s := range in.ExtendedStatistics {
		if !percentile.MatchString(s) {
			return nil, errInvalidParameterValue("The value %s for parameter ExtendedStatistics is not supported.", s)
		}
	}
	start, end := in.StartTime.UTC(), in.EndTime.UTC()
	if !start.Before(end) {
		return nil, errInvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.")
	}
	start = roundStart(start, r.Now, *in.Period)
	step := time.Duration(*in.Period) * time.Second
	if n := (end.Sub(start) + step - 1) / step; n > maxDatapoints {
		return nil, errInvalidParameterCombination("You have requested up to %d datapoints, which exceeds the limit of %d. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", n, maxDatapoints)
	}
	out := &getMetricStatisticsOutput{Label: in.MetricName, Datapoints: []datapoint{}}
	s := b.find(r, metric{Namespace: in.Namespace, MetricName: in.MetricName, Dimensions: in.Dimensions}, start, end)
	if s == nil {
		return out, nil
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	buckets := s.aggregate(start, end, r.Now, *in.Period, in.Unit)
	reg.mu.Unlock()
	for _, bk := range buckets {
		dp := datapoint{Timestamp: bk.at, Unit: bk.unit}
		for _, name := range in.Statistics {
			v, _ := bk.stat(name)
			switch name {
			case "SampleCount":
				dp.SampleCount = &v
			case "Average":
				dp.Average = &v
			case "Sum":
				dp.Sum = &v
			case "Minimum":
				dp.Minimum = &v
			case "Maximum":
				dp.Maximum = &v
			}
		}
		for _, name := range in.ExtendedStatistics {
			if v, ok := bk.stat(name); ok {
				if dp.ExtendedStatistics == nil {
					dp.ExtendedStatistics = map[string]float64{}
				}
				dp.ExtendedStatistics[name] = v
			}
		}
		out.Datapoints = append(out.Datapoints, dp)
	}
	return out, nil
}
