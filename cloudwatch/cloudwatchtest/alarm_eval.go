package cloudwatchtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Alarm evaluation (CloudWatch User Guide, "Alarm evaluation" and
// "Configuring how CloudWatch alarms treat missing data"). An alarm is
// evaluated once a minute, or once a period for periods of 10, 20 or 30
// seconds, on the fake's clock: lazily, when a request reaches the
// region or a test calls Evaluate, at the latest such tick not yet
// evaluated (ticks the clock jumped over are not replayed). The first
// evaluation is at the first tick after the alarm is created, so a new
// alarm is seen in INSUFFICIENT_DATA until the clock moves.
//
// Each evaluation takes the EvaluationPeriods most recent whole periods
// before the tick and the alarm's statistic of each, from the stored
// data (all units merged unless the alarm names one). Of those N
// datapoints, M (DatapointsToAlarm, N when not set) breaching put the
// alarm in ALARM, fewer in OK. Missing periods are handled as
// TreatMissingData says: missing (the default) goes to INSUFFICIENT_DATA
// only when every period is missing and otherwise evaluates the
// datapoints there are; ignore keeps the current state when every period
// is missing; breaching counts them as breaching; notBreaching as not.
//
// A change of state runs the new state's actions once. An alarm that
// stays in a state runs that state's Auto Scaling actions again each
// minute (repeatScaling).

// evalInterval is how often an alarm is evaluated.
func (a *alarm) evalInterval() time.Duration {
	if p := a.period(); p < time.Minute {
		return p
	}
	return time.Minute
}

// evaluate evaluates the due alarms of one account and region at now and
// returns the actions their changes of state call for, which the caller
// delivers once no lock is held.
func (b *Backend) evaluate(account, region string, now time.Time) []AlarmAction {
	reg, ok := b.regions.Lookup(account, region)
	if !ok {
		return nil
	}
	// Alarms watch the AWS/EC2 metrics the fake synthesises as well as
	// stored ones. (Lock order: the region, then the EC2 source; the EC2
	// fake never calls back.)
	synth := func(m metric, start, end time.Time) *series { return b.ec2Series(account, region, m, start, end) }
	reg.mu.Lock()
	defer reg.mu.Unlock()
	var pending []AlarmAction
	for _, name := range slices.Sorted(maps.Keys(reg.alarms)) {
		pending = append(pending, reg.evaluateAlarm(account, region, reg.alarms[name], now, synth)...)
	}
	return pending
}

// Evaluate evaluates every due alarm in every account and region at the
// fake's clock and runs the actions of their changes of state, as a
// request to the region would. Tests that move the clock call it to see
// alarms change without a request.
func (b *Backend) Evaluate() {
	now := b.clock()
	b.regions.Each(func(account, region string, _ *region) {
		b.deliver(b.evaluate(account, region, now))
	})
}

// AlarmState evaluates the region's due alarms and returns the state of
// the named one, and false when there is no such alarm.
func (b *Backend) AlarmState(account, region, name string) (string, bool) {
	b.deliver(b.evaluate(account, region, b.clock()))
	reg, ok := b.regions.Lookup(account, region)
	if !ok {
		return "", false
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	a := reg.alarms[name]
	if a == nil {
		return "", false
	}
	return a.state, true
}

// evalPoint is one evaluated period.
type evalPoint struct {
	at        time.Time
	value     float64
	count     float64
	present   bool
	breaching bool
}

func (reg *region) evaluateAlarm(account, region string, a *alarm, now time.Time, synth func(metric, time.Time, time.Time) *series) []AlarmAction {
	tick := now.Truncate(a.evalInterval())
	if !tick.After(a.evaluated) {
		return nil
	}
	if a.evaluated.IsZero() && !tick.After(a.configUpdated) {
		return nil
	}
	a.evaluated = tick
	points := reg.evaluationPoints(a, tick, now, synth)
	n, m := len(points), a.datapointsToAlarm()
	present, breaching := 0, 0
	for _, p := range points {
		if p.present {
			present++
			if p.breaching {
				breaching++
			}
		}
	}
	var state string
	switch mode := a.treatMissing(); {
	case present == 0 && mode == "missing":
		state = stateInsufficient
	case present == 0 && mode == "ignore":
		state = a.state
	case mode == "breaching" && breaching+n-present >= m, breaching >= m:
		state = stateAlarm
	default:
		state = stateOK
	}
	if state == a.state {
		return reg.repeatScaling(account, region, a, points, tick)
	}
	reason := a.reasonFor(state, points, m, n-present)
	return reg.transition(account, region, a, state, reason, a.reasonDataFor(points, tick), tick)
}

// evaluationPoints are the alarm's N periods before tick, oldest first.
func (reg *region) evaluationPoints(a *alarm, tick, now time.Time, synth func(metric, time.Time, time.Time) *series) []evalPoint {
	step := a.period()
	n := int(*a.cfg.EvaluationPeriods)
	end := tick.Truncate(step)
	start := end.Add(-time.Duration(n) * step)
	points := make([]evalPoint, n)
	for i := range points {
		points[i].at = start.Add(time.Duration(i) * step)
	}
	m := metric{Namespace: a.cfg.Namespace, MetricName: a.cfg.MetricName, Dimensions: a.cfg.Dimensions}
	s := synth(m, start, end)
	if s == nil {
		s = reg.metrics[seriesKey(a.cfg.Namespace, a.cfg.MetricName, sortDims(a.cfg.Dimensions))]
	}
	if s == nil {
		return points
	}
	merged := map[time.Time]*bucket{}
	for _, bk := range s.aggregate(start, end, now, *a.cfg.Period, a.cfg.Unit) {
		if m := merged[bk.at]; m != nil {
			m.add(sample{at: bk.at, count: bk.count, sum: bk.sum, min: bk.min, max: bk.max, values: bk.values, counts: bk.counts})
			m.setsOnly = m.setsOnly || bk.setsOnly
			continue
		}
		merged[bk.at] = bk
	}
	for i := range points {
		bk := merged[points[i].at]
		if bk == nil {
			continue
		}
		v, ok := bk.stat(a.stat())
		if !ok {
			continue // a percentile the period's data cannot give
		}
		points[i].value, points[i].count, points[i].present = v, bk.count, true
		points[i].breaching = breaches(a.cfg.ComparisonOperator, v, *a.cfg.Threshold)
	}
	return points
}

func breaches(op string, v, threshold float64) bool {
	switch op {
	case "GreaterThanOrEqualToThreshold":
		return v >= threshold
	case "GreaterThanThreshold":
		return v > threshold
	case "LessThanThreshold":
		return v < threshold
	case "LessThanOrEqualToThreshold":
		return v <= threshold
	}
	return false
}

var operatorWords = map[string]string{
	"GreaterThanOrEqualToThreshold": "greater than or equal to",
	"GreaterThanThreshold":          "greater than",
	"LessThanThreshold":             "less than",
	"LessThanOrEqualToThreshold":    "less than or equal to",
}

func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// reasonFor is the StateReason of an evaluation, worded as CloudWatch's
// ("Threshold Crossed: 2 out of the last 3 datapoints [95.0 (06/12/26
// 11:58:00), 91.0 (06/12/26 11:57:00)] were greater than or equal to the
// threshold (90.0) (minimum 2 datapoints for OK -> ALARM transition).").
func (a *alarm) reasonFor(state string, points []evalPoint, m, missing int) string {
	if state == stateInsufficient {
		return fmt.Sprintf("Insufficient Data: %d %s unknown.", missing, plural(missing, "datapoint was", "datapoints were"))
	}
	var shown []string
	count := 0
	for _, p := range slices.Backward(points) {
		if p.present && p.breaching == (state == stateAlarm) {
			count++
			shown = append(shown, formatValue(p.value)+" ("+p.at.UTC().Format("02/01/06 15:04:05")+")")
		}
	}
	words := operatorWords[a.cfg.ComparisonOperator]
	if state == stateOK {
		words = "not " + words
	}
	return fmt.Sprintf("Threshold Crossed: %d out of the last %d %s [%s] %s %s the threshold (%s) (minimum %d %s for %s -> %s transition).",
		count, len(points), plural(len(points), "datapoint", "datapoints"), strings.Join(shown, ", "),
		plural(count, "was", "were"), words, formatValue(*a.cfg.Threshold), m, plural(m, "datapoint", "datapoints"), a.state, state)
}

// reasonDataFor is the StateReasonData of an evaluation, a JSON document of
// the datapoints evaluated.
func (a *alarm) reasonDataFor(points []evalPoint, tick time.Time) string {
	type evaluated struct {
		Timestamp   string   `json:"timestamp"`
		SampleCount *float64 `json:"sampleCount,omitempty"`
		Value       *float64 `json:"value,omitempty"`
	}
	doc := struct {
		Version             string      `json:"version"`
		QueryDate           string      `json:"queryDate"`
		StartDate           string      `json:"startDate"`
		Statistic           string      `json:"statistic,omitempty"`
		ExtendedStatistic   string      `json:"extendedStatistic,omitempty"`
		Unit                string      `json:"unit,omitempty"`
		Period              int64       `json:"period"`
		RecentDatapoints    []float64   `json:"recentDatapoints"`
		Threshold           float64     `json:"threshold"`
		EvaluatedDatapoints []evaluated `json:"evaluatedDatapoints"`
	}{Version: "1.0", QueryDate: jsonTime(tick), StartDate: jsonTime(points[0].at), Statistic: a.cfg.Statistic,
		ExtendedStatistic: a.cfg.ExtendedStatistic, Unit: a.cfg.Unit, Period: *a.cfg.Period, RecentDatapoints: []float64{},
		Threshold: *a.cfg.Threshold}
	for _, p := range slices.Backward(points) {
		e := evaluated{Timestamp: jsonTime(p.at)}
		if p.present {
			doc.RecentDatapoints = append(doc.RecentDatapoints, p.value)
			e.SampleCount, e.Value = &p.count, &p.value
		}
		doc.EvaluatedDatapoints = append(doc.EvaluatedDatapoints, e)
	}
	slices.Reverse(doc.RecentDatapoints)
	raw, _ := json.Marshal(doc)
	return string(raw)
}
