package cloudfront_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

func pemOf(t *testing.T, typ string, der []byte) []byte {
	t.Helper()
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs8(t *testing.T, key any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pemOf(t, "PRIVATE KEY", der)
}

// TestNewSignerFromPEM reads the formats CloudFront users hold
// (PKCS #1 from `openssl genrsa`, SEC1 from `openssl ecparam -genkey`
// with its EC PARAMETERS block, PKCS #8 from `openssl genpkey`) and
// refuses keys CloudFront cannot verify (API Reference, PublicKey: "RSA
// 2048 or ECDSA 256").
func TestNewSignerFromPEM(t *testing.T) {
	rsaK := privateKey(t, testRSAKeyPEM).(*rsa.PrivateKey)
	ecK := privateKey(t, testECKeyPEM).(*ecdsa.PrivateKey)
	ecParams := "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalECPrivateKey(ecK)
	if err != nil {
		t.Fatal(err)
	}
	good := []struct {
		name string
		pem  []byte
		pub  crypto.PublicKey
	}{
		{"PKCS1 RSA", []byte(testRSAKeyPEM), rsaK.Public()},
		{"PKCS8 RSA", pkcs8(t, rsaK), rsaK.Public()},
		{"SEC1 EC", []byte(testECKeyPEM), ecK.Public()},
		{"SEC1 EC after parameters", append([]byte(ecParams), pemOf(t, "EC PRIVATE KEY", ecDER)...), ecK.Public()},
		{"PKCS8 EC", pkcs8(t, ecK), ecK.Public()},
	}
	for _, c := range good {
		t.Run(c.name, func(t *testing.T) {
			s, err := cloudfront.NewSignerFromPEM("KTEST", c.pem, cloudfront.SignerClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			u, err := s.SignURL(dist+"/a", cloudfront.SignOptions{Expires: signNow.Add(time.Hour), Hash: cloudfront.HashSHA256})
			if err != nil {
				t.Fatal(err)
			}
			if d := viewerauth.Verify(viewerauth.Request{URL: u, Time: signNow}, viewerauth.Keys{"KTEST": c.pub}); !d.Allowed() {
				t.Errorf("signed with the wrong key: %s", d.Reason)
			}
		})
	}

	bad := []struct {
		name string
		pem  []byte
	}{
		{"empty", nil},
		{"not PEM", []byte("MIIEowIBAAKCAQEA")},
		{"public key", pemOf(t, "PUBLIC KEY", mustPKIX(t, rsaK.Public()))},
		{"certificate", pemOf(t, "CERTIFICATE", []byte{0x30, 0x00})},
		{"RSA-1024", pemOf(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsa1024))},
		{"ECDSA P-384", pkcs8(t, p384)},
		{"Ed25519", pkcs8(t, ed)},
		{"PKCS1 garbage", pemOf(t, "RSA PRIVATE KEY", []byte("not a key at all"))},
		{"encrypted PKCS8", pemOf(t, "ENCRYPTED PRIVATE KEY", []byte{0x30, 0x00})},
		{"encrypted PKCS1", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00000000000000000000000000000000"}, Bytes: []byte{1, 2, 3}})},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			s, err := cloudfront.NewSignerFromPEM("KTEST", c.pem)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("NewSignerFromPEM = %v, %v; want a *goboto.ValidationError", s, err)
			}
			if ve.Field != "PrivateKey" {
				t.Errorf("Field = %q", ve.Field)
			}
			if len(c.pem) > 40 {
				body := strings.Join(strings.Split(string(c.pem), "\n")[1:2], "")
				if len(body) >= 20 && strings.Contains(err.Error(), body[:20]) {
					t.Errorf("error quotes the key: %v", err)
				}
			}
		})
	}

	t.Run("crypto.Signer", func(t *testing.T) {
		for _, k := range []crypto.Signer{rsa1024, p384, ed} {
			if _, err := cloudfront.NewSigner("KTEST", k); err == nil {
				t.Errorf("NewSigner accepted %T", k)
			}
		}
		if _, err := cloudfront.NewSigner("KTEST", nil); err == nil {
			t.Errorf("NewSigner accepted a nil key")
		}
		var nilRSA *rsa.PrivateKey
		var nilEC *ecdsa.PrivateKey
		for _, k := range []crypto.Signer{nilRSA, nilEC, opaqueSigner{func() crypto.PublicKey { return nil }}} {
			if _, err := cloudfront.NewSigner("KTEST", k); err == nil {
				t.Errorf("NewSigner accepted %T without a public key", k)
			}
		}
	})
	t.Run("key ID", func(t *testing.T) {
		for _, id := range []string{"", "K2JC JMDEHXQW5F", "K2JC&x=1", "K2JCJMDÉHXQW5F"} {
			_, err := cloudfront.NewSignerFromPEM(id, []byte(testRSAKeyPEM))
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) || ve.Field != "KeyPairId" {
				t.Errorf("key ID %q: %v", id, err)
			}
		}
	})
}

// opaqueSigner is a crypto.Signer that is not one of the standard key
// types, as a KMS-backed signer would be.
type opaqueSigner struct{ pub func() crypto.PublicKey }

func (o opaqueSigner) Public() crypto.PublicKey { return o.pub() }
func (o opaqueSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("no")
}

func mustPKIX(t *testing.T, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestSignerKeepsKeySecret prints a Signer every way fmt can and checks
// no part of the private key shows.
func TestSignerKeepsKeySecret(t *testing.T) {
	k := privateKey(t, testRSAKeyPEM).(*rsa.PrivateKey)
	s := signers(t)["RSA"]
	secrets := []string{k.D.String(), k.Primes[0].String(), k.D.Text(16)}
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), s.String()} {
		for _, secret := range secrets {
			if strings.Contains(out, secret[:16]) {
				t.Errorf("printed Signer shows the private key: %.80s", out)
			}
		}
		if !strings.Contains(out, rsaKeyID) || !strings.Contains(out, "RSA-2048") {
			t.Errorf("printed Signer = %q, want the key ID and kind", out)
		}
	}
	if got := s.KeyID(); got != rsaKeyID {
		t.Errorf("KeyID = %q", got)
	}
}

// TestSignWithOpaqueSigner signs through a crypto.Signer that is not a
// standard key type, as a KMS or HSM key would be.
func TestSignWithOpaqueSigner(t *testing.T) {
	k := privateKey(t, testECKeyPEM)
	s, err := cloudfront.NewSigner(ecKeyID, wrapped{k}, cloudfront.SignerClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []cloudfront.HashAlgorithm{cloudfront.HashSHA1, cloudfront.HashSHA256} {
		u, err := s.SignURL(dist+"/a", cloudfront.SignOptions{Expires: signNow.Add(time.Hour), Hash: h})
		if err != nil {
			t.Fatal(err)
		}
		if d := viewerauth.Verify(viewerauth.Request{URL: u, Time: signNow}, trusted(t)); !d.Allowed() {
			t.Errorf("%s: %s", h, d.Reason)
		}
	}
}

type wrapped struct{ crypto.Signer }
