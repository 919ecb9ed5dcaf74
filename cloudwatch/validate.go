package cloudwatch

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto"
)

// CloudWatch's limits (CloudWatch API Reference, PutMetricData,
// GetMetricStatistics, GetMetricData; "CloudWatch service quotas").
const (
	MaxMetricData      = 1000      // metrics (MetricDatum) per PutMetricData
	MaxRequestBytes    = 1_000_000 // bytes of a PutMetricData body ("1 MB"), as goboto measures them
	MaxDimensions      = 30        // dimensions per metric
	MaxDimensionName   = 255       // bytes of a dimension name
	MaxDimensionValue  = 1024      // bytes of a dimension value
	MaxValues          = 150       // values in one datum's Values (and Counts)
	MaxDatapoints      = 1440      // datapoints per GetMetricStatistics
	MaxQueries         = 500       // queries per GetMetricData
	MaxNameLength      = 255       // bytes of a namespace or metric name
	MaxStatistics      = 5         // Statistics per GetMetricStatistics
	MaxExtended        = 10        // ExtendedStatistics per GetMetricStatistics
	MaxDataAge         = 14 * 24 * time.Hour
	MaxDataAhead       = 2 * time.Hour
	maxExpressionBytes = 2048 // MetricDataQuery.Expression
	maxListDimensions  = 10   // DimensionFilters per ListMetrics
)

// maxMagnitude is the largest value CloudWatch stores (PutMetricData:
// "Values must be in the range of -2^360 to 2^360").
const maxMagnitude = 1 << 360

// Statistic is a statistic CloudWatch computes: one of the five
// standard ones, or a percentile made by Percentile ("p99", "p99.9").
type Statistic string

// The standard statistics.
const (
	SampleCount Statistic = "SampleCount"
	Average     Statistic = "Average"
	Sum         Statistic = "Sum"
	Minimum     Statistic = "Minimum"
	Maximum     Statistic = "Maximum"
)

// Percentile returns the extended statistic for the p-th percentile,
// p from 0 to 100 with up to two decimals ("p99", "p99.9").
func Percentile(p float64) Statistic {
	return Statistic("p" + strconv.FormatFloat(p, 'f', -1, 64))
}

// percentile is an extended statistic as GetMetricStatistics takes it:
// p0.0 to p100, up to two decimals (API Reference, GetMetricStatistics,
// ExtendedStatistics).
var percentile = regexp.MustCompile(`^p(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$`)

// IsStandard reports whether s is one of the five standard statistics.
func (s Statistic) IsStandard() bool {
	switch s {
	case SampleCount, Average, Sum, Minimum, Maximum:
		return true
	}
	return false
}

// IsPercentile reports whether s is an extended statistic p0.0-p100.
func (s Statistic) IsPercentile() bool { return percentile.MatchString(string(s)) }

// ValidStatistic checks a statistic: one of the standard five or a
// percentile p0.0-p100.
func ValidStatistic(s Statistic) error {
	if s.IsStandard() || s.IsPercentile() {
		return nil
	}
	return goboto.Invalid("Statistic", string(s), "must be SampleCount, Average, Sum, Minimum, Maximum or a percentile p0.0-p100")
}

// Unit is a unit CloudWatch knows (StandardUnit).
type Unit string

// The units of StandardUnit. The zero Unit is "no unit given", which
// CloudWatch treats as None when storing and as "any unit" when
// querying.
const (
	UnitSeconds            Unit = "Seconds"
	UnitMicroseconds       Unit = "Microseconds"
	UnitMilliseconds       Unit = "Milliseconds"
	UnitBytes              Unit = "Bytes"
	UnitKilobytes          Unit = "Kilobytes"
	UnitMegabytes          Unit = "Megabytes"
	UnitGigabytes          Unit = "Gigabytes"
	UnitTerabytes          Unit = "Terabytes"
	UnitBits               Unit = "Bits"
	UnitKilobits           Unit = "Kilobits"
	UnitMegabits           Unit = "Megabits"
	UnitGigabits           Unit = "Gigabits"
	UnitTerabits           Unit = "Terabits"
	UnitPercent            Unit = "Percent"
	UnitCount              Unit = "Count"
	UnitBytesPerSecond     Unit = "Bytes/Second"
	UnitKilobytesPerSecond Unit = "Kilobytes/Second"
	UnitMegabytesPerSecond Unit = "Megabytes/Second"
	UnitGigabytesPerSecond Unit = "Gigabytes/Second"
	UnitTerabytesPerSecond Unit = "Terabytes/Second"
	UnitBitsPerSecond      Unit = "Bits/Second"
	UnitKilobitsPerSecond  Unit = "Kilobits/Second"
	UnitMegabitsPerSecond  Unit = "Megabits/Second"
	UnitGigabitsPerSecond  Unit = "Gigabits/Second"
	UnitTerabitsPerSecond  Unit = "Terabits/Second"
	UnitCountPerSecond     Unit = "Count/Second"
	UnitNone               Unit = "None"
)

// ValidUnit checks a unit against StandardUnit; the zero Unit passes.
func ValidUnit(u Unit) error {
	switch u {
	case "", UnitSeconds, UnitMicroseconds, UnitMilliseconds, UnitBytes, UnitKilobytes, UnitMegabytes, UnitGigabytes,
		UnitTerabytes, UnitBits, UnitKilobits, UnitMegabits, UnitGigabits, UnitTerabits, UnitPercent, UnitCount,
		UnitBytesPerSecond, UnitKilobytesPerSecond, UnitMegabytesPerSecond, UnitGigabytesPerSecond,
		UnitTerabytesPerSecond, UnitBitsPerSecond, UnitKilobitsPerSecond, UnitMegabitsPerSecond,
		UnitGigabitsPerSecond, UnitTerabitsPerSecond, UnitCountPerSecond, UnitNone:
		return nil
	}
	return goboto.Invalid("Unit", string(u), "is not a CloudWatch unit (StandardUnit)")
}

// ValidPeriod checks a query period: 1, 5, 10, 20 or 30 seconds (for
// high-resolution metrics) or a positive multiple of 60 seconds
// (GetMetricStatistics, Period), in whole seconds.
func ValidPeriod(p time.Duration) error {
	s, ok := wholeSeconds(p)
	switch {
	case !ok || s <= 0:
	case s == 1 || s == 5 || s == 10 || s == 20 || s == 30 || s%60 == 0:
		if s <= math.MaxInt32 {
			return nil
		}
	}
	return goboto.Invalid("Period", p.String(), "must be 1, 5, 10, 20 or 30 seconds, or a multiple of 60 seconds")
}

func wholeSeconds(d time.Duration) (int64, bool) {
	return int64(d / time.Second), d%time.Second == 0
}

// ValidNamespace checks a namespace as PutMetricData takes it: 1-255
// bytes, not starting with a colon, and not in AWS's reserved "AWS/"
// space, which only AWS services publish to.
func ValidNamespace(ns string) error {
	if err := validName("Namespace", ns); err != nil {
		return err
	}
	if strings.HasPrefix(ns, "AWS/") {
		return goboto.Invalid("Namespace", ns, `starts with "AWS/", which is reserved for AWS services`)
	}
	return nil
}

// validName checks a namespace or metric name for reading: 1-255 bytes,
// and (namespaces) no leading colon.
func validName(field, s string) error {
	switch {
	case s == "":
		return goboto.Invalid(field, "", "is empty")
	case len(s) > MaxNameLength:
		return goboto.Invalid(field, s, "is longer than 255 bytes")
	case field == "Namespace" && strings.HasPrefix(s, ":"):
		return goboto.Invalid(field, s, "may not start with a colon")
	}
	return nil
}

// Dimensions are a metric's dimensions, name to value. CloudWatch treats
// them as a set: order does not matter, and goboto sends them sorted by
// name.
type Dimensions map[string]string

// ValidDimensions checks a metric's dimensions: at most 30, names of
// 1-255 bytes and values of 1-1,024.
func ValidDimensions(d Dimensions) error {
	if len(d) > MaxDimensions {
		return goboto.Invalid("Dimensions", strconv.Itoa(len(d)), "more than 30 dimensions")
	}
	for name, value := range d {
		switch {
		case name == "" || len(name) > MaxDimensionName:
			return goboto.Invalid("Dimensions", name, "a dimension name must be 1-255 bytes")
		case value == "" || len(value) > MaxDimensionValue:
			return goboto.Invalid("Dimensions."+name, value, "a dimension value must be 1-1024 bytes")
		}
	}
	return nil
}

// validValue checks a value CloudWatch would store: finite and within
// ±2^360.
func validValue(field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxMagnitude {
		return goboto.Invalid(field, strconv.FormatFloat(v, 'g', -1, 64), "must be a finite number within ±2^360")
	}
	return nil
}

// CloudWatch's retention of aggregated data (GetMetricStatistics): data
// of high resolution is kept 3 hours, one-minute data 15 days, five-minute
// data 63 days and hourly data 455 days, so a start time older than each
// step needs a coarser period.
const (
	highResRetention = 3 * time.Hour
	minuteRetention  = 15 * 24 * time.Hour
	fiveMinRetention = 63 * 24 * time.Hour
)

// checkRetention refuses a period CloudWatch would answer with no data
// for a start this old.
func checkRetention(start, now time.Time, period time.Duration) error {
	age := now.Sub(start)
	switch {
	case age > fiveMinRetention && period%time.Hour != 0:
		return goboto.Invalid("Period", period.String(), "must be a multiple of 1 hour for a start time more than 63 days ago")
	case age > minuteRetention && period%(5*time.Minute) != 0:
		return goboto.Invalid("Period", period.String(), "must be a multiple of 5 minutes for a start time more than 15 days ago")
	case age > highResRetention && period < time.Minute:
		return goboto.Invalid("Period", period.String(), "must be at least 60 seconds for a start time more than 3 hours ago")
	}
	return nil
}

// roundStart is CloudWatch's rounding of a query's start time
// (GetMetricStatistics, StartTime): down to the period for periods
// under a minute, else down to the minute, five minutes or hour by the
// start's age.
func roundStart(start, now time.Time, period time.Duration) time.Time {
	age := now.Sub(start)
	switch {
	case period < time.Minute:
		return start.Truncate(period)
	case age < minuteRetention:
		return start.Truncate(time.Minute)
	case age < fiveMinRetention:
		return start.Truncate(5 * time.Minute)
	}
	return start.Truncate(time.Hour)
}

// queryID is GetMetricData's Id rule: a lower-case letter first, then
// letters, digits and underscores, at most 255 characters (API
// Reference, MetricDataQuery, Id).
var queryID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]{0,254}$`)
