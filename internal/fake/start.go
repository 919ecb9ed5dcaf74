package fake

import "testing"

// StartBackend is the body of every service fake's New: it builds the
// service's backend from opts and starts a Shell serving it (over TLS by
// default when tlsDefault), for New to wrap in the package's Server.
func StartBackend[B interface{ Service() Service }](opts []Option, tlsDefault bool, newBackend func(...Option) (B, error)) (*Shell, B, error) {
	b, err := newBackend(opts...)
	if err != nil {
		var zero B
		return nil, zero, err
	}
	shell, err := StartShell(Apply(opts...), tlsDefault, b.Service())
	if err != nil {
		var zero B
		return nil, zero, err
	}
	return shell, b, nil
}

// StartTest is the body of every service fake's Start: newServer (the
// package's New) with opts, failing t with pkg's name if it cannot start,
// and closed when t ends.
func StartTest[S interface{ Close() error }](t testing.TB, pkg string, newServer func(...Option) (S, error), opts []Option) S {
	t.Helper()
	s, err := newServer(opts...)
	if err != nil {
		t.Fatalf("%s: %v", pkg, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
