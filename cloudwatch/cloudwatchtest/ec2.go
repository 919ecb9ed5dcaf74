package cloudwatchtest

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Instance is what CloudWatch needs to know of an EC2 instance to publish
// its AWS/EC2 metrics.
type Instance struct {
	ID, Type, ImageID string
	State             string // "running" publishes; any other state does not
	// Monitoring is EC2's monitoring state: "enabled" (detailed, one
	// datapoint a minute) or anything else (basic, one every five).
	Monitoring string
	// Group is the Auto Scaling group the instance belongs to (its
	// aws:autoscaling:groupName tag), "" for none: its metrics are also
	// published aggregated under the AutoScalingGroupName dimension.
	Group string
}

// InstanceSource lists an account's instances in a region. The local
// cloud passes one that reads the EC2 fake (ec2test.Backend.Instances).
type InstanceSource func(account, region string) []Instance

type ec2Options struct {
	instances InstanceSource
}

// WithInstances makes the fake publish the standard AWS/EC2 metrics of
// the instances src lists: CPUUtilization, NetworkIn, NetworkOut,
// NetworkPacketsIn, NetworkPacketsOut and the StatusCheckFailed three,
// under the InstanceId dimension, as EC2 does for every instance, and,
// for the instances of an Auto Scaling group (Instance.Group), under the
// AutoScalingGroupName dimension aggregated across the group's running
// instances (EC2 User Guide, "CloudWatch metrics that are available for
// your instances", whose dimensions include AutoScalingGroupName, the
// data of all the instances of a group), which
// target tracking policies on ASGAverageCPUUtilization,
// ASGAverageNetworkIn and ASGAverageNetworkOut watch.
//
// The values follow a pattern fixed by the instance ID and the seed
// (fakes.WithSeed): CPU a daily wave with a little noise, traffic that
// follows it, status checks that pass. The fake answers as if a running
// instance had been running for the whole of CloudWatch's retention, so
// that boto's five-minute how-to (enable monitoring, then query the last
// hour at a 60-second period) gets its 60 datapoints at once; detailed
// monitoring gives a datapoint a minute, basic monitoring one every five.
// A group's aggregate has a datapoint a minute whatever its instances'
// monitoring: on AWS a basic-monitoring group's target tracking alarms,
// which have one-minute periods, look back further for its five-minute
// datapoints, which this fake's alarms do not, so the fake publishes
// the aggregate at the alarms' period instead. The aggregate is over
// the instances running when it is read, for past periods too.
// SetInstanceMetric sets an instance's value from a time on, for tests
// that drive a metric up and down.
func WithInstances(src InstanceSource) fakes.Option {
	return fake.ServiceOption(func(o *ec2Options) { o.instances = src })
}

// ec2Metrics are the AWS/EC2 metrics the fake publishes, with their units.
var ec2Metrics = []struct{ name, unit string }{
	{"CPUUtilization", "Percent"},
	{"NetworkIn", "Bytes"},
	{"NetworkOut", "Bytes"},
	{"NetworkPacketsIn", "Count"},
	{"NetworkPacketsOut", "Count"},
	{"StatusCheckFailed", "Count"},
	{"StatusCheckFailed_Instance", "Count"},
	{"StatusCheckFailed_System", "Count"},
}

// ec2MetricIndex is the index of the AWS/EC2 metric name in ec2Metrics,
// -1 for one the fake does not publish.
func ec2MetricIndex(name string) int {
	return slices.IndexFunc(ec2Metrics, func(x struct{ name, unit string }) bool { return x.name == name })
}

// ec2Source is the backend's instance source and seed.
type ec2Source struct {
	mu        sync.Mutex
	list      InstanceSource
	seed      int64
	overrides map[overrideKey][]override // SetInstanceMetric's, oldest first
}

// overrideKey names one instance's metric.
type overrideKey struct{ account, region, id, metric string }

// override is a value an instance's metric takes from a time on.
type override struct {
	from  time.Time
	value float64
}

// SetInstances replaces the instance source (nil: none); the local cloud
// calls it once its EC2 fake exists.
func (b *Backend) SetInstances(src InstanceSource) {
	b.ec2.mu.Lock()
	defer b.ec2.mu.Unlock()
	b.ec2.list = src
}

// instances lists the running instances of account in region.
func (b *Backend) instances(account, region string) []Instance {
	b.ec2.mu.Lock()
	src := b.ec2.list
	b.ec2.mu.Unlock()
	if src == nil {
		return nil
	}
	var out []Instance
	for _, in := range src(account, region) {
		if in.State == "running" {
			out = append(out, in)
		}
	}
	return out
}

// ec2Series returns the synthetic series for m, or nil when m is not an
// AWS/EC2 metric of a running instance or of a group with running
// instances. Its samples cover [start, end).
func (b *Backend) ec2Series(account, region string, m metric, start, end time.Time) *series {
	if m.Namespace != "AWS/EC2" || len(m.Dimensions) != 1 {
		return nil
	}
	i := ec2MetricIndex(m.MetricName)
	if i < 0 {
		return nil
	}
	dim := m.Dimensions[0]
	var members []Instance
	step := 5 * time.Minute
	switch dim.Name {
	case "InstanceId":
		insts := b.instances(account, region)
		j := slices.IndexFunc(insts, func(in Instance) bool { return in.ID == dim.Value })
		if j < 0 {
			return nil
		}
		members = insts[j : j+1]
		if members[0].Monitoring == "enabled" {
			step = time.Minute
		}
	case "AutoScalingGroupName":
		for _, in := range b.instances(account, region) {
			if in.Group == dim.Value && dim.Value != "" {
				members = append(members, in)
			}
		}
		if len(members) == 0 {
			return nil
		}
		step = time.Minute // see WithInstances
	default:
		return nil
	}
	s := &series{namespace: m.Namespace, name: m.MetricName, dims: []dimension{dim}}
	for at := start.Truncate(step); at.Before(end); at = at.Add(step) {
		if at.Before(start) {
			continue
		}
		smp := sample{at: at, min: math.Inf(1), max: math.Inf(-1), unit: ec2Metrics[i].unit}
		for _, in := range members {
			v := b.instanceValue(account, region, in.ID, m.MetricName, at, step)
			smp.count++
			smp.sum += v
			smp.min, smp.max = min(smp.min, v), max(smp.max, v)
			smp.values, smp.counts = append(smp.values, v), append(smp.counts, 1)
		}
		s.samples = append(s.samples, smp)
	}
	return s
}

// SetInstanceMetric makes metric name (one of the AWS/EC2 metrics
// WithInstances publishes, such as "CPUUtilization") of account's
// instance id in region read value in every period starting at or after
// the fake's clock now, until it is set again; earlier periods keep what
// they had. It is a test's knob to drive an instance's load, and with it
// its group's aggregate, up and down: AWS/EC2 metrics come from EC2, and
// PutMetricData refuses namespaces starting with "AWS/" (API Reference,
// PutMetricData, Namespace: "You cannot specify a namespace that
// begins with "AWS/". Namespaces that begin with "AWS/" are reserved for
// use by Amazon Web Services products"). The value is each datapoint's, at
// whatever period the instance publishes. It is an error for a metric
// the fake does not publish.
func (b *Backend) SetInstanceMetric(account, region, id, name string, value float64) error {
	if ec2MetricIndex(name) < 0 {
		return fmt.Errorf("cloudwatchtest: %q is not an AWS/EC2 metric the fake publishes", name)
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return fmt.Errorf("cloudwatchtest: %v is not a metric value", value)
	}
	now := b.clock()
	b.ec2.mu.Lock()
	defer b.ec2.mu.Unlock()
	if b.ec2.overrides == nil {
		b.ec2.overrides = map[overrideKey][]override{}
	}
	k := overrideKey{account, region, id, name}
	b.ec2.overrides[k] = append(b.ec2.overrides[k], override{from: now, value: value})
	return nil
}

// instanceValue is metric name's value for account's instance id over
// the period starting at at: the last SetInstanceMetric value in force
// at at, else the synthetic pattern (ec2Value).
func (b *Backend) instanceValue(account, region, id, name string, at time.Time, step time.Duration) float64 {
	b.ec2.mu.Lock()
	list := b.ec2.overrides[overrideKey{account, region, id, name}]
	b.ec2.mu.Unlock()
	for _, o := range slices.Backward(list) {
		if !at.Before(o.from) {
			return o.value
		}
	}
	return b.ec2Value(id, name, at, step)
}

// ec2Value is metric name's value for instance id over the period
// starting at at: deterministic in the seed, the ID, the name and the
// time.
func (b *Backend) ec2Value(id, name string, at time.Time, step time.Duration) float64 {
	h := fnv.New64a()
	b.ec2.mu.Lock()
	seed := b.ec2.seed
	b.ec2.mu.Unlock()
	var buf [8]byte
	for i := range buf {
		buf[i] = byte(seed >> (8 * i))
	}
	h.Write(buf[:])
	h.Write([]byte(id))
	phase := float64(h.Sum64()%1440) / 1440 * 2 * math.Pi
	h.Write([]byte(name))
	h.Write([]byte(at.UTC().Format(time.RFC3339)))
	noise := float64(h.Sum64()%1000)/1000 - 0.5 // -0.5 .. 0.5
	day := 2 * math.Pi * float64(at.Unix()%86400) / 86400
	cpu := 20 + 12*math.Sin(day+phase) + 4*noise // 4 .. 36 percent
	minutes := step.Minutes()
	switch name {
	case "CPUUtilization":
		return math.Round(cpu*100) / 100
	case "NetworkIn":
		return math.Round(cpu * 40000 * minutes)
	case "NetworkOut":
		return math.Round(cpu * 25000 * minutes)
	case "NetworkPacketsIn":
		return math.Round(cpu * 30 * minutes)
	case "NetworkPacketsOut":
		return math.Round(cpu * 20 * minutes)
	}
	return 0 // the status checks pass
}

// ec2Listing is the AWS/EC2 metrics of account's running instances in
// region, and of their groups, for ListMetrics.
func (b *Backend) ec2Listing(account, region string) []*series {
	var out []*series
	groups := map[string]bool{}
	for _, in := range b.instances(account, region) {
		for _, m := range ec2Metrics {
			out = append(out, &series{namespace: "AWS/EC2", name: m.name, dims: []dimension{{"InstanceId", in.ID}}})
			if in.Group != "" && !groups[in.Group] {
				out = append(out, &series{namespace: "AWS/EC2", name: m.name, dims: []dimension{{"AutoScalingGroupName", in.Group}}})
			}
		}
		if in.Group != "" {
			groups[in.Group] = true
		}
	}
	return out
}
