package query

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// decode reads a success answer, <ActionResponse><ActionResult>…
// </ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>,
// in one pass: ResponseMetadata goes to the returned Metadata and every
// other child of the root into out.
func decode(body []byte, out any) (Metadata, error) {
	var meta Metadata
	d := xml.NewDecoder(bytes.NewReader(body))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if depth != 0 || roots == 0 {
				return meta, io.ErrUnexpectedEOF
			}
			return meta, nil
		}
		if err != nil {
			return meta, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				depth++
				roots++
				continue
			}
			if t.Name.Local == "ResponseMetadata" {
				var m struct {
					RequestID string `xml:"RequestId"`
					BoxUsage  string `xml:"BoxUsage"`
				}
				if err := d.DecodeElement(&m, &t); err != nil {
					return meta, err
				}
				meta = Metadata{RequestID: m.RequestID, BoxUsage: m.BoxUsage}
				continue
			}
			if out == nil {
				if err := d.Skip(); err != nil {
					return meta, err
				}
				continue
			}
			if err := d.DecodeElement(out, &t); err != nil {
				return meta, err
			}
		case xml.EndElement:
			depth--
		}
	}
}

// errorDoc covers both error shapes Query services answer with: SimpleDB's
// and EC2's <Response><Errors><Error>…</Error></Errors><RequestID>, and the
// awsQuery <ErrorResponse><Error>…</Error><RequestId>.
type errorDoc struct {
	XMLName   xml.Name
	Errors    []errorEntry `xml:"Errors>Error"`
	Error     []errorEntry `xml:"Error"`
	RequestID string       `xml:"RequestID"`
	RequestId string       `xml:"RequestId"`
}

type errorEntry struct {
	Code     string `xml:"Code"`
	Message  string `xml:"Message"`
	BoxUsage string `xml:"BoxUsage"`
}

// errorAnswer turns a non-2xx answer into a *goboto.APIError. A body that
// is not one of the XML error shapes (a proxy's HTML page, an empty 503)
// still yields an APIError: the code is the status text without spaces,
// so an unexplained 503 reads as ServiceUnavailable and is throttled and
// retried like SimpleDB's own.
func errorAnswer(service, action string, resp *http.Response, body []byte) (Metadata, error) {
	ae := &goboto.APIError{Service: service, Operation: action, StatusCode: resp.StatusCode}
	var meta Metadata
	var doc errorDoc
	if xml.Unmarshal(body, &doc) == nil {
		entries := doc.Errors
		if len(entries) == 0 {
			entries = doc.Error
		}
		if len(entries) > 0 {
			ae.Code, ae.Message = entries[0].Code, entries[0].Message
			meta.BoxUsage = entries[0].BoxUsage
		}
		ae.RequestID = doc.RequestID
		if ae.RequestID == "" {
			ae.RequestID = doc.RequestId
		}
	}
	if ae.Code == "" {
		ae.Code = strings.ReplaceAll(http.StatusText(resp.StatusCode), " ", "")
		if ae.Code == "" {
			ae.Code = "HTTP" + strconv.Itoa(resp.StatusCode)
		}
		ae.Message = http.StatusText(resp.StatusCode)
	}
	if ae.RequestID == "" {
		ae.RequestID = headerRequestID(resp.Header)
	}
	meta.RequestID = ae.RequestID
	meta.StatusCode = resp.StatusCode
	return meta, ae
}

func headerRequestID(h http.Header) string {
	for _, k := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}
