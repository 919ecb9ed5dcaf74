package fake

import (
	"errors"
	"strings"
	"testing"
)

type testBackend struct{}

func (testBackend) Service() Service { return Service{Name: "sdb", Protocol: Query} }

func TestStartBackend(t *testing.T) {
	boom := errors.New("boom")
	if _, _, err := StartBackend(nil, false, func(...Option) (testBackend, error) { return testBackend{}, boom }); !errors.Is(err, boom) {
		t.Errorf("backend error: got %v", err)
	}
	// A backend that cannot be served (an address that is no address)
	// is an error too, not a Shell.
	if sh, _, err := StartBackend([]Option{WithAddr("not an address")}, false,
		func(...Option) (testBackend, error) { return testBackend{}, nil }); err == nil {
		sh.Close()
		t.Error("bad address: no error")
	}
	sh, _, err := StartBackend([]Option{WithTLS(true)}, false, func(...Option) (testBackend, error) { return testBackend{}, nil })
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Close()
	if !strings.HasPrefix(sh.URL(), "https://127.0.0.1:") {
		t.Errorf("WithTLS(true) over a plain default: URL %s", sh.URL())
	}
}

// fatalRecorder is a testing.TB whose Fatalf records instead of ending
// the test, so StartTest's failure can be watched.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper()                      {}
func (r *fatalRecorder) Fatalf(f string, args ...any) { r.msg = f }

type closer struct{ closed *bool }

func (c closer) Close() error { *c.closed = true; return nil }

func TestStartTest(t *testing.T) {
	closed := false
	t.Run("closed at the end", func(t *testing.T) {
		StartTest(t, "pkg", func(...Option) (closer, error) { return closer{&closed}, nil }, nil)
		if closed {
			t.Error("closed before the test ended")
		}
	})
	if !closed {
		t.Error("not closed when the test ended")
	}
	r := &fatalRecorder{TB: t}
	StartTest(r, "pkg", func(...Option) (closer, error) { return closer{new(bool)}, errors.New("boom") }, nil)
	if r.msg == "" {
		t.Error("a server that cannot start did not fail the test")
	}
}
