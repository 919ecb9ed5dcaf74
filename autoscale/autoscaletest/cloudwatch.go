package autoscaletest

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// CloudWatchCall runs one CloudWatch Query action (PutMetricAlarm,
// DeleteAlarms) for account in region at now, on the account's behalf,
// and returns CloudWatch's XML answer or its error (a *fakes.Error with
// CloudWatch's code). cloudwatchtest.Backend.Call is one; the local
// cloud passes its CloudWatch fake's. The fake calls it with its own
// region's lock held, so it must not call back into AutoScaling
// (cloudwatchtest's Call runs no alarm action).
type CloudWatchCall func(account, region string, now time.Time, action string, params url.Values) ([]byte, error)

// cloudWatchOptions carry WithCloudWatch.
type cloudWatchOptions struct {
	call CloudWatchCall
}

// WithCloudWatch makes target tracking policies real: PutScalingPolicy
// makes the policy's two CloudWatch alarms through call, as AutoScaling
// does in the account's CloudWatch, updating the policy updates them,
// and deleting the policy or its group deletes them. Without it the
// fake refuses target tracking policies (InvalidAction, saying no
// CloudWatch is linked) rather than keep policies that could never
// scale. The local cloud passes its CloudWatch fake's Call.
func WithCloudWatch(call CloudWatchCall) fakes.Option {
	return fake.ServiceOption(func(o *cloudWatchOptions) { o.call = call })
}

// SetCloudWatch replaces the CloudWatch target tracking policies make
// their alarms in (nil for none), for a local cloud that wires backends
// after making them. Alarms already made stay where they are.
func (b *Backend) SetCloudWatch(call CloudWatchCall) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cwCall = call
}

func (b *Backend) cloudWatch() CloudWatchCall {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cwCall
}

// errNoCloudWatch refuses a target tracking policy in a fake with no
// CloudWatch to make its alarms in.
func errNoCloudWatch() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
		Message: "autoscaletest has no CloudWatch to make a target tracking policy's alarms in: link one with WithCloudWatch or SetCloudWatch (fakes/localcloud does); it changed nothing."}
}

// Target tracking alarms. AutoScaling "creates and manages the
// CloudWatch alarms that invoke scaling events when the metric deviates
// from the target" (User Guide, "Target tracking scaling policies for
// Amazon EC2 Auto Scaling"), two of them: AlarmHigh, which scales out
// when the metric is above the target for 3 one-minute datapoints, and
// AlarmLow, which scales in when it is below 90% of the target for 15
// ("three consecutive breaching datapoints to trigger scale-out,
// fifteen to trigger scale-in", the cadence AWS used until its
// November 2024 "highly responsive" tuning; the policy scales in only
// when utilization is "usually more than 10% lower" than the target,
// Application Auto Scaling User Guide, "How target tracking scaling
// works"; hashicorp/terraform-provider-aws issue 42553 quotes the
// alarms AWS makes: "A 60 second period", "3 out of 3 Datapoints to
// alarm"). With DisableScaleIn there is no AlarmLow.
//
// AWS asks users not to touch these alarms ("Do not create, edit, or
// delete the CloudWatch alarms that are used with a target tracking
// scaling policy", Application Auto Scaling User Guide, "Target tracking
// scaling policies") but CloudWatch does not refuse it, and neither does
// the fake: the next PutScalingPolicy for the policy puts them back.
const (
	highPeriods  = 3
	lowPeriods   = 15
	lowFraction  = 0.9
	alarmSeconds = 60
)

// trackingAlarm is one alarm of a target tracking policy.
type trackingAlarm struct {
	name, kind string // kind: AlarmHigh or AlarmLow
}

// trackedMetric is the CloudWatch metric a target tracking policy
// follows: a predefined metric is the group's AWS/EC2 aggregate (User
// Guide, "Predefined metrics for target tracking": ASGAverageCPUUtilization
// is "Average CPU utilization of the Auto Scaling group", and so on).
func trackedMetric(group string, t *targetTrackingConfiguration) (namespace, name, statistic, unit string, dims []metricDimension) {
	if pm := t.PredefinedMetricSpecification; pm != nil {
		name = map[string]string{"ASGAverageCPUUtilization": "CPUUtilization", "ASGAverageNetworkIn": "NetworkIn",
			"ASGAverageNetworkOut": "NetworkOut"}[pm.PredefinedMetricType]
		return "AWS/EC2", name, "Average", "", []metricDimension{{Name: "AutoScalingGroupName", Value: group}}
	}
	cm := t.CustomizedMetricSpecification
	if cm.Unit != nil {
		unit = *cm.Unit
	}
	return *cm.Namespace, *cm.MetricName, *cm.Statistic, unit, cm.Dimensions
}

// putTrackingAlarms makes or updates p's alarms in CloudWatch, from
// p.alarms (names kept across updates, so an alarm a user edited or
// deleted is put back as AutoScaling manages it), as PutMetricAlarm
// overwrites an alarm's whole configuration and keeps its state.
func (b *Backend) putTrackingAlarms(account, region string, now time.Time, group string, p *policy, alarms []trackingAlarm) error {
	call := b.cloudWatch()
	if call == nil {
		return errNoCloudWatch()
	}
	ns, name, stat, unit, dims := trackedMetric(group, p.target)
	target := *p.target.TargetValue
	for _, a := range alarms {
		v := url.Values{}
		v.Set("AlarmName", a.name)
		// AWS's own description of these alarms warns users off them.
		v.Set("AlarmDescription", "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy "+p.arn+".")
		v.Set("AlarmActions.member.1", p.arn)
		v.Set("Namespace", ns)
		v.Set("MetricName", name)
		v.Set("Statistic", stat)
		if unit != "" {
			v.Set("Unit", unit)
		}
		for i, d := range dims {
			v.Set(fmt.Sprintf("Dimensions.member.%d.Name", i+1), d.Name)
			v.Set(fmt.Sprintf("Dimensions.member.%d.Value", i+1), d.Value)
		}
		v.Set("Period", strconv.Itoa(alarmSeconds))
		periods, threshold, op := highPeriods, target, "GreaterThanThreshold"
		if a.kind == "AlarmLow" {
			periods, threshold, op = lowPeriods, target*lowFraction, "LessThanThreshold"
		}
		v.Set("EvaluationPeriods", strconv.Itoa(periods))
		v.Set("DatapointsToAlarm", strconv.Itoa(periods))
		v.Set("Threshold", strconv.FormatFloat(threshold, 'g', -1, 64))
		v.Set("ComparisonOperator", op)
		if _, err := call(account, region, now, "PutMetricAlarm", v); err != nil {
			return cloudWatchError(err)
		}
	}
	return nil
}

// deleteTrackingAlarms deletes alarms from CloudWatch, one by one, so
// that one a user already deleted (CloudWatch's ResourceNotFound) leaves
// the others to go.
func (b *Backend) deleteTrackingAlarms(account, region string, now time.Time, alarms []alarm) error {
	call := b.cloudWatch()
	if call == nil || len(alarms) == 0 {
		return nil
	}
	for _, a := range alarms {
		v := url.Values{}
		v.Set("AlarmNames.member.1", a.AlarmName)
		if _, err := call(account, region, now, "DeleteAlarms", v); err != nil {
			var fe *fake.Error
			if errors.As(err, &fe) && fe.Code == "ResourceNotFound" {
				continue
			}
			return cloudWatchError(err)
		}
	}
	return nil
}

// cloudWatchError is CloudWatch's refusal as AutoScaling passes it on: a
// ValidationError carrying CloudWatch's code and message.
func cloudWatchError(err error) error {
	var fe *fake.Error
	if errors.As(err, &fe) {
		return errValidation("CloudWatch refused the target tracking alarm: %s: %s", fe.Code, fe.Message)
	}
	return errValidation("CloudWatch refused the target tracking alarm: %v", err)
}

// trackingCapacity is the capacity a target tracking policy asks for
// when its metric reads metric: proportional to the load, rounded up
// (User Guide: the policy "calculates the scaling adjustment based on
// the metric and the target value"; scaling out it adds capacity
// "proportional to the metric value as fast as it can", Application
// Auto Scaling User Guide, "How target tracking scaling works"), so that
// after the change the metric is at or below the target. Scaling in,
// rounding up is the conservative side: it removes only what keeps the
// metric under the target.
func trackingCapacity(current int, metric, target float64) int {
	if target <= 0 {
		return current
	}
	want := float64(current) * metric / target
	// A hair of tolerance, so 2*75/50 is 3 and not 4 for float error.
	return int(math.Ceil(want - 1e-9))
}
