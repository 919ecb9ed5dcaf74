package s3test_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

// versionEntry is a <Version> or <DeleteMarker> as listed, in order.
type versionEntry struct {
	Kind, Key, VersionID string
	IsLatest             bool
}

// listVersionsRaw sends ListObjectVersions with query and returns its
// entries in document order, the common prefixes and the next markers.
func listVersionsRaw(t *testing.T, srv *s3test.Server, bucket string, query url.Values) ([]versionEntry, []string, [3]string) {
	t.Helper()
	resp, err := srv.HTTPClient().Do(signedRequest(t, srv, http.MethodGet, "/"+bucket+"?versions&"+query.Encode(), nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ListObjectVersions %v: %s %s", query, resp.Status, body)
	}
	var out struct {
		IsTruncated         string
		NextKeyMarker       string
		NextVersionIDMarker string `xml:"NextVersionIdMarker"`
		Entries             []struct {
			XMLName   xml.Name
			Key       string
			VersionID string `xml:"VersionId"`
			IsLatest  bool
			Prefix    string
		} `xml:",any"`
	}
	if err := xml.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	var entries []versionEntry
	var prefixes []string
	for _, e := range out.Entries {
		switch e.XMLName.Local {
		case "Version", "DeleteMarker":
			entries = append(entries, versionEntry{e.XMLName.Local, e.Key, e.VersionID, e.IsLatest})
		case "CommonPrefixes":
			prefixes = append(prefixes, e.Prefix)
		}
	}
	return entries, prefixes, [3]string{out.IsTruncated, out.NextKeyMarker, out.NextVersionIDMarker}
}

// rawGet sends a GET or HEAD and returns the status, the error code and
// the headers.
func rawGet(t *testing.T, srv *s3test.Server, method, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := srv.HTTPClient().Do(signedRequest(t, srv, method, path, nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	code := ""
	if m := regexp.MustCompile(`<Code>([^<]*)</Code>`).FindSubmatch(body); m != nil {
		code = string(m[1])
	}
	return resp.StatusCode, code, resp.Header
}

func TestVersioning(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	put := func(key, data string) string {
		t.Helper()
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key), Body: bytes.NewReader([]byte(data))})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.VersionId)
	}
	get := func(key, version string) (string, string, string) {
		t.Helper()
		in := &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)}
		if version != "" {
			in.VersionId = aws.String(version)
		}
		out, err := c.GetObject(ctx, in)
		if err != nil {
			return "", "", errCode(t, err)
		}
		defer out.Body.Close()
		b, _ := io.ReadAll(out.Body)
		return string(b), aws.ToString(out.VersionId), ""
	}

	// Before versioning: no version IDs, one "null" version listed.
	if v := put("old", "before"); v != "" {
		t.Errorf("unversioned put answered version %q", v)
	}
	setVersioning(t, c, "bkt", types.BucketVersioningStatusEnabled)
	v1, v2 := put("k", "one"), put("k", "two")
	urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{16,}$`)
	if !urlSafe.MatchString(v1) || !urlSafe.MatchString(v2) || v1 == v2 {
		t.Fatalf("version IDs %q, %q: want distinct URL-safe IDs", v1, v2)
	}
	reads := []struct {
		key, version           string
		data, gotVersion, code string
	}{
		{"k", "", "two", v2, ""},
		{"k", v1, "one", v1, ""},
		{"k", v2, "two", v2, ""},
		{"k", "nope", "", "", "NoSuchVersion"},
		{"old", "", "before", "null", ""},
		{"old", "null", "before", "null", ""},
	}
	for _, rd := range reads {
		data, version, code := get(rd.key, rd.version)
		if diff := cmp.Diff([]string{rd.data, rd.gotVersion, rd.code}, []string{data, version, code}); diff != "" {
			t.Errorf("GetObject %s version %q [data, version, code] (-want +got):\n%s", rd.key, rd.version, diff)
		}
	}

	// Deleting without a version adds a delete marker.
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	marker := aws.ToString(del.VersionId)
	if !aws.ToBool(del.DeleteMarker) || !urlSafe.MatchString(marker) {
		t.Fatalf("DeleteObject: DeleteMarker=%v VersionId=%q", aws.ToBool(del.DeleteMarker), marker)
	}
	heads := []struct {
		method, path string
		status       int
		code         string
		marker       string // x-amz-delete-marker
		version      string // x-amz-version-id
	}{
		{"GET", "/bkt/k", 404, "NoSuchKey", "true", marker},
		{"HEAD", "/bkt/k", 404, "", "true", marker},
		{"GET", "/bkt/k?versionId=" + marker, 405, "MethodNotAllowed", "true", marker},
		{"GET", "/bkt/k?versionId=" + v1, 200, "", "", v1},
		{"HEAD", "/bkt/old", 200, "", "", "null"},
	}
	for _, h := range heads {
		status, code, hdr := rawGet(t, srv, h.method, h.path)
		got := []any{status, code, hdr.Get("x-amz-delete-marker"), hdr.Get("x-amz-version-id")}
		if diff := cmp.Diff([]any{h.status, h.code, h.marker, h.version}, got); diff != "" {
			t.Errorf("%s %s [status, code, delete marker, version] (-want +got):\n%s", h.method, h.path, diff)
		}
	}
	if data, _, _ := get("k", v2); data != "two" {
		t.Errorf("version %s after the delete marker: %q, want two", v2, data)
	}

	entries, _, _ := listVersionsRaw(t, srv, "bkt", url.Values{})
	want := []versionEntry{
		{"DeleteMarker", "k", marker, true},
		{"Version", "k", v2, false},
		{"Version", "k", v1, false},
		{"Version", "old", "null", true},
	}
	if diff := cmp.Diff(want, entries); diff != "" {
		t.Errorf("ListObjectVersions (-want +got):\n%s", diff)
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bkt")}); errCode(t, err) != "BucketNotEmpty" {
		t.Errorf("DeleteBucket with versions: %v, want BucketNotEmpty", err)
	}

	// Deleting the marker by its version brings the newest version back.
	del, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String(marker)})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(del.DeleteMarker) || aws.ToString(del.VersionId) != marker {
		t.Errorf("DeleteObject of the marker: DeleteMarker=%v VersionId=%q", aws.ToBool(del.DeleteMarker), aws.ToString(del.VersionId))
	}
	if data, version, _ := get("k", ""); data != "two" || version != v2 {
		t.Errorf("after removing the marker: %q version %q, want two %s", data, version, v2)
	}
	// Deleting the current version makes the one before it current.
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), VersionId: aws.String(v2)}); err != nil {
		t.Fatal(err)
	}
	if data, version, _ := get("k", ""); data != "one" || version != v1 {
		t.Errorf("after removing %s: %q version %q, want one %s", v2, data, version, v1)
	}

	// Suspended: puts and deletes replace the null version only.
	setVersioning(t, c, "bkt", types.BucketVersioningStatusSuspended)
	if v := put("k", "three"); v != "null" {
		t.Errorf("suspended put: version %q, want null", v)
	}
	put("k", "four")
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("old")}); err != nil {
		t.Fatal(err)
	}
	entries, _, _ = listVersionsRaw(t, srv, "bkt", url.Values{})
	want = []versionEntry{
		{"Version", "k", "null", true},
		{"Version", "k", v1, false},
		{"DeleteMarker", "old", "null", true},
	}
	if diff := cmp.Diff(want, entries); diff != "" {
		t.Errorf("ListObjectVersions after suspending (-want +got):\n%s", diff)
	}
	if data, _, _ := get("k", "null"); data != "four" {
		t.Errorf("null version: %q, want four", data)
	}
}

func TestListObjectVersionsPages(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	setVersioning(t, c, "bkt", types.BucketVersioningStatusEnabled)
	var all []versionEntry
	for _, k := range []string{"a", "b", "dir/x", "dir/y", "c"} {
		for i := range 3 {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(k), Body: bytes.NewReader([]byte{byte(i)})})
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, versionEntry{"Version", k, aws.ToString(out.VersionId), false})
		}
	}
	// Expected order: by key, newest first.
	var want []versionEntry
	for _, k := range []string{"a", "b", "c", "dir/x", "dir/y"} {
		var vs []versionEntry
		for _, e := range all {
			if e.Key == k {
				vs = append([]versionEntry{e}, vs...)
			}
		}
		vs[0].IsLatest = true
		want = append(want, vs...)
	}
	for _, size := range []int{1, 2, 4, 1000} {
		var got []versionEntry
		pages := 0
		q := url.Values{"max-keys": {strconv.Itoa(size)}}
		for {
			entries, _, next := listVersionsRaw(t, srv, "bkt", q)
			got = append(got, entries...)
			pages++
			if next[0] != "true" || pages > 20 {
				break
			}
			q.Set("key-marker", next[1])
			q.Set("version-id-marker", next[2])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pages of %d (-want +got):\n%s", size, diff)
		}
	}

	// A delimiter rolls keys up; a prefix narrows.
	entries, prefixes, _ := listVersionsRaw(t, srv, "bkt", url.Values{"delimiter": {"/"}, "prefix": {""}})
	if diff := cmp.Diff([]string{"dir/"}, prefixes); diff != "" {
		t.Errorf("common prefixes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:9], entries); diff != "" {
		t.Errorf("entries beside the common prefix (-want +got):\n%s", diff)
	}
	entries, _, _ = listVersionsRaw(t, srv, "bkt", url.Values{"prefix": {"dir/y"}})
	if diff := cmp.Diff(want[12:], entries); diff != "" {
		t.Errorf("prefix dir/y (-want +got):\n%s", diff)
	}

	// The SDK's paginator reads the same.
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(4)})
	n := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.Versions)
	}
	if n != len(want) {
		t.Errorf("SDK paginator: %d versions, want %d", n, len(want))
	}
}

func TestDeleteObjectsVersions(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	setVersioning(t, c, "bkt", types.BucketVersioningStatusEnabled)
	v, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("a"), Body: bytes.NewReader([]byte("x"))})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{Objects: []types.ObjectIdentifier{
		{Key: aws.String("a")}, {Key: aws.String("a"), VersionId: v.VersionId}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Deleted) != 2 {
		t.Fatalf("Deleted = %d entries, want 2", len(out.Deleted))
	}
	marker := aws.ToString(out.Deleted[0].DeleteMarkerVersionId)
	got := []any{aws.ToBool(out.Deleted[0].DeleteMarker), marker != "", aws.ToString(out.Deleted[1].VersionId), aws.ToBool(out.Deleted[1].DeleteMarker)}
	if diff := cmp.Diff([]any{true, true, aws.ToString(v.VersionId), false}, got); diff != "" {
		t.Errorf("[marker made, its ID, version deleted, was a marker] (-want +got):\n%s", diff)
	}
	entries, _, _ := listVersionsRaw(t, srv, "bkt", url.Values{})
	if diff := cmp.Diff([]versionEntry{{"DeleteMarker", "a", marker, true}}, entries); diff != "" {
		t.Errorf("left (-want +got):\n%s", diff)
	}
}

// CopyObject and UploadPartCopy read the source version asked for.
func TestCopyVersion(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	setVersioning(t, c, "bkt", types.BucketVersioningStatusEnabled)
	v1, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src"), Body: bytes.NewReader([]byte("first"))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src"), Body: bytes.NewReader([]byte("second"))}); err != nil {
		t.Fatal(err)
	}
	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
		CopySource: aws.String("bkt/src?versionId=" + aws.ToString(v1.VersionId))})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(cp.CopySourceVersionId); got != aws.ToString(v1.VersionId) {
		t.Errorf("CopySourceVersionId = %q, want %q", got, aws.ToString(v1.VersionId))
	}
	if info, _ := srv.Object("bkt", "dst"); string(info.Data) != "first" {
		t.Errorf("copy of the first version holds %q", info.Data)
	}
}
