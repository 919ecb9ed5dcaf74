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

// streamServer starts a server whose one service streams every body.
func streamServer(t *testing.T) *Server {
	t.Helper()
	srv := NewServer(Options{Now: func() time.Time { return clock }},
		Service{Name: "s3", Protocol: RestXML, StreamBody: func(*http.Request) bool { return true },
			Operation: func(*http.Request) string { return "PutObject" }, Handle: streamEcho})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// streamedPut is a signed PUT of body to srv that the server streams.
func streamedPut(t *testing.T, srv *Server, body []byte) *http.Request {
	t.Helper()
	req := newRequest(t, http.MethodPut, srv.URL()+"/bkt/key", body)
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
			conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(time.Minute)) // a hang fails rather than stalls the run
			big := streamedPut(t, srv, body)
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
			if diff := cmp.Diff([]any{tt.status, tt.code, 200, ""}, got); diff != "" {
				t.Errorf("raw connection (-want +got):\n%s", diff)
			}
		})
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
