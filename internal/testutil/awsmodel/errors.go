package awsmodel

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
)

// CommonErrorCodes are the error codes AWS documents as common to the
// actions of all its services, which a model lists under no operation:
//
//   - "Common Errors" of the query API references (for example
//     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html):
//     AccessDeniedException, IncompleteSignature, InternalFailure,
//     InvalidAction, InvalidClientTokenId, InvalidParameterCombination,
//     InvalidParameterValue, InvalidQueryParameter, MalformedQueryString,
//     MissingAction, MissingAuthenticationToken, MissingParameter,
//     NotAuthorized, OptInRequired, RequestExpired, ServiceUnavailable,
//     ThrottlingException, ValidationError;
//   - the general "Common Errors" page
//     (https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/common-errors.html)
//     adds ExpiredTokenException, MalformedHttpRequestException,
//     RequestAbortedException, RequestEntityTooLargeException,
//     RequestTimeoutException, UnrecognizedClientException and
//     UnknownOperationException;
//   - "Troubleshoot Signature Version 4 signing"
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html)
//     names SignatureDoesNotMatch, the 403 for a signature that does not
//     match.
//
// Query-protocol services send AccessDeniedException and
// ThrottlingException under their query codes AccessDenied and
// Throttling (aws-sdk-go-v2's retry package treats Throttling as a
// throttle for that reason), so those are listed too.
//
// Service-specific codes that are documented outside the model (S3's
// error-code list, EC2's error-code page, SimpleDB's error table) are not
// here; the caller passes them to Conform with a citation.
var CommonErrorCodes = []string{
	"AccessDenied",
	"AccessDeniedException",
	"ExpiredTokenException",
	"IncompleteSignature",
	"InternalFailure",
	"InvalidAction",
	"InvalidClientTokenId",
	"InvalidParameterCombination",
	"InvalidParameterValue",
	"InvalidQueryParameter",
	"MalformedHttpRequestException",
	"MalformedQueryString",
	"MissingAction",
	"MissingAuthenticationToken",
	"MissingParameter",
	"NotAuthorized",
	"OptInRequired",
	"RequestAbortedException",
	"RequestEntityTooLargeException",
	"RequestExpired",
	"RequestTimeoutException",
	"ServiceUnavailable",
	"SignatureDoesNotMatch",
	"Throttling",
	"ThrottlingException",
	"UnknownOperationException",
	"UnrecognizedClientException",
	"ValidationError",
}

// ErrorCode returns the AWS error code of an error answer: X-Amzn-ErrorType
// or a JSON body's __type or code (json), or the first <Code> element of
// an XML body (query, ec2, rest-xml, SimpleDB), or, only when those name
// none, the x-amzn-query-error header. An awsQueryCompatible JSON service
// (SQS) sends its legacy query code in that header and the model's shape
// name in __type; the model declares the shape name, so that is the code
// checked. It returns "" when the answer names no code, as a HEAD's
// bodiless error does.
func ErrorCode(h http.Header, body []byte) string {
	if t := h.Get("X-Amzn-Errortype"); t != "" {
		return sanitizeCode(t)
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var doc map[string]any
		if json.Unmarshal(trimmed, &doc) == nil {
			for _, k := range []string{"__type", "code", "Code"} {
				if s, ok := doc[k].(string); ok && s != "" {
					return sanitizeCode(s)
				}
			}
		}
		return queryErrorCode(h)
	}
	dec := xml.NewDecoder(bytes.NewReader(trimmed))
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return queryErrorCode(h)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Code" {
			var code string
			if dec.DecodeElement(&code, &se) == nil {
				return strings.TrimSpace(code)
			}
			return ""
		}
	}
}

// sanitizeCode drops a JSON error type's namespace ("aws.sqs#QueueDoesNotExist")
// and anything after a colon ("Code:http://internal..."), as the SDKs do.
func sanitizeCode(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// queryErrorCode reads x-amzn-query-error ("Code;Sender").
func queryErrorCode(h http.Header) string {
	code, _, _ := strings.Cut(h.Get("X-Amzn-Query-Error"), ";")
	return code
}
