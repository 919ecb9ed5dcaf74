package cloudwatch

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// MetricQuery is one query of GetMetricData: either a metric's statistic
// (Metric, Stat, Unit, Period: a MetricStat) or a metric math
// Expression over other queries' IDs.
type MetricQuery struct {
	// ID names the query in results and expressions: a lower-case letter,
	// then letters, digits and underscores, up to 255.
	ID string
	// Metric, Stat, Unit and Period make a MetricStat query: Stat is
	// required, Unit optional, and Period defaults to a minute.
	Metric *Metric
	Stat   Statistic
	Unit   Unit
	Period time.Duration
	// Expression is a metric math expression ("m1 / m2 * 100", "SEARCH(...)"),
	// up to 2,048 bytes; Period, when set, is its period.
	Expression string
	// Label is the result's name; CloudWatch makes one when "".
	Label string
	// Hidden queries feed expressions but return no result of their own
	// (ReturnData false).
	Hidden bool
}

// MetricDataOptions are the settings of Conn.GetMetricData.
type MetricDataOptions struct {
	Start, End time.Time // the range, Start included, End excluded
	Queries    []MetricQuery
}

// MetricDataResult is one query's answer, every page of it merged, in
// time order.
type MetricDataResult struct {
	ID, Label  string
	Timestamps []time.Time
	Values     []float64
	// Status is CloudWatch's StatusCode of the last page: Complete,
	// PartialData, Forbidden or InternalError.
	Status   string
	Messages []Message
}

// MetricData is GetMetricData's answer: one result per query that
// returns data, in the order of the queries, and the notes CloudWatch
// made about the whole answer.
type MetricData struct {
	Results  []MetricDataResult
	Messages []Message
}

// Result returns the result of the query id, or nil.
func (d *MetricData) Result(id string) *MetricDataResult {
	if d == nil {
		return nil
	}
	for i := range d.Results {
		if d.Results[i].ID == id {
			return &d.Results[i]
		}
	}
	return nil
}

// Message is a note CloudWatch attaches to a result or answer
// (MessageData), such as "MaxQueryTimeRangeExceed".
type Message struct{ Code, Value string }

// GetMetricData runs up to 500 queries over one time range
// (GetMetricData), reading every page, and returns one result per query
// that returns data, in the order of the queries, each with its pages
// merged in time order (ScanBy TimestampAscending).
//
// Before sending it checks: 1-500 queries, with unique, well-formed
// IDs; each exactly one of a metric (with a valid statistic, unit and
// period, as Query checks them, retention included) and an expression of
// at most 2,048 bytes; and start before end.
func (c *Conn) GetMetricData(ctx context.Context, o MetricDataOptions) (*MetricData, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in, err := metricDataInput(o, time.Now())
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byID := map[string]*MetricDataResult{}
	var order []string
	for _, q := range o.Queries {
		if !q.Hidden {
			byID[q.ID] = &MetricDataResult{ID: q.ID, Label: q.Label}
			order = append(order, q.ID)
		}
	}
	var messages []Message
	for {
		out, err := client.GetMetricData(ctx, in)
		if err != nil {
			return nil, convert(err)
		}
		for _, r := range out.MetricDataResults {
			id := aws.ToString(r.Id)
			res := byID[id]
			if res == nil {
				// An ID no query asked for: keep it rather than drop
				// what CloudWatch answered.
				res = &MetricDataResult{ID: id}
				byID[id] = res
				order = append(order, id)
			}
			if r.Label != nil {
				res.Label = *r.Label
			}
			res.Status = string(r.StatusCode)
			res.Timestamps = append(res.Timestamps, r.Timestamps...)
			res.Values = append(res.Values, r.Values...)
			for _, m := range r.Messages {
				res.Messages = append(res.Messages, Message{aws.ToString(m.Code), aws.ToString(m.Value)})
			}
		}
		for _, m := range out.Messages {
			messages = append(messages, Message{aws.ToString(m.Code), aws.ToString(m.Value)})
		}
		if aws.ToString(out.NextToken) == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	data := &MetricData{Results: make([]MetricDataResult, 0, len(order)), Messages: messages}
	for _, id := range order {
		r := byID[id]
		if r.Status == "" {
			r.Status = string(types.StatusCodeComplete)
		}
		for i := range r.Timestamps {
			r.Timestamps[i] = r.Timestamps[i].UTC()
		}
		data.Results = append(data.Results, *r)
	}
	return data, nil
}

// metricDataInput checks o and builds the request.
func metricDataInput(o MetricDataOptions, now time.Time) (*cloudwatch.GetMetricDataInput, error) {
	switch {
	case o.Start.IsZero() || o.End.IsZero():
		return nil, goboto.Invalid("StartTime", "", "start and end must both be set")
	case !o.Start.Before(o.End):
		return nil, goboto.Invalid("StartTime", o.Start.UTC().Format(time.RFC3339), "must be before EndTime "+o.End.UTC().Format(time.RFC3339))
	case len(o.Queries) == 0:
		return nil, goboto.Invalid("MetricDataQueries", "", "name at least one query")
	case len(o.Queries) > MaxQueries:
		return nil, goboto.Invalid("MetricDataQueries", strconv.Itoa(len(o.Queries)), "more than 500 queries")
	}
	in := &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(o.Start), EndTime: aws.Time(o.End),
		// Ascending, so that pages append in time order.
		ScanBy:            types.ScanByTimestampAscending,
		MetricDataQueries: make([]types.MetricDataQuery, 0, len(o.Queries)),
	}
	seen := make(map[string]bool, len(o.Queries))
	returns := false
	for i, q := range o.Queries {
		field := "MetricDataQueries[" + strconv.Itoa(i) + "]"
		if !queryID.MatchString(q.ID) {
			return nil, goboto.Invalid(field+".Id", q.ID, "must be a lower-case letter, then up to 254 letters, digits and underscores")
		}
		if seen[q.ID] {
			return nil, goboto.Invalid(field+".Id", q.ID, "is used by another query")
		}
		seen[q.ID] = true
		returns = returns || !q.Hidden
		dq := types.MetricDataQuery{Id: aws.String(q.ID)}
		if q.Label != "" {
			dq.Label = aws.String(q.Label)
		}
		if q.Hidden {
			dq.ReturnData = aws.Bool(false)
		}
		switch {
		case (q.Metric == nil) == (q.Expression == ""):
			return nil, goboto.Invalid(field, q.ID, "needs exactly one of Metric and Expression")
		case q.Expression != "":
			if len(q.Expression) > maxExpressionBytes {
				return nil, goboto.Invalid(field+".Expression", q.Expression, "is longer than 2048 bytes")
			}
			if q.Stat != "" || q.Unit != "" {
				return nil, goboto.Invalid(field, q.ID, "an expression takes no Stat or Unit")
			}
			dq.Expression = aws.String(q.Expression)
			if q.Period != 0 {
				if err := ValidPeriod(q.Period); err != nil {
					return nil, err
				}
				dq.Period = aws.Int32(int32(q.Period / time.Second))
			}
		default:
			if err := q.Metric.check(); err != nil {
				return nil, err
			}
			if q.Stat == "" {
				return nil, goboto.Invalid(field+".Stat", "", "is required for a metric")
			}
			if err := ValidStatistic(q.Stat); err != nil {
				return nil, err
			}
			if err := ValidUnit(q.Unit); err != nil {
				return nil, err
			}
			period := q.Period
			if period == 0 {
				period = time.Minute
			}
			if err := ValidPeriod(period); err != nil {
				return nil, err
			}
			if err := checkRetention(o.Start, now, period); err != nil {
				return nil, err
			}
			dq.MetricStat = &types.MetricStat{
				Metric: &types.Metric{Namespace: aws.String(q.Metric.Namespace), MetricName: aws.String(q.Metric.Name),
					Dimensions: dimensions(q.Metric.Dimensions)},
				Period: aws.Int32(int32(period / time.Second)),
				Stat:   aws.String(string(q.Stat)),
				Unit:   types.StandardUnit(q.Unit),
			}
			if q.Metric.Account != "" {
				dq.AccountId = aws.String(q.Metric.Account)
			}
		}
		in.MetricDataQueries = append(in.MetricDataQueries, dq)
	}
	if !returns {
		return nil, goboto.Invalid("MetricDataQueries", "", "every query is Hidden: none would return data")
	}
	return in, nil
}
