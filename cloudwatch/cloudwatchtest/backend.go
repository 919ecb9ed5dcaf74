package cloudwatchtest

import (
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Backend is CloudWatch's state and request handling, separate from any
// server so that several services can share one fake server
// (fakes/localcloud). It is safe for concurrent use.
type Backend struct {
	regions fake.Scoped[region]
	clock   func() time.Time
	ec2     ec2Source // instances whose AWS/EC2 metrics are published
	alarms  *alarmSettings
}

// region is one account's metrics in one region.
type region struct {
	mu      sync.Mutex
	metrics map[string]*series // by seriesKey
	alarms  map[string]*alarm  // by name
	history []historyEntry     // oldest first; kept when an alarm is deleted
}

// NewBackend returns an empty CloudWatch, ready to be mounted with
// Service. Of opts it heeds fakes.WithClock, fakes.WithSeed,
// WithInstances, WithAlarmQuota and WithActionHandler.
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	s := fake.Apply(opts...)
	var o ec2Options
	fake.ApplyService(s, &o)
	b := &Backend{clock: s.Clock, alarms: &alarmSettings{}}
	fake.ApplyService(s, &b.alarms.options)
	b.ec2.list, b.ec2.seed = o.instances, s.Seed
	if b.clock == nil {
		b.clock = time.Now
	}
	b.regions.New = func(string, string) *region {
		return &region{metrics: map[string]*series{}, alarms: map[string]*alarm{}}
	}
	return b, nil
}

// Service returns the CloudWatch service for a fake server: RPC v2 CBOR
// as today's SDKs speak it, and JSON 1.0 and Query as boto3, the aws CLI
// and boto 2 do; routed by the SigV4 scope's "monitoring", the
// GraniteServiceVersion20100801 target prefix, the 2010-08-01 Version, or
// monitoring.<region> host names.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "monitoring",
		Protocol:      fake.RPCv2CBOR,
		Also:          []fake.Protocol{fake.JSON10, fake.Query},
		XMLNamespace:  xmlNamespace,
		QueryVersions: []string{"2010-08-01"},
		TargetPrefix:  "GraniteServiceVersion20100801",
		HostPrefix:    "monitoring",
		Handle:        b.handle,
	}
}

// Reset forgets every metric, alarm and alarm history.
func (b *Backend) Reset() { b.regions.Reset() }

// operations are every operation of CloudWatch's API (2010-08-01).
var operations = []string{"AssociateDatasetKmsKey", "DeleteAlarmMuteRule", "DeleteAlarms", "DeleteAnomalyDetector",
	"DeleteDashboards", "DeleteInsightRules", "DeleteMetricStream", "DescribeAlarmContributors", "DescribeAlarmHistory",
	"DescribeAlarms", "DescribeAlarmsForMetric", "DescribeAnomalyDetectors", "DescribeInsightRules", "DisableAlarmActions",
	"DisableInsightRules", "DisassociateDatasetKmsKey", "EnableAlarmActions", "EnableInsightRules", "GetAlarmMuteRule",
	"GetDashboard", "GetDataset", "GetInsightRuleReport", "GetMetricData", "GetMetricStatistics", "GetMetricStream",
	"GetMetricWidgetImage", "GetOTelEnrichment", "ListAlarmMuteRules", "ListDashboards", "ListManagedInsightRules",
	"ListMetricStreams", "ListMetrics", "ListTagsForResource", "PutAlarmMuteRule", "PutAnomalyDetector",
	"PutCompositeAlarm", "PutDashboard", "PutInsightRule", "PutLogAlarm", "PutManagedInsightRules", "PutMetricAlarm",
	"PutMetricData", "PutMetricStream", "SetAlarmState", "StartMetricStreams", "StartOTelEnrichment",
	"StopMetricStreams", "StopOTelEnrichment", "TagResource", "UntagResource"}

// handle serves one authenticated request in the protocol it speaks.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	var out any
	var err error
	// Alarms evaluate lazily, on the fake's clock, whenever the region
	// is looked at; their actions go out once the lock is released. A
	// call another fake makes (Call) evaluates nothing, so that no action
	// runs back into that fake while it holds its own locks; the next
	// request evaluates.
	if !r.Internal {
		b.deliver(b.evaluate(r.Account(), r.Region, r.Now))
	}
	switch r.Operation {
	case "PutMetricData":
		err = b.putMetricData(r)
	case "ListMetrics":
		out, err = b.listMetrics(r)
	case "GetMetricStatistics":
		out, err = b.getMetricStatistics(r)
	case "GetMetricData":
		out, err = b.getMetricData(r)
	case "PutMetricAlarm", "DescribeAlarms", "DescribeAlarmsForMetric", "DescribeAlarmHistory", "SetAlarmState",
		"EnableAlarmActions", "DisableAlarmActions", "DeleteAlarms", "TagResource", "UntagResource", "ListTagsForResource":
		out, err = b.handleAlarm(r)
	default:
		if slices.Contains(operations, r.Operation) {
			return errUnsupported(r.Operation)
		}
		return errUnknownOperation()
	}
	if err != nil {
		return err
	}
	return writeOutput(w, r, out)
}
