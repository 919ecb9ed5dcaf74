package cloudwatch

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// ComparisonOperator is how an alarm compares its statistic with the
// threshold, the statistic being the first operand.
type ComparisonOperator string

// The comparison operators of alarms on static thresholds. AlarmOptions
// also takes boto's shorthands ">=", ">", "<" and "<=" for them.
const (
	GreaterThanOrEqual ComparisonOperator = "GreaterThanOrEqualToThreshold"
	GreaterThan        ComparisonOperator = "GreaterThanThreshold"
	LessThan           ComparisonOperator = "LessThanThreshold"
	LessThanOrEqual    ComparisonOperator = "LessThanOrEqualToThreshold"
)

// shorthands are boto's comparison strings (boto.ec2.cloudwatch.alarm
// MetricAlarm._cmp_map).
var shorthands = map[ComparisonOperator]ComparisonOperator{
	">=": GreaterThanOrEqual, ">": GreaterThan, "<": LessThan, "<=": LessThanOrEqual,
}

// MissingData is how an alarm treats periods with no data
// (TreatMissingData).
type MissingData string

// The treatments of missing data (User Guide, "Configuring how CloudWatch
// alarms treat missing data"). The zero MissingData leaves the choice to
// CloudWatch, which is MissingDataMissing.
const (
	MissingDataMissing      MissingData = "missing"      // all missing: INSUFFICIENT_DATA
	MissingDataIgnore       MissingData = "ignore"       // all missing: the state stays
	MissingDataBreaching    MissingData = "breaching"    // missing counts as breaching
	MissingDataNotBreaching MissingData = "notBreaching" // missing counts as within the threshold
)

// PutMetricAlarm's limits (API Reference, PutMetricAlarm; "CloudWatch
// service quotas").
const (
	MaxAlarmActions = 5   // actions per state
	MaxAlarmTags    = 50  // tags per alarm
	MaxAlarmNames   = 100 // alarms per DeleteAlarms, EnableAlarmActions, DisableAlarmActions
	// MaxEvaluation is the longest Period × EvaluationPeriods: "An
	// alarm's total current evaluation period can be no longer than seven
	// days".
	MaxEvaluation = 7 * 24 * time.Hour
	// MaxShortEvaluation is the longest for periods under an hour: "For
	// alarms with a period of less than one hour (3,600 seconds), the
	// total evaluation period can't be longer than one day".
	MaxShortEvaluation = 24 * time.Hour
)

// AlarmOptions are the settings of an alarm on one metric with a static
// threshold (PutMetricAlarm). Name, Metric, Statistic, Period,
// EvaluationPeriods and Comparison are required.
type AlarmOptions struct {
	Name        string
	Description string
	Metric      *Metric
	// Statistic is one of the five standard statistics or a percentile
	// (Percentile(99)); it is sent as Statistic or ExtendedStatistic.
	Statistic Statistic
	// Unit limits the alarm to data of that unit; zero evaluates every
	// unit the metric has.
	Unit Unit
	// Period is 10, 20 or 30 seconds (for high-resolution metrics) or a
	// multiple of a minute; Period × EvaluationPeriods is at most seven
	// days, and one day for periods under an hour.
	Period            time.Duration
	EvaluationPeriods int
	// DatapointsToAlarm makes an "M out of N" alarm: M of the last
	// EvaluationPeriods datapoints must breach. 0 means all of them.
	DatapointsToAlarm int
	Threshold         float64
	// Comparison is a ComparisonOperator, or boto's ">=", ">", "<", "<=".
	Comparison       ComparisonOperator
	TreatMissingData MissingData
	// The actions, ARNs of SNS topics, Auto Scaling policies, EC2
	// actions (arn:aws:automate:<region>:ec2:stop) and the like, run on
	// entering each state; at most five each.
	AlarmActions, OKActions, InsufficientDataActions []string
	// ActionsDisabled creates the alarm with its actions disabled.
	ActionsDisabled bool
	// Tags are set when the alarm is created; CloudWatch ignores them
	// when the alarm exists.
	Tags map[string]string
}

// check validates o and returns its comparison operator resolved.
func (o *AlarmOptions) check() (ComparisonOperator, error) {
	if err := validAlarmName("AlarmName", o.Name); err != nil {
		return "", err
	}
	if len(o.Description) > 1024 {
		return "", goboto.Invalid("AlarmDescription", o.Description, "is longer than 1024 bytes")
	}
	if o.Metric == nil {
		return "", goboto.Invalid("Metric", "", "is nil")
	}
	if err := o.Metric.check(); err != nil {
		return "", err
	}
	if o.Statistic == "" {
		return "", goboto.Invalid("Statistic", "", "is empty")
	}
	if err := ValidStatistic(o.Statistic); err != nil {
		return "", err
	}
	if err := ValidUnit(o.Unit); err != nil {
		return "", err
	}
	if err := ValidAlarmPeriod(o.Period, o.EvaluationPeriods); err != nil {
		return "", err
	}
	if o.DatapointsToAlarm < 0 || o.DatapointsToAlarm > o.EvaluationPeriods {
		return "", goboto.Invalid("DatapointsToAlarm", strconv.Itoa(o.DatapointsToAlarm), "must be 1 to EvaluationPeriods, or 0 for all of them")
	}
	if err := validValue("Threshold", o.Threshold); err != nil {
		return "", err
	}
	op, err := comparison(o.Comparison)
	if err != nil {
		return "", err
	}
	switch o.TreatMissingData {
	case "", MissingDataMissing, MissingDataIgnore, MissingDataBreaching, MissingDataNotBreaching:
	default:
		return "", goboto.Invalid("TreatMissingData", string(o.TreatMissingData), "must be missing, ignore, breaching or notBreaching")
	}
	for _, l := range []struct {
		field string
		arns  []string
	}{{"AlarmActions", o.AlarmActions}, {"OKActions", o.OKActions}, {"InsufficientDataActions", o.InsufficientDataActions}} {
		if len(l.arns) > MaxAlarmActions {
			return "", goboto.Invalid(l.field, strconv.Itoa(len(l.arns)), "more than 5 actions")
		}
		for _, arn := range l.arns {
			if !validARN(arn) {
				return "", goboto.Invalid(l.field, arn, "is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)")
			}
			if isEC2Action(arn) && o.Metric.Dimensions["InstanceId"] == "" {
				return "", goboto.Invalid(l.field, arn, "is an EC2 action, which needs an alarm on one instance: a Metric with the InstanceId dimension")
			}
		}
	}
	if len(o.Tags) > MaxAlarmTags {
		return "", goboto.Invalid("Tags", strconv.Itoa(len(o.Tags)), "more than 50 tags")
	}
	for k, v := range o.Tags {
		switch {
		case k == "" || len(k) > 128:
			return "", goboto.Invalid("Tags", k, "a tag key must be 1-128 bytes")
		case len(v) > 256:
			return "", goboto.Invalid("Tags."+k, v, "a tag value must be at most 256 bytes")
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return "", goboto.Invalid("Tags", k, `tag keys starting "aws:" are reserved for AWS`)
		}
	}
	return op, nil
}

// comparison resolves boto's shorthands and checks the operator.
func comparison(c ComparisonOperator) (ComparisonOperator, error) {
	if full, ok := shorthands[c]; ok {
		return full, nil
	}
	switch c {
	case GreaterThanOrEqual, GreaterThan, LessThan, LessThanOrEqual:
		return c, nil
	}
	return "", goboto.Invalid("ComparisonOperator", string(c), "must be >=, >, <, <= or GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold")
}

// ValidAlarmPeriod checks an alarm's period and number of evaluation
// periods: a period of 10, 20 or 30 seconds or a multiple of 60 (API
// Reference, PutMetricAlarm, Period: "Valid values are 10, 20, 30, and
// any multiple of 60"), at least one period, and Period ×
// EvaluationPeriods within MaxEvaluation, or MaxShortEvaluation for
// periods under an hour.
func ValidAlarmPeriod(period time.Duration, evaluationPeriods int) error {
	s, whole := wholeSeconds(period)
	if !whole || s <= 0 || s != 10 && s != 20 && s != 30 && s%60 != 0 {
		return goboto.Invalid("Period", period.String(), "must be 10, 20 or 30 seconds or a multiple of 60 seconds")
	}
	if evaluationPeriods < 1 {
		return goboto.Invalid("EvaluationPeriods", strconv.Itoa(evaluationPeriods), "must be at least 1")
	}
	limit := MaxEvaluation
	if period < time.Hour {
		limit = MaxShortEvaluation
	}
	if s > int64(limit/time.Second) || int64(evaluationPeriods) > int64(limit/time.Second)/s {
		return goboto.Invalid("EvaluationPeriods", strconv.Itoa(evaluationPeriods),
			"Period × EvaluationPeriods must be at most "+limit.String()+" for a period of "+period.String())
	}
	return nil
}

// validAlarmName checks an alarm name: 1-255 bytes of UTF-8 without ASCII
// control characters.
func validAlarmName(field, name string) error {
	switch {
	case name == "":
		return goboto.Invalid(field, "", "is empty")
	case len(name) > 255:
		return goboto.Invalid(field, name, "is longer than 255 bytes")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return goboto.Invalid(field, name, "must be UTF-8 without ASCII control characters")
	}
	return nil
}

// validARN checks ARN syntax: arn:<partition>:<service>:<region>:<account>:<resource>.
// isEC2Action reports whether arn is an EC2 alarm action, in the
// automate form (arn:aws:automate:<region>:ec2:stop) or the older swf one
// (arn:aws:swf:<region>:<account>:action/actions/AWS_EC2.InstanceId.Stop/1.0).
// CloudWatch refuses either on an alarm whose metric has no InstanceId
// dimension ("An EC2 action can only be used if the alarm is monitoring
// an EC2 instance"; CloudWatch User Guide, "Create alarms to stop,
// terminate, reboot, or recover an EC2 instance").
func isEC2Action(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return false
	}
	switch parts[2] {
	case "automate":
		return parts[4] == "ec2"
	case "swf":
		return strings.HasPrefix(parts[5], "action/actions/AWS_EC2.InstanceId.")
	}
	return false
}

func validARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(s) <= 1024 && len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] != "" && parts[5] != ""
}

// PutMetricAlarm creates or updates an alarm on one metric
// (PutMetricAlarm), after checking o locally, and returns a handle on it.
// A new alarm starts in INSUFFICIENT_DATA; an update keeps the state and
// replaces the whole configuration. The handle's fields are what was
// sent; Refresh reads the rest.
func (c *Conn) PutMetricAlarm(ctx context.Context, o AlarmOptions) (*Alarm, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	op, err := o.check()
	if err != nil {
		return nil, err
	}
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(o.Name), Namespace: aws.String(o.Metric.Namespace), MetricName: aws.String(o.Metric.Name),
		Dimensions: dimensions(o.Metric.Dimensions), Unit: types.StandardUnit(o.Unit),
		Period: aws.Int32(int32(o.Period / time.Second)), EvaluationPeriods: aws.Int32(int32(o.EvaluationPeriods)),
		Threshold: aws.Float64(o.Threshold), ComparisonOperator: types.ComparisonOperator(op),
		ActionsEnabled: aws.Bool(!o.ActionsDisabled),
		AlarmActions:   o.AlarmActions, OKActions: o.OKActions, InsufficientDataActions: o.InsufficientDataActions,
	}
	if o.Description != "" {
		in.AlarmDescription = aws.String(o.Description)
	}
	if o.Statistic.IsStandard() {
		in.Statistic = types.Statistic(o.Statistic)
	} else {
		in.ExtendedStatistic = aws.String(string(o.Statistic))
	}
	if o.DatapointsToAlarm > 0 {
		in.DatapointsToAlarm = aws.Int32(int32(o.DatapointsToAlarm))
	}
	if o.TreatMissingData != "" {
		in.TreatMissingData = aws.String(string(o.TreatMissingData))
	}
	for _, k := range sortedNames(o.Tags) {
		in.Tags = append(in.Tags, types.Tag{Key: aws.String(k), Value: aws.String(o.Tags[k])})
	}
	if _, err := client.PutMetricAlarm(ctx, in); err != nil {
		return nil, convert(err)
	}
	return &Alarm{conn: c, Name: o.Name, Description: o.Description, Metric: o.Metric, Statistic: o.Statistic, Unit: o.Unit,
		Period: o.Period, EvaluationPeriods: o.EvaluationPeriods, DatapointsToAlarm: o.DatapointsToAlarm, Threshold: o.Threshold,
		Comparison: op, TreatMissingData: o.TreatMissingData, ActionsEnabled: !o.ActionsDisabled,
		AlarmActions: o.AlarmActions, OKActions: o.OKActions, InsufficientDataActions: o.InsufficientDataActions}, nil
}
