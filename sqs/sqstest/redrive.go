package sqstest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// redrivePolicy is a queue's RedrivePolicy: where messages go once
// received more than max times.
type redrivePolicy struct {
	target string // deadLetterTargetArn
	max    int    // maxReceiveCount
}

// String is the policy as GetQueueAttributes answers it, maxReceiveCount
// a number whether it was sent as one or as a string.
func (p *redrivePolicy) String() string {
	if p == nil {
		return ""
	}
	b, _ := json.Marshal(struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
		MaxReceiveCount     int    `json:"maxReceiveCount"`
	}{p.target, p.max})
	return string(b)
}

// errRedrive is SQS's answer to a RedrivePolicy it refuses:
// InvalidParameterValue, "Value <policy> for parameter RedrivePolicy is
// invalid. Reason: ...".
func errRedrive(param, v, reason string) error {
	return errInvalidValue("Value %s for parameter %s is invalid. Reason: %s", v, param, reason)
}

// parseRedrive reads a RedrivePolicy (SetQueueAttributes, RedrivePolicy:
// deadLetterTargetArn and maxReceiveCount; "Invalid value for
// maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive" is
// AWS's wording).
func parseRedrive(v string) (*redrivePolicy, error) {
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(v), &raw) != nil {
		return nil, errRedrive("RedrivePolicy", v, "Redrive policy is not a valid JSON map.")
	}
	for k := range raw {
		if k != "deadLetterTargetArn" && k != "maxReceiveCount" {
			return nil, errRedrive("RedrivePolicy", v, "Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].")
		}
	}
	var p redrivePolicy
	if json.Unmarshal(raw["deadLetterTargetArn"], &p.target) != nil || p.target == "" {
		return nil, errRedrive("RedrivePolicy", v, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
	}
	count := raw["maxReceiveCount"]
	if count == nil {
		return nil, errRedrive("RedrivePolicy", v, "Redrive policy does not contain mandatory attribute: maxReceiveCount.")
	}
	// maxReceiveCount may be a number or a string holding one.
	text := string(bytes.Trim(count, `"`))
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 || n > 1000 {
		return nil, errRedrive("RedrivePolicy", v, "Invalid value for maxReceiveCount: "+text+", valid values are from 1 to 1000 both inclusive.")
	}
	p.max = n
	return &p, nil
}

// redriveAllow is a queue's RedriveAllowPolicy: which source queues may
// use it as their dead-letter queue.
type redriveAllow struct {
	permission string   // allowAll, denyAll or byQueue
	sources    []string // byQueue only
}

func (p *redriveAllow) String() string {
	if p == nil {
		return ""
	}
	v := struct {
		RedrivePermission string   `json:"redrivePermission"`
		SourceQueueArns   []string `json:"sourceQueueArns,omitempty"`
	}{p.permission, p.sources}
	b, _ := json.Marshal(v)
	return string(b)
}

// allows reports whether the queue whose ARN is source may redrive to a
// queue with this policy (SetQueueAttributes, RedriveAllowPolicy:
// allowAll, the default; denyAll; byQueue for the queues of
// sourceQueueArns).
func (p *redriveAllow) allows(source string) bool {
	switch {
	case p == nil || p.permission == "allowAll":
		return true
	case p.permission == "byQueue":
		return contains(p.sources, source)
	}
	return false
}

// parseRedriveAllow reads a RedriveAllowPolicy (SetQueueAttributes:
// redrivePermission allowAll, denyAll or byQueue; sourceQueueArns "only
// when the redrivePermission parameter is set to byQueue", up to 10).
func parseRedriveAllow(v string) (*redriveAllow, error) {
	var in struct {
		RedrivePermission *string
		SourceQueueArns   []string
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(v), &raw) != nil || json.Unmarshal([]byte(v), &in) != nil {
		return nil, errRedrive("RedriveAllowPolicy", v, "Redrive allow policy is not a valid JSON map.")
	}
	for k := range raw {
		if k != "redrivePermission" && k != "sourceQueueArns" {
			return nil, errRedrive("RedriveAllowPolicy", v, "Only following attributes are supported: [redrivePermission, sourceQueueArns].")
		}
	}
	if in.RedrivePermission == nil || !contains([]string{"allowAll", "denyAll", "byQueue"}, *in.RedrivePermission) {
		return nil, errRedrive("RedriveAllowPolicy", v, "Invalid value for redrivePermission; valid values are allowAll, denyAll and byQueue.")
	}
	p := &redriveAllow{permission: *in.RedrivePermission}
	_, hasSources := raw["sourceQueueArns"]
	switch {
	case p.permission != "byQueue" && hasSources:
		return nil, errRedrive("RedriveAllowPolicy", v, "sourceQueueArns can be specified only when redrivePermission is byQueue.")
	case p.permission == "byQueue" && (len(in.SourceQueueArns) == 0 || len(in.SourceQueueArns) > 10):
		return nil, errRedrive("RedriveAllowPolicy", v, "byQueue needs 1 to 10 sourceQueueArns.")
	}
	for _, a := range in.SourceQueueArns {
		if _, _, _, ok := splitARN(a); !ok {
			return nil, errRedrive("RedriveAllowPolicy", v, "Invalid source queue ARN "+a+".")
		}
	}
	p.sources = in.SourceQueueArns
	return p, nil
}

// splitARN reads an SQS queue ARN, arn:<partition>:sqs:<region>:<account>:<name>.
func splitARN(arn string) (region, account, name string, ok bool) {
	f := strings.Split(arn, ":")
	if len(f) != 6 || f[0] != "arn" || f[1] == "" || f[2] != "sqs" || f[3] == "" || f[4] == "" || f[5] == "" {
		return "", "", "", false
	}
	return f[3], f[4], f[5], true
}

// byARN finds, in the locked region reg of account and region, the queue
// arn names; nil when it names a queue elsewhere or none.
func byARN(reg *region, account, regionName, arn string) *queue {
	r, a, name, ok := splitARN(arn)
	if !ok || r != regionName || a != account {
		return nil
	}
	q := reg.queues[name]
	if q == nil || q.arn != arn {
		return nil
	}
	return q
}

// checkRedrive checks that the dead-letter queue p names exists in the
// source queue q's account and region ("The dead-letter queue of a FIFO
// queue must also be a FIFO queue. Similarly, the dead-letter queue of a
// standard queue must also be a standard queue.", SetQueueAttributes) and
// lets q use it (its RedriveAllowPolicy).
func (b *Backend) checkRedrive(reg *region, q *queue, p *redrivePolicy) error {
	v := p.String()
	region, account, _, _ := splitARN(q.arn)
	dlq := byARN(reg, account, region, p.target)
	if dlq == nil {
		return errRedrive("RedrivePolicy", v, "Dead letter target does not exist.")
	}
	if dlq.fifo != q.fifo {
		return errRedrive("RedrivePolicy", v, "Dead-letter queue must be same type of queue as the source.")
	}
	if !dlq.settings.redriveAllow.allows(q.arn) {
		return errRedrive("RedrivePolicy", v, "Queue "+p.target+" does not allow "+q.arn+" to use it as a dead-letter queue (RedriveAllowPolicy).")
	}
	return nil
}

// redriveDue moves to q's dead-letter queue every visible message that a
// receive would hand out for more than maxReceiveCount times: SQS moves
// a message "when the ReceiveCount for a message exceeds the
// maxReceiveCount", which it finds as it receives, so this runs at each
// ReceiveMessage before any message is taken. The message keeps its ID,
// body, attributes, receive count and timestamps (as recorded against AWS
// in localstack's test_dead_letter_queue_message_attributes, where the
// DLQ's first receive answers ApproximateReceiveCount 2 after
// maxReceiveCount 1) and gains the DeadLetterQueueSourceArn system
// attribute. Its retention runs from its first enqueue on a standard
// queue and starts again on a FIFO queue (Developer Guide, "Using
// dead-letter queues": "For FIFO queues, the enqueue timestamp of the
// message is reset when the message is moved to a dead-letter queue").
// A dead-letter queue deleted since keeps nothing from moving: the
// messages stay where they are.
func (b *Backend) redriveDue(reg *region, q *queue, now time.Time) {
	p := q.settings.redrive
	if p == nil {
		return
	}
	region, account, _, _ := splitARN(q.arn)
	dlq := byARN(reg, account, region, p.target)
	if dlq == nil || dlq == q {
		return
	}
	moved := false
	q.messages = deleteWhere(q.messages, func(m *message) bool {
		if m.visibleAt.After(now) || m.receives < p.max {
			return false
		}
		m.dlqSource = q.arn
		if dlq.fifo {
			m.enqueued = now
		}
		dlq.messages = append(dlq.messages, m)
		moved = true
		return true
	})
	if moved {
		dlq.wake()
	}
}

// wake ends the long polls waiting on q.
func (q *queue) wake() {
	close(q.notify)
	q.notify = make(chan struct{})
}

// deadLetterToken marks ListDeadLetterSourceQueues' NextToken values.
const deadLetterToken = "sqstest-dlq-sources:"

func (b *Backend) listDeadLetterSourceQueues(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl, NextToken string
		MaxResults          *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	// ListDeadLetterSourceQueues: MaxResults "Value range is 1 to 1000";
	// without it up to 1,000 results and no NextToken.
	limit := 1000
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 1000 {
			return nil, errInvalidValue("Value %d for parameter MaxResults is invalid. Reason: must be between 1 and 1000.", *in.MaxResults)
		}
		limit = *in.MaxResults
	}
	after := ""
	if in.NextToken != "" {
		t, err := base64.RawURLEncoding.DecodeString(in.NextToken)
		name, ok := strings.CutPrefix(string(t), deadLetterToken)
		if err != nil || !ok || name == "" {
			return nil, errInvalidValue("Invalid NextToken value.")
		}
		after = name
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	urls := []string{}
	next := ""
	for _, n := range sortedKeys(reg.queues) {
		src := reg.queues[n]
		if src.settings.redrive == nil || src.settings.redrive.target != q.arn || n <= after {
			continue
		}
		if len(urls) == limit {
			if in.MaxResults != nil {
				last := urls[len(urls)-1]
				next = base64.RawURLEncoding.EncodeToString([]byte(deadLetterToken + last[strings.LastIndexByte(last, '/')+1:]))
			}
			break
		}
		urls = append(urls, queueURL(r, r.Account(), n))
	}
	// The answer's list member is queueUrls, lower case, and SQS sends it
	// even when empty (API Reference, ListDeadLetterSourceQueues: "Required: Yes").
	out := map[string]any{"queueUrls": urls}
	if next != "" {
		out["NextToken"] = next
	}
	return out, nil
}
