package s3test

import (
	"crypto/md5"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// serve runs one request through the Backend as the fake server would,
// rendering a returned error in S3's format.
func serve(t *testing.T, b *Backend, method, target string, now time.Time) *httptest.ResponseRecorder {
	t.Helper()
	hr := httptest.NewRequest(method, target, nil)
	req := &fake.Request{HTTP: hr, Service: "s3", Region: "us-east-1", Operation: Operation(hr),
		Credential: fake.DefaultCredentials()[0], RequestID: "REQ-0001", Now: now}
	w := httptest.NewRecorder()
	if err := b.handle(w, req); err != nil {
		svc := b.Service()
		fake.RenderError(w, &svc, req.RequestID, err.(*fake.Error))
	}
	return w
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func TestGoldenXML(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b, _ := NewBackend()
	if err := b.CreateBucket("", "", "golden"); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	for _, k := range []string{"a/1", "a/2", "b", "c&d"} {
		b.buckets["golden"].objects[k] = testObject(t, b, k, []byte(k), now)
	}
	b.mu.Unlock()
	tests := []struct {
		file, target string
		status       int
	}{
		{"list_v2.golden", "/golden?list-type=2&delimiter=/&max-keys=2", 200},
		{"no_such_key.golden", "/golden/missing", 404},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			w := serve(t, b, "GET", tt.target, now)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if w.Header().Get("x-amz-id-2") != hostID("REQ-0001") {
				t.Errorf("x-amz-id-2 = %q", w.Header().Get("x-amz-id-2"))
			}
			golden(t, tt.file, w.Body.Bytes())
		})
	}
}

func TestAddressing(t *testing.T) {
	tests := []struct {
		method, host, path, query string
		want                      target
		op                        string
	}{
		{"GET", "127.0.0.1:9000", "/", "", target{}, "ListBuckets"},
		{"PUT", "127.0.0.1:9000", "/bkt", "", target{"bkt", ""}, "CreateBucket"},
		{"GET", "127.0.0.1:9000", "/bkt/a%2Fb%20c", "x-id=GetObject", target{"bkt", "a/b c"}, "GetObject"},
		{"GET", "bkt.s3.amazonaws.com", "/dir/key", "", target{"bkt", "dir/key"}, "GetObject"},
		{"GET", "my.bkt.s3.eu-west-1.amazonaws.com", "/", "list-type=2", target{"my.bkt", ""}, "ListObjectsV2"},
		{"GET", "s3.eu-west-1.amazonaws.com", "/bkt/k", "", target{"bkt", "k"}, "GetObject"},
		{"POST", "bkt.localhost:9000", "/", "delete", target{"bkt", ""}, "DeleteObjects"},
		{"POST", "127.0.0.1", "/bkt/k", "uploads", target{"bkt", "k"}, "CreateMultipartUpload"},
		{"PUT", "127.0.0.1", "/bkt/k", "partNumber=1&uploadId=x", target{"bkt", "k"}, "UploadPart"},
		{"GET", "127.0.0.1", "/bkt", "location", target{"bkt", ""}, "GetBucketLocation"},
		// Every subresource of S3's model names its own operation and
		// never the plain bucket or object one.
		{"PUT", "127.0.0.1", "/bkt/k", "legal-hold", target{"bkt", "k"}, "PutObjectLegalHold"},
		{"DELETE", "127.0.0.1", "/bkt", "replication", target{"bkt", ""}, "DeleteBucketReplication"},
		{"DELETE", "127.0.0.1", "/bkt", "metrics&id=x", target{"bkt", ""}, "DeleteBucketMetricsConfiguration"},
		{"GET", "127.0.0.1", "/bkt", "metrics&id=x", target{"bkt", ""}, "GetBucketMetricsConfiguration"},
		{"GET", "127.0.0.1", "/bkt", "metrics", target{"bkt", ""}, "ListBucketMetricsConfigurations"},
		{"GET", "127.0.0.1", "/bkt", "intelligent-tiering", target{"bkt", ""}, "ListBucketIntelligentTieringConfigurations"},
		{"GET", "127.0.0.1", "/bkt/k", "attributes", target{"bkt", "k"}, "GetObjectAttributes"},
		{"GET", "127.0.0.1", "/bkt/k", "annotation", target{"bkt", "k"}, "ListObjectAnnotations"},
		{"GET", "127.0.0.1", "/bkt/k", "annotation&annotationName=a", target{"bkt", "k"}, "GetObjectAnnotation"},
		{"POST", "127.0.0.1", "/bkt/k", "select&select-type=2", target{"bkt", "k"}, "SelectObjectContent"},
		{"PUT", "127.0.0.1", "/bkt/k", "encryption", target{"bkt", "k"}, "UpdateObjectEncryption"},
		{"GET", "127.0.0.1", "/bkt", "lifecycle", target{"bkt", ""}, "GetBucketLifecycleConfiguration"},
		{"GET", "127.0.0.1", "/bkt", "list-type=2&prefix=", target{"bkt", ""}, "ListObjectsV2"},
		{"GET", "127.0.0.1", "/bkt", "prefix=&delimiter=%2F", target{"bkt", ""}, "ListObjects"},
		{"GET", "127.0.0.1", "/bkt/k", "cachebuster=123", target{"bkt", "k"}, "GetObject"},
		{"POST", "127.0.0.1", "/WriteGetObjectResponse", "", target{"WriteGetObjectResponse", ""}, "WriteGetObjectResponse"},
		// A subresource S3 does not have, or one on the wrong method or
		// target, names nothing.
		{"PUT", "127.0.0.1", "/bkt/k", "frobnicate", target{"bkt", "k"}, ""},
		{"DELETE", "127.0.0.1", "/bkt", "versioning", target{"bkt", ""}, ""},
		{"PUT", "127.0.0.1", "/bkt/k", "versioning", target{"bkt", "k"}, ""},
		{"GET", "127.0.0.1", "/", "frobnicate", target{}, ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "http://"+tt.host+tt.path+"?"+tt.query, nil)
		if got := addressOf(r); got != tt.want {
			t.Errorf("%s %s%s: target %+v, want %+v", tt.method, tt.host, tt.path, got, tt.want)
		}
		if got := Operation(r); got != tt.op {
			t.Errorf("%s %s%s?%s: operation %q, want %q", tt.method, tt.host, tt.path, tt.query, got, tt.op)
		}
	}
}

// testObject makes an object of data stored in b.
func testObject(t *testing.T, b *Backend, key string, data []byte, now time.Time) *object {
	t.Helper()
	w, err := b.store.create(int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	body, err := w.commit()
	if err != nil {
		t.Fatal(err)
	}
	o := newObject(key, http.Header{}, now)
	sum := md5.Sum(data)
	o.body, o.etag = body, quotedMD5(sum[:])
	return o
}
