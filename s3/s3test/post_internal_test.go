package s3test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// FuzzPostPolicy feeds arbitrary policy documents to the POST policy
// checks: they must never panic, must refuse with a 400 or 403 S3 error,
// and an accepted policy's exact conditions must hold for the form.
func FuzzPostPolicy(f *testing.F) {
	f.Add(`{"expiration":"2099-01-01T00:00:00.000Z","conditions":[{"bucket":"b"},["starts-with","$key","a/"],["content-length-range",1,10]]}`, "a/x", 5)
	f.Add(`{"expiration":"2000-01-01T00:00:00Z","conditions":[]}`, "k", 0)
	f.Add(`{"expiration":"2099-01-01T00:00:00Z","conditions":[["eq","$key"],{"key":1},[1,2,3]]}`, "k", 1)
	f.Add(`{"expiration":"2099-01-01T00:00:00Z","conditions":[{"Key":"k","x-amz-meta-a":"v"}]}`, "k", 1)
	f.Add(`not json`, "", -1)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc, key string, size int) {
		form := map[string]string{"key": key, "policy": "p", "x-amz-signature": "s"}
		conds, err := checkPolicy(base64.StdEncoding.EncodeToString([]byte(doc)), now)
		if err == nil {
			err = matchConditions(conds, form, "b", int64(size))
		}
		if err != nil {
			var fe *fake.Error
			if !errors.As(err, &fe) || fe.Status != 400 && fe.Status != 403 {
				t.Fatalf("error %v, want a 400 or 403 *fake.Error", err)
			}
			return
		}
		// Accepted: the form's only field that needs covering, key, was.
		if !strings.Contains(strings.ToLower(doc), `$key`) && !strings.Contains(strings.ToLower(doc), `"key"`) {
			t.Errorf("policy %s accepted a form whose key it does not mention", doc)
		}
	})
}

func TestMatchConditions(t *testing.T) {
	form := map[string]string{"key": "in/a", "content-type": "image/png", "x-ignore-me": "1"}
	tests := []struct {
		name  string
		conds string
		size  int64
		code  string // "" accepted
	}{
		{"all hold", `[{"bucket":"b"},["starts-with","$key","in/"],["starts-with","$Content-Type","image/"],["content-length-range",0,5]]`, 5, ""},
		{"condition names are case-insensitive", `[{"KEY":"in/a"},["eq","$content-TYPE","image/png"]]`, 0, ""},
		{"content type not covered", `[{"key":"in/a"}]`, 0, "AccessDenied"},
		{"bucket", `[{"bucket":"c"},{"key":"in/a"},["starts-with","$Content-Type",""]]`, 0, "AccessDenied"},
		{"too big", `[{"key":"in/a"},["starts-with","$Content-Type",""],["content-length-range",0,4]]`, 5, "EntityTooLarge"},
		{"too small", `[{"key":"in/a"},["starts-with","$Content-Type",""],["content-length-range",6,9]]`, 5, "EntityTooSmall"},
		{"unknown operator", `[["ends-with","$key","a"]]`, 0, "InvalidPolicyDocument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"expiration":"2099-01-01T00:00:00.000Z","conditions":` + tt.conds + `}`
			conds, err := checkPolicy(base64.StdEncoding.EncodeToString([]byte(doc)), time.Now())
			if err == nil {
				err = matchConditions(conds, form, "b", tt.size)
			}
			code := ""
			var fe *fake.Error
			if errors.As(err, &fe) {
				code = fe.Code
			} else if err != nil {
				code = err.Error()
			}
			if code != tt.code {
				t.Errorf("got %q (%v), want %q", code, err, tt.code)
			}
		})
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestReadPostFormLeavesFile checks that parsing a form reads its fields
// but leaves the file to be read as it is stored, and that a form cut off
// mid-file fails that read with MalformedPOSTRequest.
func TestReadPostFormLeavesFile(t *testing.T) {
	file := bytes.Repeat([]byte("f"), 4<<20)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("key", "k")
	mw.WriteField("Content-Type", "text/plain")
	fw, _ := mw.CreateFormFile("file", "a.txt")
	fw.Write(file)
	mw.WriteField("after", "ignored")
	mw.Close()
	whole := body.Bytes()

	tests := []struct {
		name string
		body []byte
		want []byte // the file read back; nil: the read fails
	}{
		{"whole", whole, file},
		{"cut mid-file", whole[:len(whole)/2], nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &countingReader{r: bytes.NewReader(tt.body)}
			req := httptest.NewRequest(http.MethodPost, "/bkt", src)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			form, err := readPostForm(req.Header.Get("Content-Type"), req.Body)
			if err != nil {
				t.Fatal(err)
			}
			if src.n >= len(file) {
				t.Errorf("parsing the form read %d bytes, the file (%d bytes) with them", src.n, len(file))
			}
			wantFields := map[string]string{"key": "k", "content-type": "text/plain"}
			if diff := cmp.Diff(wantFields, form.fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			got, err := io.ReadAll(form.file)
			if tt.want == nil {
				var fe *fake.Error
				if !errors.As(err, &fe) || fe.Code != "MalformedPOSTRequest" {
					t.Errorf("reading a cut file: %v, want MalformedPOSTRequest", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Errorf("file: %d bytes, %v; want %d bytes", len(got), err, len(tt.want))
			}
		})
	}
}

// TestReadPostFormFieldLimit checks the 20 KB bound on the fields before
// the file.
func TestReadPostFormFieldLimit(t *testing.T) {
	tests := []struct {
		name  string
		value int // bytes of one x-amz-meta-big value; with "key", "k" and the name
		code  string
	}{
		{"at the limit", maxPostFields - len("key") - len("k") - len("x-amz-meta-big"), ""},
		{"one byte over", maxPostFields - len("key") - len("k") - len("x-amz-meta-big") + 1, "MaxPostPreDataLengthExceededError"},
		{"far over", 1 << 20, "MaxPostPreDataLengthExceededError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("key", "k")
			mw.WriteField("x-amz-meta-big", strings.Repeat("v", tt.value))
			fw, _ := mw.CreateFormFile("file", "a.txt")
			fw.Write([]byte("data"))
			mw.Close()
			req := httptest.NewRequest(http.MethodPost, "/bkt", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			_, err := readPostForm(req.Header.Get("Content-Type"), req.Body)
			code := ""
			var fe *fake.Error
			if errors.As(err, &fe) {
				code = fe.Code
			} else if err != nil {
				code = err.Error()
			}
			if code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
}

// TestPostFileLimit checks that the file of a POST is cut off with
// EntityTooLarge as soon as it passes the limit, and not before.
func TestPostFileLimit(t *testing.T) {
	const limit = 1000
	tests := []struct {
		size int
		code string
	}{
		{0, ""},
		{limit, ""},
		{limit + 1, "EntityTooLarge"},
		{10 * limit, "EntityTooLarge"},
	}
	for _, tt := range tests {
		f := &postFile{r: bytes.NewReader(make([]byte, tt.size)), left: limit}
		n, err := io.Copy(io.Discard, f)
		code := ""
		var fe *fake.Error
		if errors.As(err, &fe) {
			code = fe.Code
		} else if err != nil {
			code = err.Error()
		}
		if code != tt.code || (code == "" && n != int64(tt.size)) || n > limit+32<<10 {
			t.Errorf("%d-byte file: read %d bytes, code %q; want code %q", tt.size, n, code, tt.code)
		}
	}
}

// TestPostContentLengthLimit checks that a POST whose Content-Length
// leaves room for a file past 5 GB is refused before its form is read,
// and one just within it is not.
func TestPostContentLengthLimit(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("key", "k")
	fw, _ := mw.CreateFormFile("file", "a.txt")
	fw.Write([]byte("data"))
	mw.Close()
	const most = maxPostObject + maxPostFields + postFraming
	tests := []struct {
		length int64
		code   string
		extra  map[string]string
	}{
		{most, "AccessDenied", nil}, // read, and refused for its lack of a policy
		{most + 1, "EntityTooLarge", map[string]string{"MaxSizeAllowed": "5368709120", "ProposedSize": strconv.FormatInt(most+1, 10)}},
	}
	b, _ := NewBackend()
	for _, tt := range tests {
		src := &countingReader{r: bytes.NewReader(body.Bytes())}
		req := httptest.NewRequest(http.MethodPost, "/bkt", nil)
		req.ContentLength = tt.length
		req.Header.Set("Content-Type", mw.FormDataContentType())
		err := b.postObject(httptest.NewRecorder(), &fake.Request{HTTP: req, Stream: src}, target{bucket: "bkt"})
		var fe *fake.Error
		if !errors.As(err, &fe) {
			t.Fatalf("Content-Length %d: %v, want an S3 error", tt.length, err)
		}
		if diff := cmp.Diff([]any{tt.code, tt.extra}, []any{fe.Code, fe.Extra}); diff != "" {
			t.Errorf("Content-Length %d (-want +got):\n%s", tt.length, diff)
		}
		if read := src.n > 0; read != (tt.code != "EntityTooLarge") {
			t.Errorf("Content-Length %d: form read = %v", tt.length, read)
		}
	}
}
