package fake

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/goboto/goboto/internal/detach"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Credentials are the accounts the server knows; nil means
	// DefaultCredentials().
	Credentials []Credential
	// DefaultRegion is the region of requests whose signature and Host
	// name none; "" means "us-east-1".
	DefaultRegion string
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
	// MaxSkew is how far a request's signing time may be from Now; 0
	// means 15 minutes, as AWS allows.
	MaxSkew time.Duration
	// Seed makes probabilistic faults reproducible.
	Seed int64
	// Logger receives debug records of each request; nil discards them.
	// Keys, tokens and signatures are never logged.
	Logger *slog.Logger
}

// Server is an in-process AWS endpoint hosting one or more Services. It is
// safe for concurrent use.
type Server struct {
	opts   Options
	creds  map[string]Credential
	log    *slog.Logger
	faults *Faults

	mu       sync.RWMutex
	services []Service

	callsMu sync.Mutex
	calls   []Call

	lifeMu    sync.Mutex
	srv       *http.Server
	ln        net.Listener
	url       string
	transport *http.Transport
	client    *http.Client
	cancel    context.CancelFunc
	served    chan struct{}
	inflight  inflight
}

// inflight counts handlers running. Unlike a WaitGroup it may be waited
// on while new requests still arrive on connections being torn down.
type inflight struct {
	mu   sync.Mutex
	n    int
	zero sync.Cond
}

func (f *inflight) add(d int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n += d
	if f.n == 0 && f.zero.L != nil {
		f.zero.Broadcast()
	}
}

func (f *inflight) wait() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.zero.L == nil {
		f.zero.L = &f.mu
	}
	for f.n > 0 {
		f.zero.Wait()
	}
}

// NewServer returns a Server hosting services. It does not listen until
// Start, StartAt or StartTLS; ServeHTTP works at once.
func NewServer(opts Options, services ...Service) *Server {
	if opts.Credentials == nil {
		opts.Credentials = DefaultCredentials()
	}
	if opts.DefaultRegion == "" {
		opts.DefaultRegion = DefaultRegion
	}
	if opts.MaxSkew <= 0 {
		opts.MaxSkew = 15 * time.Minute
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		opts:   opts,
		creds:  make(map[string]Credential, len(opts.Credentials)),
		log:    log,
		faults: newFaults(opts.Seed),
	}
	for _, c := range opts.Credentials {
		s.creds[c.AccessKeyID] = c
	}
	for _, svc := range services {
		s.Register(svc)
	}
	return s
}

// Register adds svc. A service registered later with the same Name replaces
// the earlier one for SigV4 routing.
func (s *Server) Register(svc Service) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.services {
		if s.services[i].Name == svc.Name {
			s.services[i] = svc
			return
		}
	}
	s.services = append(s.services, svc)
}

// Services returns the registered services.
func (s *Server) Services() []Service {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Service(nil), s.services...)
}

// Credentials returns the credentials the server accepts.
func (s *Server) Credentials() []Credential {
	return append([]Credential(nil), s.opts.Credentials...)
}

// DefaultRegion returns the region of requests that name none.
func (s *Server) DefaultRegion() string { return s.opts.DefaultRegion }

// MaxSkew returns how far a request's time may be from Now.
func (s *Server) MaxSkew() time.Duration { return s.opts.MaxSkew }

// Now returns the server's clock.
func (s *Server) Now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// Faults returns the server's fault rules.
func (s *Server) Faults() *Faults { return s.faults }

// Start listens on a free port of 127.0.0.1.
func (s *Server) Start() error { return s.StartAt("127.0.0.1:0") }

// StartAt listens on addr ("127.0.0.1:8080").
func (s *Server) StartAt(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("fake: listen: %w", err)
	}
	return s.serve(ln, nil)
}

// StartTLS listens on a free port of 127.0.0.1 with a self-signed
// certificate, made now, for 127.0.0.1, ::1 and localhost. HTTPClient
// trusts it.
func (s *Server) StartTLS() error { return s.StartTLSAt("127.0.0.1:0") }

// StartTLSAt is StartTLS on a chosen address.
func (s *Server) StartTLSAt(addr string) error {
	cert, pool, err := selfSigned(time.Now())
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("fake: listen: %w", err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return s.serve(tls.NewListener(ln, cfg), &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})
}

func (s *Server) serve(ln net.Listener, clientTLS *tls.Config) error {
	s.lifeMu.Lock()
	defer s.lifeMu.Unlock()
	if s.srv != nil {
		ln.Close()
		return errors.New("fake: server already started")
	}
	ctx, cancel := context.WithCancel(context.Background())
	// HTTP/1.1 only: Reset and Truncate faults hijack the connection,
	// which HTTP/2 does not allow.
	protos := new(http.Protocols)
	protos.SetHTTP1(true)
	s.srv = &http.Server{
		Handler:           s,
		Protocols:         protos,
		ReadHeaderTimeout: 30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		// Handshake failures and the like go to the debug log, not stderr.
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	s.ln = ln
	s.cancel = cancel
	scheme := "http"
	if clientTLS != nil {
		scheme = "https"
	}
	s.url = scheme + "://" + ln.Addr().String()
	if s.transport != nil {
		s.transport.CloseIdleConnections()
	}
	s.transport = &http.Transport{
		Proxy:               nil,
		TLSClientConfig:     clientTLS,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     30 * time.Second,
	}
	// A client handed out before Start keeps working: it gets the new
	// transport.
	if s.client == nil {
		s.client = &http.Client{}
	}
	s.client.Transport = detach.Transport{Next: s.transport}
	s.served = make(chan struct{})
	srv, served := s.srv, s.served
	go func() {
		defer close(served)
		srv.Serve(ln)
	}()
	s.log.Debug("fake: listening", "url", s.url)
	return nil
}

// URL returns the server's base URL ("http://127.0.0.1:port"), or "" before
// Start.
func (s *Server) URL() string {
	s.lifeMu.Lock()
	defer s.lifeMu.Unlock()
	return s.url
}

// HTTPClient returns the server's client; after StartTLS it trusts the
// server's certificate. It is the same *http.Client every time, and it
// talks to no proxy. Its transport goes through detach.Transport, so an
// aws-sdk-go-v2 client never has a connection closed under an answer
// because the SDK closed its request body first.
func (s *Server) HTTPClient() *http.Client {
	s.lifeMu.Lock()
	defer s.lifeMu.Unlock()
	if s.client == nil {
		s.transport = &http.Transport{Proxy: nil}
		s.client = &http.Client{Transport: detach.Transport{Next: s.transport}}
	}
	return s.client
}

// Close stops the server: it closes the listener and every connection,
// cancels requests in flight and waits for their handlers to return.
// Closing a server that never started is a no-op.
func (s *Server) Close() error {
	s.lifeMu.Lock()
	srv, served, cancel, tr := s.srv, s.served, s.cancel, s.transport
	s.srv, s.served, s.cancel = nil, nil, nil
	s.lifeMu.Unlock()
	var err error
	if srv != nil {
		cancel()
		err = srv.Close()
		<-served
	}
	if tr != nil {
		tr.CloseIdleConnections()
	}
	s.inflight.wait()
	return err
}
