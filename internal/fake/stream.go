package fake

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"mime"
	"net/http"
	"strings"
)

// Payloads of services that stream (Service.StreamBody) are not read
// before the handler runs: the handler reads Request.Stream as the bytes
// arrive, and the checks a signature makes on the payload happen as it is
// read, failing the read with an *Error when they do not hold.

// v4ServiceName returns the service of a SigV4 request's credential
// scope without checking anything else, or "".
func v4ServiceName(r *http.Request) string {
	cred := ""
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, v4Algorithm) {
		_, rest, ok := strings.Cut(auth, "Credential=")
		if !ok {
			return ""
		}
		cred, _, _ = strings.Cut(rest, ",")
	} else if r.URL.Query().Get("X-Amz-Algorithm") == v4Algorithm {
		cred = r.URL.Query().Get("X-Amz-Credential")
	}
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[3]
}

// streamsBody reports whether r's body may be left unread until its
// handler runs: r is SigV4-signed to a service that streams it, and the
// signature can be checked without the body (a header signature names its
// payload hash in X-Amz-Content-Sha256; a presigned URL signs
// UNSIGNED-PAYLOAD), or r is unsigned and goes to a service that takes
// anonymous requests and streams this one (streamsUnsigned).
func (s *Server) streamsBody(r *http.Request) bool {
	name := v4ServiceName(r)
	if name == "" {
		return s.streamsUnsigned(r)
	}
	if r.Header.Get("Authorization") != "" && r.Header.Get("X-Amz-Content-Sha256") == "" {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range s.services {
		if svc := &s.services[i]; svc.Name == name {
			return svc.StreamBody != nil && svc.StreamBody(r)
		}
	}
	return false
}

// streamsUnsigned reports whether r carries no signature at all and is
// routed, as ServeHTTP will route it, to a service that allows anonymous
// requests and streams r: S3's browser POST uploads, whose signature is a
// form field the handler checks, not part of the request. A request that
// claims a signature of any kind, or whose form body may carry a SigV2
// one (application/x-www-form-urlencoded), is read whole as before, so
// the services that authenticate from the body see no change.
func (s *Server) streamsUnsigned(r *http.Request) bool {
	if r.Header.Get("Authorization") != "" {
		return false
	}
	q := r.URL.Query()
	if q.Has("X-Amz-Algorithm") || q.Has("Signature") || q.Has("SignatureVersion") || q.Has("AWSAccessKeyId") {
		return false
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		return false
	}
	svc := s.route(r, authResult{}, q).svc
	return svc != nil && svc.AllowAnonymous && svc.StreamBody != nil && svc.StreamBody(r)
}

// The X-Amz-Content-Sha256 values of aws-chunked payloads.
const (
	streamingSigned          = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	streamingSignedTrailer   = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	streamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

// payloadStream wraps src, the request's raw body, in what a streaming
// handler reads: aws-chunked bodies decoded (their chunk and trailer
// signatures checked, trailers stored in trailers), and an unread body
// checked against the payload hash its signature covers.
func payloadStream(r *http.Request, src io.Reader, unread bool, res authResult, svc *Service, trailers map[string]string) io.Reader {
	sha := r.Header.Get("X-Amz-Content-Sha256")
	chunked := strings.HasPrefix(sha, "STREAMING-") ||
		strings.Contains(strings.ToLower(r.Header.Get("Content-Encoding")), "aws-chunked")
	switch {
	case chunked:
		c := newChunkReader(src, trailers, r.Header.Get("X-Amz-Decoded-Content-Length"))
		if (sha == streamingSigned || sha == streamingSignedTrailer) && res.v4 != nil {
			c.signer = &chunkSigner{key: signingKey(res.cred.SecretAccessKey, res.v4), v: res.v4,
				prev: strings.ToLower(res.v4.signature), badSig: svc.errorSet().BadSignature}
			c.hash = sha256.New()
			c.signedTrailer = sha == streamingSignedTrailer
		}
		return c
	case unread && sha != "" && sha != unsignedPayload:
		return &hashCheckReader{src: src, hash: sha256.New(), want: strings.ToLower(sha)}
	}
	return src
}

// errContentSHA256 is S3's answer to a payload that does not match its
// X-Amz-Content-Sha256.
func errContentSHA256() *Error {
	return &Error{Status: http.StatusBadRequest, Code: "XAmzContentSHA256Mismatch", Sender: true,
		Message: "The provided 'x-amz-content-sha256' header does not match what was computed."}
}

// hashCheckReader passes a payload through and, at its end, fails unless
// its SHA-256 is want (lower-case hex).
type hashCheckReader struct {
	src  io.Reader
	hash hash.Hash
	want string
}

func (h *hashCheckReader) Read(p []byte) (int, error) {
	n, err := h.src.Read(p)
	h.hash.Write(p[:n])
	if err == io.EOF && hex.EncodeToString(h.hash.Sum(nil)) != h.want {
		return n, errContentSHA256()
	}
	return n, err
}
