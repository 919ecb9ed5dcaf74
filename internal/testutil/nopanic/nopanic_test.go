package nopanic

import (
	"context"
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"

	"github.com/goboto/goboto"
)

// recorder collects what Run reports.
type recorder struct{ errs []string }

func (r *recorder) Helper()                      {}
func (r *recorder) Errorf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }
func (r *recorder) Fatal(args ...any)            { r.errs = append(r.errs, fmt.Sprint(args...)) }

type good struct{ sent *int }

func (g *good) Read(ctx context.Context, name string, r io.Reader) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if name == "" || r == nil {
		return goboto.Invalid("Name", name, "must not be empty")
	}
	*g.sent++
	return nil
}

func (g *good) List(ctx context.Context, opts ...func()) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) { yield(0, goboto.Invalid("Prefix", "", "needs one")) }
}

func (g *good) String() string { return "good" }

type bad struct{ sent *int }

func (b *bad) Panics(ctx context.Context, w io.Writer) error { _, err := w.Write(nil); return err }
func (b *bad) Sends(ctx context.Context, name string) error  { *b.sent++; return nil }
func (b *bad) Untyped(ctx context.Context) error             { return io.EOF }
func (b *bad) Quiet(ctx context.Context) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {}
}

func TestGoodPasses(t *testing.T) {
	sent := 0
	var r recorder
	Run(&r, Case{Values: []any{&good{sent: &sent}}, Sent: func() int { return sent }})
	if len(r.errs) != 0 {
		t.Errorf("Run reported %q", r.errs)
	}
}

func TestBadFails(t *testing.T) {
	sent := 0
	var r recorder
	Run(&r, Case{Values: []any{&bad{sent: &sent}}, Sent: func() int { return sent }})
	all := strings.Join(r.errs, "\n")
	for _, want := range []string{"bad.Panics (cancelled context) panicked", "bad.Sends (zero arguments) returned no error",
		"bad.Untyped (zero arguments) = *errors.errorString", "bad.Quiet's iterator yielded nothing", "requests were sent"} {
		if !strings.Contains(all, want) {
			t.Errorf("Run did not report %q; it reported:\n%s", want, all)
		}
	}
}

func TestCompleteness(t *testing.T) {
	var r recorder
	Run(&r, Case{Dir: "."})
	if want := "Run is not called"; len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Errorf("Run reported %q, want only %q", r.errs, want)
	}
}
