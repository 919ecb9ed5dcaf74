package fake

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSigV4SuiteVector checks the verifier against the "get-vanilla" case
// of AWS's published SigV4 test suite, which no SDK code produced.
func TestSigV4SuiteVector(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.amazonaws.com/", nil)
	r.Header.Set("X-Amz-Date", "20150830T123600Z")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
	v, err := parseV4Header(r, r.Header.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	wantCanonical := "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	if diff := cmp.Diff(wantCanonical, canonicalRequest(r, v, sha256Hex(nil))); diff != "" {
		t.Errorf("canonical request (-want +got)\n%s", diff)
	}
	for _, tt := range []struct {
		secret string
		want   bool
	}{{"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", true}, {"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX", false}} {
		ok, err := verifyV4(r, nil, false, v, tt.secret)
		if err != nil || ok != tt.want {
			t.Errorf("verify with secret #%v = %v, %v; want %v", tt.want, ok, err, tt.want)
		}
	}
}

func TestParseV4Header(t *testing.T) {
	tests := []struct {
		name    string
		auth    string
		headers map[string]string
		want    string // "region service amzDate" or the error
	}{
		{"x-amz-date", "AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=ab",
			map[string]string{"X-Amz-Date": "20250314T150926Z"}, "eu-west-1 sqs 20250314T150926Z"},
		{"date header", "AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request,SignedHeaders=host,Signature=ab",
			map[string]string{"Date": "Fri, 14 Mar 2025 15:09:26 GMT"}, "eu-west-1 sqs 20250314T150926Z"},
		{"scope date differs", "AWS4-HMAC-SHA256 Credential=AK/20250313/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=ab",
			map[string]string{"X-Amz-Date": "20250314T150926Z"}, "credential scope date does not match X-Amz-Date"},
		{"no date", "AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=ab",
			nil, "request needs X-Amz-Date or Date"},
		{"short credential", "AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/aws4_request, SignedHeaders=host, Signature=ab",
			map[string]string{"X-Amz-Date": "20250314T150926Z"}, "credential must be <key>/<date>/<region>/<service>/aws4_request"},
		{"no signature", "AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request, SignedHeaders=host",
			map[string]string{"X-Amz-Date": "20250314T150926Z"}, "Authorization header requires Credential, SignedHeaders and Signature"},
		{"other algorithm", "AWS4-ECDSA-P256-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=ab",
			map[string]string{"X-Amz-Date": "20250314T150926Z"}, "unsupported authorization algorithm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://h/", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			v, err := parseV4Header(r, tt.auth)
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				got = strings.Join([]string{v.region, v.service, v.amzDate}, " ")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestCanonicalParts(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"query sorted and re-encoded", canonicalQuery("b=2&a=x+y&a=%7e&c&A=1", false), "A=1&a=x%20y&a=~&b=2&c="},
		{"query keeps reserved encoded", canonicalQuery("k=%2F%3D%26", false), "k=%2F%3D%26"},
		{"presigned drops its signature", canonicalQuery("X-Amz-Signature=ab&X-Amz-Date=1", true), "X-Amz-Date=1"},
		{"signature kept when not presigned", canonicalQuery("X-Amz-Signature=ab", false), "X-Amz-Signature=ab"},
		{"uri double encoded", canonicalURI("/a%20b/%C3%BC/c~d", false), "/a%2520b/%25C3%25BC/c~d"},
		{"uri s3 as sent", canonicalURI("/a%20b/%C3%BC", true), "/a%20b/%C3%BC"},
		{"uri empty", canonicalURI("", false), "/"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
		}
	}
	r := httptest.NewRequest("GET", "http://h/", nil)
	r.Header.Add("X-Multi", "  a   b ")
	r.Header.Add("X-Multi", "c")
	if diff := cmp.Diff("a b,c", canonicalHeaderValue(r, "x-multi")); diff != "" {
		t.Errorf("header value (-want +got)\n%s", diff)
	}
}

func FuzzCanonicalQuery(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "a=%zz&=&&b", "X-Amz-Signature=1&x=%E2%82%AC+%20"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once := canonicalQuery(raw, false)
		if twice := canonicalQuery(once, false); twice != once {
			t.Errorf("not idempotent: %q -> %q -> %q", raw, once, twice)
		}
	})
}

func FuzzCanonicalURI(f *testing.F) {
	for _, s := range []string{"/", "/a b", "/%41%zz", "//x/../y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		got := canonicalURI(path, false)
		for i := 0; i < len(got); i++ {
			if c := got[i]; !isUnreserved(c) && c != '/' && c != '%' {
				t.Fatalf("canonicalURI(%q) = %q has unencoded %q", path, got, c)
			}
		}
	})
}

func FuzzParseV4(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AK/20250314/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=ab", "20250314T150926Z")
	f.Add("AWS4-HMAC-SHA256 ,,,==", "")
	f.Fuzz(func(t *testing.T, auth, date string) {
		r := httptest.NewRequest("GET", "http://h/", nil)
		r.Header.Set("X-Amz-Date", date)
		v, err := parseV4Header(r, auth)
		if err == nil {
			if _, err := verifyV4(r, nil, false, v, "secret"); err != nil && !strings.Contains(err.Error(), "host") {
				t.Errorf("verify: %v", err)
			}
		}
		q := r.URL.Query()
		q.Set("X-Amz-Algorithm", v4Algorithm)
		q.Set("X-Amz-Credential", auth)
		q.Set("X-Amz-Date", date)
		parseV4Query(q)
	})
}
