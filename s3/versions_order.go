package s3

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// wireOrder remembers, for one ListObjectVersions call, the order in
// which the response's <Version> and <DeleteMarker> elements came.
// aws-sdk-go-v2 splits them into two lists, each in document order, so
// knowing which kind came n-th is enough to interleave them again. Times
// cannot do it: LastModified has millisecond precision, and a delete
// marker and a version written in the same millisecond are ordered only
// by S3's listing.
type wireOrder struct {
	// markers[i] is true when the i-th entry was a <DeleteMarker>; nil
	// when the body could not be read as a listing.
	markers []bool
}

// option adds the recording middleware to one call. It sits last in the
// deserialize step, next to the transport, so it sees the body before
// the SDK's deserializer, which then reads the same bytes from memory.
func (w *wireOrder) option() func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("goboto.VersionOrder", w.record), middleware.After)
		})
	}
}

func (w *wireOrder) record(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	w.markers = nil // each attempt of a retried call starts afresh
	if err != nil {
		return out, md, err
	}
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp.StatusCode != http.StatusOK || resp.Body == nil {
		return out, md, err
	}
	// A page holds at most 1000 entries, so it is small enough to hold.
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	var rest io.Reader = bytes.NewReader(body)
	if rerr != nil {
		// Let the deserializer meet the same failure it would have.
		rest = io.MultiReader(rest, errReader{rerr})
	} else {
		w.markers = entryKinds(body)
	}
	resp.Body = io.NopCloser(rest)
	return out, md, nil
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// entryKinds reads a ListVersionsResult and reports, in document order,
// whether each of its top-level <Version> and <DeleteMarker> elements is
// a delete marker. It returns nil for anything it cannot parse.
func entryKinds(body []byte) []bool {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var kinds []bool
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if depth != 0 {
				return nil
			}
			return kinds // nil unless a root element was seen
		}
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if kinds != nil || t.Name.Local != "ListVersionsResult" {
					return nil // a second root, or not a version listing
				}
				kinds = []bool{}
			}
			if depth == 2 && (t.Name.Local == "Version" || t.Name.Local == "DeleteMarker") {
				kinds = append(kinds, t.Name.Local == "DeleteMarker")
			}
		case xml.EndElement:
			depth--
		}
	}
}

// interleave merges a page's versions and delete markers in the order
// markers gives, reporting false when markers does not fit the two lists
// (the caller then falls back on sorting).
func interleave(vs, dms []Version, markers []bool) ([]Version, bool) {
	if markers == nil || len(markers) != len(vs)+len(dms) {
		return nil, false
	}
	out := make([]Version, 0, len(markers))
	for _, dm := range markers {
		from := &vs
		if dm {
			from = &dms
		}
		if len(*from) == 0 {
			return nil, false
		}
		out, *from = append(out, (*from)[0]), (*from)[1:]
	}
	return out, true
}
