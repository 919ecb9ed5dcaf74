package sqs_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

type order struct {
	ID    int      `json:"id"`
	Items []string `json:"items"`
	Note  string   `json:"note,omitempty"`
}

// TestCodecRoundTrip sends values through each codec and a fake queue and
// checks what arrives, and what the body looked like on the wire.
func TestCodecRoundTrip(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "codecs"})

	// receiveBody receives one message and returns its raw body.
	receiveBody := func(t *testing.T) *sqs.Message {
		t.Helper()
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
		if err != nil || len(msgs) != 1 {
			t.Fatalf("Receive = %d messages, %v; want 1", len(msgs), err)
		}
		if err := msgs[0].Delete(ctx); err != nil {
			t.Fatal(err)
		}
		return msgs[0]
	}

	t.Run("raw", func(t *testing.T) {
		c := sqs.Raw()
		body, err := c.Encode("plain text ✓")
		if err != nil || body != "plain text ✓" {
			t.Fatalf("Encode = %q, %v", body, err)
		}
		if _, err := sqs.Typed(q, c).Send(ctx, "plain text ✓"); err != nil {
			t.Fatal(err)
		}
		m := receiveBody(t)
		got, err := c.Decode(m)
		if err != nil || got != "plain text ✓" || c.Name() != "raw" {
			t.Errorf("Decode = %q, %v; name %q", got, err, c.Name())
		}
	})

	t.Run("base64", func(t *testing.T) {
		// Bytes SQS refuses in a body (NUL, 0xFFFE as UTF-8, invalid
		// UTF-8) travel as base64.
		data := []byte{0, 1, 0xff, 0xfe, 'x'}
		if _, err := sqs.Typed(q, sqs.Base64()).Send(ctx, data); err != nil {
			t.Fatal(err)
		}
		m := receiveBody(t)
		if m.Body != "AAH//ng=" {
			t.Errorf("wire body = %q; want standard padded base64 AAH//ng=", m.Body)
		}
		got, err := sqs.Base64().Decode(m)
		if err != nil || !cmp.Equal(data, got) {
			t.Errorf("Decode = %v, %v; want %v", got, err, data)
		}
	})

	t.Run("json", func(t *testing.T) {
		orders := sqs.Typed(q, sqs.JSON[order]())
		want := order{ID: 17, Items: []string{"tea", "cake"}, Note: "odd \uFFFE and \uFFFF"}
		if _, err := orders.Send(ctx, want); err != nil {
			t.Fatalf("Send of a value holding U+FFFE/U+FFFF: %v", err)
		}
		got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
		if err != nil || len(got) != 1 {
			t.Fatalf("Receive = %d, %v", len(got), err)
		}
		if diff := cmp.Diff(want, got[0].Value); diff != "" || got[0].Err != nil {
			t.Errorf("value (-want +got):\n%s\nerr %v", diff, got[0].Err)
		}
		wantBody := `{"id":17,"items":["tea","cake"],"note":"odd \ufffe and \uffff"}`
		if got[0].Message.Body != wantBody {
			t.Errorf("wire body = %s; want %s", got[0].Message.Body, wantBody)
		}
		if err := got[0].Message.Delete(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// TestDecodeErrorKeepsMessage sends bodies a JSON codec cannot read
// among ones it can: each is received, typed, and can still be deleted.
func TestDecodeErrorKeepsMessage(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "mixed"})
	for _, body := range []string{`{"id":1}`, `not json`} {
		if _, err := q.Send(ctx, body); err != nil {
			t.Fatal(err)
		}
	}
	orders := sqs.Typed(q, sqs.JSON[order]())
	got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
	if len(got) != 2 {
		t.Fatalf("received %d; want both messages, decoded or not (err %v)", len(got), err)
	}
	var de *sqs.DecodeError
	if !errors.As(err, &de) || de.Codec != "json" || de.Message == nil || de.Message.Body != "not json" {
		t.Fatalf("err = %v; want a *DecodeError of the json codec keeping the message", err)
	}
	decoded := 0
	for _, r := range got {
		switch {
		case r.Err == nil:
			decoded++
			if r.Value.ID != 1 {
				t.Errorf("decoded %+v; want id 1", r.Value)
			}
		case !errors.As(r.Err, &de) || de.Message != r.Message:
			t.Errorf("Err = %v; want a *DecodeError naming its message", r.Err)
		}
		if r.Message.ReceiptHandle == "" {
			t.Errorf("message %s has no receipt handle", r.Message.ID)
		}
		if err := r.Message.Delete(ctx); err != nil {
			t.Errorf("deleting %s: %v", r.Message.ID, err)
		}
	}
	if decoded != 1 {
		t.Errorf("%d decoded; want 1", decoded)
	}
	if n, err := q.Count(ctx); err != nil || n.Total() != 0 {
		t.Errorf("Count = %+v, %v; want an empty queue", n, err)
	}

	// Base64 refuses what is not base64, keeping the message too.
	m := &sqs.Message{ID: "m-1", Body: "!!"}
	if _, err := sqs.Base64().Decode(m); !errors.As(err, &de) || de.Message != m {
		t.Errorf("Base64 Decode = %v; want a *DecodeError keeping the message", err)
	}
}

// TestEncodeRefusedBeforeSending: a value the codec cannot encode, and a
// codec-made body SQS would refuse, fail with a *goboto.ValidationError
// and nothing is sent.
func TestEncodeRefusedBeforeSending(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "refused"})
	before := len(srv.Calls())

	_, err := sqs.Typed(q, sqs.JSON[chan int]()).Send(ctx, make(chan int))
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "Codec" || ve.Value != "json" {
		t.Errorf("JSON of a channel: %v; want a ValidationError naming the json codec", err)
	}
	nul := sqs.NewCodec("nul", func(s string) (string, error) { return s + "\x00", nil },
		func(s string) (string, error) { return s, nil })
	if _, err := sqs.Typed(q, nul).Send(ctx, "x"); !errors.As(err, &ve) || ve.Field != "MessageBody" {
		t.Errorf("body with NUL: %v; want a MessageBody ValidationError", err)
	}
	// The zero Codec[string] is raw; a zero Codec of another type has
	// nothing to encode with.
	var zero sqs.Codec[string]
	if s, err := zero.Encode("x"); s != "x" || err != nil {
		t.Errorf("zero Codec[string].Encode = %q, %v", s, err)
	}
	if _, err := (sqs.Codec[int]{}).Encode(1); !errors.As(err, &ve) {
		t.Errorf("zero Codec[int].Encode: %v; want a ValidationError", err)
	}
	if n := len(srv.Calls()) - before; n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}
