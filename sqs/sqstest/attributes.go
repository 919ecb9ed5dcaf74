package sqstest

import (
	"encoding/json"
	"maps"
	"strconv"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// settings are a queue's attributes beyond the numeric ones of attrRanges
// and the FIFO flags: its policy, dead-letter settings, encryption,
// high-throughput FIFO settings and tags.
type settings struct {
	policy       string         // the Policy JSON as set; "" for none
	redrive      *redrivePolicy // RedrivePolicy; nil for none
	redriveAllow *redriveAllow  // RedriveAllowPolicy; nil for none (allowAll)
	kmsKey       string         // KmsMasterKeyId; "" for none
	kmsReuse     int            // KmsDataKeyReusePeriodSeconds
	sseSQS       bool           // SqsManagedSseEnabled
	dedupScope   string         // DeduplicationScope, FIFO queues only
	throughput   string         // FifoThroughputLimit, FIFO queues only
	tags         map[string]string
}

// newSettings are a new queue's settings. SSE-SQS is on by default for
// queues created since late 2022 (GetQueueAttributes of a new queue
// answers SqsManagedSseEnabled "true", as recorded against AWS in
// localstack's test_set_queue_attributes_default_values); FIFO queues
// answer DeduplicationScope "queue" and FifoThroughputLimit "perQueue"
// until set (SetQueueAttributes: "normal throughput is in effect").
func newSettings(fifo bool) settings {
	s := settings{kmsReuse: 300, sseSQS: true, tags: map[string]string{}}
	if fifo {
		s.dedupScope, s.throughput = "queue", "perQueue"
	}
	return s
}

func (s settings) clone() settings {
	s.tags = maps.Clone(s.tags)
	return s
}

// The values of the high-throughput FIFO attributes (SetQueueAttributes,
// DeduplicationScope: "messageGroup and queue"; FifoThroughputLimit:
// "perQueue and perMessageGroupId").
var (
	dedupScopes = []string{"messageGroup", "queue"}
	throughputs = []string{"perQueue", "perMessageGroupId"}
)

// readOnlyAttrs are attributes GetQueueAttributes answers that no
// request may set: SetQueueAttributes and CreateQueue answer them
// InvalidAttributeName, "Unknown Attribute".
var readOnlyAttrs = []string{"All", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
	"ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn"}

// setAttr applies one attribute of CreateQueue or SetQueueAttributes that
// is not numeric to s, for a queue of type fifo; errAttributeName for an
// attribute SQS does not have or that the queue's type does not take.
// The checks that need other queues (the redrive target) or every
// attribute of the request (SSE, throughput) come after, in check.
func (s *settings) setAttr(name, v string, fifo bool) error {
	switch name {
	case "Policy":
		// A policy is a JSON object of at most 8,192 bytes (Developer
		// Guide, "Special Information for SQS Policies").
		if v != "" {
			var doc map[string]any
			if len(v) > 8192 || json.Unmarshal([]byte(v), &doc) != nil {
				return errAttributeValue("Policy")
			}
		}
		s.policy = v
	case "RedrivePolicy":
		// SetQueueAttributes with an empty RedrivePolicy removes it (as
		// recorded against AWS in localstack's test_set_empty_redrive_policy).
		if v == "" {
			s.redrive = nil
			return nil
		}
		p, err := parseRedrive(v)
		if err != nil {
			return err
		}
		s.redrive = p
	case "RedriveAllowPolicy":
		if v == "" {
			s.redriveAllow = nil
			return nil
		}
		p, err := parseRedriveAllow(v)
		if err != nil {
			return err
		}
		s.redriveAllow = p
	case "KmsMasterKeyId":
		s.kmsKey = v
		if v != "" {
			// SetQueueAttributes with a KMS key turns SSE-SQS off: one SSE
			// option per queue (recorded against AWS in localstack's
			// test_set_queue_attributes_default_values).
			s.sseSQS = false
		}
	case "KmsDataKeyReusePeriodSeconds":
		// SetQueueAttributes: "between 60 seconds (1 minute) and 86,400
		// seconds (24 hours)".
		n, err := strconv.Atoi(v)
		if err != nil || n < 60 || n > 86400 {
			return errAttributeValue(name)
		}
		s.kmsReuse = n
	case "SqsManagedSseEnabled":
		b, err := strconv.ParseBool(v)
		if err != nil || (v != "true" && v != "false") {
			return errAttributeValue(name)
		}
		s.sseSQS = b
	case "DeduplicationScope", "FifoThroughputLimit":
		if !fifo {
			return errAttributeNameMsg("You can specify the " + name + " only when FifoQueue is set to true.")
		}
		valid := dedupScopes
		if name == "FifoThroughputLimit" {
			valid = throughputs
		}
		if !contains(valid, v) {
			return errAttributeValue(name)
		}
		if name == "DeduplicationScope" {
			s.dedupScope = v
		} else {
			s.throughput = v
		}
	default:
		return errAttributeName(name)
	}
	return nil
}

// check applies the rules between attributes once a request's are all
// set: one kind of SSE, and a per-group throughput limit only with
// per-group deduplication.
func (s *settings) check() error {
	// "You can use one type of server-side encryption (SSE) at one time"
	// (recorded against AWS in localstack's
	// test_sse_kms_and_sqs_are_mutually_exclusive: InvalidAttributeName).
	if s.kmsKey != "" && s.sseSQS {
		return errAttributeNameMsg("You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")
	}
	// SetQueueAttributes: "The perMessageGroupId value is allowed only
	// when the value for DeduplicationScope is messageGroup."
	if s.throughput == "perMessageGroupId" && s.dedupScope != "messageGroup" {
		return errAttributeValue("FifoThroughputLimit")
	}
	return nil
}

// put adds the attributes GetQueueAttributes answers for s to out.
func (s *settings) put(out map[string]string) {
	out["SqsManagedSseEnabled"] = strconv.FormatBool(s.sseSQS)
	if s.policy != "" {
		out["Policy"] = s.policy
	}
	if s.redrive != nil {
		out["RedrivePolicy"] = s.redrive.String()
	}
	if s.redriveAllow != nil {
		out["RedriveAllowPolicy"] = s.redriveAllow.String()
	}
	if s.kmsKey != "" {
		out["KmsMasterKeyId"] = s.kmsKey
		out["KmsDataKeyReusePeriodSeconds"] = strconv.Itoa(s.kmsReuse)
	}
	if s.dedupScope != "" {
		out["DeduplicationScope"], out["FifoThroughputLimit"] = s.dedupScope, s.throughput
	}
}

// queueAttrNames are the names of the model's QueueAttributeName enum,
// which GetQueueAttributes takes; an attribute that is not set is left
// out of its answer.
var queueAttrNames = []string{"All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
	"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
	"LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
	"ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId",
	"KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
	"SqsManagedSseEnabled"}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// applyAttrs applies a CreateQueue's or SetQueueAttributes' attributes to
// copies of q's numeric attributes and settings and returns them, so a
// refused request changes nothing. The region is locked.
func (b *Backend) applyAttrs(reg *region, q *queue, in map[string]string, creating bool) (map[string]int, settings, bool, error) {
	attrs := maps.Clone(q.attrs)
	st := q.settings.clone()
	contentDedup := q.contentDedup
	for _, name := range sortedKeys(in) {
		v := in[name]
		if rg, ok := attrRanges[name]; ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < rg.lo || n > rg.hi {
				return nil, settings{}, false, errAttributeValue(name)
			}
			attrs[name] = n
			continue
		}
		switch {
		case contains(readOnlyAttrs, name):
			return nil, settings{}, false, errAttributeName(name)
		case name == "FifoQueue" && creating:
			// Read by fifoAttrs.
		case name == "FifoQueue":
			// SetQueueAttributes: a standard queue has no FifoQueue
			// attribute; a FIFO queue keeps its type ("Modifying queue
			// type is not supported"), as recorded against AWS in
			// localstack's test_set_unsupported_attribute_fifo.
			if !q.fifo {
				return nil, settings{}, false, errAttributeName(name)
			}
			if v != "true" {
				return nil, settings{}, false, errAttributeValueMsg(name, "Modifying queue type is not supported.")
			}
		case name == "ContentBasedDeduplication":
			if !q.fifo {
				return nil, settings{}, false, errAttributeName(name)
			}
			if v != "true" && v != "false" {
				return nil, settings{}, false, errAttributeValue(name)
			}
			contentDedup = v == "true"
		default:
			if err := st.setAttr(name, v, q.fifo); err != nil {
				return nil, settings{}, false, err
			}
		}
	}
	if err := st.check(); err != nil {
		return nil, settings{}, false, err
	}
	if _, ok := in["RedrivePolicy"]; ok && st.redrive != nil {
		if err := b.checkRedrive(reg, q, st.redrive); err != nil {
			return nil, settings{}, false, err
		}
	}
	return attrs, st, contentDedup, nil
}

func (b *Backend) setQueueAttributes(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl   string
		Attributes map[string]string
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.Attributes == nil {
		return nil, errMissing("Attributes")
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	attrs, st, contentDedup, err := b.applyAttrs(reg, q, in.Attributes, false)
	if err != nil {
		return nil, err
	}
	q.attrs, q.settings, q.contentDedup = attrs, st, contentDedup
	q.modified = r.Now
	return struct{}{}, nil
}

// errAttributeNameMsg is InvalidAttributeName with SQS's own wording for
// an attribute the queue's type or the other attributes rule out.
func errAttributeNameMsg(msg string) *fake.Error {
	e := errAttributeName("")
	e.Message = msg
	return e
}

// errAttributeValueMsg is InvalidAttributeValue with a reason.
func errAttributeValueMsg(name, reason string) *fake.Error {
	e := errAttributeValue(name)
	e.Message = "Invalid value for the parameter " + name + ". Reason: " + reason
	return e
}

// newQueue is a queue with the default attributes, made at now.
func newQueue(region, account, name string, fifo bool, now time.Time) *queue {
	attrs := map[string]int{}
	for n, rg := range attrRanges {
		attrs[n] = rg.def
	}
	return &queue{name: name, arn: "arn:aws:sqs:" + region + ":" + account + ":" + name,
		attrs: attrs, created: now, modified: now, notify: make(chan struct{}), fifo: fifo,
		dedup: map[string]dedupSeen{}, settings: newSettings(fifo)}
}

// same reports whether s and t set the same attributes, for CreateQueue
// of a queue that exists; tags are not attributes.
func (s *settings) same(t settings) bool {
	return s.policy == t.policy && s.redrive.String() == t.redrive.String() &&
		s.redriveAllow.String() == t.redriveAllow.String() && s.kmsKey == t.kmsKey && s.kmsReuse == t.kmsReuse &&
		s.sseSQS == t.sseSQS && s.dedupScope == t.dedupScope && s.throughput == t.throughput
}

// dedupKey is what a FIFO send's deduplication ID is remembered by: the
// ID alone, or with DeduplicationScope messageGroup the group and the ID
// (SetQueueAttributes, DeduplicationScope: "whether message
// deduplication occurs at the message group or queue level").
func (q *queue) dedupKey(group, id string) string {
	if q.settings.dedupScope == "messageGroup" {
		return group + "\x00" + id
	}
	return id
}
