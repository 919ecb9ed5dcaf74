package s3store_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/s3store"
	"github.com/goboto/goboto/sqs/sqstest"
)

// env is a fake SQS and a fake S3 with a bucket and a queue.
type env struct {
	sqsSrv *sqstest.Server
	s3Srv  *s3test.Server
	bucket *s3.Bucket
	queue  *sqs.Queue
}

func setup(t *testing.T, queue sqs.QueueOptions) env {
	t.Helper()
	e := env{sqsSrv: sqstest.Start(t), s3Srv: s3test.Start(t)}
	b, err := s3.New(e.s3Srv.Config("")).CreateBucket(t.Context(), "sqs-store")
	if err != nil {
		t.Fatal(err)
	}
	e.bucket = b
	e.queue, err = sqs.New(e.sqsSrv.Config("")).CreateQueue(t.Context(), queue)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// keys lists the bucket's keys under prefix.
func (e env) keys(t *testing.T, prefix string) []string {
	t.Helper()
	var out []string
	for k, err := range e.bucket.Keys(t.Context(), s3.Prefix(prefix)) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, k.Name)
	}
	return out
}

func count(calls []fakes.Call, op string) int {
	n := 0
	for _, c := range calls {
		if c.Operation == op {
			n++
		}
	}
	return n
}

// TestPointerFormat pins the Extended Client Libraries' pointer: a JSON
// array of the class name and {s3BucketName, s3Key}, as
// amazon-sqs-java-extended-client-lib writes it (PayloadS3Pointer,
// serialised by Jackson) and its Python port reads it.
func TestPointerFormat(t *testing.T) {
	p := s3store.Pointer{Bucket: "b", Key: "big/1b4e28ba-2fa1-4d3b-883f-0016d3cca427"}
	want := `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"big/1b4e28ba-2fa1-4d3b-883f-0016d3cca427"}]`
	if got := p.String(); got != want {
		t.Errorf("String = %s\nwant     %s", got, want)
	}
	for _, tc := range []struct {
		in   string
		want s3store.Pointer
		ok   bool
	}{
		{want, p, true},
		{"[\"software.amazon.payloadoffloading.PayloadS3Pointer\", {\"s3Key\": \"k\", \"s3BucketName\": \"x\"}]", s3store.Pointer{Bucket: "x", Key: "k"}, true},
		{`["com.example.Other",{"s3BucketName":"b","s3Key":"k"}]`, s3store.Pointer{}, false},
		{`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b"}]`, s3store.Pointer{}, false},
		{`{"s3BucketName":"b","s3Key":"k"}`, s3store.Pointer{}, false},
		{`plain body`, s3store.Pointer{}, false},
	} {
		got, err := s3store.ParsePointer(tc.in)
		var ve *goboto.ValidationError
		if tc.ok != (err == nil) || (!tc.ok && !errors.As(err, &ve)) {
			t.Errorf("ParsePointer(%s) error = %v; want ok %v", tc.in, err, tc.ok)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParsePointer(%s) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestOffloadThroughS3(t *testing.T) {
	e := setup(t, sqs.QueueOptions{Name: "big"})
	ctx := t.Context()
	q := e.queue.WithOffload(sqs.Offload{Store: s3store.Bodies(e.bucket, "bodies/")})
	body := strings.Repeat("é", sqs.MaxMessageSize/2+1) // 1 MiB + 2 bytes: over SQS's maximum
	m, err := q.Send(ctx, body, sqs.WithAttribute("kind", sqs.String("big")))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s3store.ParsePointer(m.Pointer)
	if err != nil || p.Bucket != "sqs-store" || !strings.HasPrefix(p.Key, "bodies/") {
		t.Fatalf("pointer %q: %+v, %v", m.Pointer, p, err)
	}
	obj, ok := e.s3Srv.Object("sqs-store", p.Key)
	if !ok || string(obj.Data) != body {
		t.Fatalf("object %s: found %v, %d bytes; want the body", p.Key, ok, len(obj.Data))
	}

	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{Attributes: []string{"All"}})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("Receive = %d, %v", len(msgs), err)
	}
	got := msgs[0]
	if got.Body != body || got.Pointer != m.Pointer {
		t.Errorf("received body of %d bytes, pointer %q", len(got.Body), got.Pointer)
	}
	if diff := cmp.Diff(map[string]sqs.Attribute{"kind": sqs.String("big")}, got.Attributes); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	if err := got.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.s3Srv.Object("sqs-store", p.Key); ok {
		t.Errorf("object %s left after the message was deleted", p.Key)
	}
}

// TestOffloadS3Failures: a failed PutObject sends nothing; a refused
// SendMessage deletes the object it stored; a pointer into another
// bucket is not followed.
func TestOffloadS3Failures(t *testing.T) {
	e := setup(t, sqs.QueueOptions{Name: "faults"})
	ctx := t.Context()
	q := e.queue.WithOffload(sqs.Offload{Store: s3store.Bodies(e.bucket, "bodies/"), Threshold: 10})
	body := "more than ten bytes"
	var oe *sqs.OffloadError
	var ae *goboto.APIError

	remove := e.s3Srv.Faults().Add(fakes.Fault{Operation: "PutObject", Kind: fakes.ServerError,
		Err: &fakes.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: "Access Denied", Sender: true}})
	_, err := q.Send(ctx, body)
	remove()
	if !errors.As(err, &oe) || oe.Op != "put" || !errors.As(err, &ae) || ae.Code != "AccessDenied" {
		t.Fatalf("Send with PutObject refused = %v; want an OffloadError holding S3's AccessDenied", err)
	}
	if n := count(e.sqsSrv.Calls(), "SendMessage"); n != 0 {
		t.Errorf("%d SendMessage after a failed put; want 0", n)
	}

	remove = e.sqsSrv.Faults().Add(fakes.Fault{Operation: "SendMessage", Kind: fakes.ServerError,
		Err: &fakes.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Message: "refused", Sender: true}})
	_, err = q.Send(ctx, body)
	remove()
	if !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Fatalf("Send with SendMessage refused = %v", err)
	}
	if n := count(e.s3Srv.Calls(), "PutObject"); n != 2 {
		t.Errorf("%d PutObject; want 2", n)
	}
	if left := e.keys(t, "bodies/"); len(left) != 0 {
		t.Errorf("objects left after a failed send: %v", left)
	}

	// A producer may point anywhere; the store reads only its bucket.
	evil := s3store.Pointer{Bucket: "someone-elses", Key: "secret"}.String()
	if _, err := e.queue.Send(ctx, evil, sqs.WithAttribute(sqs.OffloadAttribute, sqs.Number("6"))); err != nil {
		t.Fatal(err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
	var ve *goboto.ValidationError
	if !errors.As(err, &oe) || oe.Op != "get" || !errors.As(err, &ve) || len(msgs) != 1 || msgs[0].Body != evil {
		t.Fatalf("Receive of a foreign pointer = %d, %v; want the message kept and a refused get", len(msgs), err)
	}
	if n := count(e.s3Srv.Calls(), "GetObject"); n != 0 {
		t.Errorf("%d GetObject for a foreign pointer; want 0", n)
	}
}

// TestArchiveRoundTrip dumps to "dumps/work" and restores from
// "dumps/work/": the same archive, unlike boto's save_to_s3 and
// load_from_s3. An archive below it stays apart.
func TestArchiveRoundTrip(t *testing.T) {
	e := setup(t, sqs.QueueOptions{Name: "work.fifo", FIFO: true})
	ctx := t.Context()
	type msg struct{ Body, Group, Dedup, Attr string }
	want := []msg{{"a", "g1", "d1", "x"}, {"b", "g1", "d2", "y"}, {"c", "g2", "d3", "z"}}
	for _, m := range want {
		if _, err := e.queue.Send(ctx, m.Body, sqs.Group(m.Group), sqs.Deduplication(m.Dedup),
			sqs.WithAttribute("attr", sqs.Binary([]byte(m.Attr)))); err != nil {
			t.Fatal(err)
		}
	}
	// A record of another dump, one level down.
	if err := s3store.Archive(e.bucket, "dumps/work/old").Save(ctx, "x.json", []byte(`{"version":1,"body":"old"}`)); err != nil {
		t.Fatal(err)
	}
	res, err := e.queue.Dump(ctx, s3store.Archive(e.bucket, "dumps/work"), sqs.DumpOptions{Drain: true})
	if err != nil || res.Saved != 3 || res.Deleted != 3 {
		t.Fatalf("Dump = %+v, %v", res, err)
	}
	if keys := e.keys(t, "dumps/work/"); len(keys) != 4 {
		t.Errorf("keys under dumps/work/: %v; want 3 records and the old one", keys)
	}

	copyQ, err := e.queue.Conn().CreateQueue(ctx, sqs.QueueOptions{Name: "copy.fifo", FIFO: true})
	if err != nil {
		t.Fatal(err)
	}
	rr, err := copyQ.Restore(ctx, s3store.Archive(e.bucket, "dumps/work/"))
	if err != nil || rr.Sent != 3 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	var got []msg
	for len(got) < 3 {
		msgs, err := copyQ.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"All"},
			System: []types.MessageSystemAttributeName{"All"}})
		if err != nil || len(msgs) == 0 {
			t.Fatalf("Receive = %d, %v after %d", len(msgs), err, len(got))
		}
		for _, m := range msgs {
			got = append(got, msg{m.Body, m.GroupID, m.DeduplicationID, string(m.Attributes["attr"].BinaryValue)})
			if err := m.Delete(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
}

// TestArchiveDrainStopsWhenS3Fails: a drain whose PutObject fails
// deletes only the messages already saved.
func TestArchiveDrainStopsWhenS3Fails(t *testing.T) {
	e := setup(t, sqs.QueueOptions{Name: "drain"})
	ctx := t.Context()
	for _, b := range []string{"1", "2", "3", "4", "5"} {
		if _, err := e.queue.Send(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	// Two records go in; then S3 refuses.
	remove := func() {}
	archive := s3store.Archive(e.bucket, "d")
	hook := &countingArchive{Archive: archive, after: 2, then: func() {
		remove = e.s3Srv.Faults().Add(fakes.Fault{Operation: "PutObject", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: "Access Denied", Sender: true}})
	}}
	res, err := e.queue.Dump(ctx, hook, sqs.DumpOptions{Drain: true})
	remove()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "AccessDenied" {
		t.Fatalf("Dump = %+v, %v; want S3's AccessDenied", res, err)
	}
	if res.Saved != 2 || res.Deleted != 2 {
		t.Errorf("DumpResult = %+v; want 2 saved and deleted", res)
	}
	if n, err := e.queue.Count(ctx); err != nil || n != (sqs.Count{Visible: 3}) {
		t.Errorf("Count = %+v, %v; want the 3 unsaved back in the queue", n, err)
	}
	if keys := e.keys(t, "d/"); len(keys) != 2 {
		t.Errorf("records %v; want 2", keys)
	}
}

// TestDumpOffloadedQueue: a dump through an offloading handle saves
// whole bodies, and its drain deletes the stored ones.
func TestDumpOffloadedQueue(t *testing.T) {
	e := setup(t, sqs.QueueOptions{Name: "mixed"})
	ctx := t.Context()
	q := e.queue.WithOffload(sqs.Offload{Store: s3store.Bodies(e.bucket, "bodies/"), Threshold: 20})
	long := strings.Repeat("long ", 10)
	for _, b := range []string{"short", long} {
		if _, err := q.Send(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(e.keys(t, "bodies/")); n != 1 {
		t.Fatalf("%d bodies stored; want 1", n)
	}
	archive := s3store.Archive(e.bucket, "dump")
	if res, err := q.Dump(ctx, archive, sqs.DumpOptions{Drain: true}); err != nil || res.Deleted != 2 {
		t.Fatalf("Dump = %+v, %v", res, err)
	}
	if left := e.keys(t, "bodies/"); len(left) != 0 {
		t.Errorf("bodies left after the drain: %v", left)
	}
	// Restored through the same handle, the long body is offloaded again.
	if rr, err := q.Restore(ctx, archive); err != nil || rr.Sent != 2 {
		t.Fatalf("Restore = %+v, %v", rr, err)
	}
	if n := len(e.keys(t, "bodies/")); n != 1 {
		t.Errorf("%d bodies stored after the restore; want 1", n)
	}
	bodies := map[string]bool{}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		bodies[m.Body] = true
	}
	if diff := cmp.Diff(map[string]bool{"short": true, long: true}, bodies); diff != "" {
		t.Errorf("bodies (-want +got):\n%s", diff)
	}
}

// countingArchive calls then once after saves, before the next Save.
type countingArchive struct {
	sqs.Archive
	after int
	then  func()
}

func (c *countingArchive) Save(ctx context.Context, name string, record []byte) error {
	if c.after == 0 && c.then != nil {
		c.then()
		c.then = nil
	}
	c.after--
	return c.Archive.Save(ctx, name, record)
}
