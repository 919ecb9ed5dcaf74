package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
)

// What the how-to makes; it deletes the alarm and terminates the
// instance it ran before it returns.
const (
	namespace = "GobotoHowTo"
	alarmName = "goboto-howto-queue-depth"
)

// queueDepth is the custom metric of steps 4 and 5.
var queueDepth = cloudwatch.Dimensions{"Queue": "orders"}

type options struct {
	ami      string // image to run with -aws
	instance string // with -aws, an instance of the user's to monitor
}

// howto is what the steps share: the transcript, the connections, the
// waits (short on the fakes, AWS's pace on AWS) and the cleanups.
type howto struct {
	w        io.Writer
	env      *exenv.Env
	ec2      *ec2.Conn
	cw       *cloudwatch.Conn
	wait     []goboto.WaitOption
	alarm    []goboto.WaitOption
	cleanups []func(context.Context) error

	inst *ec2.Instance
}

func (h *howto) call(format string, args ...any) { fmt.Fprintf(h.w, "> "+format+"\n", args...) }
func (h *howto) result(format string, args ...any) {
	fmt.Fprintf(h.w, "    "+format+"\n", args...)
}

// later runs fn when the how-to ends, last registered first.
func (h *howto) later(fn func(context.Context) error) { h.cleanups = append(h.cleanups, fn) }

func run(ctx context.Context, w io.Writer, env *exenv.Env, o options) (err error) {
	if !env.Local && o.ami == "" && o.instance == "" {
		return errors.New("with -aws, give -ami to run a t3.micro or -instance to monitor one of yours")
	}
	h := &howto{w: w, env: env, ec2: ec2.New(env.Config), cw: cloudwatch.New(env.Config),
		wait:  []goboto.WaitOption{goboto.Timeout(10 * time.Minute)},
		alarm: []goboto.WaitOption{goboto.Timeout(10 * time.Minute), goboto.Interval(10 * time.Second)}}
	if env.Local {
		h.wait = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
		h.alarm = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(500 * time.Millisecond)}
	}
	defer func() {
		for i := len(h.cleanups) - 1; i >= 0; i-- {
			if cerr := h.cleanups[i](context.WithoutCancel(ctx)); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()
	h.call("cw := cloudwatch.New(cfg)   // %s", h.cw.Region())
	steps := []struct {
		title string
		run   func(context.Context, *howto, options) error
	}{
		{"Something to monitor: an instance with detailed monitoring", monitored},
		{"List its metrics", listMetrics},
		{"The average CPU of the last hour, a datapoint a minute", queryCPU},
		{"Publish a custom metric through a Publisher", publish},
		{"An alarm on it, watched until it goes to ALARM", alarmOnIt},
	}
	for i, s := range steps {
		fmt.Fprintf(w, "\n== %d. %s\n", i+1, s.title)
		if err := s.run(ctx, h, o); err != nil {
			return fmt.Errorf("step %d, %s: %w", i+1, s.title, err)
		}
	}
	return nil
}

// 1. boto's c.monitor_instance('i-12345678'), or an instance run with
// monitoring on from the start.
func monitored(ctx context.Context, h *howto, o options) error {
	if o.instance != "" {
		h.inst = h.ec2.Instance(o.instance)
		h.call("inst := conn.Instance(%q); inst.Monitor(ctx)   // MonitorInstances", o.instance)
		if err := h.inst.Monitor(ctx); err != nil {
			return err
		}
		h.result("monitoring %s", h.inst.Monitoring)
		return nil
	}
	ami := o.ami
	if ami == "" {
		ami = ec2test.DefaultEBSImage
	}
	h.call("conn := ec2.New(cfg)")
	h.call("res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: %q, InstanceType: \"t3.micro\", Monitoring: true})", shownAMI(ami, h.env))
	res, err := h.ec2.RunInstances(ctx, ec2.RunOptions{ImageID: ami, InstanceType: "t3.micro", Monitoring: true,
		Tags: ec2.Tags{"Name": "goboto-howto"}})
	if err != nil {
		return err
	}
	h.inst = res.Instances[0]
	h.later(func(ctx context.Context) error {
		h.call("inst.Terminate(ctx)")
		return h.inst.Terminate(ctx)
	})
	h.call("inst.Wait(ctx, ec2.InstanceRunning)")
	if err := h.inst.Wait(ctx, ec2.InstanceRunning, h.wait...); err != nil {
		return err
	}
	h.result("%s is %s, monitoring %s", h.inst.ID, h.inst.State, h.inst.Monitoring)
	return nil
}

// shownAMI shows the fakes' default image by ID, the same on every run,
// and hides a user's.
func shownAMI(id string, env *exenv.Env) string {
	if env.Local {
		return id
	}
	return "ami-…"
}

// 2. boto's c.list_metrics(), for the one instance.
func listMetrics(ctx context.Context, h *howto, _ options) error {
	h.call("for m, err := range cw.InstanceMetrics(ctx, inst.ID)   // ListMetrics, AWS/EC2, InstanceId")
	n := 0
	for m, err := range h.cw.InstanceMetrics(ctx, h.inst.ID) {
		if err != nil {
			return err
		}
		h.result("%s", m)
		n++
	}
	if n == 0 {
		h.result("none yet: CloudWatch lists a new instance's metrics a few minutes after it starts")
	}
	return nil
}

// 3. boto's m.query(start, end, 'Average', 'Percent'): 60 datapoints for
// the hour.
func queryCPU(ctx context.Context, h *howto, _ options) error {
	h.call("cpu := cw.InstanceMetric(inst.ID, \"CPUUtilization\")")
	cpu := h.cw.InstanceMetric(h.inst.ID, "CPUUtilization")
	end := time.Now().UTC().Truncate(time.Minute)
	start := end.Add(-time.Hour)
	h.call("dps, err := cpu.Query(ctx, end.Add(-time.Hour), end, cloudwatch.Average, cloudwatch.UnitPercent, time.Minute)")
	dps, err := cpu.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitPercent, time.Minute)
	if err != nil {
		return err
	}
	h.result("%d datapoints, oldest first", len(dps))
	for _, d := range dps {
		h.result("%s  Average %6.2f %s", d.Timestamp.UTC().Format(time.RFC3339), d.Average, d.Unit)
	}
	// boto checked the statistic, the unit and the period before
	// sending; so does goboto.
	sent := h.env.CountCalls("")
	for _, bad := range []struct {
		call   string
		stat   cloudwatch.Statistic
		period time.Duration
	}{
		{`cpu.Query(ctx, start, end, "Mean", cloudwatch.UnitPercent, time.Minute)`, "Mean", time.Minute},
		{`cpu.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitPercent, 90*time.Second)`, cloudwatch.Average, 90 * time.Second},
	} {
		h.call("%s", bad.call)
		_, err = cpu.Query(ctx, start, end, bad.stat, cloudwatch.UnitPercent, bad.period)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			return fmt.Errorf("%s was not refused: %v", bad.call, err)
		}
		h.result("*goboto.ValidationError: %v", ve)
	}
	if n, ok := sent(); ok {
		h.result("requests sent: %d", n)
	}
	return nil
}

// 4. A custom metric, high resolution, through a Publisher: datapoints
// of one 10-second period travel as one statistic set.
func publish(ctx context.Context, h *howto, _ options) error {
	h.call("p, err := cw.NewPublisher(cloudwatch.PublisherOptions{Namespace: %q, Period: 10 * time.Second, FlushInterval: time.Second})", namespace)
	p, err := h.cw.NewPublisher(cloudwatch.PublisherOptions{Namespace: namespace, Period: 10 * time.Second, FlushInterval: time.Second})
	if err != nil {
		return err
	}
	// A minute back, so that the alarm of step 5, which looks at the
	// last 10 seconds, meets none of these.
	at := time.Now().UTC().Truncate(10 * time.Second).Add(-time.Minute)
	count := h.env.CountCalls("PutMetricData")
	h.call("p.Add(cloudwatch.Datum{Name: \"QueueDepth\", Dimensions: {Queue: orders}, Value: v, Unit: cloudwatch.UnitCount, Resolution: time.Second})   // v = 1..60")
	for v := 1; v <= 60; v++ {
		if err := p.Add(cloudwatch.Datum{Name: "QueueDepth", Dimensions: queueDepth, Timestamp: at.Add(time.Duration(v%10) * time.Second),
			Value: float64(v), Unit: cloudwatch.UnitCount, Resolution: time.Second}); err != nil {
			return err
		}
	}
	h.call("p.Close(ctx)")
	if err := p.Close(ctx); err != nil {
		return err
	}
	s := p.Stats()
	h.result("%g datapoints added, %g delivered, %g undelivered", s.Added, s.Delivered, s.Undelivered)
	if n, ok := count(); ok {
		h.result("%d PutMetricData request, one statistic set", n)
	}

	m := h.cw.Metric(namespace, "QueueDepth", queueDepth)
	h.call("m := cw.Metric(%q, \"QueueDepth\", cloudwatch.Dimensions{\"Queue\": \"orders\"})", namespace)
	h.call("dps, err := m.Statistics(ctx, cloudwatch.QueryOptions{Statistics: {SampleCount, Sum, Minimum, Maximum}, Period: 10 * time.Second, ...})")
	// CloudWatch takes a moment to make new data visible; the fakes none.
	var dps []cloudwatch.Datapoint
	for deadline := time.Now().Add(5 * time.Minute); len(dps) == 0; {
		dps, err = m.Statistics(ctx, cloudwatch.QueryOptions{Start: at, End: at.Add(10 * time.Second), Period: 10 * time.Second,
			Statistics: []cloudwatch.Statistic{cloudwatch.SampleCount, cloudwatch.Sum, cloudwatch.Minimum, cloudwatch.Maximum}})
		if err != nil {
			return err
		}
		if len(dps) == 0 {
			if time.Now().After(deadline) {
				return errors.New("the published datapoints did not show up within 5 minutes")
			}
			time.Sleep(10 * time.Second)
		}
	}
	for _, d := range dps {
		h.result("SampleCount %g, Sum %g, Minimum %g, Maximum %g (%s)", d.SampleCount, d.Sum, d.Minimum, d.Maximum, d.Unit)
	}
	return nil
}

// 5. An alarm on the custom metric, and data that crosses it.
func alarmOnIt(ctx context.Context, h *howto, _ options) error {
	m := h.cw.Metric(namespace, "QueueDepth", queueDepth)
	h.call("alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: %q, Metric: m, Statistic: cloudwatch.Maximum,", alarmName)
	h.call("    Period: 10 * time.Second, EvaluationPeriods: 1, Comparison: \">=\", Threshold: 100})")
	alarm, err := h.cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: alarmName, Metric: m, Statistic: cloudwatch.Maximum,
		Period: 10 * time.Second, EvaluationPeriods: 1, Comparison: ">=", Threshold: 100,
		Description: "goboto's CloudWatch how-to; safe to delete"})
	if err != nil {
		return err
	}
	h.later(func(ctx context.Context) error {
		h.call("alarm.Delete(ctx)")
		return alarm.Delete(ctx)
	})
	h.call("alarm.Refresh(ctx)")
	if err := alarm.Refresh(ctx); err != nil {
		return err
	}
	// No datapoint has come since the alarm was made, so whether or not
	// it has been evaluated yet, it is where every alarm starts.
	h.result("%s (%s)", alarm, alarm.Comparison)

	h.call("go: p.Add(cloudwatch.Datum{Name: \"QueueDepth\", ..., Value: 150}) every second")
	p, err := h.cw.NewPublisher(cloudwatch.PublisherOptions{Namespace: namespace, Period: 10 * time.Second, FlushInterval: time.Second})
	if err != nil {
		return err
	}
	feedCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var feedErr error
	wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if err := p.Add(cloudwatch.Datum{Name: "QueueDepth", Dimensions: queueDepth, Value: 150,
				Unit: cloudwatch.UnitCount, Resolution: time.Second}); err != nil {
				feedErr = err
				return
			}
			select {
			case <-feedCtx.Done():
				return
			case <-tick.C:
			}
		}
	})
	stopFeeding := func() error {
		stop()
		wg.Wait()
		return errors.Join(feedErr, p.Close(context.WithoutCancel(ctx)))
	}

	// Progress sees every poll; how many see INSUFFICIENT_DATA depends on
	// where the clock is in its 10 seconds, so only changes are printed.
	h.call("alarm.Wait(ctx, cloudwatch.AlarmAlarm, goboto.Progress(...))   // prints each change of state")
	last := string(alarm.State)
	progress := goboto.Progress(func(state string, _ time.Duration) {
		if state != last {
			h.result("%s -> %s", last, state)
			last = state
		}
	})
	err = alarm.Wait(ctx, cloudwatch.AlarmAlarm, append(h.alarm, progress)...)
	if serr := stopFeeding(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	h.result("reason: %s", alarm.StateReason)

	h.call("for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryStateUpdate, OldestFirst: true})")
	for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryStateUpdate, OldestFirst: true}) {
		if err != nil {
			return err
		}
		h.result("%s", item.Summary)
	}
	return nil
}
