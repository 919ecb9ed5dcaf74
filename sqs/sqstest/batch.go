package sqstest

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/goboto/goboto/internal/fake"
)

// SQS's batch limits (SendMessageBatch, DeleteMessageBatch and
// ChangeMessageVisibilityBatch: at most 10 entries; entry IDs of "up to
// 80 characters ... alphanumeric characters, hyphens(-), and
// underscores (_)", distinct within a request; SendMessageBatch: "the
// maximum total payload size (the sum of the individual lengths of all
// of the batched messages) [is] 1 MiB 1,048,576 bytes", since August
// 2025).
const (
	maxBatchEntries = 10
	maxBatchBytes   = 1 << 20
)

var batchEntryID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

func errTooManyEntries(n int) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "TooManyEntriesInBatchRequest", QueryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
		Sender: true, Message: "Maximum number of entries per request are 10. You have sent " + strconv.Itoa(n) + "."}
}

func errEmptyBatch() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "EmptyBatchRequest", QueryCode: "AWS.SimpleQueueService.EmptyBatchRequest",
		Sender: true, Message: "There should be at least one SendMessageBatchRequestEntry in the request."}
}

func errIDsNotDistinct(id string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "BatchEntryIdsNotDistinct", QueryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
		Sender: true, Message: "Id " + id + " repeated."}
}

func errInvalidEntryID(id string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidBatchEntryId", QueryCode: "AWS.SimpleQueueService.InvalidBatchEntryId",
		Sender: true, Message: "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long. Id " + strconv.Quote(id) + " is invalid."}
}

func errBatchTooLong(n int) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "BatchRequestTooLong", QueryCode: "AWS.SimpleQueueService.BatchRequestTooLong",
		Sender: true, Message: "Batch requests cannot be longer than 1048576 bytes. You have sent " + strconv.Itoa(n) + " bytes."}
}

// checkEntryIDs applies the rules every batch request shares: entries
// present, at most 10, each ID valid and distinct.
func checkEntryIDs(ids []string) error {
	switch {
	case len(ids) == 0:
		return errEmptyBatch()
	case len(ids) > maxBatchEntries:
		return errTooManyEntries(len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !batchEntryID.MatchString(id) {
			return errInvalidEntryID(id)
		}
	}
	for _, id := range ids {
		if seen[id] {
			return errIDsNotDistinct(id)
		}
		seen[id] = true
	}
	return nil
}

// failure is one entry of a batch answer's Failed list: the error the
// single operation would have answered for that entry.
func failure(id string, err error) (map[string]any, error) {
	var fe *fake.Error
	if !errors.As(err, &fe) {
		return nil, err
	}
	return map[string]any{"Id": id, "SenderFault": fe.Sender, "Code": fe.Code, "Message": fe.Message}, nil
}

// batchAnswer is the answer of every batch operation; SQS sends both
// lists, empty or not (the model marks them required).
func batchAnswer(ok, failed []map[string]any) map[string]any {
	if ok == nil {
		ok = []map[string]any{}
	}
	if failed == nil {
		failed = []map[string]any{}
	}
	return map[string]any{"Successful": ok, "Failed": failed}
}

// sendEntry is one SendMessageBatch entry. MessageSystemAttributes
// (AWSTraceHeader) is read only to refuse it, as SendMessage does.
type sendEntry struct {
	Id string
	sendInput
	MessageSystemAttributes map[string]any
}

func (b *Backend) sendMessageBatch(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl string
		Entries  []sendEntry
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	for i, e := range in.Entries {
		ids[i] = e.Id
		if e.MessageSystemAttributes != nil {
			return nil, errUnsupported("message system attributes (AWSTraceHeader) in a SendMessageBatch entry")
		}
	}
	if err := checkEntryIDs(ids); err != nil {
		return nil, err
	}
	// The sum of the entries' sizes, each as SendMessage counts it
	// (body, and attribute names, types and values), must fit in 1 MiB,
	// whatever becomes of each entry.
	total := 0
	for _, e := range in.Entries {
		if e.MessageBody != nil {
			total += len(*e.MessageBody)
		}
		for name, a := range e.MessageAttributes {
			total += len(name) + len(a.DataType) + len(a.BinaryValue)
			if a.StringValue != nil {
				total += len(*a.StringValue)
			}
		}
	}
	if total > maxBatchBytes {
		return nil, errBatchTooLong(total)
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	var ok, failed []map[string]any
	for _, e := range in.Entries {
		attrs, size, err := e.check()
		var out map[string]string
		if err == nil {
			out, err = b.enqueue(r, q, &e.sendInput, attrs, size)
		}
		if err != nil {
			f, ferr := failure(e.Id, err)
			if ferr != nil {
				return nil, ferr
			}
			failed = append(failed, f)
			continue
		}
		res := map[string]any{"Id": e.Id}
		for k, v := range out {
			res[k] = v
		}
		ok = append(ok, res)
	}
	if len(ok) > 0 {
		q.wake()
	}
	return batchAnswer(ok, failed), nil
}

// receiptEntry is one DeleteMessageBatch or ChangeMessageVisibilityBatch
// entry.
type receiptEntry struct {
	Id, ReceiptHandle string
	VisibilityTimeout *int
}

// decodeReceipts reads a batch of receipt handles and applies the
// request-wide rules.
func decodeReceipts(r *fake.Request) (string, []receiptEntry, error) {
	var in struct {
		QueueUrl string
		Entries  []receiptEntry
	}
	if err := decode(r, &in); err != nil {
		return "", nil, err
	}
	ids := make([]string, len(in.Entries))
	for i, e := range in.Entries {
		ids[i] = e.Id
	}
	return in.QueueUrl, in.Entries, checkEntryIDs(ids)
}

func (b *Backend) deleteMessageBatch(r *fake.Request) (any, error) {
	u, entries, err := decodeReceipts(r)
	if err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, u)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	var ok, failed []map[string]any
	for _, e := range entries {
		if err := deleteReceipt(q, e.ReceiptHandle); err != nil {
			f, ferr := failure(e.Id, err)
			if ferr != nil {
				return nil, ferr
			}
			failed = append(failed, f)
			continue
		}
		ok = append(ok, map[string]any{"Id": e.Id})
	}
	return batchAnswer(ok, failed), nil
}

func (b *Backend) changeVisibilityBatch(r *fake.Request) (any, error) {
	u, entries, err := decodeReceipts(r)
	if err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, u)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	var ok, failed []map[string]any
	woke := false
	for _, e := range entries {
		var err error = errMissing("VisibilityTimeout")
		if e.VisibilityTimeout != nil {
			err = changeReceipt(q, r, e.ReceiptHandle, *e.VisibilityTimeout)
		}
		if err != nil {
			f, ferr := failure(e.Id, err)
			if ferr != nil {
				return nil, ferr
			}
			failed = append(failed, f)
			continue
		}
		ok = append(ok, map[string]any{"Id": e.Id})
		woke = woke || *e.VisibilityTimeout == 0
	}
	if woke {
		// Messages visible again at once go to waiting long polls now.
		q.wake()
	}
	return batchAnswer(ok, failed), nil
}
