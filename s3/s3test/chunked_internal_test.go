package s3test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encodeChunked frames data as aws-chunked in chunks of size n.
func encodeChunked(data []byte, n int, signed bool, trailers string) []byte {
	var b bytes.Buffer
	sig := func() string {
		if signed {
			return ";chunk-signature=" + string(bytes.Repeat([]byte("0"), 64))
		}
		return ""
	}
	for len(data) > 0 {
		c := data[:min(n, len(data))]
		data = data[len(c):]
		fmt.Fprintf(&b, "%x%s\r\n%s\r\n", len(c), sig(), c)
	}
	fmt.Fprintf(&b, "0%s\r\n%s\r\n", sig(), trailers)
	return b.Bytes()
}

func TestDecodeChunked(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		want     string
		trailers map[string]string
		bad      bool
	}{
		{"signed", encodeChunked([]byte("hello world"), 4, true, ""), "hello world", map[string]string{}, false},
		{"trailer", encodeChunked([]byte("abc"), 64, false, "x-amz-checksum-crc32:NSRBwg==\r\n"), "abc",
			map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, false},
		{"empty", []byte("0\r\n\r\n"), "", map[string]string{}, false},
		{"short chunk", []byte("a\r\nabc\r\n0\r\n\r\n"), "", nil, true},
		{"bad size", []byte("zz\r\nabc\r\n0\r\n\r\n"), "", nil, true},
		{"no terminator", []byte("3\r\nabc\r\n"), "", nil, true},
		{"bad trailer", []byte("0\r\nnocolon\r\n\r\n"), "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, trailers, err := decodeChunked(tt.body)
			if (err != nil) != tt.bad {
				t.Fatalf("err = %v, want bad=%v", err, tt.bad)
			}
			if tt.bad {
				return
			}
			if diff := cmp.Diff([]any{tt.want, tt.trailers}, []any{string(got), trailers}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzDecodeChunked(f *testing.F) {
	f.Add([]byte("hello"), 2, true)
	f.Add([]byte(""), 1, false)
	f.Add(bytes.Repeat([]byte{0, '\r', '\n'}, 30), 7, false)
	f.Fuzz(func(t *testing.T, data []byte, n int, signed bool) {
		if n <= 0 || n > 1<<16 {
			n = 1
		}
		got, _, err := decodeChunked(encodeChunked(data, n, signed, "x-amz-checksum-crc32:AAAAAA==\r\n"))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip of %q by %d: %q, %v", data, n, got, err)
		}
		decodeChunked(data) // arbitrary input must not panic
	})
}

func TestChecksumsVerified(t *testing.T) {
	h := http.Header{}
	h.Set("x-amz-checksum-crc32", "AAAAAA==")
	if _, err := checksums(h, nil, []byte("abc")); err == nil || err.(interface{ Error() string }).Error()[:9] != "BadDigest" {
		t.Errorf("wrong crc32: err = %v, want BadDigest", err)
	}
	got, err := checksums(http.Header{}, map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, []byte("abc"))
	if err != nil || got["x-amz-checksum-crc32"] != "NSRBwg==" {
		t.Errorf("trailer crc32 of abc: %v, %v", got, err)
	}
}
