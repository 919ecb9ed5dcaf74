package fake

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
)

// maxInflated bounds a gzipped request body once inflated: far above any
// AWS request limit (CloudWatch's PutMetricData takes 1 MB), so only a
// compression bomb meets it.
const maxInflated = 64 << 20

// gzipped reports whether a request body is gzip-compressed: AWS's request
// compression (CloudWatch's PutMetricData) sends Content-Encoding: gzip.
// S3 is never asked: there Content-Encoding is the object's metadata.
func gzipped(r *http.Request, svc *Service) bool {
	if svc.Protocol == RestXML {
		return false
	}
	for _, enc := range strings.Split(r.Header.Get("Content-Encoding"), ",") {
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			return true
		}
	}
	return false
}

// inflate returns a gzipped body's bytes. The signature was checked on
// the bytes as sent, so inflating comes after authentication.
func inflate(body []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxInflated {
		return nil, io.ErrShortBuffer
	}
	return out, nil
}

// errMalformedBody is the answer to a gzipped body that does not inflate:
// the protocol's own error for a body it cannot read.
func errMalformedBody(svc *Service) *Error {
	switch svc.Protocol {
	case JSON10, RPCv2CBOR:
		return &Error{Status: http.StatusBadRequest, Code: "SerializationException", Sender: true,
			Message: "The request body could not be decompressed as gzip."}
	}
	return &Error{Status: http.StatusBadRequest, Code: "MalformedInput", Sender: true,
		Message: "The request body could not be decompressed as gzip."}
}
