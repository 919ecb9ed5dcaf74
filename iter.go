package goboto

import "iter"

// Collect drains an iterator into a slice, stopping at the first error. The
// items gathered before the error are returned with it.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
