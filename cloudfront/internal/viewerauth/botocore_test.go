package viewerauth

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// botocoreScript signs with botocore's CloudFrontSigner, RSA with SHA-1 as
// its docstring says CloudFront requires, using the rsa module (what aws
// CLI v1 uses) or else cryptography.
const botocoreScript = `
import sys, datetime
from botocore.signers import CloudFrontSigner
keyfile, keyid, url, resource, dlt, dgt, ip = sys.argv[1:8]
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
at = lambda v: datetime.datetime.fromtimestamp(int(v), tz=datetime.timezone.utc)
if resource == url and not dgt and not ip:
    sys.stdout.write(s.generate_presigned_url(url, date_less_than=at(dlt)))
else:
    policy = s.build_policy(resource, at(dlt), date_greater_than=at(dgt) if dgt else None, ip_address=ip or None)
    sys.stdout.write(s.generate_presigned_url(url, policy=policy))
`

// botocorePython returns a python that can run botocoreScript, or skips.
func botocorePython(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs python in -short mode")
	}
	for _, py := range []string{os.Getenv("GOBOTO_PYTHON"), "python3", "/root/.pyenv/shims/python3"} {
		if py == "" {
			continue
		}
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import botocore.signers\ntry:\n import rsa\nexcept ImportError:\n import cryptography").Run() == nil {
			return path
		}
	}
	t.Skip("no python3 with botocore and rsa or cryptography")
	return ""
}

// TestBotocoreSignedURLs checks the verifier against URLs that botocore's
// CloudFrontSigner makes, canned and custom (with DateGreaterThan, a bare
// IP it widens to /32, and a wildcard Resource), and that tampering with
// any part of them is refused.
func TestBotocoreSignedURLs(t *testing.T) {
	py := botocorePython(t)
	key := rsaKey(t)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600); err != nil {
		t.Fatal(err)
	}
	keys := Keys{"APKAEXAMPLEBOTO": key.Public()}
	sign := func(url, resource string, dlt int64, dgt, ip string) string {
		t.Helper()
		var stderr bytes.Buffer
		cmd := exec.Command(py, "-c", botocoreScript, keyFile, "APKAEXAMPLEBOTO", url, resource, fmt.Sprint(dlt), dgt, ip)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("botocore: %v: %s", err, stderr.String())
		}
		return string(out)
	}
	base := host + "/private/movie.mp4?quality=hd"
	check := func(name, url string, ip string, want Reason) {
		t.Helper()
		req := Request{URL: url, ClientIP: viewer, Time: now}
		if ip != "" {
			req.ClientIP = mustAddr(t, ip)
		}
		if got := Verify(req, keys).Reason; got != want {
			t.Errorf("%s: Verify(%s) = %s, want %s", name, url, got, want)
		}
	}

	canned := sign(base, base, later, "", "")
	check("canned", canned, "", Allowed)
	reqLate := Request{URL: canned, ClientIP: viewer, Time: time.Unix(later, 0)}
	if got := Verify(reqLate, keys).Reason; got != Expired {
		t.Errorf("canned at DateLessThan: %s, want Expired", got)
	}
	check("canned path tampered", strings.Replace(canned, "movie.mp4", "movie.mp3", 1), "", BadSignature)
	check("canned query tampered", strings.Replace(canned, "quality=hd", "quality=4k", 1), "", BadSignature)
	check("canned expiry tampered", strings.Replace(canned, fmt.Sprint(later), fmt.Sprint(later+60), 1), "", BadSignature)
	sigAt := strings.Index(canned, "Signature=") + len("Signature=")
	flipped := canned[:sigAt] + flip(canned[sigAt]) + canned[sigAt+1:]
	check("canned signature tampered", flipped, "", BadSignature)
	check("canned other key id", strings.Replace(canned, "APKAEXAMPLEBOTO", "APKAOTHER", 1), "", UnknownKey)

	custom := sign(base, host+"/private/*", later, fmt.Sprint(now.Unix()-60), "192.0.2.10")
	check("custom", custom, "", Allowed)
	check("custom other viewer", custom, "192.0.2.11", IPMismatch)
	wild := sign(host+"/private/other.mp4", host+"/private/*", later, "", "")
	check("custom wildcard", wild, "", Allowed)
	check("custom wildcard outside", strings.Replace(wild, "/private/other.mp4", "/public/other.mp4", 1), "", ResourceMismatch)
	future := sign(base, base, later, fmt.Sprint(now.Unix()+60), "")
	check("custom not yet valid", future, "", NotYetValid)
	// A policy rewritten to last longer, still well formed, is refused
	// for its signature; one cut short no longer parses.
	polAt := strings.Index(custom, "Policy=") + len("Policy=")
	polEnd := polAt + strings.Index(custom[polAt:], "&")
	doc, err := decodeCF(custom[polAt:polEnd])
	if err != nil {
		t.Fatal(err)
	}
	longer := strings.Replace(string(doc), fmt.Sprint(later), fmt.Sprint(later+86400), 1)
	check("custom policy extended", custom[:polAt]+cf64([]byte(longer))+custom[polEnd:], "", BadSignature)
	check("custom policy cut", custom[:polAt]+cf64(doc[:len(doc)-2])+custom[polEnd:], "", MalformedPolicy)
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
