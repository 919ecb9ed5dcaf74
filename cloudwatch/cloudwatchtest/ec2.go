package cloudwatchtest

import (
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
}

// InstanceSource lists an account's instances in a region. The local
// cloud passes one that reads the EC2 fake (ec2test.Backend.Instances).
type InstanceSource func(account, region string) []Instance

type options struct {
	instances InstanceSource
}

// WithInstances makes the fake publish the standard AWS/EC2 metrics of
// the instances src lists: CPUUtilization, NetworkIn, NetworkOut,
// NetworkPacketsIn, NetworkPacketsOut and the StatusCheckFailed three,
// under the InstanceId dimension, as EC2 does for every instance.
//
// The values follow a pattern fixed by the instance ID and the seed
// (fakes.WithSeed): CPU a daily wave with a little noise, traffic that
// follows it, status checks that pass. The fake answers as if a running
// instance had been running for the whole of CloudWatch's retention, so
// that boto's five-minute how-to (enable monitoring, then query the last
// hour at a 60-second period) gets its 60 datapoints at once; detailed
// monitoring gives a datapoint a minute, basic monitoring one every five.
func WithInstances(src InstanceSource) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.instances = src })
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

// ec2Source is the backend's instance source and seed.
type ec2Source struct {
	mu   sync.Mutex
	list InstanceSource
	seed int64
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
// AWS/EC2 metric of a running instance. Its samples cover [start, end).
func (b *Backend) ec2Series(account, region string, m metric, start, end time.Time) *series {
	if m.Namespace != "AWS/EC2" || len(m.Dimensions) != 1 || m.Dimensions[0].Name != "InstanceId" {
		return nil
	}
	i := slices.IndexFunc(ec2Metrics, func(x struct{ name, unit string }) bool { return x.name == m.MetricName })
	if i < 0 {
		return nil
	}
	id := m.Dimensions[0].Value
	insts := b.instances(account, region)
	j := slices.IndexFunc(insts, func(in Instance) bool { return in.ID == id })
	if j < 0 {
		return nil
	}
	step := 5 * time.Minute
	if insts[j].Monitoring == "enabled" {
		step = time.Minute
	}
	s := &series{namespace: m.Namespace, name: m.MetricName, dims: []dimension{{"InstanceId", id}}}
	for at := start.Truncate(step); at.Before(end); at = at.Add(step) {
		if at.Before(start) {
			continue
		}
		v := b.ec2Value(id, m.MetricName, at, step)
		s.samples = append(s.samples, sample{at: at, count: 1, sum: v, min: v, max: v,
			values: []float64{v}, counts: []float64{1}, unit: ec2Metrics[i].unit})
	}
	return s
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
// region, for ListMetrics.
func (b *Backend) ec2Listing(account, region string) []*series {
	var out []*series
	for _, in := range b.instances(account, region) {
		for _, m := range ec2Metrics {
			out = append(out, &series{namespace: "AWS/EC2", name: m.name, dims: []dimension{{"InstanceId", in.ID}}})
		}
	}
	return out
}
