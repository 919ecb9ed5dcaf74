package ec2_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/goboto/goboto/ec2"
)

// netColonHex writes b as hex pairs joined by colons, as EC2 shows
// fingerprints.
func netColonHex(b []byte) string {
	h := hex.EncodeToString(b)
	var parts []string
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

// netSSHString is one length-prefixed string of SSH's wire format.
func netSSHString(s []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(s))), s...)
}

func netMPInt(n *big.Int) []byte {
	b := n.Bytes()
	if b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

func TestCreateKeyPair(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)
	kp, err := conn.CreateKeyPair(ctx, "deploy")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(kp.PrivateKey)
	if block == nil || block.Type != "RSA PRIVATE KEY" {
		t.Fatalf("PrivateKey is not an RSA PEM key")
	}
	key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if key.N.BitLen() != 2048 {
		t.Errorf("key has %d bits; want 2048", key.N.BitLen())
	}
	// EC2 fingerprints keys it makes with the SHA-1 of the PKCS#8 DER.
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	sum := sha1.Sum(der)
	if want := netColonHex(sum[:]); kp.Fingerprint != want {
		t.Errorf("Fingerprint = %q; want %q", kp.Fingerprint, want)
	}
	if !strings.HasPrefix(kp.ID, "key-") || kp.Name != "deploy" || kp.Type != ec2.KeyTypeRSA {
		t.Errorf("key pair = %v %q %q", kp, kp.ID, kp.Type)
	}
	_, err = conn.CreateKeyPair(ctx, "deploy")
	netWantCode(t, err, "InvalidKeyPair.Duplicate")

	ed, err := conn.CreateKeyPairOfType(ctx, "ed", ec2.KeyTypeED25519)
	if err != nil {
		t.Fatal(err)
	}
	if block, _ := pem.Decode(ed.PrivateKey); block == nil {
		t.Errorf("ED25519 PrivateKey is not PEM")
	}

	got := conn.KeyPair("deploy")
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got.ID != kp.ID || got.Fingerprint != kp.Fingerprint || got.Type != "rsa" || got.CreateTime.IsZero() || len(got.PrivateKey) != 0 {
		t.Errorf("Refresh: %#v, created %v, %d key bytes", got, got.CreateTime, len(got.PrivateKey))
	}

	var names []string
	for k, err := range conn.KeyPairs(ctx, ec2.Filter{"key-type": {"ed25519"}}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, k.Name)
	}
	if fmt.Sprint(names) != "[ed]" {
		t.Errorf("ed25519 keys = %v; want [ed]", names)
	}

	if err := kp.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := kp.Delete(ctx); err != nil {
		t.Errorf("deleting a deleted key pair: %v; EC2 succeeds", err)
	}
	netWantCode(t, got.Refresh(ctx), "InvalidKeyPair.NotFound")
}

func TestImportKeyPair(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)

	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	edBlob := append(netSSHString([]byte("ssh-ed25519")), netSSHString(edPub)...)
	edSum := sha256.Sum256(edBlob)

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaBlob := netSSHString([]byte("ssh-rsa"))
	rsaBlob = append(rsaBlob, netSSHString(netMPInt(big.NewInt(int64(rsaKey.E))))...)
	rsaBlob = append(rsaBlob, netSSHString(netMPInt(rsaKey.N))...)
	der, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	rsaSum := md5.Sum(der)

	for _, tt := range []struct {
		name, line, fingerprint, keyType string
	}{
		// EC2 fingerprints imported ED25519 keys as ssh-keygen does, and
		// imported RSA keys with the MD5 of the DER public key.
		{"laptop", "ssh-ed25519 " + base64.StdEncoding.EncodeToString(edBlob) + " me@laptop\n", base64.StdEncoding.EncodeToString(edSum[:]), "ed25519"},
		{"old", "ssh-rsa " + base64.StdEncoding.EncodeToString(rsaBlob), netColonHex(rsaSum[:]), "rsa"},
	} {
		kp, err := conn.ImportKeyPair(ctx, tt.name, []byte(tt.line))
		if err != nil {
			t.Fatalf("ImportKeyPair(%s): %v", tt.name, err)
		}
		if kp.Fingerprint != tt.fingerprint || !strings.HasPrefix(kp.ID, "key-") || len(kp.PrivateKey) != 0 {
			t.Errorf("ImportKeyPair(%s) = %#v; want fingerprint %q", tt.name, kp, tt.fingerprint)
		}
		if err := kp.Refresh(ctx); err != nil || kp.Type != tt.keyType {
			t.Errorf("Refresh(%s): %v, type %q; want %q", tt.name, err, kp.Type, tt.keyType)
		}
	}
	_, err = conn.ImportKeyPair(ctx, "laptop", []byte("ssh-ed25519 "+base64.StdEncoding.EncodeToString(edBlob)))
	netWantCode(t, err, "InvalidKeyPair.Duplicate")
	for _, bad := range []string{"not a key", "ssh-rsa !!!", "ssh-rsa " + base64.StdEncoding.EncodeToString(edBlob), "ssh-dss AAAA"} {
		_, err := conn.ImportKeyPair(ctx, "bad", []byte(bad))
		netWantCode(t, err, "InvalidKey.Format")
	}
}

func TestKeyPairValidation(t *testing.T) {
	for _, tt := range []struct {
		name  string
		call  func(*ec2.Conn) error
		field string
	}{
		{"empty name", func(c *ec2.Conn) error { _, err := c.CreateKeyPair(t.Context(), ""); return err }, "KeyName"},
		{"long name", func(c *ec2.Conn) error { _, err := c.CreateKeyPair(t.Context(), strings.Repeat("k", 256)); return err }, "KeyName"},
		{"non-ASCII name", func(c *ec2.Conn) error { _, err := c.CreateKeyPair(t.Context(), "clé"); return err }, "KeyName"},
		{"bad type", func(c *ec2.Conn) error { _, err := c.CreateKeyPairOfType(t.Context(), "k", "dsa"); return err }, "KeyType"},
		{"import no key", func(c *ec2.Conn) error { _, err := c.ImportKeyPair(t.Context(), "k", nil); return err }, "PublicKeyMaterial"},
		{"import bad name", func(c *ec2.Conn) error {
			_, err := c.ImportKeyPair(t.Context(), "", []byte("ssh-rsa AAAA"))
			return err
		}, "KeyName"},
		{"delete unnamed", func(c *ec2.Conn) error { return c.KeyPair("").Delete(t.Context()) }, "KeyName"},
		{"refresh unnamed", func(c *ec2.Conn) error { return c.KeyPair("").Refresh(t.Context()) }, "KeyName"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := netConn(t)
			netWantInvalid(t, srv, tt.call(conn), tt.field)
		})
	}
}

// TestKeyPairRedaction checks that no way of printing or logging a key
// pair shows its private key.
func TestKeyPairRedaction(t *testing.T) {
	_, conn := netConn(t)
	kp, err := conn.CreateKeyPair(t.Context(), "secret")
	if err != nil {
		t.Fatal(err)
	}
	material := string(kp.PrivateKey)
	body := strings.Split(strings.TrimSpace(material), "\n")[1] // a line of base64 from inside the key
	var outs []string
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		outs = append(outs, fmt.Sprintf(format, kp), fmt.Sprintf(format, *kp), fmt.Sprintf(format, kp.PrivateKey))
	}
	outs = append(outs, fmt.Sprint(kp), fmt.Sprintln(*kp), fmt.Sprint([]*ec2.KeyPair{kp}), fmt.Sprintf("%v", map[string]any{"k": kp}))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(h(&buf))
		log.Info("made", "kp", kp, "value", *kp, "key", kp.PrivateKey, slog.Any("any", kp))
		outs = append(outs, buf.String())
	}
	j, err := json.Marshal(kp)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, string(j))
	for _, out := range outs {
		if strings.Contains(out, body) || strings.Contains(out, "PRIVATE KEY") || strings.Contains(out, hex.EncodeToString([]byte(material))[:40]) {
			t.Errorf("private key leaked: %s", out)
		}
	}
	if s := fmt.Sprint(kp); s != "KeyPair:secret" {
		t.Errorf("String() = %q", s)
	}
	if s := fmt.Sprintf("%v", kp.PrivateKey); s != "[REDACTED]" {
		t.Errorf("PrivateKey prints %q; want [REDACTED]", s)
	}
	// The bytes are still there for the caller to save.
	if !strings.Contains(string(kp.PrivateKey), "BEGIN RSA PRIVATE KEY") {
		t.Errorf("PrivateKey lost its contents")
	}
}
