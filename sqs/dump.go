package sqs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Archive is where Queue.Dump saves messages and Queue.Restore reads
// them back: named records, one per message. Dir keeps them in a
// directory; package sqs/s3store keeps them in S3 (an interface, so
// that importing sqs does not compile the S3 client). Implementations
// must be safe for concurrent use.
type Archive interface {
	// Save stores record under name, replacing any record of that name.
	Save(ctx context.Context, name string, record []byte) error
	// Names yields the names of the records stored, in byte order.
	Names(ctx context.Context) iter.Seq2[string, error]
	// Load returns the record stored under name.
	Load(ctx context.Context, name string) ([]byte, error)
}

// Record is one message as Dump saves it, one JSON document per message:
//
//	{"version":1,"queue":"orders.fifo","id":"5fea7756-…","body":"order 17",
//	 "attributes":{"color":{"dataType":"String","stringValue":"red"},
//	               "thumb":{"dataType":"Binary","binaryValue":"iVBORw0…"}},
//	 "groupId":"customer-4","deduplicationId":"order-17",
//	 "sequenceNumber":"18849496460467696128","sentTimestamp":"1764979200000"}
//
// binaryValue is base64, as encoding/json writes []byte. Record is
// exported so that dumps can be read and written by other tools.
type Record struct {
	Version         int                        `json:"version"`
	Queue           string                     `json:"queue"` // the name of the queue dumped
	ID              string                     `json:"id"`
	Body            string                     `json:"body"`
	Attributes      map[string]RecordAttribute `json:"attributes,omitempty"`
	GroupID         string                     `json:"groupId,omitempty"`
	DeduplicationID string                     `json:"deduplicationId,omitempty"`
	SequenceNumber  string                     `json:"sequenceNumber,omitempty"`
	SentTimestamp   string                     `json:"sentTimestamp,omitempty"` // epoch milliseconds, as SQS gives it
}

// RecordAttribute is a message attribute in a Record.
type RecordAttribute struct {
	DataType    string `json:"dataType"`
	StringValue string `json:"stringValue,omitempty"`
	BinaryValue []byte `json:"binaryValue,omitempty"`
}

// recordVersion is the Record format Dump writes and Restore reads.
const recordVersion = 1

// DumpOptions are Dump's settings. The zero value peeks: it saves every
// message and leaves them all in the queue.
type DumpOptions struct {
	// Drain deletes each message once it is saved, and only then; a
	// message that could not be saved stays in the queue.
	Drain bool
	// VisibilityTimeout is how long each message stays hidden while the
	// dump runs (ReceiveMessage's VisibilityTimeout), whole seconds up to
	// 12 h; 0 leaves the queue's. A peek must finish within it: a message
	// that comes back before the end is seen again, and skipped.
	VisibilityTimeout time.Duration
	// WaitTime is each receive's long poll, whole seconds up to 20 s; the
	// dump ends at the first receive that finds nothing new. 0 means 1 s:
	// a short poll samples only some of SQS's servers and can find
	// nothing while messages remain.
	WaitTime time.Duration
	// Max stops the dump after this many messages; 0 means no limit.
	Max int
}

// DumpResult is what Dump did: Saved messages to the archive, of which
// Deleted were deleted from the queue (Drain) and Returned made visible
// again (a peek).
type DumpResult struct {
	Saved, Deleted, Returned int
}

// Dump saves the queue's messages to an archive, one record each, with
// their bodies, message attributes, FIFO group and deduplication IDs,
// sequence numbers and sent times (ReceiveMessage with All attributes).
//
// A peek (the zero DumpOptions) receives every message, saves it and, at
// the end, makes them all visible again at once, ten to a call
// (ChangeMessageVisibilityBatch to 0), failed dump or not: the queue
// keeps them all, hidden only while the dump runs. A FIFO queue hands
// out no more of a message group while one of its messages is in
// flight, so a peek of a FIFO queue sees only the first messages of
// each group; drain it to save them all.
//
// A drain (Drain) deletes the messages of each receive
// (DeleteMessageBatch, and for an offloaded body its stored copy) once
// the archive has them, and never before: a failed save stops the dump
// with that message still in the queue, after deleting those saved
// before it. A message a delete misses is saved again by a later dump.
//
// Records are named "<start>-<n>.json", start being when the dump began
// (UTC, to the nanosecond) and n counting from 1, so the names sort in
// the order the messages were received and a second dump into the same
// archive adds to it. On a handle made by WithOffload, offloaded bodies
// are saved whole.
func (q *Queue) Dump(ctx context.Context, to Archive, o DumpOptions) (res DumpResult, err error) {
	if to == nil {
		return res, goboto.Invalid("Archive", "", "is nil")
	}
	if o.Max < 0 {
		return res, goboto.Invalid("Max", strconv.Itoa(o.Max), "must not be negative")
	}
	if o.WaitTime == 0 {
		o.WaitTime = time.Second
	}
	ro := ReceiveOptions{MaxMessages: MaxReceive, WaitTime: o.WaitTime, VisibilityTimeout: o.VisibilityTimeout,
		Attributes: []string{"All"}, System: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll}}
	if _, err := seconds("WaitTimeSeconds", ro.WaitTime, MaxWaitTime); err != nil {
		return res, err
	}
	if _, err := seconds("VisibilityTimeout", ro.VisibilityTimeout, MaxVisibility); err != nil {
		return res, err
	}
	if _, err := q.api(); err != nil {
		return res, err
	}
	// back are the messages received and still hidden that the dump
	// gives back at the end, in batches (ChangeMessageVisibilityBatch):
	// in a peek every one, in a drain those not saved. On a context of
	// its own, so a cancelled dump still gives them back; one that
	// cannot be given back returns when its timeout ends.
	var back []*Message
	defer func() {
		if len(back) == 0 {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		ok, _ := splitBatch(back, q.ChangeVisibilityBatch(rctx, back, 0))
		res.Returned += len(ok)
	}()
	start := time.Now().UTC().Format("20060102T150405.000000000Z")
	seen := map[string]bool{}
	for o.Max == 0 || res.Saved < o.Max {
		msgs, err := q.Receive(ctx, ro)
		if err != nil {
			back = append(back, msgs...) // not saved: a failed check
			return res, err
		}
		fresh := 0
		// saved are this receive's messages the archive has: a drain
		// deletes them together once the receive's are all handled.
		var saved []*Message
		var saveErr error
		for i, m := range msgs {
			if seen[m.ID] {
				// Its timeout ran out during the dump: saved already. A
				// drain deletes it now; a peek gives it back.
				saved = append(saved, m)
				continue
			}
			if o.Max > 0 && res.Saved >= o.Max {
				back = append(back, m) // beyond Max: not saved, so not deleted
				continue
			}
			fresh++
			data, err := json.Marshal(m.record(q.Name))
			if err == nil {
				name := fmt.Sprintf("%s-%09d.json", start, res.Saved+1)
				if err = to.Save(ctx, name, data); err != nil {
					err = fmt.Errorf("sqs: saving message %s as %s: %w", m.ID, name, err)
				}
			}
			if err != nil {
				back = append(back, msgs[i:]...)
				saveErr = err
				break
			}
			seen[m.ID] = true
			res.Saved++
			saved = append(saved, m)
		}
		if err := q.settle(ctx, saved, o.Drain, &back, &res); err != nil {
			return res, errors.Join(saveErr, err)
		}
		if saveErr != nil {
			return res, saveErr
		}
		if fresh == 0 {
			break
		}
	}
	return res, nil
}

// settle finishes with saved messages: a drain deletes them
// (DeleteMessageBatch), a peek keeps them to give back.
func (q *Queue) settle(ctx context.Context, saved []*Message, drain bool, back *[]*Message, res *DumpResult) error {
	if len(saved) == 0 {
		return nil
	}
	if !drain {
		*back = append(*back, saved...)
		return nil
	}
	err := q.DeleteBatch(ctx, saved)
	ok, _ := splitBatch(saved, err)
	res.Deleted += len(ok)
	return err
}

// record is m as Dump saves it.
func (m *Message) record(queue string) Record {
	r := Record{Version: recordVersion, Queue: queue, ID: m.ID, Body: m.Body, GroupID: m.GroupID,
		DeduplicationID: m.DeduplicationID, SequenceNumber: m.SequenceNumber, SentTimestamp: m.System["SentTimestamp"]}
	if len(m.Attributes) > 0 {
		r.Attributes = make(map[string]RecordAttribute, len(m.Attributes))
		for n, a := range m.Attributes {
			r.Attributes[n] = RecordAttribute(a)
		}
	}
	return r
}

// RestoreResult is what Restore did: Sent messages to the queue.
type RestoreResult struct {
	Sent int
}

// Restore sends the archive's records to the queue, in the order of
// their names, ten to a SendMessageBatch (as SendBatch sends them), each
// with its body, message attributes and, into a FIFO queue, its group
// and deduplication IDs; SQS gives them new message IDs and sequence
// numbers. It stops at the first record it cannot read or send, after
// sending the records before it, and the result says how many were
// sent; when SQS refuses some records of a batch, the error is a
// *BatchError naming them, and the others of that batch were sent (on a
// FIFO queue, none after the first refused one).
//
// Into a standard queue, deduplication IDs are dropped, since SQS
// refuses them there, and so are the group IDs of records from a FIFO
// queue (a group ID on a standard queue names a fair-queue tenant). Into
// a FIFO queue, a record with no group ID is refused as Send refuses it.
// SQS remembers deduplication IDs for 5 minutes, deleted messages' too:
// restoring into the FIFO queue a drain emptied less than 5 minutes
// before is accepted and drops every message as a duplicate. Restoring
// the same archive twice sends every message twice.
func (q *Queue) Restore(ctx context.Context, from Archive) (RestoreResult, error) {
	var res RestoreResult
	if from == nil {
		return res, goboto.Invalid("Archive", "", "is nil")
	}
	if _, err := q.api(); err != nil {
		return res, err
	}
	fifo := q.isFIFO()
	var batch []Entry
	var names []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		out, err := q.SendBatch(ctx, batch)
		for _, m := range out {
			if m != nil {
				res.Sent++
			}
		}
		first := names[0]
		var be *BatchError
		if errors.As(err, &be) && len(be.Failed) > 0 {
			first = names[be.Failed[0].Index]
		}
		batch, names = batch[:0], names[:0]
		if err != nil {
			return fmt.Errorf("sqs: restoring record %s: %w", first, err)
		}
		return nil
	}
	for name, err := range from.Names(ctx) {
		if err != nil {
			return res, errors.Join(flush(), err)
		}
		data, err := from.Load(ctx, name)
		if err != nil {
			return res, errors.Join(flush(), err)
		}
		var r Record
		if err := json.Unmarshal(data, &r); err != nil {
			return res, errors.Join(flush(), fmt.Errorf("sqs: record %s: %w", name, err))
		}
		if r.Version != recordVersion {
			return res, errors.Join(flush(), fmt.Errorf("sqs: record %s: version %d, want %d", name, r.Version, recordVersion))
		}
		e := Entry{Body: r.Body}
		for n, a := range r.Attributes {
			if e.Attributes == nil {
				e.Attributes = make(map[string]Attribute, len(r.Attributes))
			}
			e.Attributes[n] = Attribute(a)
		}
		fromFIFO := len(r.Queue) > 5 && r.Queue[len(r.Queue)-5:] == ".fifo"
		if fifo || !fromFIFO {
			e.GroupID = r.GroupID
		}
		if fifo {
			e.DeduplicationID = r.DeduplicationID
		}
		// A record Send would refuse ends the restore here, after the
		// records before it are sent.
		if _, _, err := q.checkEntry(e); err != nil {
			return res, errors.Join(flush(), fmt.Errorf("sqs: restoring record %s: %w", name, err))
		}
		batch, names = append(batch, e), append(names, name)
		if len(batch) == MaxBatchEntries {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}
