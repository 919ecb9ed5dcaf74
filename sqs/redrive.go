package sqs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// RedrivePolicy sends a queue's messages to a dead-letter queue once
// they have been received more than MaxReceiveCount times
// (RedrivePolicy). The dead-letter queue is in the same account and
// region, and of the same type (standard or FIFO).
type RedrivePolicy struct {
	DeadLetterQueueARN string // deadLetterTargetArn
	MaxReceiveCount    int    // maxReceiveCount, 1-1,000
}

// RedriveTo is the policy that moves messages to dlq after
// maxReceiveCount receives. It does no I/O: dlq's ARN is the one its
// last Refresh read, or else is made from its URL and region.
func RedriveTo(dlq *Queue, maxReceiveCount int) *RedrivePolicy {
	return &RedrivePolicy{DeadLetterQueueARN: dlq.arn(), MaxReceiveCount: maxReceiveCount}
}

// String is the policy's JSON, as SQS takes and answers it.
func (p RedrivePolicy) String() string {
	b, _ := json.Marshal(struct {
		Target string `json:"deadLetterTargetArn"`
		Max    int    `json:"maxReceiveCount"`
	}{p.DeadLetterQueueARN, p.MaxReceiveCount})
	return string(b)
}

func (p *RedrivePolicy) check() error {
	if !validARN(p.DeadLetterQueueARN) {
		return goboto.Invalid("RedrivePolicy.deadLetterTargetArn", p.DeadLetterQueueARN, "must be a queue ARN, arn:<partition>:sqs:<region>:<account>:<name>")
	}
	if p.MaxReceiveCount < 1 || p.MaxReceiveCount > MaxMaxReceiveCount {
		return goboto.Invalid("RedrivePolicy.maxReceiveCount", strconv.Itoa(p.MaxReceiveCount), "out of range 1-1000")
	}
	return nil
}

func (a attrs) redrive(p *RedrivePolicy) error {
	if err := p.check(); err != nil {
		return err
	}
	a["RedrivePolicy"] = p.String()
	return nil
}

// parseRedrivePolicy reads a RedrivePolicy attribute, whose
// maxReceiveCount SQS answers as a number and takes as a number or a
// string.
func parseRedrivePolicy(v string) (*RedrivePolicy, error) {
	var raw struct {
		Target string          `json:"deadLetterTargetArn"`
		Max    json.RawMessage `json:"maxReceiveCount"`
	}
	if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(string(bytes.Trim(raw.Max, `"`)))
	if err != nil {
		return nil, fmt.Errorf("sqs: RedrivePolicy maxReceiveCount %s: %w", raw.Max, err)
	}
	return &RedrivePolicy{DeadLetterQueueARN: raw.Target, MaxReceiveCount: n}, nil
}

// RedrivePermission is which source queues may use a queue as their
// dead-letter queue (RedriveAllowPolicy's redrivePermission).
type RedrivePermission string

// The RedrivePermission values.
const (
	RedriveAllowAll RedrivePermission = "allowAll" // SQS's default: any queue of the account and region
	RedriveDenyAll  RedrivePermission = "denyAll"
	RedriveByQueue  RedrivePermission = "byQueue" // the SourceQueueARNs only
)

// RedriveAllowPolicy says which queues may send their dead letters to
// this one (RedriveAllowPolicy).
type RedriveAllowPolicy struct {
	Permission RedrivePermission
	// SourceQueueARNs are the queues RedriveByQueue allows, 1-10; set
	// only with RedriveByQueue.
	SourceQueueARNs []string
}

// AllowRedriveFrom is the policy that lets only the given queues use
// this one as their dead-letter queue. It does no I/O.
func AllowRedriveFrom(sources ...*Queue) *RedriveAllowPolicy {
	p := &RedriveAllowPolicy{Permission: RedriveByQueue}
	for _, q := range sources {
		p.SourceQueueARNs = append(p.SourceQueueARNs, q.arn())
	}
	return p
}

// String is the policy's JSON, as SQS takes and answers it.
func (p RedriveAllowPolicy) String() string {
	b, _ := json.Marshal(struct {
		Permission RedrivePermission `json:"redrivePermission"`
		Sources    []string          `json:"sourceQueueArns,omitempty"`
	}{p.Permission, p.SourceQueueARNs})
	return string(b)
}

func (a attrs) redriveAllow(p *RedriveAllowPolicy) error {
	switch p.Permission {
	case RedriveAllowAll, RedriveDenyAll:
		if len(p.SourceQueueARNs) > 0 {
			return goboto.Invalid("RedriveAllowPolicy.sourceQueueArns", strings.Join(p.SourceQueueARNs, ","), "are only for byQueue")
		}
	case RedriveByQueue:
		// SetQueueAttributes: "You can specify up to 10 source queue ARNs."
		if n := len(p.SourceQueueARNs); n < 1 || n > MaxRedriveSources {
			return goboto.Invalid("RedriveAllowPolicy.sourceQueueArns", strconv.Itoa(n), "byQueue needs 1-10 source queue ARNs")
		}
		for _, arn := range p.SourceQueueARNs {
			if !validARN(arn) {
				return goboto.Invalid("RedriveAllowPolicy.sourceQueueArns", arn, "must be a queue ARN")
			}
		}
	default:
		return goboto.Invalid("RedriveAllowPolicy.redrivePermission", string(p.Permission), "must be allowAll, denyAll or byQueue")
	}
	a["RedriveAllowPolicy"] = p.String()
	return nil
}

func parseRedriveAllowPolicy(v string) (*RedriveAllowPolicy, error) {
	var raw struct {
		Permission RedrivePermission `json:"redrivePermission"`
		Sources    []string          `json:"sourceQueueArns"`
	}
	if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return nil, err
	}
	return &RedriveAllowPolicy{Permission: raw.Permission, SourceQueueARNs: raw.Sources}, nil
}

// validARN reports whether arn is shaped as an SQS queue ARN.
func validARN(arn string) bool {
	f := strings.Split(arn, ":")
	return len(f) == 6 && f[0] == "arn" && f[1] != "" && f[2] == "sqs" && f[3] != "" && f[4] != "" && f[5] != ""
}

// DeadLetterSources lists the queues whose RedrivePolicy names this one
// as their dead-letter queue (ListDeadLetterSourceQueues), a page at a
// time as the loop asks; it takes PageSize, not Prefix.
func (q *Queue) DeadLetterSources(ctx context.Context, opts ...ListOption) iter.Seq2[*Queue, error] {
	o, err := listOptions(opts)
	if err == nil && o.Prefix != "" {
		err = goboto.Invalid("Prefix", o.Prefix, "ListDeadLetterSourceQueues takes no prefix")
	}
	var client *sqs.Client
	if err == nil {
		client, err = q.api()
	}
	if err != nil {
		return fail[*Queue](err)
	}
	in := &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: aws.String(q.URL)}
	if o.PageSize != 0 {
		in.MaxResults = aws.Int32(int32(o.PageSize))
	}
	return func(yield func(*Queue, error) bool) {
		p := sqs.NewListDeadLetterSourceQueuesPaginator(client, in)
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*sqs.ListDeadLetterSourceQueuesOutput, error) {
				out, err := p.NextPage(ctx)
				return out, convert(err)
			},
			func(out *sqs.ListDeadLetterSourceQueuesOutput) []string { return out.QueueUrls }, q.conn.Queue)
	}
}
