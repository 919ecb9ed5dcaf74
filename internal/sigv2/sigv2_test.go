package sigv2

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type vector struct {
	Name         string            `json:"name"`
	Method       string            `json:"method"`
	Host         string            `json:"host"`
	Path         string            `json:"path"`
	AccessKey    string            `json:"access_key"`
	SecretKey    string            `json:"secret_key"`
	SessionToken string            `json:"session_token"`
	Params       map[string]string `json:"params"`
	StringToSign string            `json:"string_to_sign"`
	Signature    string            `json:"signature"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	b, err := os.ReadFile("testdata/sigv2.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Vectors []vector }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) == 0 {
		t.Fatal("no vectors in testdata/sigv2.json")
	}
	return f.Vectors
}

// TestGoldenVectors signs each published vector and compares the string to
// sign and the signature byte for byte.
func TestGoldenVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			params := url.Values{}
			for k, val := range v.Params {
				params.Set(k, val)
			}
			Sign(params, v.Method, v.Host, v.Path,
				Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey, SessionToken: v.SessionToken},
				time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
			if v.StringToSign != "" {
				if diff := cmp.Diff(v.StringToSign, StringToSign(v.Method, v.Host, v.Path, params)); diff != "" {
					t.Errorf("string to sign (-want +got):\n%s", diff)
				}
			}
			if got := params.Get("Signature"); got != v.Signature {
				t.Errorf("signature = %q, want %q", got, v.Signature)
			}
			if v.SessionToken != "" && params.Get("SecurityToken") != v.SessionToken {
				t.Errorf("SecurityToken = %q, want %q", params.Get("SecurityToken"), v.SessionToken)
			}
			if !Verify(params, v.Method, v.Host, v.Path, v.SecretKey) {
				t.Error("Verify rejected a vector's own signature")
			}
			if Verify(params, v.Method, v.Host, v.Path, v.SecretKey+"x") {
				t.Error("Verify accepted the wrong secret")
			}
		})
	}
}

func TestSignKeepsGivenTimestamp(t *testing.T) {
	p := url.Values{"Action": {"ListDomains"}, "Timestamp": {"2015-07-16T07:56:16Z"}}
	Sign(p, "POST", "sdb.amazonaws.com", "/", Credentials{AccessKeyID: "A", SecretAccessKey: "S"}, time.Now())
	if got := p.Get("Timestamp"); got != "2015-07-16T07:56:16Z" {
		t.Errorf("Timestamp = %q", got)
	}
	p = url.Values{"Action": {"ListDomains"}}
	Sign(p, "POST", "sdb.amazonaws.com", "/", Credentials{AccessKeyID: "A", SecretAccessKey: "S"}, time.Date(2020, 2, 3, 4, 5, 6, 0, time.UTC))
	if got := p.Get("Timestamp"); got != "2020-02-03T04:05:06Z" {
		t.Errorf("Timestamp = %q", got)
	}
}

func TestVerifyTamper(t *testing.T) {
	p := url.Values{"Action": {"PutAttributes"}, "ItemName": {"a"}}
	Sign(p, "POST", "sdb.amazonaws.com", "/", Credentials{AccessKeyID: "A", SecretAccessKey: "S"}, time.Now())
	for name, mut := range map[string]func(url.Values){
		"value":  func(v url.Values) { v.Set("ItemName", "b") },
		"added":  func(v url.Values) { v.Set("Replace", "true") },
		"method": func(v url.Values) { v.Set("SignatureMethod", "HmacMD5") },
	} {
		c := url.Values{}
		for k, vs := range p {
			c[k] = append([]string(nil), vs...)
		}
		mut(c)
		if Verify(c, "POST", "sdb.amazonaws.com", "/", "S") {
			t.Errorf("%s: tampered request verified", name)
		}
	}
	if Verify(p, "GET", "sdb.amazonaws.com", "/", "S") {
		t.Error("method change verified")
	}
	if Verify(p, "POST", "sdb.us-west-1.amazonaws.com", "/", "S") {
		t.Error("host change verified")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"abcXYZ09-_.~": "abcXYZ09-_.~",
		" ":            "%20",
		"+":            "%2B",
		"*":            "%2A",
		"é":            "%C3%A9",
		"a/b":          "a%2Fb",
		"\x00\xff":     "%00%FF",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCanonicalQuery checks that the canonical form decodes back to the
// parameters it came from, is sorted, and uses only unreserved characters and
// well-formed escapes, whatever names and values it is given.
func FuzzCanonicalQuery(f *testing.F) {
	f.Add("Attr1-%\\+ %", " \tValue1 +!@#$%^&*(){}[]\"';:?/.>,<\x12\x00", "ItemName", "Item 1")
	f.Add("a", "", "b", "~")
	f.Add("é", "日本", "Z", "z")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		p := url.Values{}
		p.Add(k1, v1)
		p.Add(k2, v2)
		p.Del("Signature")
		c := CanonicalQuery(p)
		for i := 0; i < len(c); i++ {
			ch := c[i]
			if ch == '%' {
				if i+2 >= len(c) || !isUpperHex(c[i+1]) || !isUpperHex(c[i+2]) {
					t.Fatalf("bad escape at %d in %q", i, c)
				}
				continue
			}
			if !unreserved(ch) && ch != '=' && ch != '&' && !isUpperHex(ch) {
				t.Fatalf("unescaped %q in %q", ch, c)
			}
		}
		if c == "" {
			if len(p) != 0 {
				t.Fatalf("empty canonical form for %v", p)
			}
			return
		}
		var keys []string
		back := url.Values{}
		for _, pair := range strings.Split(c, "&") {
			k, v, ok := strings.Cut(pair, "=")
			if !ok {
				t.Fatalf("pair without '=': %q", pair)
			}
			dk, err1 := url.PathUnescape(k)
			dv, err2 := url.PathUnescape(v)
			if err1 != nil || err2 != nil {
				t.Fatalf("undecodable pair %q", pair)
			}
			keys = append(keys, dk)
			back.Add(dk, dv)
		}
		for i := 1; i < len(keys); i++ {
			if keys[i-1] > keys[i] {
				t.Fatalf("keys not sorted: %q", keys)
			}
		}
		if diff := cmp.Diff(p, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// appendEscaped, which copies runs of unreserved bytes whole, encodes
// every byte as RFC 3986 says, alone and between others.
func TestAppendEscapedEveryByte(t *testing.T) {
	ref := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		return b.String()
	}
	for c := range 256 {
		for _, s := range []string{string([]byte{byte(c)}), "ab" + string([]byte{byte(c)}) + "cd", string([]byte{byte(c), byte(c)}) + "x"} {
			if diff := cmp.Diff(ref(s), string(appendEscaped([]byte("pre"), s))[3:]); diff != "" {
				t.Errorf("byte %#x in %q (-want +got):\n%s", c, s, diff)
			}
		}
	}
}
