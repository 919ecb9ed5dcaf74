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
	if out == nil {
		if meta, ok := decodeBare(body); ok {
			return meta, nil
		}
	}
	return decodeXML(body, out)
}

// decodeXML is decode with encoding/xml, for every answer.
func decodeXML(body []byte, out any) (Metadata, error) {
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

// decodeBare reads, without encoding/xml, the answer of a call that
// returns nothing but its metadata (SimpleDB's writes, CreateDomain):
//
//	<?xml version="1.0"?>
//	<PutAttributesResponse xmlns="..."><ResponseMetadata><RequestId>id</RequestId>
//	<BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></PutAttributesResponse>
//
// The full decoder costs more than the rest of such a call on our side.
// ok is false for any other document, even a well-formed one (another
// order, entities, comments, other elements or characters): decode then
// reads it with encoding/xml, so only documents both read the same take
// this path.
func decodeBare(body []byte) (meta Metadata, ok bool) {
	b := body
	for _, h := range [...]string{`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0"?>`} {
		if after, found := bytes.CutPrefix(b, []byte(h)); found {
			b = after
			break
		}
	}
	b = skipSpace(b)
	// The root: <Name> or <Name xmlns="...">.
	if len(b) == 0 || b[0] != '<' {
		return Metadata{}, false
	}
	n := 1
	for n < len(b) && ('A' <= b[n] && b[n] <= 'Z' || 'a' <= b[n] && b[n] <= 'z' || n > 1 && '0' <= b[n] && b[n] <= '9') {
		n++
	}
	if n == 1 {
		return Metadata{}, false
	}
	root := b[1:n]
	b = b[n:]
	if after, found := bytes.CutPrefix(b, []byte(` xmlns="`)); found {
		end := plainText(after)
		if end == len(after) || after[end] != '"' {
			return Metadata{}, false
		}
		b = after[end+1:]
	}
	var found bool
	if b, found = bytes.CutPrefix(b, []byte(">")); !found {
		return Metadata{}, false
	}
	if b, found = bytes.CutPrefix(skipSpace(b), []byte("<ResponseMetadata>")); !found {
		return Metadata{}, false
	}
	var id, box []byte
	if id, b, found = bareText(skipSpace(b), "RequestId"); !found {
		return Metadata{}, false
	}
	if box, b, found = bareText(skipSpace(b), "BoxUsage"); !found {
		return Metadata{}, false
	}
	if b, found = bytes.CutPrefix(skipSpace(b), []byte("</ResponseMetadata>")); !found {
		return Metadata{}, false
	}
	if b, found = bytes.CutPrefix(skipSpace(b), []byte("</")); !found {
		return Metadata{}, false
	}
	if b, found = bytes.CutPrefix(b, root); !found {
		return Metadata{}, false
	}
	if b, found = bytes.CutPrefix(b, []byte(">")); !found || len(skipSpace(b)) != 0 {
		return Metadata{}, false
	}
	// One string from the request ID to the end of the box usage, which
	// follows it, and both values cut from it: one copy instead of two.
	// Every slice here starts inside body, so its offset there is the
	// difference of their capacities.
	from, boxAt := cap(body)-cap(id), cap(body)-cap(box)
	both := string(body[from : boxAt+len(box)])
	meta.RequestID, meta.BoxUsage = both[:len(id)], both[boxAt-from:]
	return meta, true
}

// bareText reads <tag>text</tag> where text is printable ASCII with no
// markup or entity, which encoding/xml would give back as it is.
func bareText(b []byte, tag string) (text, rest []byte, ok bool) {
	if len(b) < len(tag)+2 || b[0] != '<' || string(b[1:1+len(tag)]) != tag || b[1+len(tag)] != '>' {
		return nil, nil, false
	}
	b = b[len(tag)+2:]
	n := plainText(b)
	text, b = b[:n], b[n:]
	if len(b) < len(tag)+3 || b[0] != '<' || b[1] != '/' || string(b[2:2+len(tag)]) != tag || b[2+len(tag)] != '>' {
		return nil, nil, false
	}
	return text, b[len(tag)+3:], true
}

// plainText is the length of b's leading printable ASCII other than
// markup, entities and quotes.
func plainText(b []byte) int {
	n := 0
	for n < len(b) && b[n] >= 0x20 && b[n] < 0x7f && b[n] != '<' && b[n] != '&' && b[n] != '>' && b[n] != '"' {
		n++
	}
	return n
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}
