package fake

import (
	"cmp"
	"slices"
	"sync"
)

// Scoped holds one T per (account, region), made on first use by New (or
// new(T) when New is nil). Fakes keep their state in it, so each account
// and region sees only its own resources, as in AWS. The zero value is
// ready; it is safe for concurrent use, but the T values guard themselves.
type Scoped[T any] struct {
	New func(account, region string) *T

	mu sync.Mutex
	m  map[scopeKey]*T
}

type scopeKey struct{ account, region string }

// Get returns the state of account in region, making it if needed.
func (s *Scoped[T]) Get(account, region string) *T {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := scopeKey{account, region}
	if v, ok := s.m[k]; ok {
		return v
	}
	if s.m == nil {
		s.m = make(map[scopeKey]*T)
	}
	var v *T
	if s.New != nil {
		v = s.New(account, region)
	}
	if v == nil {
		v = new(T)
	}
	s.m[k] = v
	return v
}

// Lookup returns the state of account in region if it was made.
func (s *Scoped[T]) Lookup(account, region string) (*T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[scopeKey{account, region}]
	return v, ok
}

// Each calls fn for every state made so far, sorted by account then
// region. fn runs without Scoped's lock held, so it may call Get.
func (s *Scoped[T]) Each(fn func(account, region string, v *T)) {
	s.mu.Lock()
	keys := make([]scopeKey, 0, len(s.m))
	vals := make(map[scopeKey]*T, len(s.m))
	for k, v := range s.m {
		keys = append(keys, k)
		vals[k] = v
	}
	s.mu.Unlock()
	slices.SortFunc(keys, func(a, b scopeKey) int {
		return cmp.Or(cmp.Compare(a.account, b.account), cmp.Compare(a.region, b.region))
	})
	for _, k := range keys {
		fn(k.account, k.region, vals[k])
	}
}

// Reset forgets every state.
func (s *Scoped[T]) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m = nil
}
