package regions

import (
	"context"
	"runtime/debug"

	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
)

// Map calls fn once per region of s, concurrently (up to the set's
// concurrency limit), and returns every region's result in the order of
// s.Regions(), whatever order they finished in. A region's error stays in
// its own Result; it never hides another region's value.
//
// Each call gets a context derived from ctx, with the set's per-region
// timeout if one was set. Cancelling ctx stops the whole run: regions not
// yet started report ctx's error without being called. With StopOnError
// the first failure cancels the rest the same way. A panic in fn is
// recovered and reported as that region's *PanicError. Map returns only
// after every call has returned; it leaves no goroutine behind.
func Map[C, R any](ctx context.Context, s *ServiceSet[C], fn func(ctx context.Context, region string, conn C) (R, error)) Results[R] {
	out := make(Results[R], len(s.regions))
	for i, r := range s.regions {
		out[i].Region = r
	}
	if fn == nil {
		for i := range out {
			out[i].Err = goboto.Invalid("fn", "", "must not be nil")
		}
		return out
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var g errgroup.Group
	g.SetLimit(s.opts.concurrency)
	for i := range out {
		if err := ctx.Err(); err != nil {
			// Stopped while waiting for a free slot: do not start more.
			out[i].Err = err
			continue
		}
		g.Go(func() error {
			v, err := call(ctx, s.opts, out[i].Region, s.conns[i], fn)
			out[i].Value, out[i].Err = v, err
			if err != nil && s.opts.stopOnError {
				cancel()
			}
			return nil // errors stay per region; the group must not cancel anything
		})
	}
	_ = g.Wait()
	return out
}

// call runs fn for one region, turning a panic into a *PanicError.
func call[C, R any](ctx context.Context, o setOptions, region string, conn C, fn func(context.Context, string, C) (R, error)) (v R, err error) {
	if err := ctx.Err(); err != nil {
		return v, err
	}
	if o.regionTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.regionTimeout)
		defer cancel()
	}
	defer func() {
		if p := recover(); p != nil {
			var zero R
			v, err = zero, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return fn(ctx, region, conn)
}

// Do calls fn in every region of s, as Map does, and returns the joined
// errors of the regions that failed (see Results.Err), or nil.
func (s *ServiceSet[C]) Do(ctx context.Context, fn func(ctx context.Context, region string, conn C) error) error {
	if fn == nil {
		return goboto.Invalid("fn", "", "must not be nil")
	}
	return Map(ctx, s, func(ctx context.Context, region string, conn C) (struct{}, error) {
		return struct{}{}, fn(ctx, region, conn)
	}).Err()
}
