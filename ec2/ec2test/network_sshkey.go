package ec2test

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
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
)

// newKey makes a key pair of keyType ("rsa" or "ed25519") as CreateKeyPair
// does: the private key in PEM, EC2's fingerprint of it, and the public
// key in OpenSSH's one-line format.
//
// EC2 returns an RSA key as PKCS#1 PEM and fingerprints it with the SHA-1
// of its PKCS#8 DER; it fingerprints an ED25519 key with the base64 SHA-256
// of its OpenSSH public key, as ssh-keygen does. It returns ED25519 private
// keys in OpenSSH's own format; the fake returns PKCS#8 PEM instead.
func newKey(keyType string) (private []byte, fingerprint, public string, err error) {
	switch keyType {
	case "rsa":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, "", "", err
		}
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil, "", "", err
		}
		sum := sha1.Sum(der)
		private = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
		return private, colonHex(sum[:]), "ssh-rsa " + base64.StdEncoding.EncodeToString(sshRSAWire(&k.PublicKey)), nil
	case "ed25519":
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, "", "", err
		}
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			return nil, "", "", err
		}
		blob := sshEd25519Wire(pub)
		sum := sha256.Sum256(blob)
		private = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		return private, base64.StdEncoding.EncodeToString(sum[:]), "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob), nil
	}
	return nil, "", "", errors.New("unknown key type " + keyType)
}

// parsePublicKey reads an OpenSSH public key line ("ssh-rsa AAAA... comment")
// as ImportKeyPair does, returning the key type, EC2's fingerprint (the MD5
// of the DER public key for RSA, the base64 SHA-256 of the key for
// ED25519) and the line without its comment.
func parsePublicKey(line []byte) (keyType, fingerprint, public string, err error) {
	fields := strings.Fields(string(bytes.TrimSpace(line)))
	if len(fields) < 2 {
		return "", "", "", errors.New("not an OpenSSH public key")
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return "", "", "", errors.New("key is not base64")
	}
	rest := blob
	name, rest, ok := sshString(rest)
	if !ok || string(name) != fields[0] {
		return "", "", "", errors.New("key type does not match its data")
	}
	switch fields[0] {
	case "ssh-rsa":
		e, rest, ok1 := sshString(rest)
		n, rest, ok2 := sshString(rest)
		if !ok1 || !ok2 || len(rest) != 0 {
			return "", "", "", errors.New("truncated RSA key")
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		if bits := pub.N.BitLen(); bits < 1024 || bits > 16384 || pub.E < 3 {
			return "", "", "", errors.New("unsupported RSA key size")
		}
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			return "", "", "", err
		}
		sum := md5.Sum(der)
		return "rsa", colonHex(sum[:]), fields[0] + " " + fields[1], nil
	case "ssh-ed25519":
		k, rest, ok := sshString(rest)
		if !ok || len(k) != ed25519.PublicKeySize || len(rest) != 0 {
			return "", "", "", errors.New("bad ED25519 key")
		}
		sum := sha256.Sum256(blob)
		return "ed25519", base64.StdEncoding.EncodeToString(sum[:]), fields[0] + " " + fields[1], nil
	}
	return "", "", "", errors.New("unsupported key type " + fields[0])
}

// sshString reads one length-prefixed string of SSH's wire format.
func sshString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

func appendSSHString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// mpint is SSH's encoding of a positive big integer: big-endian, with a
// leading zero byte when the top bit is set.
func mpint(n *big.Int) []byte {
	b := n.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

func sshRSAWire(k *rsa.PublicKey) []byte {
	b := appendSSHString(nil, []byte("ssh-rsa"))
	b = appendSSHString(b, mpint(big.NewInt(int64(k.E))))
	return appendSSHString(b, mpint(k.N))
}

func sshEd25519Wire(k ed25519.PublicKey) []byte {
	b := appendSSHString(nil, []byte("ssh-ed25519"))
	return appendSSHString(b, k)
}

// colonHex writes b as lower-case hex pairs joined by colons.
func colonHex(b []byte) string {
	h := hex.EncodeToString(b)
	var sb strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}
