package regions_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
)

// guard bounds how long a broken implementation can hang a test. It is a
// deadlock guard, not a timing assertion: a correct Map never waits on it.
const guard = 20 * time.Second

func regionNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("test-region-%02d", i)
	}
	return out
}

func newSet(t *testing.T, names []string, opts ...regions.SetOption) *regions.ServiceSet[*conn] {
	t.Helper()
	set, err := regions.NewServiceSet(aws.Config{}, "test", newConn, append([]regions.SetOption{regions.WithRegions(names...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func guardCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), guard)
	t.Cleanup(cancel)
	return ctx
}

// TestMapOrderUnderShuffledCompletion lets every region start, then lets
// them finish one at a time in a random order, and checks the results come
// back in region order anyway.
func TestMapOrderUnderShuffledCompletion(t *testing.T) {
	names := []string{"eu-west-1", "us-east-1", "ap-south-1", "sa-east-1", "us-west-2", "ca-central-1", "me-south-1", "af-south-1"}
	set := newSet(t, names)
	ctx := guardCtx(t)

	release := make(map[string]chan struct{}, len(names))
	for _, n := range names {
		release[n] = make(chan struct{})
	}
	started := make(chan string, len(names))
	finished := make(chan string, len(names))
	resc := make(chan regions.Results[string], 1)
	go func() {
		resc <- regions.Map(ctx, set, func(ctx context.Context, region string, c *conn) (string, error) {
			started <- region
			select {
			case <-release[region]:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			finished <- region
			return "value of " + c.region, nil
		})
	}()
	for range names {
		<-started
	}
	order := slices.Clone(names)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var completion []string
	for _, n := range order {
		close(release[n])
		completion = append(completion, <-finished)
	}
	got := <-resc

	if diff := cmp.Diff(order, completion); diff != "" {
		t.Fatalf("regions did not finish in the shuffled order (-want +got):\n%s", diff)
	}
	if slices.Equal(order, names) {
		t.Fatal("shuffle left the order unchanged; pick another seed")
	}
	var want regions.Results[string]
	for _, n := range names {
		want = append(want, regions.Result[string]{Region: n, Value: "value of " + n})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Map results (-want +got):\n%s", diff)
	}
	if err := got.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
}

var errBoom = errors.New("boom")

func TestMapErrorsStayPerRegion(t *testing.T) {
	set := newSet(t, []string{"a-1", "b-1", "c-1", "d-1", "e-1"})
	apiErr := &goboto.APIError{Service: "SimpleDB", Operation: "ListDomains", Code: "ServiceUnavailable", StatusCode: 503, RequestID: "req-b"}
	got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) ([]string, error) {
		switch region {
		case "b-1":
			return []string{"partial"}, apiErr
		case "d-1":
			panic(errBoom)
		case "e-1":
			return nil, errBoom
		}
		return []string{region + "/x", region + "/y"}, nil
	})

	if diff := cmp.Diff([][]string{{"a-1/x", "a-1/y"}, {"c-1/x", "c-1/y"}}, got.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a-1/x", "a-1/y", "c-1/x", "c-1/y"}, regions.Flatten(got)); diff != "" {
		t.Errorf("Flatten() (-want +got):\n%s", diff)
	}
	var failed []string
	for _, r := range got.Failed() {
		failed = append(failed, r.Region)
	}
	if diff := cmp.Diff([]string{"b-1", "d-1", "e-1"}, failed); diff != "" {
		t.Errorf("Failed() regions (-want +got):\n%s", diff)
	}
	if got[1].Err != apiErr || got[2].Err != nil {
		t.Errorf("per-region errors: b-1 %v, c-1 %v", got[1].Err, got[2].Err)
	}

	err := got.Err()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.RequestID != "req-b" {
		t.Errorf("errors.As(Err(), *APIError) = %v; want b-1's error", ae)
	}
	var re *regions.RegionError
	if !errors.As(err, &re) || re.Region != "b-1" {
		t.Errorf("errors.As(Err(), *RegionError) found region %v, want b-1 first", re)
	}
	var pe *regions.PanicError
	if !errors.As(err, &pe) || pe.Value != errBoom || len(pe.Stack) == 0 {
		t.Errorf("errors.As(Err(), *PanicError) = %+v; want d-1's panic with a stack", pe)
	}
	if !errors.Is(err, errBoom) {
		t.Error("errors.Is(Err(), errBoom) = false")
	}
	if got[3].Value != nil {
		t.Errorf("panicking region's value = %v, want zero", got[3].Value)
	}
	if n := len(joined(err)); n != 3 {
		t.Errorf("Err() joins %d errors, want 3: %v", n, err)
	}
}

func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return nil
}

func TestResultsAllOK(t *testing.T) {
	rs := regions.Results[int]{{Region: "a", Value: 1}, {Region: "b", Value: 2}}
	if err := rs.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
	if rs.Failed() != nil {
		t.Errorf("Failed() = %v, want none", rs.Failed())
	}
	if diff := cmp.Diff([]int{1, 2}, rs.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
}

// TestMapRegionTimeout: the slow region never answers on its own, so only
// its own deadline can end it; the others answer at once and must succeed.
func TestMapRegionTimeout(t *testing.T) {
	set := newSet(t, []string{"fast-1", "slow-1", "fast-2"}, regions.WithRegionTimeout(20*time.Millisecond))
	parent := guardCtx(t)
	got := regions.Map(parent, set, func(ctx context.Context, region string, c *conn) (bool, error) {
		_, hasDeadline := ctx.Deadline()
		if region == "slow-1" {
			<-ctx.Done()
			return hasDeadline, ctx.Err()
		}
		return hasDeadline, nil
	})
	if !errors.Is(got[1].Err, context.DeadlineExceeded) {
		t.Errorf("slow-1: err = %v, want context.DeadlineExceeded", got[1].Err)
	}
	for _, i := range []int{0, 2} {
		if got[i].Err != nil || !got[i].Value {
			t.Errorf("%s: value %v err %v; want success under its own deadline", got[i].Region, got[i].Value, got[i].Err)
		}
	}
	if parent.Err() != nil {
		t.Error("a region's timeout cancelled the caller's context")
	}
}

// TestMapStopOnError: "bad" fails once every other region is running or
// done; the running ones must then see their contexts cancelled, while the
// result gathered before the failure is kept.
func TestMapStopOnError(t *testing.T) {
	names := []string{"ok-1", "bad-1", "wait-1", "wait-2", "wait-3"}
	set := newSet(t, names, regions.StopOnError())
	var waiting sync.WaitGroup
	waiting.Add(3)
	okDone := make(chan struct{})
	got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) (string, error) {
		switch region {
		case "ok-1":
			defer close(okDone)
			return "kept", nil
		case "bad-1":
			<-okDone
			waiting.Wait()
			return "", errBoom
		}
		waiting.Done()
		<-ctx.Done()
		return "", context.Cause(ctx)
	})
	if got[0].Err != nil || got[0].Value != "kept" {
		t.Errorf("ok-1 = %+v, want its value kept", got[0])
	}
	if got[1].Err != errBoom {
		t.Errorf("bad-1 err = %v, want errBoom", got[1].Err)
	}
	for _, r := range got[2:] {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%s err = %v, want context.Canceled", r.Region, r.Err)
		}
	}
}

// TestMapStopOnErrorSkipsUnstarted runs one region at a time, so the
// regions after the failing one have not started when it fails.
func TestMapStopOnErrorSkipsUnstarted(t *testing.T) {
	for _, stop := range []bool{true, false} {
		t.Run(fmt.Sprintf("stop=%v", stop), func(t *testing.T) {
			opts := []regions.SetOption{regions.WithConcurrency(1)}
			if stop {
				opts = append(opts, regions.StopOnError())
			}
			set := newSet(t, []string{"ok-1", "bad-1", "later-1", "later-2"}, opts...)
			var called []string
			got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) (int, error) {
				called = append(called, region) // one at a time: no race
				if region == "bad-1" {
					return 0, errBoom
				}
				return 1, nil
			})
			wantCalled := []string{"ok-1", "bad-1", "later-1", "later-2"}
			if stop {
				wantCalled = wantCalled[:2]
				for _, r := range got[2:] {
					if r.Err != context.Canceled {
						t.Errorf("%s err = %v, want context.Canceled", r.Region, r.Err)
					}
				}
			} else if diff := cmp.Diff([]int{1, 1, 1}, got.Values()); diff != "" {
				t.Errorf("Values() (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantCalled, called); diff != "" {
				t.Errorf("regions called (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapParentCancel(t *testing.T) {
	names := regionNames(6)
	set := newSet(t, names)
	ctx, cancel := context.WithCancel(guardCtx(t))
	var running sync.WaitGroup
	running.Add(len(names))
	go func() { running.Wait(); cancel() }()
	got := regions.Map(ctx, set, func(ctx context.Context, region string, c *conn) (int, error) {
		running.Done()
		<-ctx.Done()
		return 0, ctx.Err()
	})
	for _, r := range got {
		if r.Err != context.Canceled {
			t.Errorf("%s err = %v, want context.Canceled", r.Region, r.Err)
		}
	}
}

func TestMapCancelledBeforeStart(t *testing.T) {
	set := newSet(t, regionNames(5), regions.WithConcurrency(2))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var calls atomic.Int32
	err := set.Do(ctx, func(ctx context.Context, region string, c *conn) error {
		calls.Add(1)
		return nil
	})
	if calls.Load() != 0 {
		t.Errorf("fn called %d times under a cancelled context", calls.Load())
	}
	if !errors.Is(err, context.Canceled) || len(joined(err)) != 5 {
		t.Errorf("Do = %v; want context.Canceled for all 5 regions", err)
	}
}

// TestMapRunsAllAtOnce: no region may return before every region has
// started, which is only possible when all run at once.
func TestMapRunsAllAtOnce(t *testing.T) {
	names := regionNames(30)
	set := newSet(t, names) // default concurrency
	var arrived sync.WaitGroup
	arrived.Add(len(names))
	all := make(chan struct{})
	go func() { arrived.Wait(); close(all) }()
	got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) (string, error) {
		arrived.Done()
		select {
		case <-all:
			return region, nil
		case <-ctx.Done():
			return "", fmt.Errorf("barrier of %d never released: %w", len(names), ctx.Err())
		}
	})
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(names, got.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
}

// TestMapConcurrencyLimit: with a limit of 2, the first two regions meet at
// a barrier (so two do run at once), and no more than two ever run.
func TestMapConcurrencyLimit(t *testing.T) {
	names := regionNames(12)
	set := newSet(t, names, regions.WithConcurrency(2))
	var running, peak atomic.Int32
	var pair sync.WaitGroup
	pair.Add(2)
	var seen atomic.Int32
	got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) (int32, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if seen.Add(1) <= 2 {
			pair.Done()
			pair.Wait()
		}
		// Give a third goroutine, if the limit let one through, the chance
		// to show up while this one still runs.
		for range 100 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			runtime.Gosched()
		}
		return n, nil
	})
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency = %d, want 2", p)
	}
}

// TestMapTypes shows results keep their static type end to end.
func TestMapTypes(t *testing.T) {
	type domain struct {
		Name, Region string
	}
	set := newSet(t, []string{"us-east-1", "eu-west-1"})
	got := regions.Map(guardCtx(t), set, func(ctx context.Context, region string, c *conn) ([]domain, error) {
		return []domain{{Name: "users", Region: c.region}}, nil
	})
	var flat []domain = regions.Flatten(got)
	want := []domain{{"users", "us-east-1"}, {"users", "eu-west-1"}}
	if diff := cmp.Diff(want, flat); diff != "" {
		t.Errorf("Flatten (-want +got):\n%s", diff)
	}
}

func TestMapNilFunc(t *testing.T) {
	set := newSet(t, []string{"a-1"})
	var ve *goboto.ValidationError
	if err := regions.Map[*conn, int](t.Context(), set, nil).Err(); !errors.As(err, &ve) {
		t.Errorf("Map(nil) err = %v, want *goboto.ValidationError", err)
	}
	if err := set.Do(t.Context(), nil); !errors.As(err, &ve) {
		t.Errorf("Do(nil) = %v, want *goboto.ValidationError", err)
	}
}

func TestDo(t *testing.T) {
	set := newSet(t, []string{"a-1", "b-1", "c-1"})
	var mu sync.Mutex
	var seen []string
	err := set.Do(guardCtx(t), func(ctx context.Context, region string, c *conn) error {
		mu.Lock()
		seen = append(seen, region)
		mu.Unlock()
		if region == "b-1" {
			return errBoom
		}
		return nil
	})
	slices.Sort(seen)
	if diff := cmp.Diff([]string{"a-1", "b-1", "c-1"}, seen); diff != "" {
		t.Errorf("regions visited (-want +got):\n%s", diff)
	}
	var re *regions.RegionError
	if !errors.As(err, &re) || re.Region != "b-1" || !errors.Is(err, errBoom) {
		t.Errorf("Do = %v; want b-1's errBoom", err)
	}
	if want := "b-1: boom"; err.Error() != want {
		t.Errorf("Do error text = %q, want %q", err.Error(), want)
	}
}
