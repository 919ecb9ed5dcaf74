package s3test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// versionXML is a <Version> or a <DeleteMarker> of ListVersionsResult;
// XMLName says which.
type versionXML struct {
	XMLName      xml.Name
	Key          string
	VersionID    string `xml:"VersionId"`
	IsLatest     bool
	LastModified string
	ETag         string `xml:",omitempty"`
	Size         *int64 `xml:",omitempty"`
	Owner        *ownerXML
	StorageClass string `xml:",omitempty"`
}

type listVersionsXML struct {
	XMLName             xml.Name `xml:"ListVersionsResult"`
	NS                  string   `xml:"xmlns,attr"`
	Name                string
	Prefix              string
	KeyMarker           string
	VersionIDMarker     string `xml:"VersionIdMarker"`
	NextKeyMarker       string `xml:",omitempty"`
	NextVersionIDMarker string `xml:"NextVersionIdMarker,omitempty"`
	MaxKeys             int
	Delimiter           string `xml:",omitempty"`
	EncodingType        string `xml:",omitempty"`
	IsTruncated         bool
	Entries             []versionXML
	CommonPrefixes      []prefixXML
}

// versionPage is one page of ListObjectVersions.
type versionPage struct {
	entries     []*object
	latest      []bool
	prefixes    []string
	truncated   bool
	lastKey     string // the last key or common prefix on the page
	lastVersion string // its version, "" for a common prefix
}

// listVersionsPage walks every version of the keys under prefix, by key
// then newest first, rolling keys that contain delimiter after the prefix
// into common prefixes, starting after keyMarker (and, within it, after
// versionMarker), for up to maxKeys entries. The lock must be held.
func (bk *bucket) listVersionsPage(prefix, delimiter, keyMarker, versionMarker string, maxKeys int) versionPage {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if !seen[k] && strings.HasPrefix(k, prefix) && k >= keyMarker {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for k := range bk.objects {
		add(k)
	}
	for k := range bk.history {
		add(k)
	}
	slices.Sort(keys)
	markerPrefix := delimiter != "" && strings.HasPrefix(keyMarker, prefix) &&
		strings.Contains(keyMarker[len(prefix):], delimiter) && strings.HasSuffix(keyMarker, delimiter)
	var p versionPage
	count := 0
	for _, k := range keys {
		if markerPrefix && strings.HasPrefix(k, keyMarker) {
			continue
		}
		vs := bk.versionsOf(k)
		start := 0 // vs[0] is the latest version
		if k == keyMarker {
			if versionMarker == "" {
				continue
			}
			// Resume after versionMarker among the marker key's versions.
			start = len(vs)
			if i := slices.IndexFunc(vs, func(o *object) bool { return o.versionID == versionMarker }); i >= 0 {
				start = i + 1
			}
		}
		cp := ""
		if delimiter != "" {
			if i := strings.Index(k[len(prefix):], delimiter); i >= 0 {
				cp = k[:len(prefix)+i+len(delimiter)]
			}
		}
		if cp != "" {
			if len(p.prefixes) > 0 && p.prefixes[len(p.prefixes)-1] == cp {
				continue
			}
			if count == maxKeys {
				p.truncated = maxKeys > 0 // as listPage
				break
			}
			p.prefixes = append(p.prefixes, cp)
			p.lastKey, p.lastVersion = cp, ""
			count++
			continue
		}
		for j := start; j < len(vs); j++ {
			if count == maxKeys {
				p.truncated = maxKeys > 0
				return p
			}
			v := vs[j]
			p.entries = append(p.entries, v)
			p.latest = append(p.latest, j == 0)
			p.lastKey, p.lastVersion = k, v.versionID
			count++
		}
	}
	return p
}

// listObjectVersions serves ListObjectVersions. An object stored while
// versioning was not Enabled is listed with VersionId "null".
func (b *Backend) listObjectVersions(w http.ResponseWriter, r *fake.Request, t target) error {
	q := r.HTTP.URL.Query()
	maxKeys, encode, err := listParams(q)
	if err != nil {
		return err
	}
	prefix, delimiter := q.Get("prefix"), q.Get("delimiter")
	keyMarker, versionMarker := q.Get("key-marker"), q.Get("version-id-marker")
	if versionMarker != "" && keyMarker == "" {
		return errInvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", versionMarker)
	}
	b.mu.RLock()
	// The caller's bucket, or another's that grants it
	// s3:ListBucketVersions (access.go).
	bk, g, err := b.lookupReadable(r, t.bucket)
	if err == nil && g != nil && !g.mayList("s3:ListBucketVersions") {
		err = errAccessDenied()
	}
	var p versionPage
	var owner *ownerXML
	if err == nil {
		p = bk.listVersionsPage(prefix, delimiter, keyMarker, versionMarker, maxKeys)
		owner = &ownerXML{ownerID(bk.owner)}
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	out := listVersionsXML{NS: namespace, Name: t.bucket, Prefix: encode(prefix), KeyMarker: encode(keyMarker),
		VersionIDMarker: versionMarker, MaxKeys: maxKeys, Delimiter: encode(delimiter), IsTruncated: p.truncated}
	if q.Has("encoding-type") {
		out.EncodingType = q.Get("encoding-type")
	}
	if p.truncated {
		out.NextKeyMarker, out.NextVersionIDMarker = encode(p.lastKey), p.lastVersion
	}
	for i, o := range p.entries {
		e := versionXML{Key: encode(o.key), VersionID: o.versionID, IsLatest: p.latest[i],
			LastModified: isoTime(o.lastModified), Owner: owner}
		if o.deleteMarker {
			e.XMLName.Local = "DeleteMarker"
		} else {
			e.XMLName.Local = "Version"
			size := o.body.size
			e.ETag, e.Size, e.StorageClass = o.etag, &size, o.storageClass
		}
		out.Entries = append(out.Entries, e)
	}
	for _, cp := range p.prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, prefixXML{encode(cp)})
	}
	return writeXML(w, http.StatusOK, out)
}
