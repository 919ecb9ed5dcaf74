package cloudfront

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
	"github.com/goboto/goboto"
)

// Signer makes signed URLs and signed cookies for CloudFront private
// content with one key: a public key in a trusted key group (its ID looks
// like K2JCJMDEHXQW5F) or a legacy trusted signer's key pair (APKA...).
// It is safe for concurrent use and sends nothing.
//
// Signing builds on aws-sdk-go-v2's feature/cloudfront/sign: SHA-1 URLs
// and custom-policy cookies are made by that package as they are. goboto
// adds what it lacks (see sign_sha256.go and sign_cookie.go): SHA-256
// signatures with Hash-Algorithm=SHA256, canned-policy cookies
// (CloudFront-Expires), SEC1 and multi-block PEM keys, the IPv4 /32
// default, and refusing bad input before anything is signed.
type Signer struct {
	keyID  string
	key    crypto.Signer // never printed: String and GoString name only the ID and kind
	kind   string        // "RSA-2048" or "ECDSA P-256"
	now    func() time.Time
	urls   *sign.URLSigner
	cookie *sign.CookieSigner
}

// SignerOptions are a Signer's settings.
type SignerOptions struct {
	// Now is the clock expiries are checked against; time.Now when nil.
	// A test on a fake clock passes the fake's Now so that an expiry in
	// the fake's future is not refused as past.
	Now func() time.Time
}

// SignerOption sets a SignerOptions field.
type SignerOption func(*SignerOptions)

// SignerClock checks expiries against now instead of time.Now.
func SignerClock(now func() time.Time) SignerOption {
	return func(o *SignerOptions) { o.Now = now }
}

// NewSigner returns a Signer for the CloudFront public key (or legacy key
// pair) keyID, signing with key, which may be any crypto.Signer (an
// *rsa.PrivateKey, an *ecdsa.PrivateKey, or a key held in a KMS or HSM).
// CloudFront verifies only these (API Reference, PublicKey: "CloudFront
// supports signed URLs and signed cookies with RSA 2048 or ECDSA 256 key
// signatures"), so any other key is refused here with a
// *goboto.ValidationError.
func NewSigner(keyID string, key crypto.Signer, opts ...SignerOption) (*Signer, error) {
	if err := validKeyID(keyID); err != nil {
		return nil, err
	}
	if isNilKey(key) {
		return nil, goboto.Invalid("PrivateKey", "", "is required")
	}
	kind, err := keyKind(key.Public())
	if err != nil {
		return nil, err
	}
	var o SignerOptions
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Signer{
		keyID:  keyID,
		key:    key,
		kind:   kind,
		now:    o.Now,
		urls:   sign.NewURLSigner(keyID, key),
		cookie: sign.NewCookieSigner(keyID, key),
	}, nil
}

// NewSignerFromPEM is NewSigner with the private key read from PEM text:
// PKCS#1 ("RSA PRIVATE KEY", what CloudFront's console and
// `openssl genrsa` give), PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE
// KEY", from `openssl ecparam -genkey`, whose "EC PARAMETERS" block is
// skipped). Encrypted PEM is refused: decrypt it first. Errors never
// quote the key.
func NewSignerFromPEM(keyID string, pemText []byte, opts ...SignerOption) (*Signer, error) {
	if err := validKeyID(keyID); err != nil {
		return nil, err
	}
	key, err := parsePrivateKeyPEM(pemText)
	if err != nil {
		return nil, err
	}
	return NewSigner(keyID, key, opts...)
}

// KeyID returns the key pair or public key ID the signer puts in
// Key-Pair-Id.
func (s *Signer) KeyID() string {
	if s == nil {
		return ""
	}
	return s.keyID
}

// String names the key ID and key kind, never the key.
func (s *Signer) String() string {
	if s == nil {
		return "cloudfront.Signer(nil)"
	}
	return fmt.Sprintf("cloudfront.Signer(%s, %s)", s.keyID, s.kind)
}

// GoString keeps %#v from printing the private key's numbers.
func (s *Signer) GoString() string { return s.String() }

// parsePrivateKeyPEM reads the first private-key block. The sign
// package's loaders take one format each and only the first PEM block,
// which for `openssl ecparam -genkey` output is the parameters, so
// goboto decodes the blocks itself.
func parsePrivateKeyPEM(text []byte) (crypto.Signer, error) {
	if len(text) == 0 {
		return nil, goboto.Invalid("PrivateKey", "", "is empty")
	}
	rest := text
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, goboto.Invalid("PrivateKey", "", "holds no PEM private key block")
		}
		if _, encrypted := block.Headers["DEK-Info"]; encrypted || block.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, goboto.Invalid("PrivateKey", "", "is encrypted; decrypt it before signing")
		}
		var (
			key any
			err error
		)
		switch block.Type {
		case "EC PARAMETERS":
			continue
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		default:
			// The block type is a label, not key material, so it may be shown.
			return nil, goboto.Invalid("PrivateKey", block.Type, "is not a private key block (want RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY)")
		}
		if err != nil {
			// x509's messages describe the structure, never the key's bytes.
			return nil, goboto.Invalid("PrivateKey", block.Type, "does not parse: "+err.Error())
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, goboto.Invalid("PrivateKey", fmt.Sprintf("%T", key), "cannot sign")
		}
		return signer, nil
	}
}

// isNilKey reports a missing key, including the typed nils whose Public
// method would panic.
func isNilKey(key crypto.Signer) bool {
	switch k := key.(type) {
	case nil:
		return true
	case *rsa.PrivateKey:
		return k == nil
	case *ecdsa.PrivateKey:
		return k == nil
	}
	return false
}

// keyKind names a public key CloudFront accepts, or refuses it.
func keyKind(pub crypto.PublicKey) (string, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", goboto.Invalid("PrivateKey", "RSA", "has no public key")
		}
		if bits := k.N.BitLen(); bits != 2048 {
			return "", goboto.Invalid("PrivateKey", fmt.Sprintf("RSA-%d", bits), "must be RSA-2048 or ECDSA P-256")
		}
		return "RSA-2048", nil
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil {
			return "", goboto.Invalid("PrivateKey", "ECDSA", "has no curve")
		}
		if k.Curve != elliptic.P256() {
			return "", goboto.Invalid("PrivateKey", "ECDSA "+k.Curve.Params().Name, "must be RSA-2048 or ECDSA P-256")
		}
		return "ECDSA P-256", nil
	case nil:
		return "", goboto.Invalid("PrivateKey", "", "has no public key")
	default:
		return "", goboto.Invalid("PrivateKey", fmt.Sprintf("%T", pub), "must be RSA-2048 or ECDSA P-256")
	}
}
