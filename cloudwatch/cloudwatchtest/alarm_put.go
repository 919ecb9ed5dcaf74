package cloudwatchtest

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/goboto/goboto/internal/fake"
)

// PutMetricAlarm's rules (API Reference, PutMetricAlarm; "CloudWatch
// service quotas"): a period of 10, 20 or 30 seconds or a multiple of 60;
// "Period multiplied by EvaluationPeriods can't be more than 604,800
// seconds. For alarms with a period of less than one hour (3,600
// seconds), the total evaluation period can't be longer than one day
// (86,400 seconds)"; DatapointsToAlarm at most EvaluationPeriods; at most
// 5 actions for each state; at most 50 tags.
const (
	maxEvaluationSeconds      = 7 * 24 * 3600
	maxShortEvaluationSeconds = 24 * 3600
	maxActions                = 5
	maxTags                   = 50
)

var comparisonOperators = []string{"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"}

// anomalyOperators compare with an anomaly detection band, which needs
// ThresholdMetricId.
var anomalyOperators = []string{"LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"}

var treatMissing = []string{"breaching", "notBreaching", "ignore", "missing"}

// actionServices are the services whose ARNs an alarm action may name
// (API Reference, PutMetricAlarm, AlarmActions: EC2 actions as
// arn:aws:automate and arn:aws:swf, Auto Scaling policies, SNS topics,
// Lambda functions, Systems Manager OpsItems and incident response plans,
// and investigations).
var actionServices = []string{"automate", "swf", "autoscaling", "sns", "lambda", "ssm", "ssm-incidents", "aiops"}

// ec2Actions are what an arn:aws:automate:<region>:ec2:<action> ARN may
// do to the alarm's instance (API Reference, PutMetricAlarm, AlarmActions,
// "EC2 actions").
var ec2Actions = []string{"stop", "terminate", "reboot", "recover"}

// EC2ActionVerb reports whether arn is one of the alarm actions that act
// on an EC2 instance, arn:aws:automate:<region>:ec2:<verb> or the older
// arn:aws:swf:<region>:<account-id>:action/actions/AWS_EC2.InstanceId.<Verb>/1.0
// (API Reference, PutMetricAlarm, AlarmActions, "EC2 actions"), and
// returns the verb it names: the automate form's as written, the swf
// form's in lower case ("" when it lacks its /1.0). PutMetricAlarm
// accepts the automate form only with stop, terminate, reboot or
// recover; a local cloud that runs EC2 actions reads them with this.
func EC2ActionVerb(arn string) (verb string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return "", false
	}
	switch parts[2] {
	case "automate":
		return parts[5], parts[4] == "ec2"
	case "swf":
		rest, ok := strings.CutPrefix(parts[5], "action/actions/AWS_EC2.InstanceId.")
		if !ok {
			return "", false
		}
		if verb, ok := strings.CutSuffix(rest, "/1.0"); ok {
			return strings.ToLower(verb), true
		}
		return "", true
	}
	return "", false
}

// isEC2Action reports whether arn is an EC2 action (EC2ActionVerb).
func isEC2Action(arn string) bool {
	_, ok := EC2ActionVerb(arn)
	return ok
}

// checkEC2Actions refuses EC2 actions on an alarm that watches no single
// instance. An alarm may carry them only "on an Amazon EC2 per-instance
// metric ... [or] any custom metrics that include the "InstanceId="
// dimension" (CloudWatch User Guide, "Create alarms to stop, terminate,
// reboot, or recover an EC2 instance"); otherwise PutMetricAlarm answers
// ValidationError, "Invalid use of EC2 action. An EC2 action can only be
// used if the alarm is monitoring an EC2 instance." (as quoted, with its
// code and HTTP 400, in marklogic/cloud-enablement-aws#82; aws-cdk
// checks the same before it deploys, aws/aws-cdk#29364: an InstanceId
// among other dimensions is enough).
func checkEC2Actions(in *putMetricAlarmInput) error {
	if slices.ContainsFunc(in.Dimensions, func(d dimension) bool { return d.Name == "InstanceId" }) {
		return nil
	}
	for _, arns := range [][]string{in.OKActions, in.AlarmActions, in.InsufficientDataActions} {
		if slices.ContainsFunc(arns, isEC2Action) {
			return errValidationf("Invalid use of EC2 action. An EC2 action can only be used if the alarm is monitoring an EC2 instance.")
		}
	}
	return nil
}

func checkAlarmName(member, name string) error {
	if name == "" || len(name) > 255 {
		return errValidation(name, member, "Member must have length between 1 and 255")
	}
	// "The name must contain only UTF-8 characters, and can't contain
	// ASCII control characters."
	if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f || r == unicode.ReplacementChar }) {
		return errInvalidParameterValue("The alarm name must contain only UTF-8 characters and no ASCII control characters.")
	}
	return nil
}

// checkActions checks one state's actions: at most five ARNs of services
// alarms act on, in the alarm's own region.
func checkActions(member string, arns []string, region string) error {
	if len(arns) > maxActions {
		return errValidation("["+strings.Join(arns, ", ")+"]", member, "Member must have length less than or equal to 5")
	}
	for _, a := range arns {
		parts := strings.SplitN(a, ":", 6)
		if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" || len(a) > 1024 {
			return errValidation(a, member, "Member must satisfy ARN syntax arn:<partition>:<service>:<region>:<account-id>:<resource>")
		}
		if !slices.Contains(actionServices, parts[2]) {
			return errInvalidParameterValue("Invalid action %s: alarms act only on %s.", a, strings.Join(actionServices, ", "))
		}
		if parts[2] == "automate" && (parts[4] != "ec2" || !slices.Contains(ec2Actions, parts[5])) {
			return errInvalidParameterValue("Invalid action %s: the EC2 actions are arn:aws:automate:<region>:ec2:%s.", a, strings.Join(ec2Actions, "|"))
		}
		// "Invalid partition aws specified. Only aws-us-gov is
		// supported.", ValidationError, for an EC2 action in GovCloud
		// (aws/aws-cdk#19765; aws-samples/amazon-cloudwatch-auto-alarms#61).
		if p := partition(region); parts[1] != p {
			return errValidationf("Invalid partition %s specified. Only %s is supported.", parts[1], p)
		}
		if parts[3] != "" && parts[3] != region {
			return errInvalidParameterValue("Invalid region %s specified. Only %s is supported.", parts[3], region)
		}
	}
	return nil
}

func checkTags(tags []tag) error {
	if len(tags) > maxTags {
		return errInvalidParameterValue("A resource can have at most %d tags.", maxTags)
	}
	for i, t := range tags {
		switch {
		case t.Key == "" || len(t.Key) > 128:
			return errValidation(t.Key, "tags."+strconv.Itoa(i+1)+".member.key", "Member must have length between 1 and 128")
		case len(t.Value) > 256:
			return errValidation(t.Value, "tags."+strconv.Itoa(i+1)+".member.value", "Member must have length less than or equal to 256")
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return errInvalidParameterValue("Tag keys starting with aws: are reserved for AWS use.")
		}
	}
	return nil
}

// checkAlarm checks a PutMetricAlarm input: the alarm on a single metric
// with a static threshold that this fake evaluates. Metric math, anomaly
// detection, PromQL and evaluation windows are refused as not
// implemented.
func checkAlarm(in *putMetricAlarmInput, region string) error {
	for _, u := range []struct {
		set  bool
		what string
	}{
		{in.Metrics != nil, "alarms on metric math (Metrics)"},
		{in.ThresholdMetricId != nil, "alarms on anomaly detection (ThresholdMetricId)"},
		{in.EvaluationCriteria != nil || in.EvaluationInterval != nil, "PromQL alarms (EvaluationCriteria)"},
		{in.EvaluationWindow != nil, "alarm evaluation windows (EvaluationWindow)"},
		{in.ActionConfiguration != nil, "alarm ActionConfiguration"},
		{in.WarmUpConfiguration != nil, "alarm WarmUpConfiguration"},
	} {
		if u.set {
			return errUnsupported(u.what)
		}
	}
	if in.AlarmName == "" {
		return errMissingParameter("AlarmName")
	}
	if err := checkAlarmName("alarmName", in.AlarmName); err != nil {
		return err
	}
	if in.AlarmDescription != nil && len(*in.AlarmDescription) > 1024 {
		return errValidation(*in.AlarmDescription, "alarmDescription", "Member must have length less than or equal to 1024")
	}
	switch {
	case in.MetricName == "":
		return errMissingParameter("MetricName")
	case len(in.MetricName) > 255:
		return errValidation(in.MetricName, "metricName", "Member must have length between 1 and 255")
	case in.Namespace == "":
		return errMissingParameter("Namespace")
	}
	if err := checkNamespace(in.Namespace, false); err != nil {
		return err
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return err
	}
	switch {
	case in.Statistic != "" && in.ExtendedStatistic != "":
		return errInvalidParameterCombination("Exactly one of Statistic and ExtendedStatistic must be given, not both.")
	case in.Statistic == "" && in.ExtendedStatistic == "":
		return errInvalidParameterCombination("Exactly one of Statistic and ExtendedStatistic must be given.")
	case in.Statistic != "" && !slices.Contains(statistics, in.Statistic):
		return errValidation(in.Statistic, "statistic", "Member must satisfy enum value set: ["+strings.Join(statistics, ", ")+"]")
	case in.ExtendedStatistic != "" && !percentile.MatchString(in.ExtendedStatistic):
		// Trimmed means, IQM and the like are CloudWatch statistics this
		// fake does not compute.
		return errUnsupported("alarms on the extended statistic " + in.ExtendedStatistic)
	}
	if in.Unit != "" && !slices.Contains(validUnits, in.Unit) {
		return errValidation(in.Unit, "unit", "Member must satisfy enum value set: ["+strings.Join(validUnits, ", ")+"]")
	}
	switch {
	case in.Period == nil:
		return errMissingParameter("Period")
	case *in.Period < 1:
		return errValidation(*in.Period, "period", "Member must have value greater than or equal to 1")
	case *in.Period != 10 && *in.Period != 20 && *in.Period != 30 && *in.Period%60 != 0:
		return errInvalidParameterValue("The parameter Period must be 10, 20, 30 or a multiple of 60.")
	case in.EvaluationPeriods == nil:
		return errMissingParameter("EvaluationPeriods")
	case *in.EvaluationPeriods < 1:
		return errValidation(*in.EvaluationPeriods, "evaluationPeriods", "Member must have value greater than or equal to 1")
	}
	total := *in.Period * *in.EvaluationPeriods
	switch {
	case total > maxEvaluationSeconds:
		return errInvalidParameterValue("The evaluation period (Period multiplied by EvaluationPeriods) must not exceed %d seconds; it is %d.", maxEvaluationSeconds, total)
	case *in.Period < 3600 && total > maxShortEvaluationSeconds:
		return errInvalidParameterValue("For periods under 3600 seconds the evaluation period (Period multiplied by EvaluationPeriods) must not exceed %d seconds; it is %d.", maxShortEvaluationSeconds, total)
	}
	if d := in.DatapointsToAlarm; d != nil {
		if *d < 1 {
			return errValidation(*d, "datapointsToAlarm", "Member must have value greater than or equal to 1")
		}
		if *d > *in.EvaluationPeriods {
			return errInvalidParameterValue("DatapointsToAlarm (%d) must be less than or equal to EvaluationPeriods (%d).", *d, *in.EvaluationPeriods)
		}
	}
	switch {
	case in.Threshold == nil:
		return errMissingParameter("Threshold")
	case in.ComparisonOperator == "":
		return errMissingParameter("ComparisonOperator")
	case slices.Contains(anomalyOperators, in.ComparisonOperator):
		return errInvalidParameterCombination("ComparisonOperator %s is only for alarms on anomaly detection bands, which need ThresholdMetricId.", in.ComparisonOperator)
	case !slices.Contains(comparisonOperators, in.ComparisonOperator):
		return errValidation(in.ComparisonOperator, "comparisonOperator", "Member must satisfy enum value set: ["+strings.Join(append(slices.Clone(comparisonOperators), anomalyOperators...), ", ")+"]")
	}
	if err := checkValue("Threshold", *in.Threshold); err != nil {
		return err
	}
	if in.TreatMissingData != "" && !slices.Contains(treatMissing, in.TreatMissingData) {
		return errInvalidParameterValue("The parameter TreatMissingData must be one of breaching, notBreaching, ignore, missing.")
	}
	switch in.EvaluateLowSampleCountPercentile {
	case "":
	case "evaluate", "ignore":
		if in.ExtendedStatistic == "" {
			return errInvalidParameterCombination("EvaluateLowSampleCountPercentile is only for alarms on percentiles (ExtendedStatistic).")
		}
		if in.EvaluateLowSampleCountPercentile == "ignore" {
			return errUnsupported("EvaluateLowSampleCountPercentile ignore")
		}
	default:
		return errInvalidParameterValue("The parameter EvaluateLowSampleCountPercentile must be evaluate or ignore.")
	}
	for _, l := range []struct {
		member string
		arns   []string
	}{{"oKActions", in.OKActions}, {"alarmActions", in.AlarmActions}, {"insufficientDataActions", in.InsufficientDataActions}} {
		if err := checkActions(l.member, l.arns, region); err != nil {
			return err
		}
	}
	if err := checkEC2Actions(in); err != nil {
		return err
	}
	return checkTags(in.Tags)
}

// putMetricAlarm creates an alarm in INSUFFICIENT_DATA, or overwrites an
// alarm's configuration and leaves its state (API Reference,
// PutMetricAlarm: "When this operation creates an alarm, the alarm state
// is immediately set to INSUFFICIENT_DATA ... When you update an existing
// alarm, its state is left unchanged, but the update completely
// overwrites the previous configuration of the alarm", and the tags given
// on an update are ignored).
func (b *Backend) putMetricAlarm(r *fake.Request) error {
	var in putMetricAlarmInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if err := checkAlarm(&in, r.Region); err != nil {
		return err
	}
	tags := in.Tags
	in.Tags = nil
	enabled := in.ActionsEnabled == nil || *in.ActionsEnabled
	in.ActionsEnabled = nil
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if a := reg.alarms[in.AlarmName]; a != nil {
		before := a.output()
		a.cfg, a.actionsEnabled, a.configUpdated = in, enabled, r.Now
		reg.record(a.name(), r.Now, "ConfigurationUpdate", `Alarm "`+a.name()+`" updated`,
			map[string]any{"version": "1.0", "type": "Update", "originalAlarm": before, "updatedAlarm": a.output()})
		return nil
	}
	if q := b.alarms.alarmQuota; q > 0 && len(reg.alarms) >= q {
		return errLimitExceeded("The maximum number of alarms (%d) for this account and region has been reached.", q)
	}
	a := &alarm{cfg: in, arn: alarmARN(r.Account(), r.Region, in.AlarmName), actionsEnabled: enabled,
		state: stateInsufficient, reason: "Unchecked: Initial alarm creation",
		stateUpdated: r.Now, transitioned: r.Now, configUpdated: r.Now}
	// A tag key given twice keeps its last value.
	byKey := map[string]string{}
	for _, t := range tags {
		byKey[t.Key] = t.Value
	}
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		a.tags = append(a.tags, tag{k, byKey[k]})
	}
	reg.alarms[in.AlarmName] = a
	reg.record(a.name(), r.Now, "ConfigurationUpdate", `Alarm "`+a.name()+`" created`,
		map[string]any{"version": "1.0", "type": "Create", "createdAlarm": a.output()})
	return nil
}
