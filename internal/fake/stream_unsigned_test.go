package fake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil"
)

// anonServer starts a server whose one service takes unsigned requests
// (when anon) and streams the POSTs among them (when stream).
func anonServer(t testing.TB, anon, stream bool) *Server {
	t.Helper()
	srv := NewServer(Options{Now: func() time.Time { return clock }},
		Service{Name: "s3", Protocol: RestXML, AllowAnonymous: anon,
			StreamBody: func(r *http.Request) bool { return stream && r.Method == http.MethodPost },
			Operation:  func(*http.Request) string { return "PostObject" }, Handle: bodyEcho})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// bodyEcho answers as streamEcho, reading the body whole when it was not
// streamed.
func bodyEcho(w http.ResponseWriter, r *Request) error {
	if r.Stream == nil {
		r.Stream = bytes.NewReader(r.Body)
	}
	return streamEcho(w, r)
}

// newPattern is n bytes that cost no memory (testutil.Pattern).
func newPattern(n int64) io.Reader { return testutil.Pattern(n, 0x9e3779b97f4a7c15) }

// streamed is streamEcho's answer.
type streamed struct {
	N        int64
	SHA256   string
	Buffered bool
}

// sendUnsigned POSTs size bytes of the pattern, with no signature, and
// returns the status, the error code and, on success, the echo.
func sendUnsigned(t testing.TB, srv *Server, contentType, query string, size int64) (int, string, streamed) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL()+"/bkt"+query, newPattern(size))
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", contentType)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var got streamed
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, errorCode(b), got
	}
	var raw struct {
		N        int64  `json:"n"`
		SHA      string `json:"sha256"`
		Buffered bool   `json:"buffered"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return resp.StatusCode, "", streamed{raw.N, raw.SHA, raw.Buffered}
}

func patternSHA256(t testing.TB, size int64) string {
	t.Helper()
	h := sha256.New()
	if _, err := io.Copy(h, newPattern(size)); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestUnsignedStream checks which unsigned requests reach their handler
// unread: those a service that takes anonymous requests chooses to
// stream, but for url-encoded forms, which may carry a SigV2 signature.
func TestUnsignedStream(t *testing.T) {
	const size = 300 << 10
	const form = "multipart/form-data; boundary=x"
	tests := []struct {
		name        string
		anon        bool
		stream      bool
		contentType string
		status      int
		code        string
		buffered    bool
	}{
		{"multipart form, streamed", true, true, form, 200, "", false},
		{"octet-stream, streamed", true, true, "application/octet-stream", 200, "", false},
		{"url-encoded form, read first", true, true, "application/x-www-form-urlencoded", 200, "", true},
		{"service does not stream it", true, false, form, 200, "", true},
		{"service takes no anonymous requests", false, true, form, 403, "AccessDenied", false},
	}
	want := patternSHA256(t, size)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := anonServer(t, tt.anon, tt.stream)
			status, code, got := sendUnsigned(t, srv, tt.contentType, "", size)
			if diff := cmp.Diff([]any{tt.status, tt.code}, []any{status, code}); diff != "" {
				t.Fatalf("answer (-want +got):\n%s", diff)
			}
			if status != http.StatusOK {
				return
			}
			if diff := cmp.Diff(streamed{size, want, tt.buffered}, got); diff != "" {
				t.Errorf("handed to the handler (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnsignedStreamAccounting checks that a streamed unsigned request is
// recorded in Calls and hit by faults as any other: a Throttle fault
// drains the body and answers SlowDown, and the next request goes through.
func TestUnsignedStreamAccounting(t *testing.T) {
	srv := anonServer(t, true, true)
	srv.Faults().Add(Fault{Operation: "PostObject", Kind: Throttle, Times: 1})
	const size = 2 << 20
	var got []Call
	for range 2 {
		status, code, _ := sendUnsigned(t, srv, "multipart/form-data; boundary=x", "", size)
		got = append(got, Call{Status: status, Code: code})
	}
	calls := srv.Calls()
	for i := range calls {
		c := calls[i]
		calls[i] = Call{Service: c.Service, Operation: c.Operation, Region: c.Region, Account: c.Account,
			SigVersion: c.SigVersion, Status: c.Status, Code: c.Code, Fault: c.Fault}
	}
	want := []Call{
		{Service: "s3", Operation: "PostObject", Region: DefaultRegion, Status: 503, Code: "SlowDown", Fault: Throttle},
		{Service: "s3", Operation: "PostObject", Region: DefaultRegion, Status: 200},
	}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	wantAnswers := []Call{{Status: 503, Code: "SlowDown"}, {Status: 200}}
	if diff := cmp.Diff(wantAnswers, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
}

// heapAllocs returns the bytes allocated on the heap so far.

// TestUnsignedStreamHeap sends a 48 MiB unsigned upload and counts the
// bytes the whole process allocated meanwhile. Streamed, the body passes
// through small buffers; read first, it is held whole. Both are checked,
// so the measure is shown to see a body held in memory.
func TestUnsignedStreamHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 96 MiB")
	}
	const size = 48 << 20
	tests := []struct {
		name     string
		stream   bool
		atMost   uint64 // 0: no bound
		atLeast  uint64
		buffered bool
	}{
		{"streamed", true, size / 8, 0, false},
		{"read first", false, 0, size, true},
	}
	want := patternSHA256(t, size)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := anonServer(t, true, tt.stream)
			sendUnsigned(t, srv, "multipart/form-data; boundary=x", "", 1) // warm the connection
			before := testutil.HeapAllocs()
			status, _, got := sendUnsigned(t, srv, "multipart/form-data; boundary=x", "", size)
			allocated := testutil.HeapAllocs() - before
			if diff := cmp.Diff(streamed{size, want, tt.buffered}, got); status != 200 || diff != "" {
				t.Fatalf("status %d; handed to the handler (-want +got):\n%s", status, diff)
			}
			t.Logf("%d MiB upload allocated %.1f MiB", size>>20, float64(allocated)/(1<<20))
			if tt.atMost > 0 && allocated > tt.atMost {
				t.Errorf("allocated %d bytes, want at most %d", allocated, tt.atMost)
			}
			if allocated < tt.atLeast {
				t.Errorf("allocated %d bytes, want at least %d", allocated, tt.atLeast)
			}
		})
	}
}
