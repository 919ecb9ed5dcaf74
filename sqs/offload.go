package sqs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// BodyStore keeps message bodies outside SQS, for bodies over the
// queue's maximum: the message carries a small pointer in their place.
// Package sqs/s3store implements it on S3, with the pointer format of
// AWS's Extended Client Libraries; it is an interface so that importing
// sqs does not compile the S3 client. Implementations must be safe for
// concurrent use.
type BodyStore interface {
	// Put stores body and returns the pointer to send in its place.
	Put(ctx context.Context, body string) (pointer string, err error)
	// Get returns the body pointer names.
	Get(ctx context.Context, pointer string) (string, error)
	// Delete removes the body pointer names; a body already gone is no
	// error.
	Delete(ctx context.Context, pointer string) error
}

// OffloadAttribute is the message attribute that marks a message whose
// body is a BodyStore pointer; its Number value is the size of the body
// in bytes. It is the name AWS's Extended Client Libraries (Java,
// Python, .NET) use, so their consumers read goboto's offloaded
// messages and goboto reads theirs. Receive also knows their older
// names, SQSLargePayloadSize and AWSOffloadedPayloadSize.
const OffloadAttribute = "ExtendedPayloadSize"

// offloadMarkers are every name the Extended Client Libraries have
// marked a pointer with.
var offloadMarkers = []string{OffloadAttribute, "SQSLargePayloadSize", "AWSOffloadedPayloadSize"}

// Offload says which bodies a queue handle keeps in a BodyStore.
type Offload struct {
	Store BodyStore
	// Threshold is the size, in bytes of body and message attributes,
	// above which a body goes to Store. 0 means the queue's maximum:
	// only bodies SQS would refuse.
	Threshold int
}

// WithOffload returns a copy of the handle that sends bodies over
// o.Threshold through o.Store, and whose Receive fetches them back and
// whose message Delete removes them:
//
//	big := q.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, "sqs-bodies/")})
//	_, err := big.Send(ctx, fiveMegabytes)     // PutObject, then SendMessage of the pointer
//	msgs, err := big.Receive(ctx, sqs.ReceiveOptions{})
//	err = msgs[0].Delete(ctx)                  // DeleteMessage, then DeleteObject
//
// A Store of nil returns a copy that offloads nothing. An offloaded
// message takes one of the 10 message attributes (OffloadAttribute), so
// it may carry 9 of its own. A FIFO message sent without a
// DeduplicationID gets the SHA-256 of its body as one, because
// content-based deduplication would otherwise hash the pointer, which
// is new for every send.
func (q *Queue) WithOffload(o Offload) *Queue {
	if q == nil {
		return nil
	}
	c := *q
	c.offload = nil
	if o.Store != nil {
		c.offload = &o
	}
	return &c
}

// OffloadError is a failure around a BodyStore: Op is "put", "get",
// "delete" or "send".
//
//   - "put": the body could not be stored; nothing was sent.
//   - "get": the body could not be fetched; the message keeps the
//     pointer as its Body (and in Pointer), to be fetched on a later
//     receive.
//   - "delete": the body could not be deleted, after its message was
//     deleted or after SQS refused it; it stays in the store.
//   - "send": the SendMessage (or SendMessageBatch) of the pointer failed
//     without SQS refusing it: no answer (a network error, a timeout, a
//     cancelled context), or a 5xx after the retries, or a refusal after
//     an earlier attempt got neither. SQS may hold the message, so the
//     body named by Pointer is kept, lest a message point at nothing. A
//     caller who knows better may delete it with the store's Delete.
//
// Pointer is in the store's format: s3store.ParsePointer reads the
// bucket and key of an S3 one. Err (and errors.As through it, to a
// *goboto.APIError, say) is the cause.
type OffloadError struct {
	Op        string
	MessageID string
	Pointer   string
	Err       error
}

func (e *OffloadError) Error() string {
	if e.Op == "send" {
		return fmt.Sprintf("sqs: send of an offloaded body failed without SQS refusing it, so the message may be in the queue and its body is kept at %s: %v", e.Pointer, e.Err)
	}
	var b strings.Builder
	b.WriteString("sqs: ")
	if e.MessageID != "" {
		b.WriteString("message " + e.MessageID + ": ")
	}
	b.WriteString("body store " + e.Op)
	if e.Pointer != "" {
		b.WriteString(" " + e.Pointer)
	}
	return fmt.Sprintf("%s: %v", b.String(), e.Err)
}

func (e *OffloadError) Unwrap() error { return e.Err }

// offloads reports whether a message of size bytes goes to the store.
func (q *Queue) offloads(size, limit int) (bool, error) {
	if q == nil || q.offload == nil {
		return false, nil
	}
	switch t := q.offload.Threshold; {
	case t < 0:
		return false, goboto.Invalid("Offload.Threshold", strconv.Itoa(t), "must not be negative")
	case t > 0:
		return size > t, nil
	}
	return size > limit, nil
}

// sendOffloaded stores body and sends its pointer. Everything Send would
// refuse is refused before the Put. If the send then fails, the stored
// body is deleted only when SQS refused every attempt of the call (a 4xx
// answer, which takes no message); on any other failure SQS may hold the
// message, and deleting its body would lose it, so the body is kept and
// the error, an *OffloadError of Op "send", names it. SendBatch settles
// its bodies by the same rule.
func (q *Queue) sendOffloaded(ctx context.Context, body string, o SendOptions) (*Message, error) {
	if err := q.checkOffloaded(o); err != nil {
		return nil, err
	}
	if _, err := q.api(); err != nil {
		return nil, err
	}
	pointer, err := q.offload.Store.Put(ctx, body)
	if err != nil {
		return nil, &OffloadError{Op: "put", Err: err}
	}
	o = q.pointerOptions(body, o)
	// The pointer is sent by a copy of the handle without the store, so
	// that a Threshold smaller than the pointer cannot offload it again.
	plain := *q
	plain.offload = nil
	if _, err := plain.checkSend(pointer, o); err != nil {
		return nil, q.dropBody(ctx, pointer, err)
	}
	if err := ctx.Err(); err != nil {
		// Ended during the Put: nothing was sent, as SendBatch's
		// ErrNotSent entries.
		return nil, q.dropBody(ctx, pointer, err)
	}
	var tries attempts
	m, err := plain.send(ctx, pointer, o, tries.option)
	var sum *ChecksumError
	switch {
	case err == nil || errors.As(err, &sum):
		// A ChecksumError means SQS took the message: its body stays.
	case refused(err) && tries.allRefused():
		return nil, q.dropBody(ctx, pointer, err)
	default:
		return nil, &OffloadError{Op: "send", Pointer: pointer, Err: err}
	}
	m.queue = q
	m.Pointer = pointer
	m.Body = body
	delete(m.Attributes, OffloadAttribute)
	if len(m.Attributes) == 0 {
		m.Attributes = nil
	}
	return m, err
}

// dropBody deletes the stored body of a message that was not sent, for
// the reason err, and returns err, joined with the delete's failure.
func (q *Queue) dropBody(ctx context.Context, pointer string, err error) error {
	if derr := q.dropBodies(ctx, []string{pointer}); derr != nil {
		return errors.Join(err, derr)
	}
	return err
}

// checkOffloaded checks the options of a message whose body is to be
// offloaded, as Send checks a message before sending it: the marker
// takes one of the attributes, and cannot be set by the caller.
func (q *Queue) checkOffloaded(o SendOptions) error {
	if len(o.Attributes) > MaxAttributes-1 {
		return goboto.Invalid("MessageAttributes", strconv.Itoa(len(o.Attributes)), "more than 9 attributes on a message whose body is offloaded: "+OffloadAttribute+" takes the tenth")
	}
	for _, n := range offloadMarkers {
		if _, ok := o.Attributes[n]; ok {
			return goboto.Invalid("MessageAttributes."+n, "", "is the offload marker and cannot be set on a body that is offloaded")
		}
	}
	if _, err := seconds("DelaySeconds", o.Delay, MaxDelay); err != nil {
		return err
	}
	return o.checkFIFO(q.isFIFO())
}

// pointerOptions are the options a pointer to body is sent with: the
// caller's, plus the marker and, on a FIFO queue without a
// deduplication ID, the body's SHA-256 as one, since content-based
// deduplication would hash the pointer, new for every send.
func (q *Queue) pointerOptions(body string, o SendOptions) SendOptions {
	if q.isFIFO() && o.DeduplicationID == "" {
		sum := sha256.Sum256([]byte(body))
		o.DeduplicationID = hex.EncodeToString(sum[:])
	}
	attrs := make(map[string]Attribute, len(o.Attributes)+1)
	for n, a := range o.Attributes {
		attrs[n] = a
	}
	attrs[OffloadAttribute] = Number(strconv.Itoa(len(body)))
	o.Attributes = attrs
	return o
}

// offloadNames adds the offload markers to the message attributes a
// receive asks for, so a pointer is known as one.
func (q *Queue) offloadNames(names []string) []string {
	if q == nil || q.offload == nil || slices.Contains(names, "All") || slices.Contains(names, ".*") {
		return names
	}
	out := slices.Clone(names)
	for _, n := range offloadMarkers {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// fetch replaces the pointers among msgs with the bodies they name. A
// message whose body cannot be fetched keeps its pointer as Body, and
// its failure is in the error; the others are fetched still.
func (q *Queue) fetch(ctx context.Context, msgs []*Message) error {
	if q == nil || q.offload == nil {
		return nil
	}
	var errs []error
	for _, m := range msgs {
		marker := ""
		for _, n := range offloadMarkers {
			if _, ok := m.Attributes[n]; ok {
				marker = n
				break
			}
		}
		if marker == "" {
			continue
		}
		m.Pointer = m.Body
		body, err := q.offload.Store.Get(ctx, m.Pointer)
		if err != nil {
			errs = append(errs, &OffloadError{Op: "get", MessageID: m.ID, Pointer: m.Pointer, Err: err})
			continue
		}
		m.Body = body
		// The marker was asked for by the store, not the caller (unless
		// the caller asked for it or for all): hide it, as the Extended
		// Client Libraries do.
		delete(m.Attributes, marker)
		if len(m.Attributes) == 0 {
			m.Attributes = nil
		}
	}
	return errors.Join(errs...)
}

// releaseBody deletes the stored body of a message just deleted. Batch
// deletes call it for each message SQS confirmed.
func (m *Message) releaseBody(ctx context.Context) error {
	if m == nil || m.Pointer == "" || m.queue == nil || m.queue.offload == nil {
		return nil
	}
	if err := m.queue.offload.Store.Delete(ctx, m.Pointer); err != nil {
		return &OffloadError{Op: "delete", MessageID: m.ID, Pointer: m.Pointer, Err: err}
	}
	return nil
}
