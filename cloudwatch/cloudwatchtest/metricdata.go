package cloudwatchtest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// queryID is GetMetricData's Id rule: a lower-case letter first, then
// letters, digits and underscores, at most 255 characters (API
// Reference, MetricDataQuery).
var queryID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]{0,254}$`)

// getMetricData answers MetricStat queries, up to 500 a call, paging by
// MaxDatapoints (100,800 by default) across the results in order.
// Metric math (Expression) is refused as not implemented.
func (b *Backend) getMetricData(r *fake.Request) (*getMetricDataOutput, error) {
	var in getMetricDataInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	if in.LabelOptions != nil {
		return nil, errUnsupported("GetMetricData with LabelOptions")
	}
	switch {
	case len(in.MetricDataQueries) == 0:
		return nil, errMissingParameter("MetricDataQueries")
	case in.StartTime == nil:
		return nil, errMissingParameter("StartTime")
	case in.EndTime == nil:
		return nil, errMissingParameter("EndTime")
	case len(in.MetricDataQueries) > maxQueries:
		return nil, errInvalidParameterValue("The collection MetricDataQueries must not have a size greater than %d.", maxQueries)
	}
	if in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending" {
		return nil, errInvalidParameterValue("The parameter ScanBy must be a value in the set TimestampDescending, TimestampAscending.")
	}
	maxPoints := int64(defaultMaxMDPoint)
	if in.MaxDatapoints != nil {
		if *in.MaxDatapoints < 1 {
			return nil, errInvalidParameterValue("The parameter MaxDatapoints must be greater than 0.")
		}
		maxPoints = *in.MaxDatapoints
	}
	start, end := in.StartTime.UTC(), in.EndTime.UTC()
	if !start.Before(end) {
		return nil, errInvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.")
	}
	ids := map[string]bool{}
	for i, q := range in.MetricDataQueries {
		field := "MetricDataQueries.member." + strconv.Itoa(i+1)
		if !queryID.MatchString(q.Id) {
			return nil, errInvalidParameterValue("The value %s for parameter %s.Id is invalid: it must start with a lower-case letter and contain only letters, numbers and underscores.", q.Id, field)
		}
		if ids[q.Id] {
			return nil, errInvalidParameterValue("The values for parameter Id in MetricDataQueries are not unique.")
		}
		ids[q.Id] = true
		if q.AccountId != nil {
			return nil, errUnsupported("GetMetricData across accounts")
		}
		switch {
		case q.Expression != nil:
			return nil, errUnsupported("GetMetricData with metric math expressions")
		case q.MetricStat == nil:
			return nil, errInvalidParameterCombination("Exactly one of %s.MetricStat and %s.Expression must be given.", field, field)
		}
		ms := q.MetricStat
		if ms.Period == nil {
			return nil, errMissingParameter(field + ".MetricStat.Period")
		}
		if err := checkPeriod(field+".MetricStat.Period", *ms.Period); err != nil {
			return nil, err
		}
		if !slices.Contains(statistics, ms.Stat) && !percentile.MatchString(ms.Stat) {
			return nil, errInvalidParameterValue("The value %s for parameter %s.MetricStat.Stat is not supported.", ms.Stat, field)
		}
		if err := checkNamespace(ms.Metric.Namespace, false); err != nil {
			return nil, err
		}
		if ms.Metric.MetricName == "" {
			return nil, errMissingParameter(field + ".MetricStat.Metric.MetricName")
		}
		if err := checkDimensions(field+".MetricStat.Metric.Dimensions", ms.Metric.Dimensions); err != nil {
			return nil, err
		}
		if ms.Unit != "" && !slices.Contains(validUnits, ms.Unit) {
			return nil, errInvalidParameterValue("The parameter %s.MetricStat.Unit must be a value in the set of StandardUnit.", field)
		}
	}
	offset := 0
	if in.NextToken != nil {
		n, err := decodeToken(*in.NextToken)
		if err != nil {
			return nil, errInvalidNextToken()
		}
		offset = n
	}

	// Every result in full, then the page the token and MaxDatapoints
	// select, counted across results in order.
	var results []metricDataResult
	for _, q := range in.MetricDataQueries {
		if q.ReturnData != nil && !*q.ReturnData {
			continue
		}
		results = append(results, b.metricStatResult(r, q, start, end, in.ScanBy))
	}
	total := 0
	for _, res := range results {
		total += len(res.Values)
	}
	if offset > total {
		return nil, errInvalidNextToken()
	}
	out := &getMetricDataOutput{MetricDataResults: []metricDataResult{}, Messages: []messageData{}}
	pos, pageEnd := 0, offset+int(maxPoints)
	for _, res := range results {
		n := len(res.Values)
		lo, hi := min(max(offset-pos, 0), n), min(max(pageEnd-pos, 0), n)
		pos += n
		if lo >= hi && (n > 0 || offset > 0) {
			continue // nothing of this result on this page
		}
		page := res
		page.Timestamps, page.Values = res.Timestamps[lo:hi], res.Values[lo:hi]
		if hi < n {
			page.StatusCode = "PartialData"
		}
		out.MetricDataResults = append(out.MetricDataResults, page)
	}
	if next := offset + int(maxPoints); next < total {
		tok := encodeToken(next)
		out.NextToken = &tok
	}
	return out, nil
}

// metricStatResult is one MetricStat query's whole result.
func (b *Backend) metricStatResult(r *fake.Request, q metricDataQuery, start, end time.Time, scanBy string) metricDataResult {
	ms := q.MetricStat
	res := metricDataResult{Id: q.Id, Label: ms.Metric.MetricName, StatusCode: "Complete",
		Timestamps: []time.Time{}, Values: []float64{}, Messages: []messageData{}}
	if q.Label != nil {
		res.Label = *q.Label
	}
	from := roundStart(start, r.Now, *ms.Period)
	s := b.find(r, ms.Metric, from, end)
	if s == nil {
		return res
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	buckets := s.aggregate(from, end, r.Now, *ms.Period, ms.Unit)
	reg.mu.Unlock()
	// Without a unit, each period's samples of every unit make one value.
	merged := map[time.Time]*bucket{}
	var order []time.Time
	for _, bk := range buckets {
		if m := merged[bk.at]; m != nil {
			m.add(sample{at: bk.at, count: bk.count, sum: bk.sum, min: bk.min, max: bk.max, values: bk.values, counts: bk.counts})
			m.setsOnly = m.setsOnly || bk.setsOnly
			continue
		}
		merged[bk.at] = bk
		order = append(order, bk.at)
	}
	for _, at := range order {
		if v, ok := merged[at].stat(ms.Stat); ok {
			res.Timestamps = append(res.Timestamps, at)
			res.Values = append(res.Values, v)
		}
	}
	if scanBy != "TimestampAscending" {
		slices.Reverse(res.Timestamps)
		slices.Reverse(res.Values)
	}
	if len(res.Label) == 0 {
		res.Label = strings.TrimSpace(ms.Metric.MetricName)
	}
	return res
}
