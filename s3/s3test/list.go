package s3test

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// listing is one page of a bucket's keys.
type listing struct {
	contents  []*object
	prefixes  []string
	truncated bool
	last      string // the last key or common prefix on the page
	owner     string // the bucket owner's account, who owns every object
}

// listPage walks keys (sorted byte-wise) with prefix, rolling keys that
// contain delimiter after the prefix into common prefixes, starting after
// marker, for up to maxKeys entries. A marker that is a common prefix
// skips every key under it.
func listPage(objects map[string]*object, prefix, delimiter, marker string, maxKeys int) listing {
	keys := make([]string, 0, len(objects))
	for k := range objects {
		if strings.HasPrefix(k, prefix) && k > marker {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var l listing
	markerPrefix := delimiter != "" && strings.HasPrefix(marker, prefix) &&
		strings.Contains(marker[len(prefix):], delimiter) && strings.HasSuffix(marker, delimiter)
	for _, k := range keys {
		if markerPrefix && strings.HasPrefix(k, marker) {
			continue
		}
		cp := ""
		if delimiter != "" {
			if i := strings.Index(k[len(prefix):], delimiter); i >= 0 {
				cp = k[:len(prefix)+i+len(delimiter)]
			}
		}
		if cp != "" && len(l.prefixes) > 0 && l.prefixes[len(l.prefixes)-1] == cp {
			continue
		}
		if len(l.contents)+len(l.prefixes) >= maxKeys {
			// A page of max-keys=0 is empty and complete, as in S3: a
			// truncated page would need a token to go on from, and an
			// empty page has none, so a client's loop would never end.
			l.truncated = maxKeys > 0
			break
		}
		if cp != "" {
			l.prefixes = append(l.prefixes, cp)
			l.last = cp
		} else {
			l.contents = append(l.contents, objects[k])
			l.last = k
		}
	}
	return l
}

type contentXML struct {
	Key          string
	LastModified string
	ETag         string
	Size         int64
	StorageClass string
	Owner        *ownerXML `xml:",omitempty"`
}

// ownerXML is an Owner of a listing: the ID only, since S3 stopped
// returning DisplayName in November 2025.
type ownerXML struct{ ID string }

type prefixXML struct{ Prefix string }

// listParams reads max-keys and encoding-type.
func listParams(q url.Values) (maxKeys int, encode func(string) string, err error) {
	maxKeys = 1000
	if v := q.Get("max-keys"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 0 {
			return 0, nil, errInvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v)
		}
		maxKeys = min(n, 1000)
	}
	encode = func(s string) string { return s }
	switch et := q.Get("encoding-type"); et {
	case "":
	case "url":
		encode = func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/") }
	default:
		return 0, nil, errInvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", et)
	}
	return maxKeys, encode, nil
}

// page lists the bucket under the lock: the caller's, or another's that
// grants it s3:ListBucket (access.go).
func (b *Backend) page(r *fake.Request, t target, prefix, delimiter, marker string, maxKeys int) (listing, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	bk, g, err := b.lookupReadable(r, t.bucket)
	if err != nil {
		return listing{}, err
	}
	if g != nil && !g.mayList("s3:ListBucket") {
		return listing{}, errAccessDenied()
	}
	l := listPage(bk.objects, prefix, delimiter, marker, maxKeys)
	l.owner = bk.owner
	return l, nil
}

func contentsXML(l listing, encode func(string) string, owner *ownerXML) ([]contentXML, []prefixXML) {
	var cs []contentXML
	for _, o := range l.contents {
		cs = append(cs, contentXML{Key: encode(o.key), LastModified: isoTime(o.lastModified), ETag: o.etag,
			Size: o.body.size, StorageClass: o.storageClass, Owner: owner})
	}
	var ps []prefixXML
	for _, p := range l.prefixes {
		ps = append(ps, prefixXML{encode(p)})
	}
	return cs, ps
}

// listObjectsV2 serves ListObjectsV2. The continuation token is the last
// entry of the previous page, base64-encoded.
func (b *Backend) listObjectsV2(w http.ResponseWriter, r *fake.Request, t target) error {
	q := r.HTTP.URL.Query()
	maxKeys, encode, err := listParams(q)
	if err != nil {
		return err
	}
	prefix, delimiter, startAfter, token := q.Get("prefix"), q.Get("delimiter"), q.Get("start-after"), q.Get("continuation-token")
	marker := startAfter
	if q.Has("continuation-token") {
		raw, derr := base64.RawURLEncoding.DecodeString(token)
		if derr != nil || len(raw) == 0 {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", token)
		}
		marker = string(raw)
	}
	l, err := b.page(r, t, prefix, delimiter, marker, maxKeys)
	if err != nil {
		return err
	}
	var owner *ownerXML
	if q.Get("fetch-owner") == "true" {
		owner = &ownerXML{ownerID(l.owner)}
	}
	cs, ps := contentsXML(l, encode, owner)
	out := listV2XML{NS: namespace, Name: t.bucket, Prefix: encode(prefix), Delimiter: encode(delimiter),
		MaxKeys: maxKeys, KeyCount: len(cs) + len(ps), IsTruncated: l.truncated, Contents: cs, CommonPrefixes: ps,
		ContinuationToken: token, StartAfter: encode(startAfter)}
	if q.Has("encoding-type") {
		out.EncodingType = q.Get("encoding-type")
	}
	if l.truncated {
		out.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(l.last))
	}
	return writeXML(w, http.StatusOK, out)
}

type listV2XML struct {
	XMLName               xml.Name `xml:"ListBucketResult"`
	NS                    string   `xml:"xmlns,attr"`
	Name                  string
	Prefix                string
	Delimiter             string `xml:",omitempty"`
	MaxKeys               int
	EncodingType          string `xml:",omitempty"`
	KeyCount              int
	IsTruncated           bool
	ContinuationToken     string `xml:",omitempty"`
	NextContinuationToken string `xml:",omitempty"`
	StartAfter            string `xml:",omitempty"`
	Contents              []contentXML
	CommonPrefixes        []prefixXML
}

// listObjectsV1 serves ListObjects (version 1): NextMarker is sent only
// with a delimiter, as in S3; without one the client continues from the
// last key.
func (b *Backend) listObjectsV1(w http.ResponseWriter, r *fake.Request, t target) error {
	q := r.HTTP.URL.Query()
	maxKeys, encode, err := listParams(q)
	if err != nil {
		return err
	}
	prefix, delimiter, marker := q.Get("prefix"), q.Get("delimiter"), q.Get("marker")
	l, err := b.page(r, t, prefix, delimiter, marker, maxKeys)
	if err != nil {
		return err
	}
	cs, ps := contentsXML(l, encode, &ownerXML{ownerID(l.owner)})
	out := struct {
		XMLName        xml.Name `xml:"ListBucketResult"`
		NS             string   `xml:"xmlns,attr"`
		Name           string
		Prefix         string
		Marker         string
		NextMarker     string `xml:",omitempty"`
		MaxKeys        int
		Delimiter      string `xml:",omitempty"`
		EncodingType   string `xml:",omitempty"`
		IsTruncated    bool
		Contents       []contentXML
		CommonPrefixes []prefixXML
	}{NS: namespace, Name: t.bucket, Prefix: encode(prefix), Marker: encode(marker), MaxKeys: maxKeys,
		Delimiter: encode(delimiter), IsTruncated: l.truncated, Contents: cs, CommonPrefixes: ps}
	if q.Has("encoding-type") {
		out.EncodingType = q.Get("encoding-type")
	}
	if l.truncated && delimiter != "" {
		out.NextMarker = encode(l.last)
	}
	return writeXML(w, http.StatusOK, out)
}
