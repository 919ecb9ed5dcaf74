package core

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// closableBody fails reads once closed, like a stream the SDK closes when
// an attempt ends.
type closableBody struct {
	r      io.Reader
	closed bool
}

func (b *closableBody) Read(p []byte) (int, error) {
	if b.closed {
		return 0, errors.New("read after close")
	}
	return b.r.Read(p)
}

func (b *closableBody) Close() error { b.closed = true; return nil }

type clientFunc func(*http.Request) (*http.Response, error)

func (f clientFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestDetachedClientCopiesSmallBodies(t *testing.T) {
	const payload = "Action=DescribeRegions&Version=2016-11-15"
	orig := &closableBody{r: strings.NewReader(payload)}
	req, _ := http.NewRequest("POST", "http://example.invalid/", orig)
	req.ContentLength = int64(len(payload))

	var got string
	c := detachedClient{next: clientFunc(func(r *http.Request) (*http.Response, error) {
		orig.Close() // the SDK's stream goes away while the transport writes
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		got = string(b)
		again, _ := r.GetBody()
		b2, _ := io.ReadAll(again)
		if string(b2) != payload {
			t.Errorf("GetBody = %q", b2)
		}
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})}
	if _, err := c.Do(req); err != nil {
		t.Fatal(err)
	}
	if got != payload {
		t.Errorf("transport read %q, want %q", got, payload)
	}
}

func TestDetachedClientStreamsLargeBodies(t *testing.T) {
	body := &closableBody{r: strings.NewReader("x")}
	for _, n := range []int64{-1, maxDetachedBody + 1} {
		req, _ := http.NewRequest("PUT", "http://example.invalid/", body)
		req.ContentLength = n
		c := detachedClient{next: clientFunc(func(r *http.Request) (*http.Response, error) {
			if r.Body != body {
				t.Errorf("ContentLength %d: body was copied", n)
			}
			return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
		})}
		c.Do(req)
	}
}
