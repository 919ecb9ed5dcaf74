package cloudfront_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
)

// A signed URL with a canned policy: only an expiry. RSA signatures are
// deterministic, so the whole URL is the same every run (and the same as
// botocore's CloudFrontSigner and `aws cloudfront sign` make).
func Example_signedURL() {
	// The ID of a public key in a trusted key group, and its private key.
	signer, err := cloudfront.NewSignerFromPEM("K2JCJMDEHXQW5F", []byte(testRSAKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	signed, err := signer.SignURL("https://d111111abcdef8.cloudfront.net/images/horizon.jpg?size=large",
		cloudfront.SignOptions{Expires: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	base, query, _ := strings.Cut(signed, "?")
	fmt.Println(base)
	for p := range strings.SplitSeq(query, "&") {
		fmt.Println(" ", p)
	}
	// Output:
	// https://d111111abcdef8.cloudfront.net/images/horizon.jpg
	//   size=large
	//   Expires=4102444800
	//   Signature=fOWeuc5uZeNbFvTm3ygz~uQCQSX-nhAK85F42OP2MQz5VhOgq-GakATVlq7-XgnJwD72RKeSt392N4IdpnfFBQAvggZBKvxGJh0gt0U50hijkEq24KjrZ6rgzLfe2yYToSsjsh5egfZnh-nwMfFuKXNZ66HLsVn89xn7YhpyCpD~ntVIpaw2qj7miRcDc~Plbni2XnIn2ExD6Ccc0b4k67I7ZIqmaJgsawAecQv1mX1sujpKJBf1wWxhDOhZBtT1xTTXTWxo-eMa5m2DhwDvHui4KNPcqjrncjn-~ikf-KzUn-Jni2h1Ua1WZ8PkUCT0bKQrgBMxUwag9GDhfg2j9A__
	//   Key-Pair-Id=K2JCJMDEHXQW5F
}

// A custom policy: a wildcard Resource that covers a whole directory, a
// start time, one viewer address (signed as /32), an ECDSA P-256 key and
// SHA-256. ECDSA signatures differ every run, so this prints the policy
// the URL carries and the parameter names.
func Example_signedURLCustomPolicy() {
	signer, err := cloudfront.NewSignerFromPEM("K3ECDSAEXAMPLE", []byte(testECKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	signed, err := signer.SignURL("https://d111111abcdef8.cloudfront.net/training/orientation.mp4", cloudfront.SignOptions{
		Resource:  "https://d111111abcdef8.cloudfront.net/training/*",
		NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Expires:   time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
		SourceIP:  "192.0.2.10",
		Hash:      cloudfront.HashSHA256,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, query, _ := strings.Cut(signed, "?")
	for p := range strings.SplitSeq(query, "&") {
		name, value, _ := strings.Cut(p, "=")
		switch name {
		case "Policy":
			doc, _ := base64.StdEncoding.DecodeString(strings.NewReplacer("-", "+", "_", "=", "~", "/").Replace(value))
			fmt.Printf("Policy: %s\n", doc)
		case "Signature":
			fmt.Println("Signature: ...")
		default:
			fmt.Printf("%s: %s\n", name, value)
		}
	}
	// Output:
	// Policy: {"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/training/*","Condition":{"IpAddress":{"AWS:SourceIp":"192.0.2.10/32"},"DateGreaterThan":{"AWS:EpochTime":1735689600},"DateLessThan":{"AWS:EpochTime":4102444800}}}]}
	// Signature: ...
	// Key-Pair-Id: K3ECDSAEXAMPLE
	// Hash-Algorithm: SHA256
}

// Signed cookies for everything under /members/: a wildcard needs the
// custom policy, carried in CloudFront-Policy. A web application sets
// them on its response to a signed-in viewer with http.SetCookie.
func Example_signedCookies() {
	signer, err := cloudfront.NewSignerFromPEM("K2JCJMDEHXQW5F", []byte(testRSAKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	cookies, err := signer.SignCookies(cloudfront.SignOptions{
		Resource: "https://d111111abcdef8.cloudfront.net/members/*",
		Expires:  time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
		Hash:     cloudfront.HashSHA256,
	}, cloudfront.CookieDomain("d111111abcdef8.cloudfront.net"), cloudfront.CookiePath("/members/"), cloudfront.CookieSecure())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cookies {
		v := c.Value
		if c.Name == cloudfront.CookieNamePolicy || c.Name == cloudfront.CookieNameSignature {
			v = v[:12] + "..."
		}
		fmt.Printf("%s=%s Domain=%s Path=%s Secure=%v HttpOnly=%v\n", c.Name, v, c.Domain, c.Path, c.Secure, c.HttpOnly)
	}
	// Output:
	// CloudFront-Policy=eyJTdGF0ZW1l... Domain=d111111abcdef8.cloudfront.net Path=/members/ Secure=true HttpOnly=true
	// CloudFront-Signature=lSVyPB67CnpZ... Domain=d111111abcdef8.cloudfront.net Path=/members/ Secure=true HttpOnly=true
	// CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F Domain=d111111abcdef8.cloudfront.net Path=/members/ Secure=true HttpOnly=true
	// CloudFront-Hash-Algorithm=SHA256 Domain=d111111abcdef8.cloudfront.net Path=/members/ Secure=true HttpOnly=true
}

// Bad input is refused before anything is signed, with a
// *goboto.ValidationError naming the field.
func Example_signRefused() {
	signer, err := cloudfront.NewSignerFromPEM("K2JCJMDEHXQW5F", []byte(testRSAKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, opts := range []cloudfront.SignOptions{
		{Expires: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Expires: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), NotBefore: time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Expires: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), SourceIP: "192.0.2.300"},
		{Expires: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), Resource: "https://d111111abcdef8.cloudfront.net/café/*"},
	} {
		_, err := signer.SignURL("https://d111111abcdef8.cloudfront.net/a.jpg", opts)
		var ve *goboto.ValidationError
		if errors.As(err, &ve) {
			fmt.Println(ve.Field+":", ve.Rule)
		}
	}
	// Output:
	// Expires: is not in the future
	// Expires: must be after NotBefore (DateGreaterThan) 2101-01-01T00:00:00Z
	// SourceIP: is not an IPv4 address or CIDR range
	// Resource: must be ASCII without spaces: percent-encode the path and punycode the host
}

// Any crypto.Signer can sign, such as a key kept in a KMS or an HSM, as
// long as its public key is RSA-2048 or ECDSA P-256. The Signer prints
// its key ID and kind, never the key.
func ExampleNewSigner() {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		fmt.Println(err)
		return
	}
	signer, err := cloudfront.NewSigner("K3ECDSAEXAMPLE", key)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(signer)

	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = cloudfront.NewSigner("K2JCJMDEHXQW5F", weak)
	fmt.Println(err)
	// Output:
	// cloudfront.Signer(K3ECDSAEXAMPLE, ECDSA P-256)
	// PrivateKey: RSA-1024 must be RSA-2048 or ECDSA P-256
}
