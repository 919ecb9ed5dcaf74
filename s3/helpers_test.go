package s3

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto"
)

// recorder is an httptest server that records every request it gets and
// answers with handle (200 and no body when handle is nil).
type recorder struct {
	t      *testing.T
	srv    *httptest.Server
	handle http.HandlerFunc

	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func newRecorder(t *testing.T, handle http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{t: t, handle: handle}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		r.mu.Lock()
		r.reqs = append(r.reqs, req)
		r.body = append(r.body, b)
		r.mu.Unlock()
		if r.handle != nil {
			r.handle(w, req)
		}
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// count returns how many requests the server got.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// conn returns a connection in region to the server, with one attempt
// per call so that tests see exactly the requests a call makes.
func (r *recorder) conn(region string) *Conn {
	cfg := aws.Config{
		Region:      region,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTPClient:  r.srv.Client(),
	}
	return New(cfg, goboto.WithEndpoint(r.srv.URL), goboto.WithRetry(1, 0))
}

// xmlAnswer writes an XML body with status.
func xmlAnswer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + body))
}
