package sqs

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// SQS's batch limits (SendMessageBatch, DeleteMessageBatch,
// ChangeMessageVisibilityBatch: at most 10 entries per call;
// SendMessageBatch: "the maximum total payload size (the sum of the
// individual lengths of all of the batched messages)" is 1 MiB, since
// August 2025).
const (
	MaxBatchEntries = 10
	MaxBatchSize    = 1 << 20
)

// batchEntryID is SQS's rule for batch entry IDs ("up to 80
// characters ... alphanumeric characters, hyphens(-), and underscores
// (_)").
var batchEntryID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

// ErrNotSent is the error of batch entries never sent: the context ended
// first, or, on a FIFO queue, an earlier batch failed and sending later
// messages would have put them ahead of it in their group.
var ErrNotSent = errors.New("sqs: not sent")

// Entry is one message of SendBatch: its body and Send's options.
type Entry struct {
	// ID names the entry in SQS's answer (the batch entry Id): 1-80 of
	// A-Z a-z 0-9 - _, distinct within the call; "" means the entry's
	// index.
	ID   string
	Body string
	SendOptions
}

// BatchError lists the entries of a batch call that did not succeed,
// each with its index in the caller's slice. The rest succeeded.
type BatchError struct {
	Operation string // SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch
	Failed    []BatchFailure
}

// BatchFailure is one entry that did not succeed.
type BatchFailure struct {
	Index int    // in the slice given to the call
	ID    string // the batch entry Id sent
	// Code, Message and SenderFault are SQS's answer for this entry
	// (BatchResultErrorEntry); SenderFault means sending it again
	// unchanged will fail again.
	Code, Message string
	SenderFault   bool
	// Err is set when SQS gave no answer for the entry: the call's own
	// error (a *goboto.APIError, a network error), ErrNotSent, or a
	// *ChecksumError for an entry SQS took but whose MD5 differs. On a
	// handle WithOffload, an entry whose body was offloaded and kept
	// because SQS may have taken it has an *OffloadError of Op "send"
	// naming the body, wrapping the call's error.
	Err error
}

func (f BatchFailure) String() string {
	if f.Err != nil {
		return fmt.Sprintf("entry %d (%s): %v", f.Index, f.ID, f.Err)
	}
	return fmt.Sprintf("entry %d (%s): %s: %s", f.Index, f.ID, f.Code, f.Message)
}

func (e *BatchError) Error() string {
	if e == nil || len(e.Failed) == 0 {
		return "sqs: batch: no failures"
	}
	return fmt.Sprintf("sqs: %s: %d entries failed; first %s", e.Operation, len(e.Failed), e.Failed[0])
}

// Unwrap returns the distinct call errors behind the failures, so
// errors.As finds a *ChecksumError or a *goboto.APIError and
// goboto.IsThrottled sees a throttle.
func (e *BatchError) Unwrap() []error {
	if e == nil {
		return nil
	}
	var out []error
	for _, f := range e.Failed {
		if f.Err != nil && !containsErr(out, f.Err) {
			out = append(out, f.Err)
		}
	}
	return out
}

func containsErr(errs []error, err error) bool {
	for _, e := range errs {
		if e == err {
			return true
		}
	}
	return false
}

// Indexes returns the indexes of the failed entries, in order: the ones
// to send again if the caller chooses to.
func (e *BatchError) Indexes() []int {
	if e == nil {
		return nil
	}
	out := make([]int, len(e.Failed))
	for i, f := range e.Failed {
		out[i] = f.Index
	}
	return out
}

// batchResult collects a batch call's failures.
type batchResult struct {
	op     string
	failed []BatchFailure
	// refused holds the indexes of entries whose call SQS refused on
	// every attempt, so that none of them was taken.
	refused map[int]bool
}

func (r *batchResult) fail(f BatchFailure) { r.failed = append(r.failed, f) }

// failAll fails every entry of chunk with err.
func (r *batchResult) failAll(chunk []int, ids []string, err error) {
	for _, i := range chunk {
		r.fail(BatchFailure{Index: i, ID: ids[i], Err: err})
	}
}

func (r *batchResult) err() error {
	if len(r.failed) == 0 {
		return nil
	}
	slices.SortStableFunc(r.failed, func(a, b BatchFailure) int { return a.Index - b.Index })
	return &BatchError{Operation: r.op, Failed: r.failed}
}

// answered records SQS's per-entry answer for chunk: each Failed entry,
// and any entry SQS named in neither list. It returns the indexes that
// succeeded, by ID.
func (r *batchResult) answered(chunk []int, ids []string, ok []string, failed []types.BatchResultErrorEntry) map[string]int {
	byID := make(map[string]int, len(chunk))
	for _, i := range chunk {
		byID[ids[i]] = i
	}
	done := map[string]int{}
	for _, id := range ok {
		if i, found := byID[id]; found {
			done[id] = i
		}
	}
	seen := map[string]bool{}
	for _, f := range failed {
		id := aws.ToString(f.Id)
		i, found := byID[id]
		if !found || seen[id] {
			continue
		}
		seen[id] = true
		delete(done, id)
		r.fail(BatchFailure{Index: i, ID: id, Code: aws.ToString(f.Code), Message: aws.ToString(f.Message), SenderFault: f.SenderFault})
	}
	for _, i := range chunk {
		if _, ok := done[ids[i]]; !ok && !seen[ids[i]] {
			r.fail(BatchFailure{Index: i, ID: ids[i], Err: errors.New("sqs: SQS's answer named this entry in neither Successful nor Failed")})
		}
	}
	return done
}

// chunks splits n entries into runs of at most MaxBatchEntries whose
// sizes add up to at most MaxBatchSize; size nil counts nothing.
func chunks(n int, size func(int) int) [][]int {
	var out [][]int
	var cur []int
	bytes := 0
	for i := range n {
		s := 0
		if size != nil {
			s = size(i)
		}
		if len(cur) == MaxBatchEntries || (len(cur) > 0 && bytes+s > MaxBatchSize) {
			out = append(out, cur)
			cur, bytes = nil, 0
		}
		cur = append(cur, i)
		bytes += s
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// checkIDs fills empty IDs with their index and checks them all, before
// anything is sent: valid, and distinct across the whole call so that
// results can be matched whatever the split.
func checkIDs(ids []string) error {
	seen := make(map[string]int, len(ids))
	for i, id := range ids {
		if id == "" {
			ids[i] = strconv.Itoa(i)
			id = ids[i]
		}
		if !batchEntryID.MatchString(id) {
			return goboto.Invalid("Entries."+strconv.Itoa(i)+".ID", id, "must be 1-80 of A-Z a-z 0-9 - _")
		}
		if j, dup := seen[id]; dup {
			return goboto.Invalid("Entries."+strconv.Itoa(i)+".ID", id, "is also the ID of entry "+strconv.Itoa(j))
		}
		seen[id] = i
	}
	return nil
}

// noSDKChecksums turns aws-sdk-go-v2's body MD5 check off for one call:
// it fails a whole batch for one bad entry and drops the answer, losing
// which messages were sent; goboto checks each entry itself.
func noSDKChecksums(o *sqs.Options) { o.DisableMessageChecksumValidation = true }

func wireAttributes(attrs map[string]Attribute) map[string]types.MessageAttributeValue {
	if len(attrs) == 0 {
		return nil
	}
	out := make(map[string]types.MessageAttributeValue, len(attrs))
	for n, a := range attrs {
		out[n] = a.wire()
	}
	return out
}

// SendBatch sends entries (SendMessageBatch), as many calls as SQS's
// limits need: at most 10 messages and 1 MiB of bodies and attributes
// per call, in order. Every entry is checked as Send checks it, and the
// IDs for distinctness, before the first call; a problem is a
// *goboto.ValidationError and nothing is sent.
//
// The result holds one *Message per entry, in order, nil for an entry
// that was not sent. When any entry failed the error is a *BatchError
// listing each failed entry by index, with SQS's code for it or the
// error of its call; every entry is either in the result or in the
// error. Sending the failed ones again is left to the caller, who knows
// whether a duplicate matters: an entry whose call failed without an
// answer may have been sent (a standard queue may then hold it twice;
// a FIFO queue drops the copy within its 5-minute deduplication
// interval), while one SQS refused with SenderFault will be refused
// again. On a FIFO queue, sending stops at the first failed call or
// entry, so that no message overtakes an earlier one of its group; the
// entries after it fail with ErrNotSent. So do those left when ctx
// ends.
//
// On a handle WithOffload, the bodies its Offload stores are put in the
// store first, after every entry was checked, and sent as pointers, as
// Send sends them; a put that fails sends nothing and takes back the
// bodies stored before it. The bodies of entries SQS refused, or never
// sent, are deleted from the store again. An entry whose call failed
// without SQS refusing every attempt of it (no answer, a 5xx after the
// retries, or a refusal after an attempt that got neither) keeps its
// body, since SQS may have taken it, and its BatchFailure's Err is an
// *OffloadError of Op "send" whose Pointer names the body, as Send's
// is.
//
// The MD5s SQS answers for each entry are compared with the ones
// computed here unless WithoutChecksums turned that off; a mismatch is
// a failure whose Err is a *ChecksumError, and its Message is in the
// result too, since SQS took it.
func (q *Queue) SendBatch(ctx context.Context, entries []Entry) ([]*Message, error) {
	if len(entries) == 0 {
		return nil, goboto.Invalid("Entries", "", "is empty")
	}
	ids := make([]string, len(entries))
	sizes := make([]int, len(entries))
	offload := make([]bool, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
		var err error
		offload[i], sizes[i], err = q.checkEntry(e)
		if err != nil {
			var ve *goboto.ValidationError
			if errors.As(err, &ve) {
				ve.Field = "Entries." + strconv.Itoa(i) + "." + ve.Field
			}
			return nil, err
		}
	}
	if err := checkIDs(ids); err != nil {
		return nil, err
	}
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	wire, pointers, err := q.storeBodies(ctx, entries, offload, sizes)
	if err != nil {
		return nil, err
	}
	out := make([]*Message, len(entries))
	res := &batchResult{op: "SendMessageBatch"}
	stop := false
	for _, chunk := range chunks(len(entries), func(i int) int { return sizes[i] }) {
		if stop || ctx.Err() != nil {
			res.failAll(chunk, ids, notSent(ctx))
			continue
		}
		before := len(res.failed)
		q.sendChunk(ctx, client, wire, ids, chunk, out, res)
		if q.isFIFO() && len(res.failed) > before {
			stop = true
		}
	}
	if pointers != nil {
		if err := q.settleBodies(ctx, entries, pointers, out, res); err != nil {
			return out, errors.Join(res.err(), err)
		}
	}
	return out, res.err()
}

// checkEntry checks an entry as SendBatch sends it and reports whether
// its body will be offloaded, or else its size.
func (q *Queue) checkEntry(e Entry) (offload bool, size int, err error) {
	off, err := q.entryOffloads(e)
	switch {
	case err != nil:
		return false, 0, err
	case off:
		return true, 0, q.checkOffloaded(e.SendOptions)
	}
	size, err = q.checkSend(e.Body, e.SendOptions)
	return false, size, err
}

// entryOffloads checks an entry's body and attributes and reports
// whether the handle's Offload would store its body.
func (q *Queue) entryOffloads(e Entry) (bool, error) {
	if q == nil || q.offload == nil {
		return false, nil
	}
	if e.Body == "" {
		return false, goboto.Invalid("MessageBody", "", "is empty")
	}
	if i, ok := validText(e.Body); !ok {
		return false, goboto.Invalid("MessageBody", "", "holds a character SQS refuses at byte "+strconv.Itoa(i))
	}
	size, err := checkAttributes(e.Attributes)
	if err != nil {
		return false, err
	}
	return q.offloads(size+len(e.Body), q.maxSize())
}

// storeBodies puts the bodies to offload in the handle's store and
// returns the entries to send: those, with pointers in their place, and
// the rest as they are. A put that fails takes back the bodies stored
// before it, and nothing is sent.
func (q *Queue) storeBodies(ctx context.Context, entries []Entry, offload []bool, sizes []int) ([]Entry, []string, error) {
	if !slices.Contains(offload, true) {
		return entries, nil, nil
	}
	wire := slices.Clone(entries)
	pointers := make([]string, len(entries))
	for i, e := range entries {
		if !offload[i] {
			continue
		}
		p, err := q.offload.Store.Put(ctx, e.Body)
		if err != nil {
			return nil, nil, errors.Join(&OffloadError{Op: "put", Err: err}, q.dropBodies(ctx, pointers))
		}
		pointers[i] = p
		wire[i] = Entry{ID: e.ID, Body: p, SendOptions: q.pointerOptions(e.Body, e.SendOptions)}
		if sizes[i], err = q.checkSend(p, wire[i].SendOptions); err != nil {
			return nil, nil, errors.Join(err, q.dropBodies(ctx, pointers))
		}
	}
	return wire, pointers, nil
}

// dropBodies deletes stored bodies whose messages were not sent, on a
// context of its own, since a cancelled ctx is one way to get here.
func (q *Queue) dropBodies(ctx context.Context, pointers []string) error {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	var errs []error
	for _, p := range pointers {
		if p == "" {
			continue
		}
		if err := q.offload.Store.Delete(dctx, p); err != nil {
			errs = append(errs, &OffloadError{Op: "delete", Pointer: p, Err: err})
		}
	}
	return errors.Join(errs...)
}

// refused reports whether err is SQS's refusal of a whole call: a 4xx
// answer with an error code, which takes no message. (Whether earlier
// attempts were refused too is the attempts' business.)
func refused(err error) bool {
	var ae *goboto.APIError
	return errors.As(err, &ae) && ae.Code != "" && ae.StatusCode >= 400 && ae.StatusCode < 500
}

// settleBodies gives the messages sent with a pointer their body back,
// as Send does, and deletes the stored bodies of entries SQS refused or
// that were never sent. An entry whose call failed without a refusal on
// every attempt keeps its body, since SQS may have taken its message,
// and its failure's Err becomes an *OffloadError of Op "send" naming
// the body, as Send's error does.
func (q *Queue) settleBodies(ctx context.Context, entries []Entry, pointers []string, out []*Message, res *batchResult) error {
	for i, m := range out {
		if m == nil || pointers[i] == "" {
			continue
		}
		m.Body, m.Pointer = entries[i].Body, pointers[i]
		m.Attributes = entries[i].Attributes
	}
	drop := make([]string, len(pointers))
	for k, f := range res.failed {
		p := pointers[f.Index]
		if p == "" || out[f.Index] != nil {
			continue
		}
		if f.Code != "" || errors.Is(f.Err, ErrNotSent) || res.refused[f.Index] {
			drop[f.Index] = p
			continue
		}
		res.failed[k].Err = &OffloadError{Op: "send", Pointer: p, Err: f.Err}
	}
	return q.dropBodies(ctx, drop)
}

// notSent is the error of entries not sent because ctx ended or an
// earlier FIFO batch failed.
func notSent(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	return ErrNotSent
}

func (q *Queue) sendChunk(ctx context.Context, client *sqs.Client, entries []Entry, ids []string, chunk []int, out []*Message, res *batchResult) {
	in := &sqs.SendMessageBatchInput{QueueUrl: aws.String(q.URL)}
	for _, i := range chunk {
		e := entries[i]
		w := types.SendMessageBatchRequestEntry{Id: aws.String(ids[i]), MessageBody: aws.String(e.Body),
			MessageAttributes: wireAttributes(e.Attributes)}
		if e.Delay > 0 {
			w.DelaySeconds = int32(e.Delay / time.Second)
		}
		if e.GroupID != "" {
			w.MessageGroupId = aws.String(e.GroupID)
		}
		if e.DeduplicationID != "" {
			w.MessageDeduplicationId = aws.String(e.DeduplicationID)
		}
		in.Entries = append(in.Entries, w)
	}
	var tries attempts
	resp, err := client.SendMessageBatch(ctx, in, tries.option, noSDKChecksums)
	if err != nil {
		err = convert(err)
		res.failAll(chunk, ids, err)
		if refused(err) && tries.allRefused() {
			if res.refused == nil {
				res.refused = map[int]bool{}
			}
			for _, i := range chunk {
				res.refused[i] = true
			}
		}
		return
	}
	ok := make([]string, len(resp.Successful))
	byID := map[string]types.SendMessageBatchResultEntry{}
	for j, s := range resp.Successful {
		ok[j] = aws.ToString(s.Id)
		byID[ok[j]] = s
	}
	for id, i := range res.answered(chunk, ids, ok, resp.Failed) {
		s, e := byID[id], entries[i]
		m := &Message{queue: q, ID: aws.ToString(s.MessageId), Body: e.Body, Attributes: e.Attributes,
			GroupID: e.GroupID, DeduplicationID: e.DeduplicationID, SequenceNumber: aws.ToString(s.SequenceNumber)}
		out[i] = m
		if q.conn.checksums {
			if err := m.verify("SendMessageBatch", aws.ToString(s.MD5OfMessageBody), aws.ToString(s.MD5OfMessageAttributes)); err != nil {
				res.fail(BatchFailure{Index: i, ID: id, Err: err})
			}
		}
	}
}

// checkReceipts checks msgs are received messages of q.
func (q *Queue) checkReceipts(msgs []*Message) error {
	if len(msgs) == 0 {
		return goboto.Invalid("Messages", "", "is empty")
	}
	for i, m := range msgs {
		field := "Messages." + strconv.Itoa(i)
		switch {
		case m == nil:
			return goboto.Invalid(field, "", "is nil")
		case m.ReceiptHandle == "":
			return goboto.Invalid(field+".ReceiptHandle", "", "is empty: only a received message can be deleted or hidden")
		case m.queue != nil && q != nil && m.queue.URL != q.URL:
			return goboto.Invalid(field, m.queue.URL, "was received from another queue than "+q.URL)
		}
	}
	return nil
}

// DeleteBatch deletes received messages of the queue
// (DeleteMessageBatch), 10 per call, and, as Delete does, the bodies
// WithOffload stored for them. As with Delete, SQS deletes a message
// only if this is its latest receipt handle. When any message was not
// deleted the error is a *BatchError listing each by its index in msgs
// (one deleted whose stored body could not be removed is listed too,
// with an *OffloadError); every call is made even after one fails, and
// trying the failed ones again is the caller's choice.
func (q *Queue) DeleteBatch(ctx context.Context, msgs []*Message) error {
	if err := q.checkReceipts(msgs); err != nil {
		return err
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	ids := indexIDs(len(msgs))
	res := &batchResult{op: "DeleteMessageBatch"}
	for _, chunk := range chunks(len(msgs), nil) {
		if ctx.Err() != nil {
			res.failAll(chunk, ids, notSent(ctx))
			continue
		}
		in := &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(q.URL)}
		for _, i := range chunk {
			in.Entries = append(in.Entries, types.DeleteMessageBatchRequestEntry{Id: aws.String(ids[i]), ReceiptHandle: aws.String(msgs[i].ReceiptHandle)})
		}
		out, err := client.DeleteMessageBatch(ctx, in)
		if err != nil {
			res.failAll(chunk, ids, convert(err))
			continue
		}
		ok := make([]string, len(out.Successful))
		for j, s := range out.Successful {
			ok[j] = aws.ToString(s.Id)
		}
		for _, i := range res.answered(chunk, ids, ok, out.Failed) {
			// As Delete does: an offloaded body goes with its message.
			if err := msgs[i].releaseBody(ctx); err != nil {
				res.fail(BatchFailure{Index: i, ID: ids[i], Err: err})
			}
		}
	}
	return res.err()
}

// ChangeVisibilityBatch hides received messages of the queue for d from
// now (ChangeMessageVisibilityBatch), 10 per call; d is whole seconds up
// to 12 hours, and 0 makes them visible again at once. Failures are
// reported as DeleteBatch reports them.
func (q *Queue) ChangeVisibilityBatch(ctx context.Context, msgs []*Message, d time.Duration) error {
	vis, err := seconds("VisibilityTimeout", d, MaxVisibility)
	if err != nil {
		return err
	}
	if err := q.checkReceipts(msgs); err != nil {
		return err
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	ids := indexIDs(len(msgs))
	res := &batchResult{op: "ChangeMessageVisibilityBatch"}
	for _, chunk := range chunks(len(msgs), nil) {
		if ctx.Err() != nil {
			res.failAll(chunk, ids, notSent(ctx))
			continue
		}
		in := &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(q.URL)}
		for _, i := range chunk {
			in.Entries = append(in.Entries, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String(ids[i]),
				ReceiptHandle: aws.String(msgs[i].ReceiptHandle), VisibilityTimeout: vis})
		}
		out, err := client.ChangeMessageVisibilityBatch(ctx, in)
		if err != nil {
			res.failAll(chunk, ids, convert(err))
			continue
		}
		ok := make([]string, len(out.Successful))
		for j, s := range out.Successful {
			ok[j] = aws.ToString(s.Id)
		}
		res.answered(chunk, ids, ok, out.Failed)
	}
	return res.err()
}

// indexIDs are batch entry IDs for messages: their indexes.
func indexIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	return ids
}
