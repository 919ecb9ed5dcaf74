package cloudfront_test

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/cloudfront"
)

// The fixed URL and expiry the byte-for-byte comparisons sign. The
// expiry is far ahead so that the wall-clock signer accepts it for
// decades; the signer's own clock keeps the test from depending on it.
const (
	crossURL     = "https://d111111abcdef8.cloudfront.net/images/horizon.jpg?size=large&license=yes"
	crossExpires = 4102444800 // 2100-01-01T00:00:00Z
)

// botocoreCanned signs crossURL with botocore's CloudFrontSigner, RSA
// SHA-1 through the rsa module (what aws CLI v1 uses) or cryptography.
const botocoreCanned = `
import sys, datetime
from botocore.signers import CloudFrontSigner
keyfile, keyid, url, dlt = sys.argv[1:5]
pem = open(keyfile, 'rb').read()
try:
    import rsa
    k = rsa.PrivateKey.load_pkcs1(pem)
    signer = lambda m: rsa.sign(m, k, 'SHA-1')
except ImportError:
    from cryptography.hazmat.primitives import serialization, hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    k = serialization.load_pem_private_key(pem, None)
    signer = lambda m: k.sign(m, padding.PKCS1v15(), hashes.SHA1())
s = CloudFrontSigner(keyid, signer)
when = datetime.datetime.fromtimestamp(int(dlt), tz=datetime.timezone.utc)
sys.stdout.write(s.generate_presigned_url(url, date_less_than=when))
`

func writeKey(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(path, []byte(strings.TrimSpace(testRSAKeyPEM)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func gobotoCanned(t *testing.T) string {
	t.Helper()
	s, err := cloudfront.NewSignerFromPEM(rsaKeyID, []byte(testRSAKeyPEM), cloudfront.SignerClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.SignURL(crossURL, cloudfront.SignOptions{Expires: time.Unix(crossExpires, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// cliEnv keeps the CLIs off the user's configuration and off the
// network: signing needs neither.
func cliEnv() []string {
	return append(os.Environ(),
		"AWS_CONFIG_FILE="+os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	)
}

func run(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = cliEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: %v: %s", name, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// TestCannedMatchesBotocore: a canned RSA SHA-1 signed URL is byte for
// byte botocore's CloudFrontSigner's for the same key, URL and expiry.
func TestCannedMatchesBotocore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs python in -short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import botocore.signers\ntry:\n import rsa\nexcept ImportError:\n import cryptography").Run() != nil {
		t.Skip("no python3 with botocore and rsa or cryptography")
	}
	want, err := run(t, py, "-c", botocoreCanned, writeKey(t), rsaKeyID, crossURL, fmt.Sprint(crossExpires))
	if err != nil {
		t.Fatal(err)
	}
	if got := gobotoCanned(t); got != want {
		t.Errorf("goboto and botocore differ:\ngoboto   %s\nbotocore %s", got, want)
	}
}

// TestCannedMatchesAWSCLI: the same URL from `aws cloudfront sign`, with
// aws CLI v1 (python3 -m awscli) and with Debian's aws CLI v2.
func TestCannedMatchesAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the aws CLIs in -short mode")
	}
	key := "file://" + writeKey(t)
	args := []string{"cloudfront", "sign", "--url", crossURL, "--key-pair-id", rsaKeyID, "--private-key", key, "--date-less-than", fmt.Sprint(crossExpires)}
	got := gobotoCanned(t)
	clis := []struct {
		name string
		cmd  []string
	}{
		{"aws CLI v1 (python3 -m awscli)", []string{"python3", "-m", "awscli"}},
		{"aws CLI v2 (/usr/bin/aws)", []string{"/usr/bin/aws"}},
	}
	for _, c := range clis {
		t.Run(c.name, func(t *testing.T) {
			if _, err := exec.LookPath(c.cmd[0]); err != nil {
				t.Skipf("%s not found", c.cmd[0])
			}
			if len(c.cmd) > 1 && exec.Command(c.cmd[0], "-c", "import awscli").Run() != nil {
				t.Skip("python3 has no awscli")
			}
			want, err := run(t, c.cmd[0], append(c.cmd[1:], args...)...)
			if err != nil {
				t.Skipf("cloudfront sign did not run: %v", err)
			}
			if got != want {
				t.Errorf("goboto and %s differ:\ngoboto %s\ncli    %s", c.name, got, want)
			}
		})
	}
}

// TestOpenSSLVerifiesEveryForm hands each signature goboto makes, for
// both key types and both hashes, canned and custom, URL and cookie, to
// `openssl dgst -verify` with the policy it signs (rebuilt for a canned
// policy as the guide's "Create a policy statement for a signed URL that
// uses a canned policy" shows).
func TestOpenSSLVerifiesEveryForm(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("no openssl")
	}
	dir := t.TempDir()
	pubFiles := map[string]string{}
	for name, pemText := range map[string]string{"RSA": testRSAKeyPEM, "ECDSA": testECKeyPEM} {
		der, err := x509.MarshalPKIXPublicKey(privateKey(t, pemText).Public())
		if err != nil {
			t.Fatal(err)
		}
		pubFiles[name] = filepath.Join(dir, name+".pub.pem")
		if err := os.WriteFile(pubFiles[name], pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	exp := signNow.Add(time.Hour)
	canned := func(resource string) []byte {
		return fmt.Appendf(nil, `{"Statement":[{"Resource":"%s","Condition":{"DateLessThan":{"AWS:EpochTime":%d}}}]}`, resource, exp.Unix())
	}
	n := 0
	for name, s := range signers(t) {
		for _, hash := range []cloudfront.HashAlgorithm{cloudfront.HashSHA1, cloudfront.HashSHA256} {
			type form struct {
				name      string
				policy    []byte
				signature []byte
			}
			var forms []form
			obj := dist + "/videos/a.mp4?x=1"
			u, err := s.SignURL(obj, cloudfront.SignOptions{Expires: exp, Hash: hash})
			if err != nil {
				t.Fatal(err)
			}
			forms = append(forms, form{"canned URL", canned(obj), decodeCF(t, param(u, "Signature"))})
			u, err = s.SignURL(obj, cloudfront.SignOptions{Expires: exp, Hash: hash, NotBefore: signNow, SourceIP: "192.0.2.0/24", Resource: dist + "/videos/*"})
			if err != nil {
				t.Fatal(err)
			}
			forms = append(forms, form{"custom URL", decodeCF(t, param(u, "Policy")), decodeCF(t, param(u, "Signature"))})
			cs, err := s.SignCookies(cloudfront.SignOptions{Expires: exp, Hash: hash, Resource: obj})
			if err != nil {
				t.Fatal(err)
			}
			forms = append(forms, form{"canned cookies", canned(obj), decodeCF(t, cookie(cs, "CloudFront-Signature"))})
			cs, err = s.SignCookies(cloudfront.SignOptions{Expires: exp, Hash: hash, Resource: dist + "/videos/*"})
			if err != nil {
				t.Fatal(err)
			}
			forms = append(forms, form{"custom cookies", decodeCF(t, cookie(cs, "CloudFront-Policy")), decodeCF(t, cookie(cs, "CloudFront-Signature"))})

			for _, f := range forms {
				t.Run(name+"/"+string(hash)+"/"+f.name, func(t *testing.T) {
					n++
					polFile := filepath.Join(dir, fmt.Sprintf("policy%d.json", n))
					sigFile := filepath.Join(dir, fmt.Sprintf("sig%d.bin", n))
					if err := os.WriteFile(polFile, f.policy, 0o600); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(sigFile, f.signature, 0o600); err != nil {
						t.Fatal(err)
					}
					out, err := exec.Command(openssl, "dgst", "-"+strings.ToLower(string(hash)), "-verify", pubFiles[name], "-signature", sigFile, polFile).CombinedOutput()
					if err != nil || !strings.Contains(string(out), "Verified OK") {
						t.Errorf("openssl refused (%v): %s\npolicy %s", err, out, f.policy)
					}
					// And refuses the same signature over a changed policy, so
					// the check above can fail.
					if err := os.WriteFile(polFile, append(f.policy, ' '), 0o600); err != nil {
						t.Fatal(err)
					}
					if out, err := exec.Command(openssl, "dgst", "-"+strings.ToLower(string(hash)), "-verify", pubFiles[name], "-signature", sigFile, polFile).CombinedOutput(); err == nil {
						t.Errorf("openssl accepted a changed policy: %s", out)
					}
				})
			}
		}
	}
}

func param(u, name string) string {
	_, q, _ := strings.Cut(u, "?")
	for pair := range strings.SplitSeq(q, "&") {
		if k, v, _ := strings.Cut(pair, "="); k == name {
			return v
		}
	}
	return ""
}

func cookie(cs []*http.Cookie, name string) string {
	for _, c := range cs {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}
