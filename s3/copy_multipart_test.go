package s3

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// copyServer answers the requests of a multipart copy of a 12 MiB source
// and records what each carried. failPart, when set, fails that part
// number with a 500.
type copyServer struct {
	mu      sync.Mutex
	ranges  map[string]string // part number -> x-amz-copy-source-range
	ifMatch []string
	create  http.Header
	aborted int
	copies  int // CopyObject requests

	failPart  string
	tooLarge  bool           // CopyObject refuses the source as over 5 GiB
	onPart    func(n string) // called as each part arrives
	sourceLen int64
	heads     []string // versionId of each HEAD
	sources   []string // x-amz-copy-source of each copy request
}

func (s *copyServer) handle(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		s.mu.Lock()
		defer s.mu.Unlock()
		if src := r.Header.Get("x-amz-copy-source"); src != "" {
			s.sources = append(s.sources, src)
		}
		switch {
		case r.Method == http.MethodHead:
			s.heads = append(s.heads, q.Get("versionId"))
			w.Header().Set("Content-Length", strconv.FormatInt(s.sourceLen, 10))
			w.Header().Set("Content-Type", "video/mp4")
			w.Header().Set("ETag", `"src-etag"`)
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("x-amz-meta-owner", "ann")
		case r.Method == http.MethodPut && q.Has("uploadId"):
			n := q.Get("partNumber")
			if s.onPart != nil {
				s.onPart(n)
			}
			s.ranges[n] = r.Header.Get("x-amz-copy-source-range")
			s.ifMatch = append(s.ifMatch, r.Header.Get("x-amz-copy-source-if-match"))
			if n == s.failPart {
				xmlAnswer(w, 500, "<Error><Code>InternalError</Code><Message>boom</Message></Error>")
				return
			}
			xmlAnswer(w, 200, `<CopyPartResult><ETag>"p`+n+`"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyPartResult>`)
		case r.Method == http.MethodPut:
			s.copies++
			if s.tooLarge {
				xmlAnswer(w, 400, "<Error><Code>InvalidRequest</Code><Message>The specified copy source is larger than the maximum allowable size for a copy source: 5368709120</Message></Error>")
				return
			}
			xmlAnswer(w, 200, `<CopyObjectResult><ETag>"single"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>`)
		case r.Method == http.MethodPost && q.Has("uploads"):
			s.create = r.Header.Clone()
			xmlAnswer(w, 200, "<InitiateMultipartUploadResult><Bucket>dst</Bucket><Key>copy</Key><UploadId>up1</UploadId></InitiateMultipartUploadResult>")
		case r.Method == http.MethodPost && q.Get("uploadId") == "up1":
			xmlAnswer(w, 200, `<CompleteMultipartUploadResult><ETag>"whole-3"</ETag></CompleteMultipartUploadResult>`)
		case r.Method == http.MethodDelete && q.Get("uploadId") == "up1":
			s.aborted++
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(400)
		}
	}
}

// completedParts reads the part numbers and ETags of a
// CompleteMultipartUpload body.
func completedParts(t *testing.T, body []byte) []string {
	var c struct {
		Parts []struct {
			PartNumber int
			ETag       string
		} `xml:"Part"`
	}
	if err := xml.Unmarshal(body, &c); err != nil {
		t.Fatalf("CompleteMultipartUpload body: %v", err)
	}
	var out []string
	for _, p := range c.Parts {
		out = append(out, fmt.Sprintf("%d %s", p.PartNumber, p.ETag))
	}
	return out
}

func TestCopyMultipartWire(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name       string
		opts       []CopyOption
		tooLarge   bool
		wantCopies int
		wantCreate map[string]string
	}{
		{
			name: "forced part size keeps the source's headers",
			opts: []CopyOption{CopyPartSize(5 * mib), CopyConcurrency(2)},
			wantCreate: map[string]string{
				"Content-Type": "video/mp4", "Cache-Control": "max-age=60", "X-Amz-Meta-Owner": "ann", "X-Amz-Storage-Class": "",
			},
		},
		{
			name: "replace metadata",
			opts: []CopyOption{CopyPartSize(5 * mib), ReplaceMetadata("text/plain", map[string]string{"v": "2"}), CopyStorageClass("STANDARD_IA")},
			wantCreate: map[string]string{
				"Content-Type": "text/plain", "Cache-Control": "", "X-Amz-Meta-Owner": "", "X-Amz-Meta-V": "2", "X-Amz-Storage-Class": "STANDARD_IA",
			},
		},
		{
			name:       "CopyObject refuses a source over 5 GiB",
			tooLarge:   true,
			wantCopies: 1,
			wantCreate: map[string]string{"Content-Type": "video/mp4", "X-Amz-Meta-Owner": "ann"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &copyServer{ranges: map[string]string{}, sourceLen: 12 * mib, tooLarge: tt.tooLarge}
			if tt.tooLarge {
				// The fake source claims 6 GiB, so the default part size is
				// 256 MiB: 24 parts.
				s.sourceLen = 6 << 30
			}
			rec := newRecorder(t, s.handle(t))
			dst, err := rec.conn("us-east-1").Bucket("src").Key("a b/v.mp4").Copy(context.Background(), "dst", "copy", tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if dst.ETag != `"whole-3"` || dst.Size != s.sourceLen {
				t.Errorf("copy handle = ETag %s size %d, want \"whole-3\" %d", dst.ETag, dst.Size, s.sourceLen)
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.copies != tt.wantCopies {
				t.Errorf("%d CopyObject requests, want %d", s.copies, tt.wantCopies)
			}
			partSize := int64(5 * mib)
			if tt.tooLarge {
				partSize = 256 * mib
			}
			wantRanges := map[string]string{}
			var wantParts []string
			for i, off := 1, int64(0); off < s.sourceLen; i, off = i+1, off+partSize {
				n := strconv.Itoa(i)
				wantRanges[n] = fmt.Sprintf("bytes=%d-%d", off, min(off+partSize, s.sourceLen)-1)
				wantParts = append(wantParts, fmt.Sprintf(`%d "p%d"`, i, i))
			}
			if diff := cmp.Diff(wantRanges, s.ranges); diff != "" {
				t.Errorf("copy source ranges (-want +got):\n%s", diff)
			}
			for _, m := range s.ifMatch {
				if m != `"src-etag"` {
					t.Errorf("x-amz-copy-source-if-match = %q, want the source's ETag", m)
				}
			}
			got := map[string]string{}
			for h := range tt.wantCreate {
				got[h] = s.create.Get(h)
			}
			if diff := cmp.Diff(tt.wantCreate, got); diff != "" {
				t.Errorf("CreateMultipartUpload headers (-want +got):\n%s", diff)
			}
			rec.mu.Lock()
			body := rec.body[len(rec.body)-1]
			src := ""
			for _, r := range rec.reqs {
				if r.URL.Query().Has("partNumber") {
					src = r.Header.Get("x-amz-copy-source")
				}
			}
			rec.mu.Unlock()
			if diff := cmp.Diff(wantParts, completedParts(t, body)); diff != "" {
				t.Errorf("completed parts (-want +got):\n%s", diff)
			}
			if src != "src/a%20b/v.mp4" {
				t.Errorf("x-amz-copy-source = %q, want src/a%%20b/v.mp4", src)
			}
		})
	}
}

func TestCopyMultipartAborts(t *testing.T) {
	const mib = 1 << 20
	t.Run("part fails", func(t *testing.T) {
		s := &copyServer{ranges: map[string]string{}, sourceLen: 12 * mib, failPart: "2"}
		rec := newRecorder(t, s.handle(t))
		_, err := rec.conn("us-east-1").Bucket("src").Key("k").Copy(context.Background(), "dst", "copy", CopyPartSize(5*mib), CopyConcurrency(1))
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "InternalError" {
			t.Errorf("err = %v, want the part's InternalError", err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.aborted != 1 {
			t.Errorf("%d aborts, want 1", s.aborted)
		}
		if _, ok := s.ranges["3"]; ok {
			t.Error("part 3 was copied after part 2 failed")
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s := &copyServer{ranges: map[string]string{}, sourceLen: 12 * mib, onPart: func(string) { cancel() }}
		rec := newRecorder(t, s.handle(t))
		_, err := rec.conn("us-east-1").Bucket("src").Key("k").Copy(ctx, "dst", "copy", CopyPartSize(5*mib), CopyConcurrency(1))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.aborted != 1 {
			t.Errorf("%d aborts after cancel, want 1", s.aborted)
		}
		var parts []string
		for n := range s.ranges {
			parts = append(parts, n)
		}
		sort.Strings(parts)
		if diff := cmp.Diff([]string{"1"}, parts); diff != "" {
			t.Errorf("parts copied (-want +got):\n%s", diff)
		}
	})
	t.Run("small source uses CopyObject", func(t *testing.T) {
		s := &copyServer{ranges: map[string]string{}, sourceLen: 5 * mib}
		rec := newRecorder(t, s.handle(t))
		dst, err := rec.conn("us-east-1").Bucket("src").Key("k").Copy(context.Background(), "dst", "copy", CopyPartSize(5*mib))
		if err != nil || dst.ETag != `"single"` {
			t.Fatalf("Copy = %v, %v; want ETag \"single\"", dst, err)
		}
		if s.copies != 1 || s.create != nil {
			t.Errorf("%d CopyObject, multipart started %v; want one CopyObject only", s.copies, s.create != nil)
		}
	})
}

func TestCopyMultipartValidation(t *testing.T) {
	rec := newRecorder(t, nil)
	k := rec.conn("us-east-1").Bucket("src").Key("k")
	tests := []struct {
		name  string
		opts  []CopyOption
		field string
	}{
		{"part under 5 MiB", []CopyOption{CopyPartSize(5<<20 - 1)}, "CopyPartSize"},
		{"part over 5 GiB", []CopyOption{CopyPartSize(5<<30 + 1)}, "CopyPartSize"},
		{"negative part", []CopyOption{CopyPartSize(-1)}, "CopyPartSize"},
		{"zero concurrency is the default, negative is not", []CopyOption{CopyConcurrency(-1)}, "CopyConcurrency"},
		{"too much concurrency", []CopyOption{CopyConcurrency(65)}, "CopyConcurrency"},
		{"empty version", []CopyOption{CopyVersion("")}, "CopyVersion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := k.Copy(context.Background(), "dst", "copy", tt.opts...)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Errorf("err = %v, want a ValidationError on %s", err, tt.field)
			}
		})
	}
	if n := rec.count(); n != 0 {
		t.Errorf("%d requests for bad input, want 0", n)
	}
}

func TestCopyTooManyParts(t *testing.T) {
	// 10,001 parts of 5 MiB: refused after the HEAD, before any upload.
	s := &copyServer{ranges: map[string]string{}, sourceLen: 10001 * 5 << 20}
	rec := newRecorder(t, s.handle(t))
	_, err := rec.conn("us-east-1").Bucket("src").Key("k").Copy(context.Background(), "dst", "copy", CopyPartSize(5<<20))
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "CopyPartSize" {
		t.Errorf("err = %v, want a ValidationError on CopyPartSize", err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("%d requests, want only the HEAD", n)
	}
}

func TestCopyVersion(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name      string
		sourceLen int64
		wantHeads []string
		wantSrc   []string
	}{
		{"single", 1, nil, []string{"src/a%20b?versionId=v%201"}},
		{"multipart", 6 * mib, []string{"v 1"}, []string{"src/a%20b?versionId=v%201", "src/a%20b?versionId=v%201"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &copyServer{ranges: map[string]string{}, sourceLen: tt.sourceLen}
			rec := newRecorder(t, s.handle(t))
			opts := []CopyOption{CopyVersion("v 1")}
			if tt.sourceLen > 5*mib {
				opts = append(opts, CopyPartSize(5*mib))
			}
			if _, err := rec.conn("us-east-1").Bucket("src").Key("a b").Copy(context.Background(), "dst", "copy", opts...); err != nil {
				t.Fatal(err)
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if diff := cmp.Diff(tt.wantHeads, s.heads); diff != "" {
				t.Errorf("HEAD versionIds (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantSrc, s.sources); diff != "" {
				t.Errorf("copy sources (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCopyKnownLargeSource(t *testing.T) {
	// A key whose Head said it is over 5 GiB goes multipart at once,
	// without a CopyObject that would be refused.
	s := &copyServer{ranges: map[string]string{}, sourceLen: 5<<30 + 1}
	rec := newRecorder(t, s.handle(t))
	k := rec.conn("us-east-1").Bucket("src").Key("k")
	k.Size = 5<<30 + 1
	if _, err := k.Copy(context.Background(), "dst", "copy"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.copies != 0 || len(s.ranges) != 21 {
		t.Errorf("%d CopyObject and %d parts, want 0 and 21 of 256 MiB", s.copies, len(s.ranges))
	}
}
