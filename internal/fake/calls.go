package fake

import "time"

// Call is the record of one request the server received.
type Call struct {
	Time       time.Time // the server's clock on arrival
	RequestID  string
	Method     string
	Path       string
	Service    string // "" when no service matched
	Operation  string
	Region     string
	Account    string // "" when the request was not authenticated
	SigVersion int    // 2 or 4 as the request claimed; 0 when unsigned
	Status     int    // the HTTP status answered; 0 when the connection was dropped
	Code       string // the error code when the server or handler answered an *Error
	Fault      FaultKind
}

func (s *Server) record(c Call) {
	s.callsMu.Lock()
	defer s.callsMu.Unlock()
	s.calls = append(s.calls, c)
}

// Calls returns every request received so far, in the order they finished.
func (s *Server) Calls() []Call {
	s.callsMu.Lock()
	defer s.callsMu.Unlock()
	return append([]Call(nil), s.calls...)
}

// ResetCalls forgets the recorded calls.
func (s *Server) ResetCalls() {
	s.callsMu.Lock()
	defer s.callsMu.Unlock()
	s.calls = nil
}
