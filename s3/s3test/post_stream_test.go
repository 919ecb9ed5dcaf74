package s3test_test

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptrace"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/s3/s3test"
)

// newPattern is n bytes that cost no memory (testutil.Pattern).
func newPattern(n int64) io.Reader { return testutil.Pattern(n, 0x2545f4914f6cdd1d) }

// digests are the MD5 (as S3 quotes it in an ETag) and SHA-256 of a
// stream.
type digests struct {
	ETag   string
	SHA256 string
	Size   int64
}

func digest(t testing.TB, r io.Reader) digests {
	t.Helper()
	m, s := md5.New(), sha256.New()
	n, err := io.Copy(io.MultiWriter(m, s), r)
	if err != nil {
		t.Fatal(err)
	}
	return digests{`"` + hex.EncodeToString(m.Sum(nil)) + `"`, hex.EncodeToString(s.Sum(nil)), n}
}

// TestPostStreamsFile uploads a 40 MiB file by POST to a disk-backed
// fake and counts the bytes the whole process (client and server)
// allocated meanwhile: the form streams into the store, so that is a
// small fraction of the file, where reading the form first would cost at
// least the file. The object then reads back whole, with the MD5 ETag.
func TestPostStreamsFile(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 40 MiB")
	}
	const size = 40 << 20
	srv := s3test.Start(t, s3test.WithDir(t.TempDir()), fakes.WithTLS(false)) // the store's memory is measured, not TLS's buffers
	if err := srv.CreateBucket("", "", "bkt"); err != nil {
		t.Fatal(err)
	}
	f := signedForm(t, "bkt", "big", nil, 0)
	if a := f.send(t, srv, newPattern(1), 1); a.Status != http.StatusNoContent { // warm the connection and pools
		t.Fatalf("first POST: %+v", a)
	}
	want := digest(t, newPattern(size))

	before := testutil.HeapAllocs()
	a := f.send(t, srv, newPattern(size), size)
	allocated := testutil.HeapAllocs() - before
	t.Logf("%d MiB POST allocated %.2f MiB", size>>20, float64(allocated)/(1<<20))
	if a.Status != http.StatusNoContent || a.ETag != want.ETag {
		t.Fatalf("POST answered %+v, want 204 and ETag %s", a, want.ETag)
	}
	if allocated > size/8 {
		t.Errorf("a %d-byte POST allocated %d bytes, want at most %d: the form is held in memory", size, allocated, size/8)
	}

	out, err := client(srv).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("big")})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	got := digest(t, out.Body)
	got.ETag = aws.ToString(out.ETag)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("object read back (-want +got):\n%s", diff)
	}
}

// TestPostAccounting checks that streamed POST uploads are recorded and
// hit by faults like other requests: a throttled POST answers SlowDown
// and stores nothing, the next one goes through, and both are in Calls
// as unsigned PostObject calls.
func TestPostAccounting(t *testing.T) {
	const size = 3 << 20 // past what the HTTP server discards by itself
	srv := s3test.Start(t)
	if err := srv.CreateBucket("", "", "bkt"); err != nil {
		t.Fatal(err)
	}
	srv.Faults().Add(fake.Fault{Operation: "PostObject", Kind: fake.Throttle, Times: 1})
	srv.ResetCalls()
	f := signedForm(t, "bkt", "k", nil, 0)
	type result struct {
		Status int
		Code   string
		Stored bool
	}
	var got []result
	for range 2 {
		a := f.send(t, srv, newPattern(size), size)
		_, stored := srv.Object("bkt", "k")
		got = append(got, result{a.Status, a.Code, stored})
	}
	want := []result{{http.StatusServiceUnavailable, "SlowDown", false}, {http.StatusNoContent, "", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	var calls []fake.Call
	for _, c := range srv.Calls() {
		calls = append(calls, fake.Call{Method: c.Method, Path: c.Path, Service: c.Service, Operation: c.Operation,
			Account: c.Account, SigVersion: c.SigVersion, Status: c.Status, Code: c.Code, Fault: c.Fault})
	}
	wantCalls := []fake.Call{
		{Method: "POST", Path: "/bkt", Service: "s3", Operation: "PostObject", Status: 503, Code: "SlowDown", Fault: fake.Throttle},
		{Method: "POST", Path: "/bkt", Service: "s3", Operation: "PostObject", Status: 204},
	}
	if diff := cmp.Diff(wantCalls, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// TestPostRefusedBigFile sends files of 6 MiB in forms S3 refuses before
// or after the file is read: the client gets the error, the body was read
// (the refusal before the file by the fake server's drain), so the second
// POST goes over the first one's connection, and nothing is stored.
func TestPostRefusedBigFile(t *testing.T) {
	const size = 6 << 20
	tests := []struct {
		name    string
		bucket  string
		fields  map[string]string
		maxSize int
		status  int
		code    string
	}{
		{"no such bucket", "nobkt", nil, 0, http.StatusNotFound, "NoSuchBucket"},
		{"bad storage class", "bkt", map[string]string{"x-amz-storage-class": "SHELF"}, 0, http.StatusBadRequest, "InvalidStorageClass"},
		{"past content-length-range", "bkt", nil, size - 1, http.StatusBadRequest, "EntityTooLarge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := s3test.Start(t)
			if err := srv.CreateBucket("", "", "bkt"); err != nil {
				t.Fatal(err)
			}
			f := signedForm(t, tt.bucket, "k", tt.fields, tt.maxSize)
			var reused []bool
			ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
				GotConn: func(c httptrace.GotConnInfo) { reused = append(reused, c.Reused) }})
			for range 2 {
				a := f.sendCtx(t, ctx, srv, newPattern(size), size)
				if diff := cmp.Diff([]any{tt.status, tt.code}, []any{a.Status, a.Code}); diff != "" {
					t.Fatalf("answer (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff([]bool{false, true}, reused); diff != "" {
				t.Errorf("connection reused by each POST (-want +got):\n%s", diff)
			}
			if _, stored := srv.Object(tt.bucket, "k"); stored {
				t.Errorf("refused POST stored an object")
			}
		})
	}
}
