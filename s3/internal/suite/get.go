package suite

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/goboto/goboto/s3"
)

// testRanges reads parts of an object.
func testRanges(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	k := b.Key("r")
	if err := k.PutBytes(ctx, []byte("0123456789ab")); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	for _, tc := range []struct {
		name    string
		off, n  int64
		want    string
		errCode string
		status  int
	}{
		{name: "middle", off: 3, n: 4, want: "3456"},
		{name: "to end", off: 7, n: -1, want: "789ab"},
		{name: "past end", off: 10, n: 100, want: "ab"},
		{name: "first byte", off: 0, n: 1, want: "0"},
		{name: "beyond size", off: 12, n: 5, errCode: "InvalidRange", status: http.StatusRequestedRangeNotSatisfiable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := b.Key("r")
			var buf bytes.Buffer
			_, err := g.Get(ctx, &buf, s3.Range(tc.off, tc.n))
			if tc.errCode != "" {
				e.wantCode(t, "Get "+tc.name, err, tc.errCode, tc.status)
				return
			}
			if err != nil || buf.String() != tc.want {
				t.Errorf("%s: Get = %q, %v; want %q", e.Name, buf.String(), err, tc.want)
			}
			if g.Size != 12 {
				t.Errorf("%s: Size = %d; want the whole object's 12", e.Name, g.Size)
			}
		})
	}
	_, err := k.Get(ctx, &bytes.Buffer{}, s3.Range(-1, 2))
	e.wantValidation(t, "negative Range", err, "Range")
}

// testConditionals checks the If-* preconditions of GetObject.
func testConditionals(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	k := b.Key("c")
	if err := k.PutBytes(ctx, []byte("conditional")); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	if err := k.Refresh(ctx); err != nil {
		t.Fatalf("%s: Head: %v", e.Name, err)
	}
	etag, mod := k.ETag, k.LastModified
	hourBefore := mod.Add(-time.Hour)
	for _, tc := range []struct {
		name string
		opts []s3.GetOption
		// want is "" for success, else the code expected.
		want string
	}{
		{"IfMatch same", gets(s3.IfMatch(etag)), ""},
		{"IfMatch other", gets(s3.IfMatch(`"0123456789abcdef0123456789abcdef"`)), "PreconditionFailed"},
		{"IfNoneMatch same", gets(s3.IfNoneMatch(etag)), "NotModified"},
		{"IfNoneMatch other", gets(s3.IfNoneMatch(`"0123456789abcdef0123456789abcdef"`)), ""},
		{"IfModifiedSince before", gets(s3.IfModifiedSince(hourBefore)), ""},
		{"IfModifiedSince at", gets(s3.IfModifiedSince(mod)), "NotModified"},
		{"IfUnmodifiedSince before", gets(s3.IfUnmodifiedSince(hourBefore)), "PreconditionFailed"},
		{"IfUnmodifiedSince at", gets(s3.IfUnmodifiedSince(mod)), ""},
		// Documented in the GetObject reference: If-Match decides over
		// If-Unmodified-Since, If-None-Match over If-Modified-Since.
		{"IfMatch true, IfUnmodifiedSince false", gets(s3.IfMatch(etag), s3.IfUnmodifiedSince(hourBefore)), ""},
		{"IfNoneMatch false, IfModifiedSince true", gets(s3.IfNoneMatch(etag), s3.IfModifiedSince(hourBefore)), "NotModified"},
		{"IfMatch false, IfUnmodifiedSince true", gets(s3.IfMatch(`"0123456789abcdef0123456789abcdef"`), s3.IfUnmodifiedSince(mod)), "PreconditionFailed"},
		// RFC 7232: with If-None-Match present, If-Modified-Since is ignored.
		{"IfNoneMatch true, IfModifiedSince false", gets(s3.IfNoneMatch(`"0123456789abcdef0123456789abcdef"`), s3.IfModifiedSince(mod)),
			pick(e.Diff.IfModifiedSinceBeatsIfNoneMatch, "NotModified", "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := b.Key("c").Get(ctx, &buf, tc.opts...)
			switch tc.want {
			case "":
				if err != nil || buf.String() != "conditional" {
					t.Errorf("%s: Get = %q, %v; want the object", e.Name, buf.String(), err)
				}
			case "NotModified":
				if !s3.IsNotModified(err) || status(err) != http.StatusNotModified {
					t.Errorf("%s: err = %v; want 304 NotModified", e.Name, err)
				}
			case "PreconditionFailed":
				if !s3.IsPreconditionFailed(err) || status(err) != http.StatusPreconditionFailed {
					t.Errorf("%s: err = %v; want 412 PreconditionFailed", e.Name, err)
				}
			}
		})
	}
}

// gets collects GetOptions for a table entry.
func gets(opts ...s3.GetOption) []s3.GetOption { return opts }
