package cloudfront_test

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
	"github.com/google/go-cmp/cmp"
)

func decodeCF(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(strings.NewReplacer("-", "+", "_", "=", "~", "/").Replace(s))
	if err != nil {
		t.Fatalf("decoding %q: %v", s, err)
	}
	return b
}

// queryNames lists a URL's query parameter names in order.
func queryNames(raw string) []string {
	_, q, _ := strings.Cut(raw, "?")
	var names []string
	for pair := range strings.SplitSeq(q, "&") {
		k, _, _ := strings.Cut(pair, "=")
		names = append(names, k)
	}
	return names
}

// TestSignURLForms checks every form SignURL makes against the
// independent verifier, and its shape against CloudFront's guide
// ("Create a signed URL using a canned policy" and "... using a custom
// policy"): Expires for a canned policy, Policy for a custom one, then
// Signature and Key-Pair-Id, and Hash-Algorithm=SHA256 last when the
// hash is SHA-256 ("Code examples for creating a signature for a signed
// URL").
func TestSignURLForms(t *testing.T) {
	keys := trusted(t)
	exp := signNow.Add(time.Hour)
	obj := dist + "/private/movie.mp4?quality=hd"
	for name, s := range signers(t) {
		for _, hash := range []cloudfront.HashAlgorithm{"", cloudfront.HashSHA1, cloudfront.HashSHA256} {
			for _, c := range []struct {
				form  string
				url   string
				opts  cloudfront.SignOptions
				names []string
				ip    string
			}{
				{form: "canned", url: obj, opts: cloudfront.SignOptions{Expires: exp}, names: []string{"quality", "Expires", "Signature", "Key-Pair-Id"}},
				{form: "canned resource is URL", url: dist + "/a.jpg", opts: cloudfront.SignOptions{Expires: exp, Resource: dist + "/a.jpg"}, names: []string{"Expires", "Signature", "Key-Pair-Id"}},
				{form: "custom not before", url: obj, opts: cloudfront.SignOptions{Expires: exp, NotBefore: signNow.Add(-time.Minute)}, names: []string{"quality", "Policy", "Signature", "Key-Pair-Id"}},
				{form: "custom IP", url: obj, opts: cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2.10"}, names: []string{"quality", "Policy", "Signature", "Key-Pair-Id"}, ip: "192.0.2.10/32"},
				{form: "custom CIDR", url: obj, opts: cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2.0/24"}, names: []string{"quality", "Policy", "Signature", "Key-Pair-Id"}, ip: "192.0.2.0/24"},
				{form: "custom star", url: obj, opts: cloudfront.SignOptions{Expires: exp, Resource: dist + "/private/*"}, names: []string{"quality", "Policy", "Signature", "Key-Pair-Id"}},
				{form: "custom question mark", url: dist + "/private/a1.jpg", opts: cloudfront.SignOptions{Expires: exp, Resource: dist + "/private/a?.jpg"}, names: []string{"Policy", "Signature", "Key-Pair-Id"}},
			} {
				t.Run(name+"/"+string(hash)+"/"+c.form, func(t *testing.T) {
					c.opts.Hash = hash
					got, err := s.SignURL(c.url, c.opts)
					if err != nil {
						t.Fatal(err)
					}
					if !strings.HasPrefix(got, c.url+"?") && !strings.HasPrefix(got, c.url+"&") {
						t.Errorf("%s does not start with the URL", got)
					}
					names := c.names
					if hash == cloudfront.HashSHA256 {
						names = append(names[:len(names):len(names)], "Hash-Algorithm")
						if !strings.HasSuffix(got, "&Hash-Algorithm=SHA256") {
							t.Errorf("%s does not end in Hash-Algorithm=SHA256", got)
						}
					}
					if diff := cmp.Diff(names, queryNames(got)); diff != "" {
						t.Errorf("parameters (-want +got):\n%s", diff)
					}
					q, _ := url.ParseQuery(strings.SplitN(got, "?", 2)[1])
					if c.ip != "" {
						if pol := string(decodeCF(t, q.Get("Policy"))); !strings.Contains(pol, `"AWS:SourceIp":"`+c.ip+`"`) {
							t.Errorf("policy %s lacks SourceIp %s", pol, c.ip)
						}
					}
					d := viewerauth.Verify(viewerauth.Request{URL: got, ClientIP: testViewer, Time: signNow}, keys)
					if !d.Allowed() {
						t.Fatalf("verifier refused %s: %s", got, d.Reason)
					}
					wantHash := "SHA1"
					if hash == cloudfront.HashSHA256 {
						wantHash = "SHA256"
					}
					if d.Hash != wantHash || d.Canned != strings.HasPrefix(c.form, "canned") {
						t.Errorf("verifier read hash %s canned %v", d.Hash, d.Canned)
					}
					late := viewerauth.Verify(viewerauth.Request{URL: got, ClientIP: testViewer, Time: exp}, keys)
					if late.Reason != viewerauth.Expired {
						t.Errorf("at Expires the verifier says %s, want Expired", late.Reason)
					}
				})
			}
		}
	}
}

// TestSHA1IsTheSignPackages shows SHA-1 URLs and cookies come from
// feature/cloudfront/sign unchanged: with an RSA key (deterministic
// signatures) they are byte for byte what it makes.
func TestSHA1IsTheSignPackages(t *testing.T) {
	key := privateKey(t, testRSAKeyPEM)
	s := signers(t)["RSA"]
	ref := sign.NewURLSigner(rsaKeyID, key)
	exp := signNow.Add(time.Hour)
	obj := dist + "/a.jpg?x=1"

	got, err := s.SignURL(obj, cloudfront.SignOptions{Expires: exp})
	if err != nil {
		t.Fatal(err)
	}
	want, err := ref.Sign(obj, exp)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("canned (-sign +goboto):\n%s", diff)
	}

	nb := signNow.Add(-time.Minute)
	got, err = s.SignURL(obj, cloudfront.SignOptions{Expires: exp, NotBefore: nb, SourceIP: "192.0.2.0/24", Resource: dist + "/*"})
	if err != nil {
		t.Fatal(err)
	}
	want, err = ref.SignWithPolicy(obj, &sign.Policy{Statements: []sign.Statement{{
		Resource: dist + "/*",
		Condition: sign.Condition{
			IPAddress:       &sign.IPAddress{SourceIP: "192.0.2.0/24"},
			DateGreaterThan: sign.NewAWSEpochTime(nb),
			DateLessThan:    sign.NewAWSEpochTime(exp),
		},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("custom (-sign +goboto):\n%s", diff)
	}

	cookies, err := s.SignCookies(cloudfront.SignOptions{Expires: exp, Resource: dist + "/*"}, cloudfront.CookieDomain("d111111abcdef8.cloudfront.net"))
	if err != nil {
		t.Fatal(err)
	}
	refCookies, err := sign.NewCookieSigner(rsaKeyID, key).SignWithPolicy(sign.NewCannedPolicy(dist+"/*", exp), func(o *sign.CookieOptions) {
		o.Domain = "d111111abcdef8.cloudfront.net"
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cookieStrings(refCookies), cookieStrings(cookies)); diff != "" {
		t.Errorf("custom cookies (-sign +goboto):\n%s", diff)
	}
}

func cookieStrings(cs []*http.Cookie) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

// TestSignCookies checks the cookie forms against CloudFront's guide
// ("Set signed cookies using a canned policy": CloudFront-Expires,
// CloudFront-Signature, CloudFront-Key-Pair-Id, and optionally
// CloudFront-Hash-Algorithm; "... using a custom policy":
// CloudFront-Policy instead of CloudFront-Expires) and the verifier.
func TestSignCookies(t *testing.T) {
	keys := trusted(t)
	exp := signNow.Add(time.Hour)
	for name, s := range signers(t) {
		for _, c := range []struct {
			form    string
			opts    cloudfront.SignOptions
			request string
			names   []string
		}{
			{"canned", cloudfront.SignOptions{Expires: exp, Resource: dist + "/members/a.jpg"}, dist + "/members/a.jpg", []string{"CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id"}},
			{"canned SHA256", cloudfront.SignOptions{Expires: exp, Resource: dist + "/members/a.jpg", Hash: cloudfront.HashSHA256}, dist + "/members/a.jpg", []string{"CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm"}},
			{"custom star", cloudfront.SignOptions{Expires: exp, Resource: dist + "/members/*"}, dist + "/members/b/c.png", []string{"CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"}},
			{"custom star SHA256", cloudfront.SignOptions{Expires: exp, Resource: dist + "/members/*", Hash: cloudfront.HashSHA256, SourceIP: "192.0.2.0/24"}, dist + "/members/b/c.png", []string{"CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm"}},
		} {
			t.Run(name+"/"+c.form, func(t *testing.T) {
				cookies, err := s.SignCookies(c.opts, cloudfront.CookiePath("/members"), cloudfront.CookieSecure(), cloudfront.CookieSameSite(http.SameSiteStrictMode))
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, ck := range cookies {
					names = append(names, ck.Name)
					if !ck.HttpOnly || !ck.Secure || ck.Path != "/members" || ck.SameSite != http.SameSiteStrictMode {
						t.Errorf("cookie %s attributes: %s", ck.Name, ck)
					}
				}
				if diff := cmp.Diff(c.names, names); diff != "" {
					t.Errorf("cookie names (-want +got):\n%s", diff)
				}
				d := viewerauth.Verify(viewerauth.Request{URL: c.request, Cookies: cookies, ClientIP: testViewer, Time: signNow}, keys)
				if !d.Allowed() || !d.FromCookies {
					t.Fatalf("verifier: %s (from cookies %v)", d.Reason, d.FromCookies)
				}
				other := viewerauth.Verify(viewerauth.Request{URL: dist + "/public/x", Cookies: cookies, ClientIP: testViewer, Time: signNow}, keys)
				if other.Allowed() {
					t.Errorf("cookies for %s also opened /public/x", c.opts.Resource)
				}
			})
		}
	}
}

// TestSignRefusesBadInput pins the refusals made before signing, each a
// *goboto.ValidationError naming the field.
func TestSignRefusesBadInput(t *testing.T) {
	s := signers(t)["RSA"]
	exp := signNow.Add(time.Hour)
	obj := dist + "/a.jpg"
	cases := []struct {
		name  string
		url   string
		opts  cloudfront.SignOptions
		field string
	}{
		{"no expiry", obj, cloudfront.SignOptions{}, "Expires"},
		{"expiry past", obj, cloudfront.SignOptions{Expires: signNow.Add(-time.Second)}, "Expires"},
		{"expiry now", obj, cloudfront.SignOptions{Expires: signNow}, "Expires"},
		{"expiry within this second", obj, cloudfront.SignOptions{Expires: signNow.Add(500 * time.Millisecond)}, "Expires"},
		{"expiry before not-before", obj, cloudfront.SignOptions{Expires: exp, NotBefore: exp.Add(time.Minute)}, "Expires"},
		{"expiry at not-before", obj, cloudfront.SignOptions{Expires: exp, NotBefore: exp}, "Expires"},
		{"non-ASCII URL", dist + "/café.jpg", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"non-ASCII host", "https://bücher.example/a.jpg", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"non-ASCII resource", obj, cloudfront.SignOptions{Expires: exp, Resource: dist + "/café/*"}, "Resource"},
		{"space in URL", dist + "/a b.jpg", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"relative URL", "/a.jpg", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"ftp URL", "ftp://d111111abcdef8.cloudfront.net/a", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"rtmp URL", "rtmp://s5c39gqb8ow64r.cloudfront.net/cfx/st/a.mp4", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"fragment", obj + "#top", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"already signed", obj + "?Expires=1", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"already has Hash-Algorithm", obj + "?a=1&Hash-Algorithm=SHA256", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"escaped Key-Pair-Id", obj + "?Key%2DPair-Id=x", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"empty URL", "", cloudfront.SignOptions{Expires: exp}, "URL"},
		{"IP malformed", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2"}, "SourceIP"},
		{"IP octet too big", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2.256"}, "SourceIP"},
		{"CIDR mask too big", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2.0/33"}, "SourceIP"},
		{"CIDR mask empty", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "192.0.2.0/"}, "SourceIP"},
		{"IP with space", obj, cloudfront.SignOptions{Expires: exp, SourceIP: " 192.0.2.1"}, "SourceIP"},
		{"IPv6", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "2001:db8::1"}, "SourceIP"},
		{"IPv6 CIDR", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "2001:db8::/32"}, "SourceIP"},
		{"IPv4-mapped", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "::ffff:192.0.2.1"}, "SourceIP"},
		{"hostname", obj, cloudfront.SignOptions{Expires: exp, SourceIP: "example.com"}, "SourceIP"},
		{"hash", obj, cloudfront.SignOptions{Expires: exp, Hash: "MD5"}, "Hash"},
		{"hash lower case", obj, cloudfront.SignOptions{Expires: exp, Hash: "sha256"}, "Hash"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.SignURL(c.url, c.opts)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("SignURL = %q, %v; want a *goboto.ValidationError", got, err)
			}
			if ve.Field != c.field {
				t.Errorf("Field = %q, want %q (%v)", ve.Field, c.field, err)
			}
		})
	}
	t.Run("cookies need a resource", func(t *testing.T) {
		_, err := s.SignCookies(cloudfront.SignOptions{Expires: exp})
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != "Resource" {
			t.Fatalf("SignCookies without Resource: %v", err)
		}
	})
	t.Run("cookies expired", func(t *testing.T) {
		_, err := s.SignCookies(cloudfront.SignOptions{Expires: signNow.Add(-time.Hour), Resource: dist + "/*"})
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != "Expires" {
			t.Fatalf("SignCookies expired: %v", err)
		}
	})
	t.Run("nil signer", func(t *testing.T) {
		var nilSigner *cloudfront.Signer
		_, err := nilSigner.SignURL(obj, cloudfront.SignOptions{Expires: exp})
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("nil Signer: %v", err)
		}
		if _, err := nilSigner.SignCookies(cloudfront.SignOptions{Expires: exp, Resource: obj}); !errors.As(err, &ve) {
			t.Fatalf("nil Signer cookies: %v", err)
		}
	})
}

// TestSignerClock shows expiries are checked against the signer's clock:
// a fake clock far in the past lets a fixed expiry through, and the wall
// clock refuses the same expiry once it has passed.
func TestSignerClock(t *testing.T) {
	past := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	exp := past.Add(time.Hour)
	s, err := cloudfront.NewSignerFromPEM(rsaKeyID, []byte(testRSAKeyPEM), cloudfront.SignerClock(func() time.Time { return past }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignURL(dist+"/a", cloudfront.SignOptions{Expires: exp}); err != nil {
		t.Errorf("on the fake clock: %v", err)
	}
	wall, err := cloudfront.NewSignerFromPEM(rsaKeyID, []byte(testRSAKeyPEM))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wall.SignURL(dist+"/a", cloudfront.SignOptions{Expires: exp}); err == nil {
		t.Errorf("the wall clock accepted an expiry in 2001")
	}
}

// TestSignURLResourceMustCoverURL: a custom policy whose Resource does
// not match the URL would only ever be refused, so SignURL refuses it.
func TestSignURLResourceMustCoverURL(t *testing.T) {
	s := signers(t)["ECDSA"]
	exp := signNow.Add(time.Hour)
	for _, c := range []struct {
		url, resource string
		ok            bool
	}{
		{dist + "/private/a.jpg", dist + "/private/*", true},
		{dist + "/private/a.jpg", "*", true},
		{dist + "/private/a.jpg", "http*://d111111abcdef8.cloudfront.net/private/?.jpg", true},
		{dist + "/public/a.jpg", dist + "/private/*", false},
		{dist + "/private/ab.jpg", dist + "/private/?.jpg", false},
		{"http://d111111abcdef8.cloudfront.net/a", dist + "/*", false},
	} {
		_, err := s.SignURL(c.url, cloudfront.SignOptions{Expires: exp, Resource: c.resource})
		var ve *goboto.ValidationError
		if c.ok && err != nil {
			t.Errorf("SignURL(%s, Resource %s): %v", c.url, c.resource, err)
		}
		if !c.ok && (!errors.As(err, &ve) || ve.Field != "Resource") {
			t.Errorf("SignURL(%s, Resource %s) = %v, want a Resource ValidationError", c.url, c.resource, err)
		}
	}
}
