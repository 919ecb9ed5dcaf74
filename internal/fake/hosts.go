package fake

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"
)

// hostService returns a copy of the service whose Hosts claims host, or
// nil.
func (s *Server) hostService(host string) *Service {
	h := strings.ToLower(strings.TrimSuffix(hostname(host), "."))
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range s.services {
		if s.services[i].Hosts != nil && s.services[i].Hosts(h) {
			svc := s.services[i]
			return &svc
		}
	}
	return nil
}

// serveHost hands r to svc without authenticating it (Service.Hosts).
// Faults do not apply: they model AWS's API endpoints, not what a
// service serves to its own viewers.
func (s *Server) serveHost(w http.ResponseWriter, r *http.Request, svc *Service, call *Call, id string, now time.Time) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the client went away mid-body
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	call.Service = svc.Name
	call.Region = s.opts.DefaultRegion
	if svc.Operation != nil {
		call.Operation = svc.Operation(r)
	}
	s.handle(w, svc, &Request{
		HTTP:      r,
		Body:      body,
		Service:   svc.Name,
		Region:    call.Region,
		Operation: call.Operation,
		RequestID: id,
		Now:       now,
	})
}
