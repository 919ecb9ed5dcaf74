package testutil

import (
	"bytes"
	"io"
	"testing"
)

// A pattern has exactly n bytes, the same ones however it is read, and a
// different seed gives different bytes.
func TestPattern(t *testing.T) {
	const n = 100_003
	whole, err := io.ReadAll(Pattern(n, 7))
	if err != nil || len(whole) != n {
		t.Fatalf("ReadAll: %d bytes, %v; want %d", len(whole), err, n)
	}
	var small bytes.Buffer
	buf := make([]byte, 13)
	if _, err := io.CopyBuffer(&small, struct{ io.Reader }{Pattern(n, 7)}, buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, small.Bytes()) {
		t.Error("reads of 13 bytes give other bytes than one big read")
	}
	other, _ := io.ReadAll(Pattern(n, 8))
	if bytes.Equal(whole, other) {
		t.Error("seeds 7 and 8 give the same bytes")
	}
}

func TestHeapAllocs(t *testing.T) {
	before := HeapAllocs()
	b := make([]byte, 4<<20)
	b[len(b)-1] = 1
	if got := HeapAllocs() - before; got < 4<<20 {
		t.Errorf("a 4 MiB allocation counted as %d bytes", got)
	}
}
