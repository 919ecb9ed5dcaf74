package ec2test

import (
	"bytes"
	"net/http"
)

// responseBuffer holds an answer while a family's lock is held, so that
// handle can write it to the client after every lock is released: a
// client that stalls reading then holds up only its own connection, never
// the family (ARCHITECTURE.md, "each family has its own lock").
type responseBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponseBuffer() *responseBuffer { return &responseBuffer{header: http.Header{}} }

func (b *responseBuffer) Header() http.Header { return b.header }

func (b *responseBuffer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *responseBuffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// writeTo sends the buffered answer to w.
func (b *responseBuffer) writeTo(w http.ResponseWriter) {
	for k, vs := range b.header {
		w.Header()[k] = vs
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	w.Write(b.body.Bytes()) //nolint:errcheck // the client went away; nothing to tell it
}
