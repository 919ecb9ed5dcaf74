package s3store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sqs"
)

// PointerClass is the class name that opens every pointer, as AWS's
// Extended Client Libraries write it.
const PointerClass = "software.amazon.payloadoffloading.PayloadS3Pointer"

// Pointer is where an offloaded body lives: the second element of the
// pointer array.
type Pointer struct {
	Bucket string `json:"s3BucketName"`
	Key    string `json:"s3Key"`
}

// String returns the pointer as a message carries it.
func (p Pointer) String() string {
	loc, _ := json.Marshal(p) // two strings cannot fail
	cls, _ := json.Marshal(PointerClass)
	return "[" + string(cls) + "," + string(loc) + "]"
}

// ParsePointer reads a pointer as a message carries it.
func ParsePointer(s string) (Pointer, error) {
	var parts []json.RawMessage
	if err := json.Unmarshal([]byte(s), &parts); err != nil || len(parts) != 2 {
		return Pointer{}, goboto.Invalid("Pointer", s, "is not a [class, {s3BucketName, s3Key}] array")
	}
	var cls string
	if err := json.Unmarshal(parts[0], &cls); err != nil || cls != PointerClass {
		return Pointer{}, goboto.Invalid("Pointer", s, "does not name the class "+PointerClass)
	}
	var p Pointer
	if err := json.Unmarshal(parts[1], &p); err != nil || p.Bucket == "" || p.Key == "" {
		return Pointer{}, goboto.Invalid("Pointer", s, "does not name a bucket and a key")
	}
	return p, nil
}

// Bodies returns a sqs.BodyStore that keeps bodies as objects named
// prefix followed by a random UUID in bucket (PutObject, GetObject,
// DeleteObject), for Queue.WithOffload. The prefix is used as given.
func Bodies(bucket *s3.Bucket, prefix string) sqs.BodyStore {
	return &bodies{bucket: bucket, prefix: prefix}
}

type bodies struct {
	bucket *s3.Bucket
	prefix string
}

func (b *bodies) check() error {
	if b.bucket == nil {
		return goboto.Invalid("Bucket", "", "is nil")
	}
	return nil
}

func (b *bodies) Put(ctx context.Context, body string) (string, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	p := Pointer{Bucket: b.bucket.Name, Key: b.prefix + uuid()}
	if err := b.bucket.Key(p.Key).PutBytes(ctx, []byte(body), s3.ContentType("text/plain; charset=utf-8")); err != nil {
		return "", err
	}
	return p.String(), nil
}

// key is the object a pointer names, refused when it is in another
// bucket.
func (b *bodies) key(pointer string) (*s3.Key, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	p, err := ParsePointer(pointer)
	if err != nil {
		return nil, err
	}
	if p.Bucket != b.bucket.Name {
		return nil, goboto.Invalid("Pointer", pointer, "names bucket "+p.Bucket+", not the store's "+b.bucket.Name)
	}
	return b.bucket.Key(p.Key), nil
}

func (b *bodies) Get(ctx context.Context, pointer string) (string, error) {
	k, err := b.key(pointer)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func (b *bodies) Delete(ctx context.Context, pointer string) error {
	k, err := b.key(pointer)
	if err != nil {
		return err
	}
	return k.Delete(ctx)
}

// uuid is a random (version 4) UUID, as the Extended Client Libraries
// name their objects.
func uuid() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// normalPrefix is prefix ending in "/", or "" for the bucket's top.
func normalPrefix(prefix string) string {
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		return prefix + "/"
	}
	return prefix
}
