package cloudfront

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
)

// This file is what goboto adds to feature/cloudfront/sign v1.10.0, which
// hashes every policy with SHA-1 (its signEncodedPolicy passes
// crypto.SHA1 to the signer) and has no Hash-Algorithm parameter or
// cookie. The policy JSON and the URL-safe base64 are made exactly as
// that package makes them, so a SHA-256 URL differs from a SHA-1 one only
// in its signature and the trailing Hash-Algorithm=SHA256.

// signPolicy signs p's JSON with key over hash and returns the signature
// and the policy in CloudFront's URL-safe base64.
func signPolicy(key crypto.Signer, p *sign.Policy, hash HashAlgorithm) (b64Sig, b64Policy []byte, err error) {
	if hash != HashSHA256 {
		return nil, nil, fmt.Errorf("cloudfront: signPolicy called for %s", hash)
	}
	doc, err := policyJSON(p)
	if err != nil {
		return nil, nil, err
	}
	digest := sha256.Sum256(doc)
	// RSA keys sign PKCS #1 v1.5 and ECDSA keys ASN.1 DER, as with SHA-1:
	// crypto.Signer picks by key type, and CloudFront reads both forms.
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		return nil, nil, fmt.Errorf("cloudfront: signing policy: %w", err)
	}
	return awsBase64(sig), awsBase64(doc), nil
}

// policyJSON encodes p as the sign package does: encoding/json without
// HTML escaping, trailing newline trimmed.
func policyJSON(p *sign.Policy) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("cloudfront: encoding policy: %w", err)
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// awsBase64 is standard base64 with CloudFront's substitutions for the
// characters a URL or cookie cannot carry plainly: + to -, = to _, / to ~
// (Developer Guide, "Create a signed URL using a canned policy",
// Signature).
func awsBase64(b []byte) []byte {
	out := make([]byte, base64.StdEncoding.EncodedLen(len(b)))
	base64.StdEncoding.Encode(out, b)
	for i, c := range out {
		switch c {
		case '+':
			out[i] = '-'
		case '=':
			out[i] = '_'
		case '/':
			out[i] = '~'
		}
	}
	return out
}
