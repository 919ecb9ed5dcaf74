package fake

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// streamServer starts a server whose one service streams every body. It
// echoes what it read, except under /refuse/, where it answers
// NoSuchBucket without reading a byte.
func streamServer(t *testing.T) *Server {
	t.Helper()
	handle := func(w http.ResponseWriter, r *Request) error {
		if strings.HasPrefix(r.HTTP.URL.Path, "/refuse/") {
			return &Error{Status: http.StatusNotFound, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}
		}
		return streamEcho(w, r)
	}
	srv := NewServer(Options{Now: func() time.Time { return clock }},
		Service{Name: "s3", Protocol: RestXML, StreamBody: func(*http.Request) bool { return true },
			Operation: func(*http.Request) string { return "PutObject" }, Handle: handle})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// streamedPut is a signed PUT of body to srv that the server streams.
func streamedPut(t *testing.T, srv *Server, body []byte) *http.Request {
	t.Helper()
	return streamedPutTo(t, srv, "/bkt/key", body)
}

// streamedPutTo is streamedPut to path.
func streamedPutTo(t *testing.T, srv *Server, path string, body []byte) *http.Request {
	t.Helper()
	req := newRequest(t, http.MethodPut, srv.URL()+path, body)
	req.Header.Set("X-Amz-Content-Sha256", unsignedPayload)
	if err := signer("s3").SignHTTP(context.Background(), awsCreds(mainCred), req, unsignedPayload, "s3", "us-east-1", clock); err != nil {
		t.Fatal(err)
	}
	return req
}

// TestFaultDrainsStreamedBody sends big streamed bodies to requests a
// Throttle or ServerError fault answers: the client gets the error, not a
// reset, and the fault read the whole body, so the connection carries the
// next request.
func TestFaultDrainsStreamedBody(t *testing.T) {
	tests := []struct {
		name   string
		kind   Fault
		size   int
		status int
		code   string
	}{
		{"server error, 4 MiB", Fault{Kind: ServerError, Times: 1}, 4 << 20, 500, "InternalError"},
		{"throttle, 1 MiB", Fault{Kind: Throttle, Times: 1}, 1 << 20, 503, "SlowDown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := streamServer(t)
			body := bytes.Repeat([]byte("x"), tt.size)

			// Through an HTTP client, as an SDK sends it.
			srv.Faults().Add(tt.kind)
			status, answer, _ := do(t, srv.HTTPClient(), streamedPut(t, srv, body))
			if diff := cmp.Diff([]any{tt.status, tt.code}, []any{status, errorCode(answer)}); diff != "" {
				t.Errorf("HTTP client (-want +got):\n%s\n%s", diff, answer)
			}

			// Over one raw connection: the error, then a second request
			// on the same connection that reaches the handler.
			srv.Faults().Add(tt.kind)
			got := rawExchange(t, srv, streamedPut(t, srv, body))
			if diff := cmp.Diff([]any{tt.status, tt.code, 200, ""}, got); diff != "" {
				t.Errorf("raw connection (-want +got):\n%s", diff)
			}
		})
	}
}

// rawExchange sends big and then a small streamed PUT over one raw
// connection and returns the status and error code of each answer: a
// server that gave up on big's body would have closed the connection
// before the second.
func rawExchange(t *testing.T, srv *Server, big *http.Request) []any {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Minute)) // a hang fails rather than stalls the run
	wrote := make(chan error, 1)
	go func() { wrote <- big.Write(conn) }()
	br := bufio.NewReader(conn)
	var got []any
	for i, req := range []*http.Request{nil, streamedPut(t, srv, []byte("small"))} {
		if req != nil {
			if err := req.Write(conn); err != nil {
				t.Fatalf("request %d on the connection: %v", i+1, err)
			}
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("answer %d on the connection: %v", i+1, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got = append(got, resp.StatusCode, errorCode(b))
		if i == 0 {
			if err := <-wrote; err != nil {
				t.Fatalf("sending the big body: %v", err)
			}
		}
	}
	return got
}

// TestHandlerErrorDrainsStreamedBody: a handler that refuses a streamed
// request without reading its 1 MiB body (a PUT to a missing bucket) has
// the body read for it, so the connection carries the next request.
func TestHandlerErrorDrainsStreamedBody(t *testing.T) {
	srv := streamServer(t)
	got := rawExchange(t, srv, streamedPutTo(t, srv, "/refuse/key", bytes.Repeat([]byte("x"), 1<<20)))
	if diff := cmp.Diff([]any{404, "NoSuchBucket", 200, ""}, got); diff != "" {
		t.Errorf("raw connection (-want +got):\n%s", diff)
	}
}

// TestFaultLeavesExpectContinueBody checks that a fault does not read the
// body of a client waiting for 100-continue: it gets the error without
// sending the body.
func TestFaultLeavesExpectContinueBody(t *testing.T) {
	srv := streamServer(t)
	srv.Faults().Add(Fault{Kind: ServerError, Times: 1})
	req := streamedPut(t, srv, bytes.Repeat([]byte("x"), 1<<20))
	req.Header.Set("Expect", "100-continue")
	counted := &countingReader{r: req.Body}
	req.Body = io.NopCloser(counted)
	client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}
	defer client.CloseIdleConnections()
	status, answer, _ := do(t, client, req)
	if diff := cmp.Diff([]any{500, "InternalError", int64(0)}, []any{status, errorCode(answer), counted.n}); diff != "" {
		t.Errorf("status, code, body bytes sent (-want +got):\n%s", diff)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
