package fake

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// chunkedExample is testdata/aws_chunked_example.json: AWS's documented
// chunked-upload signatures.
type chunkedExample struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key"`
	AmzDate         string `json:"amz_date"`
	Scope           string `json:"scope"`
	Request         struct {
		Method, URL string
		Headers     map[string]string
	}
	Payload, Trailer struct {
		Seed   string `json:"seed_signature"`
		Chunks []struct {
			Size      int
			Signature string
		}
		TrailerName      string `json:"trailer_name"`
		TrailerValue     string `json:"trailer_value"`
		TrailerSignature string `json:"trailer_signature"`
	}
}

func loadChunkedExample(t testing.TB) chunkedExample {
	t.Helper()
	b, err := os.ReadFile("testdata/aws_chunked_example.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex chunkedExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

// exampleSig is the v4Sig of the example's scope and time.
func (ex chunkedExample) sig(seed string) *v4Sig {
	parts := strings.Split(ex.Scope, "/")
	return &v4Sig{amzDate: ex.AmzDate, date: parts[0], region: parts[1], service: parts[2], signature: seed}
}

// body frames the example's chunks of 'a' with their signatures; trailer
// lines, when given, follow the final chunk.
func exampleBody(chunks []struct {
	Size      int
	Signature string
}, trailer string) []byte {
	var b bytes.Buffer
	for _, c := range chunks {
		fmt.Fprintf(&b, "%x;chunk-signature=%s\r\n", c.Size, c.Signature)
		if c.Size > 0 {
			b.Write(bytes.Repeat([]byte("a"), c.Size))
			b.WriteString("\r\n")
		}
	}
	b.WriteString(trailer)
	b.WriteString("\r\n")
	return b.Bytes()
}

// readChunked decodes body with a signer seeded by seed (signed) and
// returns the data, the trailers and the error code, if any.
func readChunked(ex chunkedExample, body []byte, seed string, trailer bool, decodedLength string) ([]byte, map[string]string, string) {
	v := ex.sig(seed)
	trailers := map[string]string{}
	c := newChunkReader(bytes.NewReader(body), trailers, decodedLength)
	c.signer = &chunkSigner{key: signingKey(ex.SecretAccessKey, v), v: v, prev: seed,
		badSig: DefaultErrors(RestXML).BadSignature}
	c.hash = sha256.New()
	c.signedTrailer = trailer
	data, err := io.ReadAll(c)
	var e *Error
	if errors.As(err, &e) {
		return data, trailers, e.Code
	} else if err != nil {
		return data, trailers, err.Error()
	}
	return data, trailers, ""
}

func TestChunkSignaturesAWSExample(t *testing.T) {
	ex := loadChunkedExample(t)
	trailerLines := ex.Trailer.TrailerName + ":" + ex.Trailer.TrailerValue + "\r\n" +
		"x-amz-trailer-signature:" + ex.Trailer.TrailerSignature + "\r\n"
	payload := exampleBody(ex.Payload.Chunks, "")
	withTrailer := exampleBody(ex.Trailer.Chunks, trailerLines)
	flip := func(b []byte, at int) []byte {
		b = bytes.Clone(b)
		b[at] ^= 1
		return b
	}
	wantTrailers := map[string]string{ex.Trailer.TrailerName: ex.Trailer.TrailerValue}
	tests := []struct {
		name     string
		body     []byte
		seed     string
		trailer  bool
		length   string
		trailers map[string]string
		code     string
	}{
		{"payload", payload, ex.Payload.Seed, false, "66560", map[string]string{}, ""},
		{"payload, no decoded length", payload, ex.Payload.Seed, false, "", map[string]string{}, ""},
		{"trailer", withTrailer, ex.Trailer.Seed, true, "66560", wantTrailers, ""},
		{"trailer after a blank line", exampleBody(ex.Trailer.Chunks, "\r\n"+trailerLines), ex.Trailer.Seed, true, "66560", wantTrailers, ""},
		{"flipped data byte", flip(payload, 1000), ex.Payload.Seed, false, "66560", nil, "SignatureDoesNotMatch"},
		{"flipped byte of the last chunk", flip(payload, len(payload)-200), ex.Payload.Seed, false, "66560", nil, "SignatureDoesNotMatch"},
		{"wrong seed", payload, ex.Trailer.Seed, false, "66560", nil, "SignatureDoesNotMatch"},
		{"trailer value changed", bytes.Replace(withTrailer, []byte(ex.Trailer.TrailerValue), []byte("AAAAAA=="), 1),
			ex.Trailer.Seed, true, "66560", nil, "SignatureDoesNotMatch"},
		{"trailer signature missing", exampleBody(ex.Trailer.Chunks, ex.Trailer.TrailerName+":"+ex.Trailer.TrailerValue+"\r\n"),
			ex.Trailer.Seed, true, "66560", nil, "SignatureDoesNotMatch"},
		{"chunk signature missing", bytes.Replace(payload, []byte(";chunk-signature="+ex.Payload.Chunks[1].Signature), nil, 1),
			ex.Payload.Seed, false, "66560", nil, "SignatureDoesNotMatch"},
		{"truncated", payload[:40000], ex.Payload.Seed, false, "66560", nil, "IncompleteBody"},
		{"decoded length wrong", payload, ex.Payload.Seed, false, "66561", nil, "IncompleteBody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, trailers, code := readChunked(ex, tt.body, tt.seed, tt.trailer, tt.length)
			if diff := cmp.Diff(tt.code, code); diff != "" {
				t.Fatalf("error code (-want +got):\n%s", diff)
			}
			if code != "" {
				return
			}
			if !bytes.Equal(data, bytes.Repeat([]byte("a"), 66560)) {
				t.Errorf("decoded %d bytes, want 66560 of 'a'", len(data))
			}
			if diff := cmp.Diff(tt.trailers, trailers); diff != "" {
				t.Errorf("trailers (-want +got):\n%s", diff)
			}
		})
	}
}

// The string a trailer signature signs hashes the trailers as
// "name:value\n", which the example's digest pins down.
func TestTrailerStringToSign(t *testing.T) {
	ex := loadChunkedExample(t)
	v := ex.sig(ex.Trailer.Seed)
	got := trailerStringToSign(v, ex.Trailer.Chunks[2].Signature, ex.Trailer.TrailerName+":"+ex.Trailer.TrailerValue+"\n")
	want := "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
		"2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\n" +
		"1e376db7e1a34a8ef1c4bcee131a2d60a1cb62503747488624e10995f448d774"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// streamEcho is a streaming service that answers how many bytes its
// Stream gave and the trailers, or the error reading it failed with.
func streamEcho(w http.ResponseWriter, r *Request) error {
	if r.Stream == nil {
		return &Error{Status: 500, Code: "NoStream", Message: "no stream"}
	}
	sum := sha256.New()
	n, err := io.Copy(sum, r.Stream)
	if err != nil {
		return err
	}
	return WriteJSON(w, 200, map[string]any{"n": n, "sha256": hex.EncodeToString(sum.Sum(nil)),
		"trailers": r.Trailers, "buffered": r.Body != nil})
}

// The documented request, sent whole to a streaming service, checks out
// against its seed signature and every chunk's; a changed byte does not.
func TestStreamingRequestAWSExample(t *testing.T) {
	ex := loadChunkedExample(t)
	now, _ := time.Parse(v4TimeFormat, ex.AmzDate)
	srv := NewServer(Options{Now: func() time.Time { return now },
		Credentials: []Credential{{AccountID: TestAccountID, AccessKeyID: ex.AccessKeyID, SecretAccessKey: ex.SecretAccessKey}}},
		Service{Name: "s3", Protocol: RestXML, StreamBody: func(*http.Request) bool { return true },
			Operation: func(*http.Request) string { return "PutObject" }, Handle: streamEcho})
	body := exampleBody(ex.Payload.Chunks, "")
	tests := []struct {
		name   string
		body   []byte
		status int
		code   string
	}{
		{"as documented", body, 200, ""},
		{"a byte changed", bytes.Replace(body, []byte("aaaa"), []byte("aaab"), 1), 403, "SignatureDoesNotMatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(ex.Request.Method, ex.Request.URL, bytes.NewReader(tt.body))
			for k, v := range ex.Request.Headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			got := struct {
				Status int
				Code   string
			}{rec.Code, errorCode(rec.Body.Bytes())}
			if diff := cmp.Diff(struct {
				Status int
				Code   string
			}{tt.status, tt.code}, got); diff != "" {
				t.Fatalf("(-want +got):\n%s\n%s", diff, rec.Body)
			}
			if tt.status == 200 && !strings.Contains(rec.Body.String(), `"n":66560`) {
				t.Errorf("answer %s, want 66560 bytes decoded", rec.Body)
			}
		})
	}
}

// A streamed body signed with its SHA-256 is checked as it is read.
func TestStreamedPayloadHash(t *testing.T) {
	srv := NewServer(Options{Now: func() time.Time { return clock }},
		Service{Name: "s3", Protocol: RestXML, StreamBody: func(*http.Request) bool { return true },
			Operation: func(*http.Request) string { return "PutObject" }, Handle: streamEcho})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	tests := []struct {
		name, signedHash, body string
		status                 int
		code                   string
	}{
		{"matching hash", sum("hello"), "hello", 200, ""},
		{"unsigned", "UNSIGNED-PAYLOAD", "hello", 200, ""},
		{"other body", sum("hello"), "jello", 400, "XAmzContentSHA256Mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodPut, srv.URL()+"/bkt/key", []byte(tt.body))
			req.Header.Set("X-Amz-Content-Sha256", tt.signedHash)
			if err := signer("s3").SignHTTP(context.Background(), awsCreds(mainCred), req, tt.signedHash, "s3", "us-east-1", clock); err != nil {
				t.Fatal(err)
			}
			status, body, _ := do(t, srv.HTTPClient(), req)
			if diff := cmp.Diff([]any{tt.status, tt.code}, []any{status, errorCode(body)}); diff != "" {
				t.Fatalf("(-want +got):\n%s\n%s", diff, body)
			}
			if status == 200 && !strings.Contains(string(body), `"buffered":false`) {
				t.Errorf("answer %s: the body was read before the handler ran", body)
			}
		})
	}
}

// encodeUnsigned frames data as unsigned aws-chunked in chunks of n.
func encodeUnsigned(data []byte, n int, trailers string) []byte {
	var b bytes.Buffer
	for len(data) > 0 {
		c := data[:min(n, len(data))]
		data = data[len(c):]
		fmt.Fprintf(&b, "%x\r\n%s\r\n", len(c), c)
	}
	fmt.Fprintf(&b, "0\r\n%s\r\n", trailers)
	return b.Bytes()
}

func TestChunkReaderUnsigned(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		want     string
		trailers map[string]string
		bad      bool
	}{
		{"chunks", encodeUnsigned([]byte("hello world"), 4, ""), "hello world", map[string]string{}, false},
		{"trailer", encodeUnsigned([]byte("abc"), 64, "x-amz-checksum-crc32:NSRBwg==\r\n"), "abc",
			map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, false},
		{"empty", []byte("0\r\n\r\n"), "", map[string]string{}, false},
		{"no final CRLF", []byte("0\r\n"), "", map[string]string{}, false},
		{"short chunk", []byte("a\r\nabc\r\n0\r\n\r\n"), "", nil, true},
		{"bad size", []byte("zz\r\nabc\r\n0\r\n\r\n"), "", nil, true},
		{"no terminator", []byte("3\r\nabc\r\n"), "", nil, true},
		{"bad trailer", []byte("0\r\nnocolon\r\n\r\n"), "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			trailers := map[string]string{}
			got, err := io.ReadAll(newChunkReader(bytes.NewReader(tt.body), trailers, ""))
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

func FuzzChunkReader(f *testing.F) {
	f.Add([]byte("hello"), 2)
	f.Add([]byte(""), 1)
	f.Add(bytes.Repeat([]byte{0, '\r', '\n'}, 30), 7)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		if n <= 0 || n > 1<<16 {
			n = 1
		}
		body := encodeUnsigned(data, n, "x-amz-checksum-crc32:AAAAAA==\r\n")
		got, err := io.ReadAll(newChunkReader(bytes.NewReader(body), nil, fmt.Sprint(len(data))))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip of %q by %d: %q, %v", data, n, got, err)
		}
		io.ReadAll(newChunkReader(bytes.NewReader(data), map[string]string{}, "")) // arbitrary input must not panic
	})
}
