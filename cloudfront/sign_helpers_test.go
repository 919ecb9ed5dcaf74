package cloudfront_test

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"net/netip"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

const (
	rsaKeyID = "K2JCJMDEHXQW5F"
	ecKeyID  = "K3ECDSAEXAMPLE"
	dist     = "https://d111111abcdef8.cloudfront.net"
)

// signNow is the clock the tests sign and verify at, so that no test
// depends on the wall clock.
var signNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return signNow }

func privateKey(t testing.TB, pemText string) crypto.Signer {
	t.Helper()
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		t.Fatal("test key does not decode")
	}
	var (
		k   any
		err error
	)
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(block.Bytes)
	}
	if err != nil {
		t.Fatal(err)
	}
	return k.(crypto.Signer)
}

func signers(t testing.TB) map[string]*cloudfront.Signer {
	t.Helper()
	out := map[string]*cloudfront.Signer{}
	for name, c := range map[string]struct{ id, pem string }{
		"RSA":   {rsaKeyID, testRSAKeyPEM},
		"ECDSA": {ecKeyID, testECKeyPEM},
	} {
		s, err := cloudfront.NewSignerFromPEM(c.id, []byte(c.pem), cloudfront.SignerClock(clock))
		if err != nil {
			t.Fatalf("NewSignerFromPEM(%s): %v", name, err)
		}
		out[name] = s
	}
	return out
}

func trusted(t testing.TB) viewerauth.Keys {
	t.Helper()
	return viewerauth.Keys{
		rsaKeyID: privateKey(t, testRSAKeyPEM).Public(),
		ecKeyID:  privateKey(t, testECKeyPEM).Public(),
	}
}

var testViewer = netip.MustParseAddr("192.0.2.10")
