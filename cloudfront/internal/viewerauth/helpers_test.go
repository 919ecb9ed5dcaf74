package viewerauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// The tests sign with their own few lines, not with the cloudfront
// package, so that the verifier is checked against the guide's recipe
// rather than against the code it is meant to check.

func rsaKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func ecKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// cf64 is CloudFront's URL-safe base64 (Developer Guide, "Create a signed
// URL using a canned policy": replace + with -, = with _, / with ~).
func cf64(b []byte) string {
	return strings.NewReplacer("+", "-", "=", "_", "/", "~").Replace(base64.StdEncoding.EncodeToString(b))
}

func signDoc(t testing.TB, key crypto.Signer, hash crypto.Hash, doc []byte) string {
	t.Helper()
	h := hash.New()
	h.Write(doc)
	sig, err := key.Sign(rand.Reader, h.Sum(nil), hash)
	if err != nil {
		t.Fatal(err)
	}
	return cf64(sig)
}

func hashName(h crypto.Hash) string {
	if h == crypto.SHA256 {
		return "SHA256"
	}
	return "SHA1"
}

// cannedURL signs base with a canned policy.
func cannedURL(t testing.TB, base, keyID string, key crypto.Signer, hash crypto.Hash, expires int64) string {
	t.Helper()
	doc := `{"Statement":[{"Resource":"` + base + `","Condition":{"DateLessThan":{"AWS:EpochTime":` + strconv.FormatInt(expires, 10) + `}}}]}`
	u := base + sep(base) + "Expires=" + strconv.FormatInt(expires, 10) + "&Signature=" + signDoc(t, key, hash, []byte(doc)) + "&Key-Pair-Id=" + keyID
	if hash == crypto.SHA256 {
		u += "&Hash-Algorithm=SHA256"
	}
	return u
}

// customURL signs base with the policy document doc.
func customURL(t testing.TB, base, keyID string, key crypto.Signer, hash crypto.Hash, doc string) string {
	t.Helper()
	u := base + sep(base) + "Policy=" + cf64([]byte(doc)) + "&Signature=" + signDoc(t, key, hash, []byte(doc)) + "&Key-Pair-Id=" + keyID
	if hash == crypto.SHA256 {
		u += "&Hash-Algorithm=SHA256"
	}
	return u
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// cookiesFor turns a signed URL's parameters into the cookies that carry
// the same signature.
func cookiesFor(t testing.TB, signedURL string) (base string, cookies []*http.Cookie) {
	t.Helper()
	base, q, _ := strings.Cut(signedURL, "?")
	var kept []string
	for pair := range strings.SplitSeq(q, "&") {
		k, v, _ := strings.Cut(pair, "=")
		switch k {
		case "Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm":
			cookies = append(cookies, &http.Cookie{Name: "CloudFront-" + k, Value: v})
		default:
			kept = append(kept, pair)
		}
	}
	if len(kept) > 0 {
		base += "?" + strings.Join(kept, "&")
	}
	return base, cookies
}

func pemPublic(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func rsa1024(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func p384(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustAddr(t testing.TB, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
