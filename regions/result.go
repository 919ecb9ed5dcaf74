package regions

import (
	"errors"
	"fmt"
)

// Result is one region's answer.
type Result[R any] struct {
	Region string
	Value  R     // the zero value when Err is set
	Err    error // as fn returned it
}

// Results are the answers of every region of a ServiceSet, in the order of
// its Regions.
type Results[R any] []Result[R]

// Err joins a *RegionError for each failed region, in order, or returns nil
// when every region succeeded.
func (rs Results[R]) Err() error {
	var errs []error
	for _, r := range rs {
		if r.Err != nil {
			errs = append(errs, &RegionError{Region: r.Region, Err: r.Err})
		}
	}
	return errors.Join(errs...)
}

// Values returns the values of the regions that succeeded, in order.
func (rs Results[R]) Values() []R {
	var out []R
	for _, r := range rs {
		if r.Err == nil {
			out = append(out, r.Value)
		}
	}
	return out
}

// Failed returns the results of the regions that failed, in order.
func (rs Results[R]) Failed() Results[R] {
	var out Results[R]
	for _, r := range rs {
		if r.Err != nil {
			out = append(out, r)
		}
	}
	return out
}

// Flatten concatenates the lists of the regions that succeeded, in region
// order: boto's list of lists, made one list.
func Flatten[T any](rs Results[[]T]) []T {
	var out []T
	for _, r := range rs {
		if r.Err == nil {
			out = append(out, r.Value...)
		}
	}
	return out
}

// RegionError is one region's failure.
type RegionError struct {
	Region string
	Err    error
}

func (e *RegionError) Error() string { return e.Region + ": " + e.Err.Error() }

// Unwrap returns the region's error.
func (e *RegionError) Unwrap() error { return e.Err }

// PanicError reports a function that panicked in one region. Map recovers
// the panic so the other regions' results survive; Stack shows where it
// happened.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("regions: function panicked: %v", e.Value) }

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
