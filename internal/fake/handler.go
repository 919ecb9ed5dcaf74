package fake

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// ServeHTTP authenticates r, routes it to a service, applies any faults and
// hands it to the service. Every answer carries x-amzn-RequestId and
// x-amz-request-id.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.add(1)
	defer s.inflight.add(-1)
	now := s.Now()
	id := newRequestID()
	w.Header().Set("x-amzn-RequestId", id)
	w.Header().Set("x-amz-request-id", id)
	call := Call{Time: now, RequestID: id, Method: r.Method, Path: r.URL.Path}
	// The call is recorded when the answer's status is written, before
	// any of it reaches the client, so a test that looks at Calls right
	// after a response always finds it.
	recorded := false
	sw := &statusWriter{ResponseWriter: w}
	finish := func(status int) {
		if recorded {
			return
		}
		recorded = true
		call.Status, call.Code = status, sw.code
		s.record(call)
		s.log.Debug("fake: request", "request_id", id, "method", call.Method, "path", call.Path,
			"service", call.Service, "operation", call.Operation, "region", call.Region,
			"account", call.Account, "sig", call.SigVersion, "status", call.Status,
			"code", call.Code, "fault", call.Fault.String())
	}
	sw.onHeader = finish
	defer func() { finish(sw.status) }()

	if svc := s.hostService(r.Host); svc != nil {
		s.serveHost(sw, r, svc, &call, id, now)
		return
	}
	unread := s.streamsBody(r)
	var body []byte
	if !unread {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return // the client went away mid-body
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	params := requestParams(r, body)
	res := s.authenticate(r, body, unread, params, now)
	call.SigVersion = res.sigVersion

	rt := s.route(r, res, params)
	if rt.svc == nil {
		RenderError(sw, rt.errIn, id, rt.err)
		return
	}
	svc := rt.svc // a copy: changing it changes this request only
	call.Service = svc.Name
	call.Region = s.region(r, svc, res)
	if !unread && gzipped(r, svc) && res.fail == authOK {
		plain, err := inflate(body)
		if err != nil {
			RenderError(sw, svc, id, errMalformedBody(svc))
			return
		}
		body = plain
		r.Body = io.NopCloser(bytes.NewReader(body))
		params = requestParams(r, body)
	}
	// A copy of the registered service: serving this request in the
	// protocol it speaks changes nothing for the next.
	svc.Protocol = protocolOf(r, svc, params)
	call.Operation = operation(r, svc, params)

	if res.sigVersion == 2 && !svc.SigV2 {
		res.fail, res.detail = authSigV2Refused, ""
	}
	if res.fail == authMissing && svc.AllowAnonymous {
		res.fail = authOK
	}
	e := scopeMismatch(svc, rt, res)
	if e == nil {
		e = authError(svc, res)
	}
	if e != nil {
		RenderError(sw, svc, id, e)
		return
	}
	call.Account = res.cred.AccountID
	req := &Request{
		HTTP:       r,
		Body:       body,
		Service:    svc.Name,
		Region:     call.Region,
		Operation:  call.Operation,
		Protocol:   svc.Protocol,
		Params:     serviceParams(params, res.sigVersion),
		Credential: res.cred,
		RequestID:  id,
		SigVersion: res.sigVersion,
		Now:        now,
	}
	if res.fail == authOK && res.sigVersion == 0 {
		req.SigVersion = 0
	}
	if svc.StreamBody != nil && svc.StreamBody(r) {
		req.Trailers = map[string]string{}
		req.Stream = payloadStream(r, r.Body, unread, res, svc, req.Trailers)
		if unread {
			req.Body = nil
		}
	}

	var fault *Fault
	for _, f := range s.faults.pick(&call) {
		if f.Kind == Latency {
			call.Fault = Latency
			if !sleep(r.Context(), f.Delay) {
				return
			}
			continue
		}
		fault = &f
	}
	if fault == nil {
		s.handle(sw, svc, req)
		return
	}
	call.Fault = fault.Kind
	switch fault.Kind {
	case Throttle, ServerError:
		if unread {
			drainBody(sw, r)
		}
		e := fault.Err
		if e == nil {
			set := svc.errorSet()
			e = set.Throttle
			if fault.Kind == ServerError {
				e = set.ServerError
			}
		}
		RenderError(sw, svc, id, e)
	case Reset:
		finish(0) // recorded before the client can see the reset
		abort(w, true)
	case Truncate, SlowBody:
		bw := &bufferWriter{header: w.Header()}
		s.handle(bw, svc, req)
		sw.code = bw.errCode
		if fault.Kind == Truncate {
			truncate(sw, bw)
		} else {
			slowBody(r.Context(), sw, bw, fault.Delay, fault.ChunkSize)
		}
	default:
		s.handle(sw, svc, req)
	}
}

// handle runs the service's handler and renders the error it returns, if
// it has not begun its answer.
func (s *Server) handle(w http.ResponseWriter, svc *Service, req *Request) {
	if svc.Handle == nil {
		e := &Error{Status: http.StatusNotImplemented, Code: "NotImplemented", Message: "The fake " + svc.Name + " service has no handler."}
		RenderError(w, svc, req.RequestID, e)
		return
	}
	err := svc.Handle(w, req)
	if err == nil {
		return
	}
	if wrote(w) {
		s.log.Debug("fake: handler error after answer began", "request_id", req.RequestID, "err", err.Error())
		return
	}
	if req.Stream != nil {
		// A handler that refused a streamed request may have left its
		// body unread, as a fault does.
		drainBody(w, req.HTTP)
	}
	s.WriteError(w, svc, req.RequestID, err)
}

func wrote(w http.ResponseWriter) bool {
	switch w := w.(type) {
	case *statusWriter:
		return w.status != 0
	case *bufferWriter:
		return w.status != 0
	}
	return false
}

// newRequestID returns a random version-4 UUID.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// sleep waits d or until ctx ends, and reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// abort drops the connection under w. With reset it sets SO_LINGER to 0
// so the peer sees a TCP RST rather than an orderly close. Where w cannot
// be hijacked (a ResponseRecorder), it aborts the handler the way net/http
// understands.
func abort(w http.ResponseWriter, reset bool) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if reset {
		c := conn
		if tc, ok := c.(*tls.Conn); ok {
			c = tc.NetConn()
		}
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
	}
	conn.Close()
}

// truncate sends bw's status and full Content-Length but only half its
// body, then closes the connection.
func truncate(w http.ResponseWriter, bw *bufferWriter) {
	body := bw.buf.Bytes()
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(bw.code())
	w.Write(body[:len(body)/2])
	rc := http.NewResponseController(w)
	rc.Flush()
	if conn, _, err := rc.Hijack(); err == nil {
		conn.Close()
	}
}

// slowBody sends bw's answer in chunk-byte pieces with delay between them.
func slowBody(ctx context.Context, w http.ResponseWriter, bw *bufferWriter, delay time.Duration, chunk int) {
	if chunk <= 0 {
		chunk = 16
	}
	body := bw.buf.Bytes()
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(bw.code())
	rc := http.NewResponseController(w)
	for len(body) > 0 {
		n := min(chunk, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		rc.Flush()
		body = body[n:]
		if len(body) > 0 && !sleep(ctx, delay) {
			return
		}
	}
}

// errorCoder is a writer that remembers the code of the error rendered
// into it.
type errorCoder interface{ setErrorCode(code string) }

// statusWriter remembers the status and error code of the answer and
// calls onHeader once, just before the status is sent.
type statusWriter struct {
	http.ResponseWriter
	status   int
	code     string
	onHeader func(status int)
}

func (w *statusWriter) setErrorCode(code string) { w.code = code }

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
		if w.onHeader != nil {
			w.onHeader(code)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Flush() { http.NewResponseController(w.ResponseWriter).Flush() }

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// bufferWriter holds a handler's answer so a fault can mangle its
// delivery.
type bufferWriter struct {
	header  http.Header
	status  int
	errCode string
	buf     bytes.Buffer
}

func (w *bufferWriter) setErrorCode(code string) { w.errCode = code }

func (w *bufferWriter) Header() http.Header { return w.header }

func (w *bufferWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *bufferWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.buf.Write(p)
}

func (w *bufferWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
