package cloudwatch

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// Datum is one metric's data for PutMetricData: a single Value, or a
// Values array (with Counts), or a StatisticSet, at a time.
type Datum struct {
	Name       string
	Dimensions Dimensions
	// Timestamp is when the data was measured; the zero time lets
	// CloudWatch use the time it receives the data. It may be up to two
	// weeks back and two hours ahead.
	Timestamp time.Time
	// Value is the datum's one value, sent when Values and Statistics
	// are both unset.
	Value float64
	// Values are up to 150 distinct values, each seen Counts[i] times (1
	// each when Counts is nil); percentiles are computed from them.
	Values, Counts []float64
	// Statistics is a statistic set: values aggregated before sending.
	// CloudWatch computes no percentiles from it.
	Statistics *StatisticSet
	Unit       Unit
	// Resolution is the storage resolution: 0 or a minute for standard
	// resolution, a second for high resolution.
	Resolution time.Duration
}

// StatisticSet is a set of values aggregated before sending: how many,
// their sum, the smallest and the largest.
type StatisticSet struct {
	SampleCount, Sum, Minimum, Maximum float64
}

// PutError is a PutMetricData that failed part way: goboto sent the data
// in several requests, in order, and stopped at the first that failed.
// The first Sent data were delivered; the rest were not, or not
// knowingly (a request whose answer was lost may have been stored).
type PutError struct {
	Sent, Total int
	Err         error
}

func (e *PutError) Error() string {
	return fmt.Sprintf("cloudwatch: PutMetricData: %d of %d data sent: %v", e.Sent, e.Total, e.Err)
}

// Unwrap returns the request's error: a *goboto.APIError, or the
// transport's or the context's error.
func (e *PutError) Unwrap() error { return e.Err }

// PutMetricData publishes data to the custom namespace (PutMetricData),
// in as many requests as CloudWatch's limits need: at most 1,000 data
// and 1 MB a request. The size is measured as an upper bound on the
// body in any of CloudWatch's protocols, uncompressed, so a request
// never meets the limit however the connection speaks.
//
// Before sending it checks, with a *goboto.ValidationError: a namespace
// of 1-255 bytes not starting with "AWS/"; names of 1-255 bytes; at most
// 30 dimensions, with names of 1-255 bytes and values of 1-1,024; values
// finite and within ±2^360; Values of 1-150 entries with Counts as many
// and not negative; statistic sets with a positive SampleCount and
// Minimum not over Maximum; timestamps at most two weeks back and two
// hours ahead; units from StandardUnit; a resolution of a second or a
// minute. A failure after some requests went through is a *PutError.
func (c *Conn) PutMetricData(ctx context.Context, namespace string, data []Datum) error {
	client, err := c.api()
	if err != nil {
		return err
	}
	if err := ValidNamespace(namespace); err != nil {
		return err
	}
	if len(data) == 0 {
		return goboto.Invalid("MetricData", "", "is empty")
	}
	now := time.Now()
	for i := range data {
		if err := data[i].check("MetricData["+strconv.Itoa(i)+"]", now); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	sent := 0
	for _, n := range batches(namespace, data) {
		in := &cloudwatch.PutMetricDataInput{Namespace: aws.String(namespace), MetricData: make([]types.MetricDatum, n)}
		for i := range n {
			in.MetricData[i] = data[sent+i].wire()
		}
		if _, err := client.PutMetricData(ctx, in); err != nil {
			return &PutError{Sent: sent, Total: len(data), Err: convert(err)}
		}
		sent += n
	}
	return nil
}

// batches returns the sizes of the requests data is sent in, in order.
func batches(namespace string, data []Datum) []int {
	base := requestBound(namespace)
	var out []int
	n, size := 0, base
	for i := range data {
		b := data[i].bound()
		if n > 0 && (n == MaxMetricData || size+b > MaxRequestBytes) {
			out = append(out, n)
			n, size = 0, base
		}
		n++
		size += b
	}
	return append(out, n)
}

// check validates d as PutMetricData's MetricData[i].
func (d *Datum) check(field string, now time.Time) error {
	if err := validName(field+".MetricName", d.Name); err != nil {
		return err
	}
	if err := ValidDimensions(d.Dimensions); err != nil {
		return err
	}
	if err := ValidUnit(d.Unit); err != nil {
		return err
	}
	if !d.Timestamp.IsZero() && (d.Timestamp.Before(now.Add(-MaxDataAge)) || d.Timestamp.After(now.Add(MaxDataAhead))) {
		return goboto.Invalid(field+".Timestamp", d.Timestamp.UTC().Format(time.RFC3339), "must be at most two weeks back and two hours ahead")
	}
	switch d.Resolution {
	case 0, time.Second, time.Minute:
	default:
		return goboto.Invalid(field+".StorageResolution", d.Resolution.String(), "must be a second (high resolution) or a minute")
	}
	switch {
	case d.Values != nil && d.Statistics != nil:
		return goboto.Invalid(field, d.Name, "takes Values or Statistics, not both")
	case d.Counts != nil && d.Values == nil:
		return goboto.Invalid(field+".Counts", d.Name, "needs Values")
	case d.Values != nil:
		if len(d.Values) == 0 || len(d.Values) > MaxValues {
			return goboto.Invalid(field+".Values", strconv.Itoa(len(d.Values)), "must hold 1-150 values")
		}
		if d.Counts != nil && len(d.Counts) != len(d.Values) {
			return goboto.Invalid(field+".Counts", strconv.Itoa(len(d.Counts)), "must hold as many counts as Values ("+strconv.Itoa(len(d.Values))+")")
		}
		for i, v := range d.Values {
			if err := validValue(field+".Values["+strconv.Itoa(i)+"]", v); err != nil {
				return err
			}
		}
		for i, c := range d.Counts {
			if err := validValue(field+".Counts["+strconv.Itoa(i)+"]", c); err != nil {
				return err
			}
			if c < 0 {
				return goboto.Invalid(field+".Counts["+strconv.Itoa(i)+"]", strconv.FormatFloat(c, 'g', -1, 64), "must not be negative")
			}
		}
	case d.Statistics != nil:
		s := d.Statistics
		for _, v := range []struct {
			name string
			v    float64
		}{{"SampleCount", s.SampleCount}, {"Sum", s.Sum}, {"Minimum", s.Minimum}, {"Maximum", s.Maximum}} {
			if err := validValue(field+".StatisticValues."+v.name, v.v); err != nil {
				return err
			}
		}
		if s.SampleCount <= 0 {
			return goboto.Invalid(field+".StatisticValues.SampleCount", strconv.FormatFloat(s.SampleCount, 'g', -1, 64), "must be greater than 0")
		}
		if s.Minimum > s.Maximum {
			return goboto.Invalid(field+".StatisticValues.Minimum", strconv.FormatFloat(s.Minimum, 'g', -1, 64), "must not be greater than Maximum")
		}
	default:
		return validValue(field+".Value", d.Value)
	}
	return nil
}

// wire returns d as the v2 client's MetricDatum.
func (d *Datum) wire() types.MetricDatum {
	out := types.MetricDatum{MetricName: aws.String(d.Name), Dimensions: dimensions(d.Dimensions), Unit: types.StandardUnit(d.Unit)}
	if !d.Timestamp.IsZero() {
		out.Timestamp = aws.Time(d.Timestamp)
	}
	switch {
	case d.Values != nil:
		out.Values, out.Counts = d.Values, d.Counts
	case d.Statistics != nil:
		s := d.Statistics
		out.StatisticValues = &types.StatisticSet{SampleCount: aws.Float64(s.SampleCount), Sum: aws.Float64(s.Sum),
			Minimum: aws.Float64(s.Minimum), Maximum: aws.Float64(s.Maximum)}
	default:
		out.Value = aws.Float64(d.Value)
	}
	if d.Resolution != 0 {
		out.StorageResolution = aws.Int32(int32(d.Resolution / time.Second))
	}
	return out
}
