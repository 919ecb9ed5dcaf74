package sqs

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/goboto/goboto"
)

// Codec turns values of type T into message bodies and back: boto's
// message classes (RawMessage, Message, JSONMessage) as values. Raw,
// Base64 and JSON are the built-in ones; NewCodec makes others (protocol
// buffers, gob in base64, ...). A Codec is a small value, safe for
// concurrent use, and its zero value is the raw codec's behaviour for
// T = string and an error for other types.
type Codec[T any] struct {
	name   string
	encode func(T) (string, error)
	decode func(string) (T, error)
}

// NewCodec returns a codec called name (used in errors) that encodes
// with encode and decodes with decode. Encode's result must hold only
// characters SQS takes (Send checks before sending); decode gets the body
// as SQS delivered it.
func NewCodec[T any](name string, encode func(T) (string, error), decode func(string) (T, error)) Codec[T] {
	return Codec[T]{name: name, encode: encode, decode: decode}
}

// Raw is the default codec: the body is the string as it is, and every
// body decodes.
func Raw() Codec[string] {
	return NewCodec("raw",
		func(s string) (string, error) { return s, nil },
		func(s string) (string, error) { return s, nil })
}

// Base64 carries bytes of any value as standard base64 (RFC 4648, with
// padding), as boto's default Message class did, so binary data passes
// the characters SQS refuses.
func Base64() Codec[[]byte] {
	return NewCodec("base64",
		func(b []byte) (string, error) { return base64.StdEncoding.EncodeToString(b), nil },
		func(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) })
}

// JSON carries values of T as JSON (encoding/json's rules), unlike
// boto's JSONMessage, which wrapped the JSON in base64: the body stays
// readable in the console and to other languages' consumers. The two
// characters JSON may hold but SQS refuses, U+FFFE and U+FFFF, are sent
// as \uFFFE and \uFFFF escapes, which decode to the same string.
func JSON[T any]() Codec[T] {
	return NewCodec("json",
		func(v T) (string, error) {
			b, err := json.Marshal(v)
			if err != nil {
				return "", err
			}
			return string(escapeNonCharacters(b)), nil
		},
		func(s string) (T, error) {
			var v T
			err := json.Unmarshal([]byte(s), &v)
			return v, err
		})
}

// escapeNonCharacters replaces U+FFFE and U+FFFF, which can only occur
// inside JSON strings, with their \u escapes.
func escapeNonCharacters(b []byte) []byte {
	for _, r := range []struct{ raw, esc string }{{"\uFFFE", `\ufffe`}, {"\uFFFF", `\uffff`}} {
		if bytes.Contains(b, []byte(r.raw)) {
			b = bytes.ReplaceAll(b, []byte(r.raw), []byte(r.esc))
		}
	}
	return b
}

// Name returns the codec's name ("raw", "base64", "json", or NewCodec's).
func (c Codec[T]) Name() string {
	if c.name == "" {
		return "raw"
	}
	return c.name
}

// Encode returns v's body. A value the codec cannot encode is a
// *goboto.ValidationError naming the codec, since it is refused before
// anything is sent.
func (c Codec[T]) Encode(v T) (string, error) {
	if c.encode == nil {
		if s, ok := any(v).(string); ok {
			return s, nil
		}
		return "", invalidCodec(c.Name(), "has no encoder for this type: make it with NewCodec")
	}
	s, err := c.encode(v)
	if err != nil {
		return "", invalidCodec(c.Name(), "cannot encode the value: "+err.Error())
	}
	return s, nil
}

// Decode returns the value m's body holds. A body the codec cannot read
// is a *DecodeError that keeps m, so the caller can still delete it,
// hide it or move it aside: nothing is lost.
func (c Codec[T]) Decode(m *Message) (T, error) {
	var zero T
	if m == nil {
		return zero, invalidCodec(c.Name(), "cannot decode a nil message")
	}
	if c.decode == nil {
		if v, ok := any(m.Body).(T); ok {
			return v, nil
		}
		return zero, &DecodeError{Codec: c.Name(), Message: m, Err: errors.New("the codec has no decoder: make it with NewCodec")}
	}
	v, err := c.decode(m.Body)
	if err != nil {
		return zero, &DecodeError{Codec: c.Name(), Message: m, Err: err}
	}
	return v, nil
}

// DecodeError is a message whose body its codec cannot read. Message is
// the message as received, receipt handle included.
type DecodeError struct {
	Codec   string
	Message *Message
	Err     error
}

func (e *DecodeError) Error() string {
	id := ""
	if e.Message != nil {
		id = e.Message.ID
	}
	return fmt.Sprintf("sqs: message %s: %s codec: %v", id, e.Codec, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// TypedQueue sends and receives values of T through a queue and a codec.
// It exists because Go methods cannot take type parameters: q.Send[T]
// cannot be written, so the type is fixed once, by the wrapper, and
// every call after is checked by the compiler. Make one with Typed; it
// does no I/O and is safe for concurrent use.
type TypedQueue[T any] struct {
	queue *Queue
	codec Codec[T]
}

// Typed returns q carrying values of T with codec c:
//
//	orders := sqs.Typed(q, sqs.JSON[Order]())
//	_, err := orders.Send(ctx, Order{ID: 17})
//	got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
func Typed[T any](q *Queue, c Codec[T]) *TypedQueue[T] {
	return &TypedQueue[T]{queue: q, codec: c}
}

// Queue returns the queue underneath.
func (t *TypedQueue[T]) Queue() *Queue {
	if t == nil {
		return nil
	}
	return t.queue
}

// Codec returns the codec the queue encodes and decodes with.
func (t *TypedQueue[T]) Codec() Codec[T] {
	if t == nil {
		return Codec[T]{}
	}
	return t.codec
}

// Send encodes v and sends it (SendMessage, through Queue.Send).
func (t *TypedQueue[T]) Send(ctx context.Context, v T, opts ...SendOption) (*Message, error) {
	if t == nil {
		return nil, invalidCodec("", "the TypedQueue is nil")
	}
	body, err := t.codec.Encode(v)
	if err != nil {
		return nil, err
	}
	return t.queue.Send(ctx, body, opts...)
}

// Received is one message a TypedQueue received and the value its body
// held. Err is a *DecodeError when the body did not decode; Value is
// then T's zero value and Message is still there to delete or hide.
type Received[T any] struct {
	Message *Message
	Value   T
	Err     error
}

// Receive receives messages (ReceiveMessage, through Queue.Receive) and
// decodes each. Every message received is in the answer, decoded or not;
// when any did not decode, the error joins their *DecodeErrors (and any
// error Queue.Receive returned with its messages), so a caller that
// only checks err never acts on a zero value.
func (t *TypedQueue[T]) Receive(ctx context.Context, o ReceiveOptions) ([]Received[T], error) {
	if t == nil {
		return nil, invalidCodec("", "the TypedQueue is nil")
	}
	msgs, err := t.queue.Receive(ctx, o)
	if len(msgs) == 0 {
		return nil, err
	}
	errs := []error{err}
	out := make([]Received[T], len(msgs))
	for i, m := range msgs {
		v, derr := t.codec.Decode(m)
		out[i] = Received[T]{Message: m, Value: v, Err: derr}
		errs = append(errs, derr)
	}
	return out, errors.Join(errs...)
}

// invalidCodec is a *goboto.ValidationError about a codec.
func invalidCodec(name, rule string) error { return goboto.Invalid("Codec", name, rule) }
