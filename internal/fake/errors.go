package fake

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// DefaultErrors returns the errors a Server answers for protocol p when a
// Service's ErrorSet leaves a field nil. The codes are the ones AWS sends.
func DefaultErrors(p Protocol) ErrorSet {
	switch p {
	case EC2:
		return ErrorSet{
			UnknownAccessKey: &Error{Status: 401, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials", Sender: true},
			BadSignature:     &Error{Status: 401, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials", Sender: true},
			Expired:          &Error{Status: 400, Code: "RequestExpired", Message: "Request has expired.", Sender: true},
			MissingAuth:      &Error{Status: 401, Code: "MissingAuthenticationToken", Message: "Request is missing Authentication Token", Sender: true},
			BadToken:         &Error{Status: 401, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials", Sender: true},
			Throttle:         &Error{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded.", Sender: true},
			ServerError:      &Error{Status: 500, Code: "InternalError", Message: "An internal error has occurred"},
		}
	case RestXML:
		return ErrorSet{
			UnknownAccessKey: &Error{Status: 403, Code: "InvalidAccessKeyId", Message: "The AWS Access Key Id you provided does not exist in our records.", Sender: true},
			BadSignature:     &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.", Sender: true},
			Expired:          &Error{Status: 403, Code: "RequestTimeTooSkewed", Message: "The difference between the request time and the current time is too large.", Sender: true},
			PresignExpired:   &Error{Status: 403, Code: "AccessDenied", Message: "Request has expired", Sender: true},
			MissingAuth:      &Error{Status: 403, Code: "AccessDenied", Message: "Access Denied", Sender: true},
			BadToken:         &Error{Status: 400, Code: "InvalidToken", Message: "The provided token is malformed or otherwise invalid.", Sender: true},
			Throttle:         &Error{Status: 503, Code: "SlowDown", Message: "Please reduce your request rate.", Sender: true},
			ServerError:      &Error{Status: 500, Code: "InternalError", Message: "We encountered an internal error. Please try again."},
		}
	case JSON10, RPCv2CBOR:
		return ErrorSet{
			UnknownAccessKey: &Error{Status: 400, Code: "UnrecognizedClientException", Message: "The security token included in the request is invalid.", Sender: true},
			BadSignature:     &Error{Status: 400, Code: "InvalidSignatureException", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", Sender: true},
			Expired:          &Error{Status: 400, Code: "InvalidSignatureException", Message: "Signature expired", Sender: true},
			MissingAuth:      &Error{Status: 400, Code: "MissingAuthenticationTokenException", Message: "Request is missing Authentication Token", Sender: true},
			BadToken:         &Error{Status: 400, Code: "UnrecognizedClientException", Message: "The security token included in the request is invalid.", Sender: true},
			Throttle:         &Error{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded", Sender: true},
			ServerError:      &Error{Status: 500, Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure."},
		}
	default: // Query
		return ErrorSet{
			UnknownAccessKey: &Error{Status: 403, Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid.", Sender: true},
			BadSignature:     &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", Sender: true},
			Expired:          &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "Signature expired", Sender: true},
			MissingAuth:      &Error{Status: 403, Code: "MissingAuthenticationToken", Message: "Request is missing Authentication Token", Sender: true},
			BadToken:         &Error{Status: 403, Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid.", Sender: true},
			Throttle:         &Error{Status: 400, Code: "Throttling", Message: "Rate exceeded", Sender: true},
			ServerError:      &Error{Status: 500, Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure."},
		}
	}
}

// errorSet returns svc's errors with the protocol's defaults filled in.
func (svc *Service) errorSet() ErrorSet {
	d := DefaultErrors(svc.Protocol)
	o := svc.Errors
	pick := func(over, def *Error) *Error {
		if over != nil {
			c := *over
			return &c
		}
		return def
	}
	return ErrorSet{
		UnknownAccessKey: pick(o.UnknownAccessKey, d.UnknownAccessKey),
		BadSignature:     pick(o.BadSignature, d.BadSignature),
		Expired:          pick(o.Expired, d.Expired),
		PresignExpired:   pick(o.PresignExpired, d.PresignExpired),
		MissingAuth:      pick(o.MissingAuth, d.MissingAuth),
		BadToken:         pick(o.BadToken, d.BadToken),
		Throttle:         pick(o.Throttle, d.Throttle),
		ServerError:      pick(o.ServerError, d.ServerError),
	}
}

// ResolvedErrors returns svc's ErrorSet with every nil field filled from
// DefaultErrors(svc.Protocol).
func (svc *Service) ResolvedErrors() ErrorSet { return svc.errorSet() }

// status returns e's HTTP status, 400 or 500 when unset.
func (e *Error) status() int {
	if e.Status != 0 {
		return e.Status
	}
	if e.Sender {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// faultType is the <Type> AWS writes: Sender for the client's faults.
// A 4xx status counts as the client's fault even when Sender is unset.
func (e *Error) faultType() string {
	if st := e.status(); e.Sender || (st >= 400 && st < 500) {
		return "Sender"
	}
	return "Receiver"
}

// asError turns a handler's error into an *Error; anything that is not an
// *Error becomes the service's ServerError.
func asError(svc *Service, err error) *Error {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e
	}
	if svc == nil {
		return DefaultErrors(Query).ServerError
	}
	return svc.errorSet().ServerError
}

// WriteError renders err in svc's protocol with requestID. A nil svc
// renders in the Query format. An err that is not an *Error is answered
// with the service's ServerError; its text is logged, not sent.
func (s *Server) WriteError(w http.ResponseWriter, svc *Service, requestID string, err error) {
	e := asError(svc, err)
	if e != err {
		s.log.Debug("fake: handler error", "request_id", requestID, "err", err.Error())
	}
	RenderError(w, svc, requestID, e)
}

// queryCode is the code x-amzn-query-error carries: the legacy query
// code when it differs, else Code.
func (e *Error) queryCode() string {
	if e.QueryCode != "" {
		return e.QueryCode
	}
	return e.Code
}

// RenderError writes e in svc's protocol (Query when svc is nil):
//
//   - Query, and RestXML with an XMLNamespace (CloudFront):
//     <ErrorResponse xmlns=NS><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>,
//     the code being QueryCode when set (SQS's legacy codes).
//   - EC2 (and SimpleDB):
//     <Response><Errors><Error><Code/><Message/>[<BoxUsage/>]</Error></Errors><RequestID/></Response>
//   - RestXML (S3): <Error><Code/><Message/>[extra]<RequestId/><HostId/></Error>
//   - JSON10: {"__type": Code, "message": Message} with x-amzn-query-error.
//   - RPCv2CBOR: the same map in CBOR, with Smithy-Protocol: rpc-v2-cbor
//     and x-amzn-query-error (CloudWatch is query-compatible).
func RenderError(w http.ResponseWriter, svc *Service, requestID string, e *Error) {
	p, ns := Query, ""
	if svc != nil {
		p, ns = svc.Protocol, svc.XMLNamespace
	}
	if ec, ok := w.(errorCoder); ok {
		ec.setErrorCode(e.Code)
	}
	h := w.Header()
	h.Del("Content-Length")
	switch {
	case p == RPCv2CBOR:
		body, _ := EncodeCBOR(map[string]any{"__type": e.Code, "message": e.Message})
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		h.Set("Content-Type", CBORContentType)
		h.Set("x-amzn-query-error", e.queryCode()+";"+e.faultType())
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(e.status())
		w.Write(body)
		return
	case p == JSON10:
		body, _ := json.Marshal(struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}{e.Code, e.Message})
		h.Set("Content-Type", "application/x-amz-json-1.0")
		h.Set("x-amzn-query-error", e.queryCode()+";"+e.faultType())
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(e.status())
		w.Write(body)
		return
	case p == EC2:
		h.Set("Content-Type", "text/xml")
		writeXMLBytes(w, e.status(), ec2Error(e, requestID))
	case p == RestXML && ns == "":
		h.Set("Content-Type", "application/xml")
		writeXMLBytes(w, e.status(), s3Error(e, requestID))
	default:
		h.Set("Content-Type", "text/xml")
		writeXMLBytes(w, e.status(), queryError(e, ns, requestID))
	}
}

type xmlField struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

// extras returns e's BoxUsage and Extra elements in a stable order.
func (e *Error) extras() []xmlField {
	var f []xmlField
	if e.BoxUsage != "" {
		f = append(f, xmlField{XMLName: xml.Name{Local: "BoxUsage"}, Value: e.BoxUsage})
	}
	keys := make([]string, 0, len(e.Extra))
	for k := range e.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f = append(f, xmlField{XMLName: xml.Name{Local: k}, Value: e.Extra[k]})
	}
	return f
}

func ec2Error(e *Error, requestID string) any {
	type errorXML struct {
		Code    string
		Message string
		Extra   []xmlField
	}
	return struct {
		XMLName   xml.Name   `xml:"Response"`
		Errors    []errorXML `xml:"Errors>Error"`
		RequestID string     `xml:"RequestID"`
	}{Errors: []errorXML{{e.Code, e.Message, e.extras()}}, RequestID: requestID}
}

func s3Error(e *Error, requestID string) any {
	return struct {
		XMLName   xml.Name `xml:"Error"`
		Code      string
		Message   string
		Extra     []xmlField
		RequestID string `xml:"RequestId"`
		HostID    string `xml:"HostId"`
	}{Code: e.Code, Message: e.Message, Extra: e.extras(), RequestID: requestID, HostID: hostID(requestID)}
}

func queryError(e *Error, ns, requestID string) any {
	type errorXML struct {
		Type    string
		Code    string
		Message string
		Extra   []xmlField
	}
	return struct {
		XMLName   xml.Name `xml:"ErrorResponse"`
		NS        string   `xml:"xmlns,attr,omitempty"`
		Error     errorXML
		RequestID string `xml:"RequestId"`
	}{NS: ns, Error: errorXML{e.faultType(), cmp.Or(e.QueryCode, e.Code), e.Message, e.extras()}, RequestID: requestID}
}

// hostID stands in for S3's x-amz-id-2: opaque, base64, tied to the
// request.
func hostID(requestID string) string {
	return base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(requestID, "-", "")))
}
