package cloudwatch

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// AlarmFilter chooses the alarms Conn.Alarms lists. Its zero value lists
// every metric alarm.
type AlarmFilter struct {
	// Prefix keeps alarms whose names start with it (AlarmNamePrefix).
	Prefix string
	// Names keeps the alarms so named, at most 100; not with Prefix.
	Names []string
	// State keeps alarms in that state: AlarmOK, AlarmAlarm or
	// AlarmInsufficientData.
	State AlarmState
	// ActionPrefix keeps alarms with an action whose ARN starts with it,
	// such as an SNS topic's ARN.
	ActionPrefix string
}

// alarmListOptions folds opts and refuses what DescribeAlarms and
// DescribeAlarmHistory do not take: every ListOptions field but PageSize
// (1 to 100, their MaxRecords).
func alarmListOptions(opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	switch {
	case o.PageSize < 0 || o.PageSize > 100:
		return o, goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), "must be 1 to 100 for alarms")
	case o.Namespace != "" || o.MetricName != "" || len(o.Dimensions) > 0 || o.RecentlyActive || o.LinkedAccounts || o.Account != "":
		return o, goboto.Invalid("ListOptions", "", "alarm listings take only PageSize; filter alarms with AlarmFilter or HistoryFilter")
	}
	return o, nil
}

func (f AlarmFilter) check() error {
	switch {
	case f.Prefix != "" && len(f.Names) > 0:
		return goboto.Invalid("AlarmNamePrefix", f.Prefix, "cannot be given with AlarmNames")
	case len(f.Names) > MaxAlarmNames:
		return goboto.Invalid("AlarmNames", strconv.Itoa(len(f.Names)), "more than 100 names")
	case len(f.ActionPrefix) > 1024:
		return goboto.Invalid("ActionPrefix", f.ActionPrefix, "is longer than 1024 bytes")
	}
	if f.Prefix != "" {
		if err := validAlarmName("AlarmNamePrefix", f.Prefix); err != nil {
			return err
		}
	}
	for _, n := range f.Names {
		if err := validAlarmName("AlarmNames", n); err != nil {
			return err
		}
	}
	switch f.State {
	case "", AlarmOK, AlarmAlarm, AlarmInsufficientData:
		return nil
	}
	return goboto.Invalid("StateValue", string(f.State), "must be OK, ALARM or INSUFFICIENT_DATA")
}

// Alarms lists the metric alarms f chooses (DescribeAlarms), lazily, in
// name order, a page of PageSize (at most 100; CloudWatch's default is
// 50) at a time.
func (c *Conn) Alarms(ctx context.Context, f AlarmFilter, opts ...ListOption) iter.Seq2[*Alarm, error] {
	return func(yield func(*Alarm, error) bool) {
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
		if err := f.check(); err != nil {
			yield(nil, err)
			return
		}
		in := &cloudwatch.DescribeAlarmsInput{AlarmNames: f.Names, StateValue: types.StateValue(f.State)}
		if f.Prefix != "" {
			in.AlarmNamePrefix = aws.String(f.Prefix)
		}
		if f.ActionPrefix != "" {
			in.ActionPrefix = aws.String(f.ActionPrefix)
		}
		if o.PageSize > 0 {
			in.MaxRecords = aws.Int32(int32(o.PageSize))
		}
		p := cloudwatch.NewDescribeAlarmsPaginator(client, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				yield(nil, convert(err))
				return
			}
			for _, x := range out.MetricAlarms {
				if !yield(c.alarmFrom(x), nil) {
					return
				}
			}
		}
	}
}

// Alarms returns the metric alarms on this metric, with exactly its
// dimensions (DescribeAlarmsForMetric), in name order.
func (m *Metric) Alarms(ctx context.Context) ([]*Alarm, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	client, err := m.conn.api()
	if err != nil {
		return nil, err
	}
	out, err := client.DescribeAlarmsForMetric(ctx, &cloudwatch.DescribeAlarmsForMetricInput{
		Namespace: aws.String(m.Namespace), MetricName: aws.String(m.Name), Dimensions: dimensions(m.Dimensions)})
	if err != nil {
		return nil, convert(err)
	}
	alarms := make([]*Alarm, 0, len(out.MetricAlarms))
	for _, x := range out.MetricAlarms {
		alarms = append(alarms, m.conn.alarmFrom(x))
	}
	slices.SortFunc(alarms, func(a, b *Alarm) int { return strings.Compare(a.Name, b.Name) })
	return alarms, nil
}

// DeleteAlarms deletes the named alarms (DeleteAlarms), 100 a call. Every
// chunk is sent even when one fails; the errors are joined. CloudWatch
// still deletes the alarms that exist in a chunk that names one that
// does not, and answers ResourceNotFound for it (goboto.IsNotFound).
func (c *Conn) DeleteAlarms(ctx context.Context, names ...string) error {
	return c.eachChunk(ctx, names, func(client *cloudwatch.Client, chunk []string) error {
		_, err := client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: chunk})
		return err
	})
}

// eachChunk checks names and calls send with each run of at most 100.
func (c *Conn) eachChunk(ctx context.Context, names []string, send func(*cloudwatch.Client, []string) error) error {
	client, err := c.api()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return goboto.Invalid("AlarmNames", "", "no alarm names")
	}
	for _, n := range names {
		if err := validAlarmName("AlarmNames", n); err != nil {
			return err
		}
	}
	var errs []error
	for chunk := range slices.Chunk(names, MaxAlarmNames) {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		if err := send(client, chunk); err != nil {
			errs = append(errs, convert(err))
		}
	}
	return errors.Join(errs...)
}
