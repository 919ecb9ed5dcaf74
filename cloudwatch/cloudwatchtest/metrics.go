package cloudwatchtest

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// CloudWatch's PutMetricData limits (CloudWatch API Reference,
// PutMetricData; "CloudWatch service quotas"): 1,000 metrics and 1 MB a
// request, 30 dimensions a metric, 150 values in a Values array, data no
// older than two weeks and no more than two hours ahead, values within
// ±2^360 and never NaN or infinite, storage resolution 1 or 60 seconds.
const (
	maxMetricData   = 1000
	maxRequestBytes = 1 << 20
	maxDimensions   = 30
	maxValues       = 150
	maxAge          = 14 * 24 * time.Hour
	maxAhead        = 2 * time.Hour
)

var maxMagnitude = math.Pow(2, 360)

// sample is one stored datum: a statistic set, with the single values it
// was made of when they were sent (for percentiles).
type sample struct {
	at                   time.Time
	count, sum, min, max float64
	values, counts       []float64 // nil for a statistic set
	unit                 string
}

// series is one metric: a namespace, a name and a set of dimensions.
type series struct {
	namespace, name string
	dims            []dimension // sorted by name
	highRes         bool        // some datum was stored at 1-second resolution
	samples         []sample
	last            time.Time // the newest datum's arrival, for RecentlyActive
}

// seriesKey identifies a metric; dims must be sorted.
func seriesKey(namespace, name string, dims []dimension) string {
	var b strings.Builder
	b.WriteString(namespace)
	b.WriteByte(0)
	b.WriteString(name)
	for _, d := range dims {
		b.WriteByte(0)
		b.WriteString(d.Name)
		b.WriteByte(1)
		b.WriteString(d.Value)
	}
	return b.String()
}

func sortDims(dims []dimension) []dimension {
	out := slices.Clone(dims)
	slices.SortFunc(out, func(a, b dimension) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// validUnits are StandardUnit's values.
var validUnits = []string{"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
	"Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
	"Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
	"Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"}

func checkNamespace(ns string, put bool) error {
	switch {
	case ns == "":
		return errMissingParameter("Namespace")
	case len(ns) > 255:
		return errInvalidParameterValue("The parameter Namespace must be no longer than 255 characters.")
	case strings.HasPrefix(ns, ":"):
		return errInvalidParameterValue("The parameter Namespace must not start with a colon.")
	case put && strings.HasPrefix(ns, "AWS/"):
		// Namespaces beginning AWS/ are reserved for AWS services.
		return errInvalidParameterValue("The value AWS/ for parameter Namespace is invalid.")
	}
	return nil
}

func checkDimensions(field string, dims []dimension) error {
	if len(dims) > maxDimensions {
		return errInvalidParameterValue("The collection %s must not have a size greater than %d.", field, maxDimensions)
	}
	seen := map[string]bool{}
	for i, d := range dims {
		switch {
		case d.Name == "" || len(d.Name) > 255:
			return errInvalidParameterValue("The parameter %s.member.%d.Name must be between 1 and 255 characters long.", field, i+1)
		case d.Value == "" || len(d.Value) > 1024:
			return errInvalidParameterValue("The parameter %s.member.%d.Value must be between 1 and 1024 characters long.", field, i+1)
		case seen[d.Name]:
			return errInvalidParameterValue("No Metric may specify the same dimension name twice: %s.", d.Name)
		}
		seen[d.Name] = true
	}
	return nil
}

func checkValue(field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxMagnitude {
		return errInvalidParameterValue("The value %s for parameter %s is invalid.", strconv.FormatFloat(v, 'g', -1, 64), field)
	}
	return nil
}

// putMetricData stores a request's data points, all or none.
func (b *Backend) putMetricData(r *fake.Request) error {
	var in putMetricDataInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if in.EntityMetricData != nil || in.StrictEntityValidation != nil {
		return errUnsupported("PutMetricData with EntityMetricData")
	}
	if len(r.Body) > maxRequestBytes {
		return &fake.Error{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLarge", Sender: true,
			Message: "Request size " + strconv.Itoa(len(r.Body)) + " exceeded 1048576 bytes."}
	}
	if err := checkNamespace(in.Namespace, true); err != nil {
		return err
	}
	if len(in.MetricData) == 0 {
		return errMissingParameter("MetricData")
	}
	if len(in.MetricData) > maxMetricData {
		return errInvalidParameterValue("The collection MetricData must not have a size greater than %d.", maxMetricData)
	}
	now := r.Now
	type pending struct {
		key string
		s   sample
		d   metricDatum
	}
	var todo []pending
	for i, d := range in.MetricData {
		field := "MetricData.member." + strconv.Itoa(i+1)
		s, err := datumSample(field, d, now)
		if err != nil {
			return err
		}
		dims := sortDims(d.Dimensions)
		todo = append(todo, pending{seriesKey(in.Namespace, d.MetricName, dims), s, d})
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for _, p := range todo {
		ser := reg.metrics[p.key]
		if ser == nil {
			ser = &series{namespace: in.Namespace, name: p.d.MetricName, dims: sortDims(p.d.Dimensions)}
			reg.metrics[p.key] = ser
		}
		if p.d.StorageResolution != nil && *p.d.StorageResolution == 1 {
			ser.highRes = true
		} else {
			// Standard resolution keeps one-minute granularity: the
			// datum counts in the minute it falls in.
			p.s.at = p.s.at.Truncate(time.Minute)
		}
		ser.samples = append(ser.samples, p.s)
		ser.last = now
	}
	return nil
}

// datumSample checks one MetricDatum and turns it into a sample.
func datumSample(field string, d metricDatum, now time.Time) (sample, error) {
	if d.MetricName == "" {
		return sample{}, errMissingParameter(field + ".MetricName")
	}
	if len(d.MetricName) > 255 {
		return sample{}, errInvalidParameterValue("The parameter %s.MetricName must be no longer than 255 characters.", field)
	}
	if err := checkDimensions(field+".Dimensions", d.Dimensions); err != nil {
		return sample{}, err
	}
	if d.Unit != "" && !slices.Contains(validUnits, d.Unit) {
		return sample{}, errInvalidParameterValue("The parameter %s.Unit must be a value in the set %s.", field, strings.Join(validUnits, ", "))
	}
	if d.StorageResolution != nil && *d.StorageResolution != 1 && *d.StorageResolution != 60 {
		return sample{}, errInvalidParameterValue("The parameter %s.StorageResolution must be 1 or 60.", field)
	}
	at := now
	if d.Timestamp != nil {
		at = d.Timestamp.UTC()
		if at.Before(now.Add(-maxAge)) || at.After(now.Add(maxAhead)) {
			return sample{}, errInvalidParameterValue("The parameter %s.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.", field)
		}
	}
	given := 0
	for _, set := range []bool{d.Value != nil, d.StatisticValues != nil, d.Values != nil} {
		if set {
			given++
		}
	}
	if given > 1 {
		return sample{}, errInvalidParameterCombination("The parameters %s.Value, %s.StatisticValues and %s.Values are mutually exclusive.", field, field, field)
	}
	s := sample{at: at, unit: d.Unit}
	if s.unit == "" {
		s.unit = "None"
	}
	switch {
	case d.Value != nil:
		if err := checkValue(field+".Value", *d.Value); err != nil {
			return sample{}, err
		}
		s.count, s.sum, s.min, s.max = 1, *d.Value, *d.Value, *d.Value
		s.values, s.counts = []float64{*d.Value}, []float64{1}
	case d.StatisticValues != nil:
		sv := d.StatisticValues
		for _, m := range []struct {
			name string
			v    *float64
		}{{"SampleCount", sv.SampleCount}, {"Sum", sv.Sum}, {"Minimum", sv.Minimum}, {"Maximum", sv.Maximum}} {
			if m.v == nil {
				return sample{}, errMissingParameter(field + ".StatisticValues." + m.name)
			}
			if err := checkValue(field+".StatisticValues."+m.name, *m.v); err != nil {
				return sample{}, err
			}
		}
		if *sv.SampleCount <= 0 {
			return sample{}, errInvalidParameterValue("The parameter %s.StatisticValues.SampleCount must be greater than 0.", field)
		}
		if *sv.Minimum > *sv.Maximum {
			return sample{}, errInvalidParameterValue("The parameter %s.StatisticValues.Minimum must not be greater than Maximum.", field)
		}
		s.count, s.sum, s.min, s.max = *sv.SampleCount, *sv.Sum, *sv.Minimum, *sv.Maximum
	case d.Values != nil:
		if len(d.Values) == 0 {
			return sample{}, errInvalidParameterValue("The collection %s.Values must not be empty.", field)
		}
		if len(d.Values) > maxValues {
			return sample{}, errInvalidParameterValue("The collection %s.Values must not have a size greater than %d.", field, maxValues)
		}
		counts := d.Counts
		if counts != nil && len(counts) != len(d.Values) {
			return sample{}, errInvalidParameterValue("The collections %s.Values and %s.Counts must be of the same size.", field, field)
		}
		if counts == nil {
			counts = make([]float64, len(d.Values))
			for i := range counts {
				counts[i] = 1
			}
		}
		s.min, s.max = math.Inf(1), math.Inf(-1)
		for i, v := range d.Values {
			if err := checkValue(field+".Values.member."+strconv.Itoa(i+1), v); err != nil {
				return sample{}, err
			}
			c := counts[i]
			if err := checkValue(field+".Counts.member."+strconv.Itoa(i+1), c); err != nil || c < 0 {
				return sample{}, errInvalidParameterValue("The parameter %s.Counts.member.%d must be a non-negative number.", field, i+1)
			}
			s.count += c
			s.sum += v * c
			s.min, s.max = math.Min(s.min, v), math.Max(s.max, v)
		}
		s.values, s.counts = slices.Clone(d.Values), counts
	default:
		return sample{}, errMissingParameter(field + ".Value")
	}
	if d.Counts != nil && d.Values == nil {
		return sample{}, errInvalidParameterCombination("The parameter %s.Counts is only allowed with %s.Values.", field, field)
	}
	return s, nil
}
