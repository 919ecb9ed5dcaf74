package viewerauth

import (
	"crypto"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	host = "https://d111111abcdef8.cloudfront.net"
	obj  = host + "/private/a.jpg?size=large"
)

var (
	now    = time.Unix(1_800_000_000, 0)
	later  = now.Unix() + 3600
	viewer = netip.MustParseAddr("192.0.2.10")
)

func policyDoc(resource string, cond string) string {
	if resource == "" {
		return `{"Statement":[{"Condition":{` + cond + `}}]}`
	}
	return `{"Statement":[{"Resource":"` + resource + `","Condition":{` + cond + `}}]}`
}

func dlt(t int64) string { return fmt.Sprintf(`"DateLessThan":{"AWS:EpochTime":%d}`, t) }
func dgt(t int64) string { return fmt.Sprintf(`"DateGreaterThan":{"AWS:EpochTime":%d}`, t) }
func ip(s string) string { return `"IpAddress":{"AWS:SourceIp":"` + s + `"}` }

// TestVerify pins CloudFront's documented checks (Developer Guide, "Use
// signed URLs" and "Create a signed URL using a custom policy") for
// each key type and hash: the policy's Resource (with * and ?),
// DateLessThan, DateGreaterThan and IpAddress, the signature over the
// exact policy bytes, and the key ID among the trusted keys; and the
// error CloudFront answers for each refusal (re:Post, "How do I
// troubleshoot issues related to a signed URL or signed cookies in
// CloudFront?": "Missing Key-Pair-Id query parameter or cookie value",
// "Unknown Key").
func TestVerify(t *testing.T) {
	rk, ek, other := rsaKey(t), ecKey(t), rsaKey(t)
	keys := Keys{"KRSA": rk.Public(), "KEC": ek.Public()}
	for _, kt := range []struct {
		id  string
		key crypto.Signer
	}{{"KRSA", rk}, {"KEC", ek}} {
		for _, hash := range []crypto.Hash{crypto.SHA1, crypto.SHA256} {
			id, key := kt.id, kt.key
			canned := func(base string, exp int64) string { return cannedURL(t, base, id, key, hash, exp) }
			custom := func(base, doc string) string { return customURL(t, base, id, key, hash, doc) }
			hp := ""
			if hash == crypto.SHA256 {
				hp = "&Hash-Algorithm=SHA256"
			}
			cases := []struct {
				name    string
				url     string
				cookies func() (string, []*http.Cookie)
				ip      netip.Addr
				want    Reason
			}{
				{name: "canned", url: canned(obj, later), want: Allowed},
				{name: "canned no query", url: canned(host+"/a.jpg", later), want: Allowed},
				{name: "canned expired at DateLessThan", url: canned(obj, now.Unix()), want: Expired},
				{name: "canned other path", url: strings.Replace(canned(obj, later), "/a.jpg", "/b.jpg", 1), want: BadSignature},
				{name: "canned Expires raised", url: strings.Replace(canned(obj, later), fmt.Sprint(later), fmt.Sprint(later+1), 1), want: BadSignature},
				{name: "canned viewer query changed", url: strings.Replace(canned(obj, later), "size=large", "size=small", 1), want: BadSignature},
				{name: "canned query after signature", url: canned(host+"/a.jpg", later) + "&x=1", want: BadSignature},
				{name: "custom exact", url: custom(obj, policyDoc(obj, dlt(later))), want: Allowed},
				{name: "custom star", url: custom(obj, policyDoc(host+"/private/*", dlt(later))), want: Allowed},
				{name: "custom star other dir", url: custom(host+"/public/a.jpg", policyDoc(host+"/private/*", dlt(later))), want: ResourceMismatch},
				{name: "custom question mark", url: custom(host+"/private/a1.jpg", policyDoc(host+"/private/a?.jpg", dlt(later))), want: Allowed},
				{name: "custom question mark needs one", url: custom(host+"/private/a.jpg", policyDoc(host+"/private/a?.jpg", dlt(later))), want: ResourceMismatch},
				{name: "custom scheme wildcard", url: custom("http://d111111abcdef8.cloudfront.net/x", policyDoc("http*://d111111abcdef8.cloudfront.net/*", dlt(later))), want: Allowed},
				{name: "custom no resource", url: custom(host+"/anything", policyDoc("", dlt(later))), want: Allowed},
				{name: "custom expired", url: custom(obj, policyDoc(obj, dlt(now.Unix()-1))), want: Expired},
				{name: "custom not yet", url: custom(obj, policyDoc(obj, dlt(later)+","+dgt(now.Unix()))), want: NotYetValid},
				{name: "custom after DateGreaterThan", url: custom(obj, policyDoc(obj, dlt(later)+","+dgt(now.Unix()-1))), want: Allowed},
				{name: "custom IP in range", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("192.0.2.0/24"))), want: Allowed},
				{name: "custom IP exact", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("192.0.2.10/32"))), want: Allowed},
				{name: "custom IP outside", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("198.51.100.0/24"))), want: IPMismatch},
				{name: "custom IPv6 viewer", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("192.0.2.0/24"))), ip: netip.MustParseAddr("2001:db8::1"), want: IPMismatch},
				{name: "custom IPv4-mapped viewer", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("192.0.2.0/24"))), ip: netip.MustParseAddr("::ffff:192.0.2.10"), want: Allowed},
				{name: "custom IP without mask", url: custom(obj, policyDoc(obj, dlt(later)+","+ip("192.0.2.10"))), want: MalformedPolicy},
				{name: "custom no DateLessThan", url: custom(obj, policyDoc(obj, dgt(now.Unix()-1))), want: MalformedPolicy},
				{name: "policy not base64", url: obj + "&Policy=@@@&Signature=AAAA&Key-Pair-Id=" + id + hp, want: MalformedPolicy},
				{name: "neither Expires nor Policy", url: obj + "&Signature=AAAA&Key-Pair-Id=" + id + hp, want: MalformedPolicy},
				{name: "Expires not a number", url: obj + "&Expires=soon&Signature=AAAA&Key-Pair-Id=" + id + hp, want: MalformedPolicy},
				{name: "no signature", url: obj + "&Expires=" + fmt.Sprint(later) + "&Key-Pair-Id=" + id + hp, want: BadSignature},
				{name: "other key's signature", url: cannedURL(t, obj, id, other, hash, later), want: BadSignature},
				{name: "missing key pair id", url: strings.Replace(canned(obj, later), "&Key-Pair-Id="+id, "", 1), want: MissingKeyPairID},
				{name: "empty key pair id", url: strings.Replace(canned(obj, later), "&Key-Pair-Id="+id, "&Key-Pair-Id=", 1), want: MissingKeyPairID},
				{name: "unknown key", url: strings.Replace(canned(obj, later), "&Key-Pair-Id="+id, "&Key-Pair-Id=KNOPE", 1), want: UnknownKey},
				{name: "unsigned", url: obj, want: MissingKeyPairID},
				{name: "unknown hash", url: strings.TrimSuffix(canned(obj, later), "&Hash-Algorithm=SHA256") + "&Hash-Algorithm=MD5", want: UnsupportedHash},
				{name: "cookies canned", url: "", cookies: func() (string, []*http.Cookie) { return cookiesFor(t, canned(obj, later)) }, want: Allowed},
				{name: "cookies custom star", url: "", cookies: func() (string, []*http.Cookie) {
					_, c := cookiesFor(t, custom(obj, policyDoc(host+"/private/*", dlt(later))))
					return host + "/private/b.png", c
				}, want: Allowed},
				{name: "cookies canned other URL", url: "", cookies: func() (string, []*http.Cookie) {
					_, c := cookiesFor(t, canned(obj, later))
					return host + "/private/b.png", c
				}, want: BadSignature},
				{name: "signed URL decides over cookies", url: "", cookies: func() (string, []*http.Cookie) {
					_, c := cookiesFor(t, canned(obj, later))
					return obj + "&Key-Pair-Id=KNOPE", c
				}, want: UnknownKey},
			}
			if hash == crypto.SHA256 {
				cases = append(cases, struct {
					name    string
					url     string
					cookies func() (string, []*http.Cookie)
					ip      netip.Addr
					want    Reason
				}{name: "SHA256 signature without Hash-Algorithm", url: strings.TrimSuffix(canned(obj, later), "&Hash-Algorithm=SHA256"), want: BadSignature})
			} else {
				cases = append(cases, struct {
					name    string
					url     string
					cookies func() (string, []*http.Cookie)
					ip      netip.Addr
					want    Reason
				}{name: "SHA1 signature claimed SHA256", url: canned(obj, later) + "&Hash-Algorithm=SHA256", want: BadSignature})
			}
			for _, c := range cases {
				t.Run(fmt.Sprintf("%s/%s/%s", id, hashName(hash), c.name), func(t *testing.T) {
					req := Request{URL: c.url, ClientIP: viewer, Time: now}
					if c.ip.IsValid() {
						req.ClientIP = c.ip
					}
					if c.cookies != nil {
						req.URL, req.Cookies = c.cookies()
					}
					d := Verify(req, keys)
					if diff := cmp.Diff(c.want, d.Reason); diff != "" {
						t.Errorf("Verify(%s) reason (-want +got):\n%s", req.URL, diff)
					}
					if d.Allowed() != (c.want == Allowed) {
						t.Errorf("Allowed() = %v for %s", d.Allowed(), d.Reason)
					}
					if c.want == Allowed && d.Hash != hashName(hash) {
						t.Errorf("Hash = %q, want %q", d.Hash, hashName(hash))
					}
					if c.cookies != nil && c.name != "signed URL decides over cookies" && !d.FromCookies {
						t.Errorf("FromCookies = false for a cookie-signed request")
					}
				})
			}
		}
	}
}

// TestReasonErrors pins the codes and messages CloudFront answers (re:Post
// troubleshooting article above; aws-sdk-js#2236 shows
// <Code>MalformedPolicy</Code><Message>Malformed Policy</Message>).
func TestReasonErrors(t *testing.T) {
	got := map[Reason][2]string{}
	for _, r := range []Reason{Allowed, MissingKeyPairID, UnknownKey, MalformedPolicy, BadSignature, Expired, NotYetValid, IPMismatch, ResourceMismatch, UnsupportedHash} {
		got[r] = [2]string{r.Code(), r.Message()}
	}
	want := map[Reason][2]string{
		Allowed:          {"", ""},
		MissingKeyPairID: {"MissingKey", "Missing Key-Pair-Id query parameter or cookie value"},
		UnknownKey:       {"InvalidKey", "Unknown Key"},
		MalformedPolicy:  {"MalformedPolicy", "Malformed Policy"},
		BadSignature:     {"AccessDenied", "Access denied"},
		Expired:          {"AccessDenied", "Access denied"},
		NotYetValid:      {"AccessDenied", "Access denied"},
		IPMismatch:       {"AccessDenied", "Access denied"},
		ResourceMismatch: {"AccessDenied", "Access denied"},
		UnsupportedHash:  {"AccessDenied", "Access denied"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
}

func TestRequestURL(t *testing.T) {
	r := httptest.NewRequest("GET", "http://d111111abcdef8.cloudfront.net/a%20b.jpg?x=1&Expires=5", nil)
	if diff := cmp.Diff("http://d111111abcdef8.cloudfront.net/a%20b.jpg?x=1&Expires=5", RequestURL(r)); diff != "" {
		t.Errorf("RequestURL (-want +got):\n%s", diff)
	}
}

func TestParsePublicKey(t *testing.T) {
	for _, c := range []struct {
		name string
		pem  string
		ok   bool
	}{
		{"rsa2048", pemPublic(t, rsaKey(t).Public()), true},
		{"p256", pemPublic(t, ecKey(t).Public()), true},
		{"rsa1024", pemPublic(t, rsa1024(t).Public()), false},
		{"p384", pemPublic(t, p384(t).Public()), false},
		{"garbage", "not pem", false},
	} {
		_, err := ParsePublicKey([]byte(c.pem))
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
