package cloudwatch

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// AlarmState is the state of a metric alarm (StateValue), or, for
// Alarm.Wait, AlarmExists.
type AlarmState string

// The alarm states, and AlarmExists, which Alarm.Wait also waits for.
const (
	AlarmOK               AlarmState = "OK"
	AlarmAlarm            AlarmState = "ALARM"
	AlarmInsufficientData AlarmState = "INSUFFICIENT_DATA"
	AlarmExists           AlarmState = "exists"
)

// Alarm is a handle on a metric alarm. Conn.Alarm makes one with no I/O;
// Conn.PutMetricAlarm, Conn.Alarms and Metric.Alarms return them filled
// in. The exported fields are the last answer seen.
type Alarm struct {
	conn *Conn

	Name        string
	ARN         string
	Description string
	// Metric is the metric the alarm watches.
	Metric            *Metric
	Statistic         Statistic
	Unit              Unit
	Period            time.Duration
	EvaluationPeriods int
	// DatapointsToAlarm is M of an "M out of N" alarm; 0 when the alarm
	// does not set it, which means EvaluationPeriods.
	DatapointsToAlarm int
	Threshold         float64
	Comparison        ComparisonOperator
	TreatMissingData  MissingData
	ActionsEnabled    bool
	AlarmActions      []string
	OKActions         []string
	// InsufficientDataActions run on entering INSUFFICIENT_DATA.
	InsufficientDataActions []string

	State           AlarmState
	StateReason     string
	StateReasonData string // JSON, "" when none
	// StateUpdated is the last update of the state or its reason;
	// StateTransitioned the last change of State.
	StateUpdated, StateTransitioned time.Time
	ConfigurationUpdated            time.Time
}

// Alarm returns a handle on the alarm called name. It does no I/O.
func (c *Conn) Alarm(name string) *Alarm { return &Alarm{conn: c, Name: name} }

// Conn returns the connection the alarm belongs to; nil for an Alarm not
// made by its connection.
func (a *Alarm) Conn() *Conn {
	if a == nil {
		return nil
	}
	return a.conn
}

// String returns "Alarm:<name>", with the last state seen in brackets
// when there is one.
func (a *Alarm) String() string {
	if a == nil {
		return "Alarm:<nil>"
	}
	if a.State == "" {
		return "Alarm:" + a.Name
	}
	return "Alarm:" + a.Name + "[" + string(a.State) + "]"
}

// api checks the handle and returns its client.
func (a *Alarm) api() (*cloudwatch.Client, error) {
	if a == nil {
		return nil, goboto.Invalid("Alarm", "", "is nil")
	}
	client, err := a.conn.api()
	if err != nil {
		return nil, err
	}
	if err := validAlarmName("AlarmName", a.Name); err != nil {
		return nil, err
	}
	return client, nil
}

// Refresh reads the alarm again (DescribeAlarms by name). An alarm that
// does not exist is a *goboto.APIError with code ResourceNotFound, for
// which goboto.IsNotFound is true.
func (a *Alarm) Refresh(ctx context.Context) error {
	client, err := a.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{a.Name}})
	if err != nil {
		return convert(err)
	}
	for _, x := range out.MetricAlarms {
		if aws.ToString(x.AlarmName) == a.Name {
			a.fill(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "CloudWatch", "DescribeAlarms", "ResourceNotFound", "Alarm "+a.Name+" does not exist")
}

// alarmFrom makes a handle from a DescribeAlarms answer.
func (c *Conn) alarmFrom(x types.MetricAlarm) *Alarm {
	a := &Alarm{conn: c}
	a.fill(x)
	return a
}

func (a *Alarm) fill(x types.MetricAlarm) {
	m := a.conn.metricFrom(types.Metric{Namespace: x.Namespace, MetricName: x.MetricName, Dimensions: x.Dimensions})
	stat := Statistic(x.Statistic)
	if stat == "" {
		stat = Statistic(aws.ToString(x.ExtendedStatistic))
	}
	*a = Alarm{
		conn: a.conn, Name: aws.ToString(x.AlarmName), ARN: aws.ToString(x.AlarmArn), Description: aws.ToString(x.AlarmDescription),
		Metric: m, Statistic: stat, Unit: Unit(x.Unit), Period: time.Duration(aws.ToInt32(x.Period)) * time.Second,
		EvaluationPeriods: int(aws.ToInt32(x.EvaluationPeriods)), DatapointsToAlarm: int(aws.ToInt32(x.DatapointsToAlarm)),
		Threshold: aws.ToFloat64(x.Threshold), Comparison: ComparisonOperator(x.ComparisonOperator),
		TreatMissingData: MissingData(aws.ToString(x.TreatMissingData)), ActionsEnabled: aws.ToBool(x.ActionsEnabled),
		AlarmActions: x.AlarmActions, OKActions: x.OKActions, InsufficientDataActions: x.InsufficientDataActions,
		State: AlarmState(x.StateValue), StateReason: aws.ToString(x.StateReason), StateReasonData: aws.ToString(x.StateReasonData),
		StateUpdated: aws.ToTime(x.StateUpdatedTimestamp), StateTransitioned: aws.ToTime(x.StateTransitionedTimestamp),
		ConfigurationUpdated: aws.ToTime(x.AlarmConfigurationUpdatedTimestamp),
	}
}

// Delete deletes the alarm (DeleteAlarms). Its history stays.
func (a *Alarm) Delete(ctx context.Context) error {
	client, err := a.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{a.Name}})
	return convert(err)
}
