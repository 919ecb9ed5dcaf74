package sqs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

// sample is what a test sends and expects back after a restore.
type sample struct {
	Body             string
	Attributes       map[string]sqs.Attribute
	GroupID, DedupID string
}

func sendAll(t *testing.T, q *sqs.Queue, msgs []sample) {
	t.Helper()
	for _, s := range msgs {
		var opts []sqs.SendOption
		for n, a := range s.Attributes {
			opts = append(opts, sqs.WithAttribute(n, a))
		}
		if s.GroupID != "" {
			opts = append(opts, sqs.Group(s.GroupID))
		}
		if s.DedupID != "" {
			opts = append(opts, sqs.Deduplication(s.DedupID))
		}
		if _, err := q.Send(t.Context(), s.Body, opts...); err != nil {
			t.Fatal(err)
		}
	}
}

// drainAll receives and deletes every message of q, in the order
// received.
func drainAll(t *testing.T, q *sqs.Queue) []sample {
	t.Helper()
	var got []sample
	for {
		msgs, err := q.Receive(t.Context(), sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"All"},
			System: []types.MessageSystemAttributeName{"All"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 {
			return got
		}
		for _, m := range msgs {
			got = append(got, sample{Body: m.Body, Attributes: m.Attributes, GroupID: m.GroupID, DedupID: m.DeduplicationID})
			if err := m.Delete(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func byBody(s []sample) []sample {
	sort.Slice(s, func(i, j int) bool { return s[i].Body < s[j].Body })
	return s
}

func TestDumpPeekKeepsEverything(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "peek"})
	var want []sample
	for i := range 25 {
		want = append(want, sample{Body: "message " + strconv.Itoa(i)})
	}
	want[3].Attributes = map[string]sqs.Attribute{"color": sqs.String("red"), "n": sqs.Number("1.5"),
		"raw": sqs.Binary([]byte{0, 1, 2}), "custom": {DataType: "Binary.png", BinaryValue: []byte{9}}}
	sendAll(t, q, want)

	dir := t.TempDir()
	res, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sqs.DumpResult{Saved: 25, Returned: 25}, res); diff != "" {
		t.Errorf("DumpResult (-want +got):\n%s", diff)
	}
	// A peek gives every message back at once: all visible again.
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 25}) {
		t.Errorf("Count after a peek = %+v, %v; want 25 visible", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 25 {
		t.Errorf("%d files; want 25", len(files))
	}

	// Restored into another queue, the same messages arrive.
	other := newQueue(t, conn, sqs.QueueOptions{Name: "peek-copy"})
	rr, err := other.Restore(ctx, sqs.Dir(dir))
	if err != nil || rr.Sent != 25 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	if diff := cmp.Diff(byBody(want), byBody(drainAll(t, other))); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
}

// TestDumpDrainFIFORoundTrip drains a FIFO queue of two groups to a
// directory and restores it into another FIFO queue: bodies, attributes,
// group and deduplication IDs come back, each group in its order.
func TestDumpDrainFIFORoundTrip(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "orders.fifo", FIFO: true})
	var want []sample
	for i := range 12 {
		g := "g" + strconv.Itoa(i%2)
		want = append(want, sample{Body: g + " #" + strconv.Itoa(i), GroupID: g, DedupID: "d" + strconv.Itoa(i),
			Attributes: map[string]sqs.Attribute{"i": sqs.Number(strconv.Itoa(i))}})
	}
	sendAll(t, q, want)
	dir := t.TempDir()
	res, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{Drain: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sqs.DumpResult{Saved: 12, Deleted: 12}, res); diff != "" {
		t.Errorf("DumpResult (-want +got):\n%s", diff)
	}
	if n, err := q.Count(ctx); err != nil || n.Total() != 0 {
		t.Errorf("Count after a drain = %+v, %v; want empty", n, err)
	}
	// The record format is the documented one.
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	var rec sqs.Record
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Version != 1 || rec.Queue != "orders.fifo" || rec.Body != "g0 #0" || rec.GroupID != "g0" ||
		rec.DeduplicationID != "d0" || rec.SequenceNumber == "" || rec.SentTimestamp == "" {
		t.Errorf("first record = %+v", rec)
	}

	copyQ := newQueue(t, conn, sqs.QueueOptions{Name: "orders-copy.fifo", FIFO: true})
	if rr, err := copyQ.Restore(ctx, sqs.Dir(dir)); err != nil || rr.Sent != 12 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	got := drainAll(t, copyQ)
	// Each group's order survives; the two groups may interleave.
	perGroup := func(s []sample) map[string][]sample {
		m := map[string][]sample{}
		for _, x := range s {
			m[x.GroupID] = append(m[x.GroupID], x)
		}
		return m
	}
	if diff := cmp.Diff(perGroup(want), perGroup(got)); diff != "" {
		t.Errorf("restored per group (-want +got):\n%s", diff)
	}

	// SQS keeps deduplication IDs 5 minutes after deletion (Developer
	// Guide, "Exactly-once processing in Amazon SQS"): restoring into the
	// drained queue at once is accepted and every message dropped, as
	// Restore's doc warns.
	if rr, err := q.Restore(ctx, sqs.Dir(dir)); err != nil || rr.Sent != 12 {
		t.Fatalf("Restore into the drained queue = %+v, %v", rr, err)
	}
	if n, err := q.Count(ctx); err != nil || n.Total() != 0 {
		t.Errorf("Count = %+v, %v; want every restored message dropped as a duplicate", n, err)
	}
}

// TestRestoreFIFOIntoStandard drops what a standard queue refuses.
func TestRestoreFIFOIntoStandard(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "src.fifo", FIFO: true})
	sendAll(t, q, []sample{{Body: "one", GroupID: "g", DedupID: "1"}, {Body: "two", GroupID: "g", DedupID: "2"}})
	dir := t.TempDir()
	if _, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{Drain: true}); err != nil {
		t.Fatal(err)
	}
	std := newQueue(t, conn, sqs.QueueOptions{Name: "std"})
	if rr, err := std.Restore(ctx, sqs.Dir(dir)); err != nil || rr.Sent != 2 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	if diff := cmp.Diff([]sample{{Body: "one"}, {Body: "two"}}, byBody(drainAll(t, std))); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
	// And a standard queue's records into a FIFO queue lack a group.
	dir2 := t.TempDir()
	sendAll(t, std, []sample{{Body: "three"}})
	if _, err := std.Dump(ctx, sqs.Dir(dir2), sqs.DumpOptions{Drain: true}); err != nil {
		t.Fatal(err)
	}
	var ve *goboto.ValidationError
	if rr, err := q.Restore(ctx, sqs.Dir(dir2)); !errors.As(err, &ve) || ve.Field != "MessageGroupId" || rr.Sent != 0 {
		t.Errorf("Restore of a groupless record into FIFO = %+v, %v; want a MessageGroupId ValidationError", rr, err)
	}
}

// failingArchive fails its Save after ok records.
type failingArchive struct {
	sqs.Archive
	ok int
}

func (f *failingArchive) Save(ctx context.Context, name string, record []byte) error {
	if f.ok == 0 {
		return errors.New("archive full")
	}
	f.ok--
	return f.Archive.Save(ctx, name, record)
}

// hookArchive calls first at its first Save.
type hookArchive struct {
	sqs.Archive
	first func()
}

func (h *hookArchive) Save(ctx context.Context, name string, record []byte) error {
	if h.first != nil {
		h.first()
		h.first = nil
	}
	return h.Archive.Save(ctx, name, record)
}

// TestDumpDrainDeletesOnlyWhatWasSaved: an archive that fails after 3
// records leaves every other message in the queue, visible at once.
func TestDumpDrainDeletesOnlyWhatWasSaved(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "partial", VisibilityTimeout: time.Hour})
	var msgs []sample
	for i := range 8 {
		msgs = append(msgs, sample{Body: "m" + strconv.Itoa(i)})
	}
	sendAll(t, q, msgs)
	dir := t.TempDir()
	res, err := q.Dump(ctx, &failingArchive{Archive: sqs.Dir(dir), ok: 3}, sqs.DumpOptions{Drain: true})
	if err == nil {
		t.Fatal("Dump succeeded into a failing archive")
	}
	if res.Saved != 3 || res.Deleted != 3 {
		t.Errorf("DumpResult = %+v; want 3 saved and deleted", res)
	}
	// The unsaved ones received in that batch are given back at once,
	// though the queue would hide them for an hour.
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 5}) {
		t.Errorf("Count = %+v, %v; want the 5 unsaved visible", n, err)
	}
	saved, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	left := drainAll(t, q)
	if len(saved)+len(left) != 8 {
		t.Errorf("%d saved + %d left; want all 8 somewhere", len(saved), len(left))
	}
}

// TestDumpMax stops at Max and gives back the rest of the batch.
func TestDumpMax(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "max", VisibilityTimeout: time.Hour})
	var msgs []sample
	for i := range 15 {
		msgs = append(msgs, sample{Body: "m" + strconv.Itoa(i)})
	}
	sendAll(t, q, msgs)
	res, err := q.Dump(ctx, sqs.Dir(t.TempDir()), sqs.DumpOptions{Drain: true, Max: 4})
	if err != nil || res.Saved != 4 || res.Deleted != 4 {
		t.Fatalf("Dump = %+v, %v; want 4 saved and deleted", res, err)
	}
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 11}) {
		t.Errorf("Count = %+v, %v; want 11 visible", n, err)
	}
}

// TestDumpPeekGivesBackOnFailure: a receive that fails mid-peek still
// returns what was already received.
func TestDumpPeekGivesBackOnFailure(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "peekfail", VisibilityTimeout: time.Hour})
	var msgs []sample
	for i := range 15 {
		msgs = append(msgs, sample{Body: "m" + strconv.Itoa(i)})
	}
	sendAll(t, q, msgs)
	// Once the first record is saved, every receive is refused.
	archive := &hookArchive{Archive: sqs.Dir(t.TempDir()), first: func() {
		srv.Faults().Add(fakes.Fault{Operation: "ReceiveMessage", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: "no", Sender: true}})
	}}
	res, err := q.Dump(ctx, archive, sqs.DumpOptions{})
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "AccessDenied" {
		t.Fatalf("Dump = %+v, %v; want the receive's error", res, err)
	}
	if res.Saved != 10 || res.Returned != 10 {
		t.Errorf("DumpResult = %+v; want 10 saved and given back", res)
	}
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 15}) {
		t.Errorf("Count = %+v, %v; want all 15 visible", n, err)
	}
}

// stubArchive is an Archive whose names are fixed, for Restore's checks.
type stubArchive map[string]string

func (s stubArchive) Save(context.Context, string, []byte) error { return errors.New("read only") }
func (s stubArchive) Names(context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		var names []string
		for n := range s {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if !yield(n, nil) {
				return
			}
		}
	}
}
func (s stubArchive) Load(_ context.Context, n string) ([]byte, error) { return []byte(s[n]), nil }

func TestRestoreRefusesBadRecords(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "restore"})
	for _, tc := range []struct {
		name    string
		archive stubArchive
		sent    int
	}{
		{"not JSON", stubArchive{"a.json": `{"version":1,"body":"ok"}`, "b.json": `nope`}, 1},
		{"future version", stubArchive{"a.json": `{"version":2,"body":"x"}`}, 0},
		{"empty body", stubArchive{"a.json": `{"version":1,"body":""}`}, 0},
	} {
		rr, err := q.Restore(ctx, tc.archive)
		if err == nil || rr.Sent != tc.sent {
			t.Errorf("%s: Restore = %+v, %v; want an error after %d sent", tc.name, rr, err, tc.sent)
		}
	}
	var ve *goboto.ValidationError
	if _, err := q.Restore(ctx, nil); !errors.As(err, &ve) {
		t.Errorf("nil archive: %v", err)
	}
	if _, err := q.Restore(ctx, sqs.Dir(filepath.Join(t.TempDir(), "missing"))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing directory: %v; want not-exist", err)
	}
	if err := sqs.Dir(t.TempDir()).Save(ctx, "../escape.json", []byte("{}")); !errors.As(err, &ve) {
		t.Errorf("Save of a path: %v; want a ValidationError", err)
	}
}

// TestDumpPeekOutlivesVisibility: when the visibility timeout runs out
// during a peek, the messages that come back are not saved twice.
func TestDumpPeekOutlivesVisibility(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "slowpeek"})
	sendAll(t, q, []sample{{Body: "a"}, {Body: "b"}, {Body: "c"}})
	dir := t.TempDir()
	// Once the first record is saved, the queue's 30 s run out.
	archive := &hookArchive{Archive: sqs.Dir(dir), first: func() { clock.Advance(time.Minute) }}
	res, err := q.Dump(ctx, archive, sqs.DumpOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Saved != 3 {
		t.Errorf("DumpResult = %+v; want 3 saved, each once", res)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) != 3 {
		t.Errorf("%d records; want 3", len(files))
	}
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 3}) {
		t.Errorf("Count = %+v, %v; want all 3 visible", n, err)
	}
}

// TestDumpRestoreUseBatches checks a dump and a restore of 25 messages
// cost batch calls, ten entries each (SQS API Reference: at most 10
// entries per SendMessageBatch, DeleteMessageBatch and
// ChangeMessageVisibilityBatch), and no single-message calls.
func TestDumpRestoreUseBatches(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "batched", VisibilityTimeout: time.Hour})
	var msgs []sample
	for i := range 25 {
		msgs = append(msgs, sample{Body: "m" + strconv.Itoa(i)})
	}
	sendAll(t, q, msgs)
	calls := func() map[string]int {
		out := map[string]int{}
		for _, c := range srv.Calls() {
			out[c.Operation]++
		}
		return out
	}
	since := func(before map[string]int, ops ...string) map[string]int {
		now := calls()
		out := map[string]int{}
		for _, op := range ops {
			if n := now[op] - before[op]; n > 0 {
				out[op] = n
			}
		}
		return out
	}
	ops := []string{"SendMessage", "SendMessageBatch", "DeleteMessage", "DeleteMessageBatch",
		"ChangeMessageVisibility", "ChangeMessageVisibilityBatch"}

	before := calls()
	res, err := q.Dump(ctx, sqs.Dir(t.TempDir()), sqs.DumpOptions{})
	if err != nil || res != (sqs.DumpResult{Saved: 25, Returned: 25}) {
		t.Fatalf("peek = %+v, %v", res, err)
	}
	if diff := cmp.Diff(map[string]int{"ChangeMessageVisibilityBatch": 3}, since(before, ops...)); diff != "" {
		t.Errorf("a peek's calls (-want +got):\n%s", diff)
	}

	dir := t.TempDir()
	before = calls()
	res, err = q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{Drain: true})
	if err != nil || res != (sqs.DumpResult{Saved: 25, Deleted: 25}) {
		t.Fatalf("drain = %+v, %v", res, err)
	}
	// One DeleteMessageBatch per receive, and the fake answers 10 a
	// receive while there are 10.
	if diff := cmp.Diff(map[string]int{"DeleteMessageBatch": 3}, since(before, ops...)); diff != "" {
		t.Errorf("a drain's calls (-want +got):\n%s", diff)
	}

	before = calls()
	rr, err := q.Restore(ctx, sqs.Dir(dir))
	if err != nil || rr.Sent != 25 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	if diff := cmp.Diff(map[string]int{"SendMessageBatch": 3}, since(before, ops...)); diff != "" {
		t.Errorf("a restore's calls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(byBody(msgs), byBody(drainAll(t, q))); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
}

// TestRestoreStopsAtARefusedRecord: a record SQS's rules refuse (here a
// body with U+0000, which SendMessage refuses) ends the restore after
// the records before it are sent, in their batch.
func TestRestoreStopsAtARefusedRecord(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "refused"})
	archive := stubArchive{}
	for i := range 13 {
		archive[fmt.Sprintf("%02d.json", i)] = fmt.Sprintf(`{"version":1,"body":"m%d"}`, i)
	}
	archive["12.json"] = `{"version":1,"body":"bad\u0000"}`
	rr, err := q.Restore(ctx, archive)
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || rr.Sent != 12 || !strings.Contains(err.Error(), "12.json") {
		t.Fatalf("Restore = %+v, %v; want 12 sent, then a ValidationError naming 12.json", rr, err)
	}
	if n, err := q.Count(ctx); err != nil || n.Visible != 12 {
		t.Errorf("Count = %+v, %v; want 12", n, err)
	}
}
