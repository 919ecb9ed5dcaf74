package fake

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/sigv2"
)

// authFailure says why a request was refused; each maps to a field of
// ErrorSet.
type authFailure int

const (
	authOK authFailure = iota
	authMissing
	authUnknownKey
	authBadSignature
	authBadToken
	authExpired
	authPresignExpired
	authQueryParams  // presigning parameters refused (errQueryParams)
	authSigV2Refused // a SigV2 request to a service that takes SigV4 only
)

// authResult is what the server learnt of a request's signature.
type authResult struct {
	sigVersion int // 2 or 4 as claimed, 0 when unsigned
	v4         *v4Sig
	cred       Credential
	fail       authFailure
	detail     string            // safe text for the error message; "" keeps the default
	extra      map[string]string // elements S3 adds to the error (authPresignExpired)
}

// authenticate checks r's signature against the server's credentials. It
// needs no Service: SigV4's scope names one, and whether the service takes
// SigV2 at all is checked after routing. An unread body is not hashed: its
// X-Amz-Content-Sha256 is taken as signed and checked as the body streams
// (payloadStream).
func (s *Server) authenticate(r *http.Request, body []byte, unread bool, params url.Values, now time.Time) authResult {
	auth := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(auth, v4Algorithm):
		v, err := parseV4Header(r, auth)
		return s.checkV4(r, body, unread, v, err, now)
	case r.URL.Query().Has("X-Amz-Algorithm"):
		v, err := parseV4Query(r.URL.Query())
		return s.checkV4(r, body, unread, v, err, now)
	case params.Has("Signature") || params.Has("SignatureVersion") || params.Has("AWSAccessKeyId"):
		return s.checkV2(r, params, now)
	case strings.HasPrefix(auth, "AWS "):
		// S3's SigV2 header, "AWS AKID:signature". No fake service takes
		// it (S3 refuses it after routing), so it is not verified.
		return authResult{sigVersion: 2, fail: authBadSignature, detail: "Unsupported Authorization scheme."}
	case auth != "":
		return authResult{fail: authBadSignature, detail: "Unsupported Authorization scheme."}
	}
	return authResult{fail: authMissing}
}

func (s *Server) checkV4(r *http.Request, body []byte, unread bool, v *v4Sig, err error, now time.Time) authResult {
	res := authResult{sigVersion: 4, v4: v}
	var m errMalformed
	var qp errQueryParams
	if errors.As(err, &qp) {
		res.fail, res.detail = authQueryParams, string(qp)
		return res
	}
	if errors.As(err, &m) {
		res.fail, res.detail = authBadSignature, string(m)
		return res
	}
	cred, ok := s.creds[v.accessKey]
	if !ok {
		res.fail = authUnknownKey
		return res
	}
	good, err := verifyV4(r, body, unread, v, cred.SecretAccessKey)
	switch {
	case errors.As(err, &m):
		res.fail, res.detail = authBadSignature, string(m)
		return res
	case err != nil:
		res.fail, res.detail = authBadSignature, err.Error()
		return res
	case !good:
		res.fail = authBadSignature
		return res
	}
	res.cred = cred
	if !tokenMatches(cred, v.token) {
		res.fail = authBadToken
		return res
	}
	if v.presigned {
		if expiry := v.time.Add(v.expires); now.After(expiry) {
			res.fail, res.detail = authPresignExpired, "Request has expired"
			res.extra = map[string]string{
				"X-Amz-Expires": strconv.Itoa(int(v.expires / time.Second)),
				"Expires":       expiry.UTC().Format(time.RFC3339),
				"ServerTime":    now.UTC().Format(time.RFC3339),
			}
			return res
		}
		if v.time.Sub(now) > s.opts.MaxSkew {
			res.fail, res.detail = authExpired, skewDetail(v.time, now, s.opts.MaxSkew)
		}
		return res
	}
	if d := now.Sub(v.time); d > s.opts.MaxSkew || -d > s.opts.MaxSkew {
		res.fail, res.detail = authExpired, skewDetail(v.time, now, s.opts.MaxSkew)
	}
	return res
}

// tokenMatches reports whether a request's session token suits cred:
// temporary credentials need their token, long-term ones take none.
func tokenMatches(cred Credential, token string) bool {
	return subtle.ConstantTimeCompare([]byte(cred.SessionToken), []byte(token)) == 1
}

// skewDetail words a clock-skew refusal as the Query and JSON services
// do: "Signature expired: <t> is now earlier than <now-skew> (<now> - 15 min.)".
func skewDetail(t, now time.Time, skew time.Duration) string {
	f := func(t time.Time) string { return t.UTC().Format(v4TimeFormat) }
	mins := fmt.Sprintf("%g min.", skew.Minutes())
	if t.Before(now) {
		return fmt.Sprintf("Signature expired: %s is now earlier than %s (%s - %s)", f(t), f(now.Add(-skew)), f(now), mins)
	}
	return fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + %s)", f(t), f(now.Add(skew)), f(now), mins)
}

// checkV2 verifies a Signature Version 2 request with internal/sigv2.
func (s *Server) checkV2(r *http.Request, params url.Values, now time.Time) authResult {
	res := authResult{sigVersion: 2}
	if params.Get("SignatureVersion") != "2" {
		res.fail, res.detail = authBadSignature, "Only SignatureVersion 2 is supported."
		return res
	}
	if m := params.Get("SignatureMethod"); m != sigv2.HmacSHA256 && m != sigv2.HmacSHA1 {
		res.fail, res.detail = authBadSignature, "SignatureMethod must be HmacSHA256 or HmacSHA1."
		return res
	}
	key := params.Get("AWSAccessKeyId")
	if key == "" || params.Get("Signature") == "" {
		res.fail = authMissing
		return res
	}
	cred, ok := s.creds[key]
	if !ok {
		res.fail = authUnknownKey
		return res
	}
	path := r.URL.Path
	if path == "" {
		path = "/"
	}
	if !sigv2.Verify(params, r.Method, r.Host, path, cred.SecretAccessKey) {
		res.fail = authBadSignature
		return res
	}
	res.cred = cred
	if !tokenMatches(cred, params.Get("SecurityToken")) {
		res.fail = authBadToken
		return res
	}
	switch ts, exp := params.Get("Timestamp"), params.Get("Expires"); {
	case ts != "":
		t, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			res.fail, res.detail = authBadSignature, "Timestamp is not a valid ISO 8601 time."
			return res
		}
		if d := now.Sub(t); d > s.opts.MaxSkew || -d > s.opts.MaxSkew {
			res.fail, res.detail = authExpired, skewDetail(t, now, s.opts.MaxSkew)
		}
	case exp != "":
		t, err := time.Parse(time.RFC3339, exp)
		if err != nil {
			res.fail, res.detail = authBadSignature, "Expires is not a valid ISO 8601 time."
			return res
		}
		if now.After(t) {
			res.fail, res.detail = authExpired, "Request has expired"
		}
	default:
		res.fail, res.detail = authBadSignature, "Timestamp or Expires is required."
	}
	return res
}

// authError returns the error svc answers for res, or nil when res passed.
func authError(svc *Service, res authResult) *Error {
	if res.fail == authOK {
		return nil
	}
	set := svc.errorSet()
	var e *Error
	switch res.fail {
	case authMissing:
		e = set.MissingAuth
	case authUnknownKey:
		e = set.UnknownAccessKey
	case authBadSignature:
		e = set.BadSignature
	case authQueryParams:
		if svc.Protocol == RestXML {
			return &Error{Status: http.StatusBadRequest, Code: "AuthorizationQueryParametersError", Message: res.detail, Sender: true}
		}
		e = set.BadSignature
		e.Message = res.detail
		return e
	case authBadToken:
		e = set.BadToken
	case authSigV2Refused:
		if svc.Protocol == RestXML {
			return errSigV2S3()
		}
		e = set.BadSignature
		e.Message = "This service does not accept Signature Version 2."
		return e
	case authPresignExpired:
		if set.PresignExpired != nil {
			e = set.PresignExpired
			if svc.Protocol == RestXML {
				e.Extra = res.extra
			}
			return e
		}
		fallthrough
	case authExpired:
		e = set.Expired
		// Query and JSON services say which times were compared; EC2 and
		// S3 have fixed texts.
		if svc.Errors.Expired == nil && svc.Protocol != EC2 && svc.Protocol != RestXML && res.detail != "" {
			e.Message = res.detail
		}
		return e
	}
	if res.detail != "" && res.fail == authBadSignature {
		e.Message = res.detail
	}
	return e
}

// errSigV2S3 is S3's answer to a request signed with Signature Version 2
// where it takes SigV4 only, as in every region launched since 2014 and
// every bucket created since June 2020 (Amazon S3 API Reference,
// "Authenticating Requests (AWS Signature Version 2)": Signature Version
// 2 is being turned off). The code and text are the ones S3 sends.
func errSigV2S3() *Error {
	return &Error{Status: http.StatusBadRequest, Code: "InvalidRequest", Sender: true,
		Message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."}
}
