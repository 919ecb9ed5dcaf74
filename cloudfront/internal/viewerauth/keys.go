package viewerauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// Keys are the public keys a cache behaviour trusts, by ID: the public
// keys of its trusted key groups (IDs like K2JCJMDEHXQW5F) and the
// active key pairs of its legacy trusted signers (APKA...). Each value is
// an *rsa.PublicKey or an *ecdsa.PublicKey.
type Keys map[string]crypto.PublicKey

// ParsePublicKey reads a public key as CreatePublicKey takes it: PEM,
// "PUBLIC KEY" (PKIX) or "RSA PUBLIC KEY" (PKCS #1), RSA-2048 or ECDSA
// P-256 (API Reference, PublicKey: "CloudFront supports signed URLs and
// signed cookies with RSA 2048 or ECDSA 256 key signatures").
func ParsePublicKey(pemText []byte) (crypto.PublicKey, error) {
	block, _ := pem.Decode(pemText)
	if block == nil {
		return nil, errors.New("viewerauth: no PEM block")
	}
	var (
		key any
		err error
	)
	switch block.Type {
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	default:
		return nil, fmt.Errorf("viewerauth: PEM block %q is not a public key", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("viewerauth: %w", err)
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	return key, nil
}

func checkKey(key any) error {
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k == nil || k.N == nil || k.N.BitLen() != 2048 {
			return errors.New("viewerauth: RSA key is not 2048 bits")
		}
	case *ecdsa.PublicKey:
		if k == nil || k.Curve != elliptic.P256() {
			return errors.New("viewerauth: ECDSA key is not on P-256")
		}
	default:
		return fmt.Errorf("viewerauth: %T is neither RSA-2048 nor ECDSA P-256", key)
	}
	return nil
}
