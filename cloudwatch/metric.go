package cloudwatch

import (
	"context"
	"iter"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
)

// Metric is a handle on one metric: a namespace, a name and a set of
// dimensions. Conn.Metric makes one with no I/O; Conn.Metrics lists them.
// A Metric is a value CloudWatch identifies by those three things, so
// it has no Refresh: there is nothing more to read.
type Metric struct {
	conn *Conn

	Namespace  string
	Name       string
	Dimensions Dimensions
	// Account is the account that owns the metric, when a listing with
	// LinkedAccounts named one; "" for the caller's own.
	Account string
}

// Metric returns a handle on the metric name in namespace with the given
// dimensions. It does no I/O.
func (c *Conn) Metric(namespace, name string, dims Dimensions) *Metric {
	return &Metric{conn: c, Namespace: namespace, Name: name, Dimensions: dims}
}

// Conn returns the connection the metric belongs to; nil for a Metric not
// made by its connection.
func (m *Metric) Conn() *Conn {
	if m == nil {
		return nil
	}
	return m.conn
}

// String returns "Metric:<namespace>/<name>" followed by the dimensions
// in braces, sorted by name, as boto printed them.
func (m *Metric) String() string {
	if m == nil {
		return "Metric:<nil>"
	}
	var b strings.Builder
	b.WriteString("Metric:")
	b.WriteString(m.Namespace)
	b.WriteByte('/')
	b.WriteString(m.Name)
	if len(m.Dimensions) > 0 {
		b.WriteByte('{')
		for i, name := range sortedNames(m.Dimensions) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(name)
			b.WriteByte('=')
			b.WriteString(m.Dimensions[name])
		}
		b.WriteByte('}')
	}
	return b.String()
}

// check validates the metric as a query names it.
func (m *Metric) check() error {
	if m == nil {
		return goboto.Invalid("Metric", "", "is nil")
	}
	if err := validName("Namespace", m.Namespace); err != nil {
		return err
	}
	if err := validName("MetricName", m.Name); err != nil {
		return err
	}
	return ValidDimensions(m.Dimensions)
}

// Metrics lists the metrics that received data in the last two weeks
// (ListMetrics), lazily, 500 a page, filtered by opts: InNamespace, Named,
// WithDimension, RecentlyActive, LinkedAccounts.
func (c *Conn) Metrics(ctx context.Context, opts ...ListOption) iter.Seq2[*Metric, error] {
	return func(yield func(*Metric, error) bool) {
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &cloudwatch.ListMetricsInput{}
		if o.Namespace != "" {
			in.Namespace = aws.String(o.Namespace)
		}
		if o.MetricName != "" {
			in.MetricName = aws.String(o.MetricName)
		}
		for _, name := range sortedNames(o.Dimensions) {
			f := types.DimensionFilter{Name: aws.String(name)}
			if v := o.Dimensions[name]; v != "" {
				f.Value = aws.String(v)
			}
			in.Dimensions = append(in.Dimensions, f)
		}
		if o.RecentlyActive {
			in.RecentlyActive = types.RecentlyActivePt3h
		}
		if o.LinkedAccounts {
			in.IncludeLinkedAccounts = aws.Bool(true)
			if o.Account != "" {
				in.OwningAccount = aws.String(o.Account)
			}
		}
		// The paginator loses OwningAccounts, which pairs with Metrics by
		// index, so pages are walked here.
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			out, err := client.ListMetrics(ctx, in)
			if err != nil {
				yield(nil, convert(err))
				return
			}
			for i, x := range out.Metrics {
				m := c.metricFrom(x)
				if i < len(out.OwningAccounts) {
					m.Account = out.OwningAccounts[i]
				}
				if !yield(m, nil) {
					return
				}
			}
			if aws.ToString(out.NextToken) == "" {
				return
			}
			in.NextToken = out.NextToken
		}
	}
}

func (c *Conn) metricFrom(x types.Metric) *Metric {
	m := &Metric{conn: c, Namespace: aws.ToString(x.Namespace), Name: aws.ToString(x.MetricName)}
	if len(x.Dimensions) > 0 {
		m.Dimensions = make(Dimensions, len(x.Dimensions))
		for _, d := range x.Dimensions {
			m.Dimensions[aws.ToString(d.Name)] = aws.ToString(d.Value)
		}
	}
	return m
}

// InstanceMetrics lists the AWS/EC2 metrics of one EC2 instance
// (ListMetrics with Namespace AWS/EC2 and the InstanceId dimension):
// CPUUtilization, NetworkIn, ... as CloudWatch has them, which is after
// the instance has run for a few minutes; detailed monitoring
// (ec2.Instance.Monitor) makes them one-minute metrics.
func (c *Conn) InstanceMetrics(ctx context.Context, instanceID string, opts ...ListOption) iter.Seq2[*Metric, error] {
	if instanceID == "" {
		return func(yield func(*Metric, error) bool) {
			yield(nil, goboto.Invalid("InstanceId", "", "is empty"))
		}
	}
	return c.Metrics(ctx, append(slices.Clone(opts), InNamespace(EC2Namespace), WithDimension("InstanceId", instanceID))...)
}

// EC2Namespace is the namespace of EC2's own metrics.
const EC2Namespace = "AWS/EC2"

// InstanceMetric returns a handle on one of an EC2 instance's metrics
// (AWS/EC2, dimension InstanceId), such as "CPUUtilization", with no
// I/O: the seed's how-to in one line, and no import of package ec2.
func (c *Conn) InstanceMetric(instanceID, name string) *Metric {
	return c.Metric(EC2Namespace, name, Dimensions{"InstanceId": instanceID})
}

// sortedNames returns d's names in order: CloudWatch treats dimensions as
// a set, and a fixed order keeps requests and keys reproducible.
func sortedNames(d Dimensions) []string {
	names := make([]string, 0, len(d))
	for name := range d {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// dimensions returns d as the v2 client's dimensions, sorted by name.
func dimensions(d Dimensions) []types.Dimension {
	if len(d) == 0 {
		return nil
	}
	out := make([]types.Dimension, 0, len(d))
	for _, name := range sortedNames(d) {
		out = append(out, types.Dimension{Name: aws.String(name), Value: aws.String(d[name])})
	}
	return out
}
