package sqs

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto"
)

// DeduplicationScope is where a high-throughput FIFO queue deduplicates
// (DeduplicationScope): per message group or for the whole queue.
type DeduplicationScope string

// The DeduplicationScope values.
const (
	DeduplicationPerQueue        DeduplicationScope = "queue"
	DeduplicationPerMessageGroup DeduplicationScope = "messageGroup"
)

// ThroughputLimit is what a FIFO queue's throughput quota applies to
// (FifoThroughputLimit): the whole queue, or each message group, which
// needs DeduplicationPerMessageGroup.
type ThroughputLimit string

// The ThroughputLimit values.
const (
	ThroughputPerQueue          ThroughputLimit = "perQueue"
	ThroughputPerMessageGroupID ThroughputLimit = "perMessageGroupId"
)

// Limits of the queue attributes (SQS API Reference, SetQueueAttributes).
const (
	MinMessageSize      = 1024
	MinRetention        = time.Minute
	MaxRetention        = 14 * 24 * time.Hour
	MinKMSDataKeyReuse  = time.Minute
	MaxKMSDataKeyReuse  = 24 * time.Hour
	MaxPolicySize       = 8192 // bytes (Developer Guide, "Special Information for SQS Policies")
	MaxMaxReceiveCount  = 1000
	MaxRedriveSources   = 10
	MaxMoveTaskRate     = 500 // messages a second (StartMessageMoveTask)
	defaultKMSDataReuse = 5 * time.Minute
)

// QueueUpdate is a change to a queue's attributes for SetAttributes: a
// nil pointer (or an empty scope or limit) leaves the attribute as it
// is. Durations are whole seconds.
type QueueUpdate struct {
	VisibilityTimeout  *time.Duration // 0-12 h
	MessageRetention   *time.Duration // 1 min-14 days
	Delay              *time.Duration // 0-15 min
	ReceiveWaitTime    *time.Duration // 0-20 s
	MaximumMessageSize *int           // 1,024-1,048,576 bytes
	// Policy is the access policy (JSON, up to 8,192 bytes); "" removes
	// it.
	Policy *string
	// RedrivePolicy sends messages received more than MaxReceiveCount
	// times to a dead-letter queue; a zero RedrivePolicy removes it.
	RedrivePolicy *RedrivePolicy
	// RedriveAllowPolicy says which queues may use this one as their
	// dead-letter queue; a zero one (no Permission) removes it, which
	// SQS reads as RedriveAllowAll.
	RedriveAllowPolicy *RedriveAllowPolicy
	// KMSMasterKeyID turns on SSE-KMS with this key ID or alias, which
	// turns SSE-SQS off; "" removes it.
	KMSMasterKeyID        *string
	KMSDataKeyReusePeriod *time.Duration // 1 min-24 h
	// SQSManagedSSE turns SSE-SQS on or off; a queue has one kind of SSE
	// at a time.
	SQSManagedSSE *bool
	// FIFO queues only.
	ContentBasedDeduplication *bool
	DeduplicationScope        DeduplicationScope
	FIFOThroughputLimit       ThroughputLimit
}

// SetAttributes changes the queue's attributes (SetQueueAttributes).
// Every value is checked first, and nothing is sent when one is out of
// range; SQS sets all of them or none.
func (q *Queue) SetAttributes(ctx context.Context, u QueueUpdate) error {
	attrs, err := u.attributes(q.isFIFO())
	if err != nil {
		return err
	}
	if len(attrs) == 0 {
		return goboto.Invalid("Attributes", "", "QueueUpdate changes nothing")
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(q.URL), Attributes: attrs})
	return convert(err)
}

// attrs collects attribute values, checking each.
type attrs map[string]string

// duration sets name to d in whole seconds within [min, max].
func (a attrs) duration(name string, d, min, max time.Duration) error {
	if d < min || d > max || d%time.Second != 0 {
		return goboto.Invalid(name, d.String(), "must be whole seconds from "+min.String()+" to "+max.String())
	}
	a[name] = strconv.Itoa(int(d / time.Second))
	return nil
}

func (a attrs) size(n int) error {
	if n < MinMessageSize || n > MaxMessageSize {
		return goboto.Invalid("MaximumMessageSize", strconv.Itoa(n), "out of range 1024-1048576")
	}
	a["MaximumMessageSize"] = strconv.Itoa(n)
	return nil
}

func (a attrs) policy(p string) error {
	if p != "" {
		var doc map[string]any
		if len(p) > MaxPolicySize || json.Unmarshal([]byte(p), &doc) != nil {
			return goboto.Invalid("Policy", "", "must be a JSON object of at most 8192 bytes")
		}
	}
	a["Policy"] = p
	return nil
}

// sse sets the encryption attributes: a KMS key and SSE-SQS on together
// are refused, as SQS refuses them ("You can use one type of server-side
// encryption (SSE) at one time").
func (a attrs) sse(key *string, reuse *time.Duration, managed *bool) error {
	if key != nil && *key != "" && managed != nil && *managed {
		return goboto.Invalid("SqsManagedSseEnabled", "true", "a queue has one kind of SSE: not with KmsMasterKeyId")
	}
	if key != nil {
		a["KmsMasterKeyId"] = *key
	}
	if reuse != nil {
		if err := a.duration("KmsDataKeyReusePeriodSeconds", *reuse, MinKMSDataKeyReuse, MaxKMSDataKeyReuse); err != nil {
			return err
		}
	}
	if managed != nil {
		a["SqsManagedSseEnabled"] = strconv.FormatBool(*managed)
	}
	return nil
}

// fifoOnly sets the high-throughput FIFO attributes of a FIFO queue.
func (a attrs) fifoOnly(fifo bool, scope DeduplicationScope, limit ThroughputLimit) error {
	if scope != "" {
		if !fifo {
			return goboto.Invalid("DeduplicationScope", string(scope), "is for FIFO queues only")
		}
		if scope != DeduplicationPerQueue && scope != DeduplicationPerMessageGroup {
			return goboto.Invalid("DeduplicationScope", string(scope), "must be queue or messageGroup")
		}
		a["DeduplicationScope"] = string(scope)
	}
	if limit != "" {
		if !fifo {
			return goboto.Invalid("FifoThroughputLimit", string(limit), "is for FIFO queues only")
		}
		if limit != ThroughputPerQueue && limit != ThroughputPerMessageGroupID {
			return goboto.Invalid("FifoThroughputLimit", string(limit), "must be perQueue or perMessageGroupId")
		}
		// SetQueueAttributes: "The perMessageGroupId value is allowed only
		// when the value for DeduplicationScope is messageGroup."
		if limit == ThroughputPerMessageGroupID && scope != "" && scope != DeduplicationPerMessageGroup {
			return goboto.Invalid("FifoThroughputLimit", string(limit), "needs DeduplicationScope messageGroup")
		}
		a["FifoThroughputLimit"] = string(limit)
	}
	return nil
}

func (u QueueUpdate) attributes(fifo bool) (map[string]string, error) {
	a := attrs{}
	for _, d := range []struct {
		name     string
		v        *time.Duration
		min, max time.Duration
	}{
		{"VisibilityTimeout", u.VisibilityTimeout, 0, MaxVisibility},
		{"MessageRetentionPeriod", u.MessageRetention, MinRetention, MaxRetention},
		{"DelaySeconds", u.Delay, 0, MaxDelay},
		{"ReceiveMessageWaitTimeSeconds", u.ReceiveWaitTime, 0, MaxWaitTime},
	} {
		if d.v != nil {
			if err := a.duration(d.name, *d.v, d.min, d.max); err != nil {
				return nil, err
			}
		}
	}
	if u.MaximumMessageSize != nil {
		if err := a.size(*u.MaximumMessageSize); err != nil {
			return nil, err
		}
	}
	if u.Policy != nil {
		if err := a.policy(*u.Policy); err != nil {
			return nil, err
		}
	}
	if p := u.RedrivePolicy; p != nil {
		if *p == (RedrivePolicy{}) {
			a["RedrivePolicy"] = ""
		} else if err := a.redrive(p); err != nil {
			return nil, err
		}
	}
	if p := u.RedriveAllowPolicy; p != nil {
		if p.Permission == "" && len(p.SourceQueueARNs) == 0 {
			a["RedriveAllowPolicy"] = ""
		} else if err := a.redriveAllow(p); err != nil {
			return nil, err
		}
	}
	if err := a.sse(u.KMSMasterKeyID, u.KMSDataKeyReusePeriod, u.SQSManagedSSE); err != nil {
		return nil, err
	}
	if u.ContentBasedDeduplication != nil {
		if !fifo {
			return nil, goboto.Invalid("ContentBasedDeduplication", strconv.FormatBool(*u.ContentBasedDeduplication), "is for FIFO queues only")
		}
		a["ContentBasedDeduplication"] = strconv.FormatBool(*u.ContentBasedDeduplication)
	}
	if err := a.fifoOnly(fifo, u.DeduplicationScope, u.FIFOThroughputLimit); err != nil {
		return nil, err
	}
	return a, nil
}

// features adds QueueOptions' policy, redrive, SSE and FIFO throughput
// settings to a CreateQueue's attributes.
func (o QueueOptions) features(a attrs) error {
	if o.Policy != "" {
		if err := a.policy(o.Policy); err != nil {
			return err
		}
	}
	if o.RedrivePolicy != nil {
		if err := a.redrive(o.RedrivePolicy); err != nil {
			return err
		}
	}
	if o.RedriveAllowPolicy != nil {
		if err := a.redriveAllow(o.RedriveAllowPolicy); err != nil {
			return err
		}
	}
	var key *string
	if o.KMSMasterKeyID != "" {
		key = &o.KMSMasterKeyID
	}
	var reuse *time.Duration
	if o.KMSDataKeyReusePeriod != 0 {
		reuse = &o.KMSDataKeyReusePeriod
	}
	if err := a.sse(key, reuse, o.SQSManagedSSE); err != nil {
		return err
	}
	if err := a.fifoOnly(o.FIFO, o.DeduplicationScope, o.FIFOThroughputLimit); err != nil {
		return err
	}
	// A new queue's scope is per queue unless set.
	if o.FIFOThroughputLimit == ThroughputPerMessageGroupID && o.DeduplicationScope != DeduplicationPerMessageGroup {
		return goboto.Invalid("FifoThroughputLimit", string(o.FIFOThroughputLimit), "needs DeduplicationScope messageGroup")
	}
	return checkTags(o.Tags)
}

// setFeatures reads the attributes beyond the basic ones into q.
func (q *Queue) setFeatures(a map[string]string) {
	q.Policy = a["Policy"]
	q.RedrivePolicy, q.RedriveAllowPolicy = nil, nil
	if v := a["RedrivePolicy"]; v != "" {
		q.RedrivePolicy, _ = parseRedrivePolicy(v)
	}
	if v := a["RedriveAllowPolicy"]; v != "" {
		q.RedriveAllowPolicy, _ = parseRedriveAllowPolicy(v)
	}
	q.SQSManagedSSE = a["SqsManagedSseEnabled"] == "true"
	q.KMSMasterKeyID = a["KmsMasterKeyId"]
	q.KMSDataKeyReusePeriod = 0
	if v, err := strconv.Atoi(a["KmsDataKeyReusePeriodSeconds"]); err == nil {
		q.KMSDataKeyReusePeriod = time.Duration(v) * time.Second
	} else if q.KMSMasterKeyID != "" {
		q.KMSDataKeyReusePeriod = defaultKMSDataReuse
	}
	q.DeduplicationScope = DeduplicationScope(a["DeduplicationScope"])
	q.FIFOThroughputLimit = ThroughputLimit(a["FifoThroughputLimit"])
}

// arn is the queue's ARN: the last one Refresh read, or else made from
// its URL (https://sqs.<region>.amazonaws.com/<account>/<name>) and its
// connection's region, as SQS writes queue ARNs
// (arn:<partition>:sqs:<region>:<account>:<name>). It does no I/O.
func (q *Queue) arn() string {
	if q == nil {
		return ""
	}
	if q.ARN != "" {
		return q.ARN
	}
	path := q.URL
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
	}
	parts := strings.Split(path, "/")
	if len(parts) < 3 || parts[len(parts)-2] == "" || parts[len(parts)-1] == "" {
		return ""
	}
	region := q.conn.Region()
	return "arn:" + partition(region) + ":sqs:" + region + ":" + parts[len(parts)-2] + ":" + parts[len(parts)-1]
}

// partition is the AWS partition of a region, for ARNs.
func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "eu-isoe-"):
		return "aws-iso-e"
	case strings.HasPrefix(region, "us-isof-"):
		return "aws-iso-f"
	}
	return "aws"
}
