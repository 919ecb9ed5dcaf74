package cloudfront_test

import (
	"errors"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
)

// TestSignerZeroValues calls every signing entry point with zero values
// and nils: each answers a *goboto.ValidationError and none panics
// (ARCHITECTURE.md, API conventions, Errors).
func TestSignerZeroValues(t *testing.T) {
	var ve *goboto.ValidationError
	var nilSigner *cloudfront.Signer
	for name, s := range map[string]*cloudfront.Signer{"nil": nilSigner, "zero": new(cloudfront.Signer)} {
		if _, err := s.SignURL("", cloudfront.SignOptions{}); !errors.As(err, &ve) {
			t.Errorf("%s SignURL: %v", name, err)
		}
		if _, err := s.SignURL(dist+"/a", cloudfront.SignOptions{Expires: signNow}); !errors.As(err, &ve) {
			t.Errorf("%s SignURL: %v", name, err)
		}
		if _, err := s.SignCookies(cloudfront.SignOptions{}, nil, cloudfront.CookiePath("")); !errors.As(err, &ve) {
			t.Errorf("%s SignCookies: %v", name, err)
		}
		_ = s.String()
		_ = s.GoString()
		_ = s.KeyID()
	}
	if _, err := cloudfront.NewSigner("", nil, nil); !errors.As(err, &ve) {
		t.Errorf("NewSigner: %v", err)
	}
	if _, err := cloudfront.NewSignerFromPEM("", nil, nil); !errors.As(err, &ve) {
		t.Errorf("NewSignerFromPEM: %v", err)
	}
	if _, err := cloudfront.NewSignerFromPEM("K", nil); !errors.As(err, &ve) {
		t.Errorf("NewSignerFromPEM: %v", err)
	}
	s := signers(t)["RSA"]
	if _, err := s.SignURL("", cloudfront.SignOptions{}); !errors.As(err, &ve) {
		t.Errorf("SignURL with nothing: %v", err)
	}
	if _, err := s.SignCookies(cloudfront.SignOptions{}); !errors.As(err, &ve) {
		t.Errorf("SignCookies with nothing: %v", err)
	}
}
