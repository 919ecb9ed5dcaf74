package ec2test_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/ec2/ec2test"
)

func TestKeyPairs(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	ed, err := c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("ed"), KeyType: types.KeyTypeEd25519})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(aws.ToString(ed.KeyMaterial)))
	if block == nil {
		t.Fatal("ED25519 key material is not PEM")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		t.Fatalf("key is %T", key)
	}
	// The fingerprint is the base64 SHA-256 of the OpenSSH public key, and
	// DescribeKeyPairs gives that key back on request.
	got, err := c.DescribeKeyPairs(ctx, &awsec2.DescribeKeyPairsInput{KeyPairIds: []string{aws.ToString(ed.KeyPairId)}, IncludePublicKey: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.KeyPairs) != 1 {
		t.Fatalf("%d key pairs", len(got.KeyPairs))
	}
	k := got.KeyPairs[0]
	typ, b64, _ := strings.Cut(aws.ToString(k.PublicKey), " ")
	blob, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || typ != "ssh-ed25519" || !strings.HasSuffix(string(blob), string(priv.Public().(ed25519.PublicKey))) {
		t.Errorf("PublicKey = %q", aws.ToString(k.PublicKey))
	}
	sum := sha256.Sum256(blob)
	if want := base64.StdEncoding.EncodeToString(sum[:]); aws.ToString(ed.KeyFingerprint) != want || aws.ToString(k.KeyFingerprint) != want {
		t.Errorf("fingerprints %q, %q; want %q", aws.ToString(ed.KeyFingerprint), aws.ToString(k.KeyFingerprint), want)
	}
	if k.KeyType != types.KeyTypeEd25519 || k.CreateTime == nil || aws.ToString(k.KeyName) != "ed" {
		t.Errorf("key = %+v", k)
	}

	if _, err := c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("rsa")}); err != nil {
		t.Fatal(err)
	}
	byFingerprint, err := c.DescribeKeyPairs(ctx, &awsec2.DescribeKeyPairsInput{Filters: []types.Filter{{Name: aws.String("fingerprint"), Values: []string{aws.ToString(ed.KeyFingerprint)}}}})
	if err != nil || len(byFingerprint.KeyPairs) != 1 || aws.ToString(byFingerprint.KeyPairs[0].KeyName) != "ed" {
		t.Errorf("by fingerprint: %v %+v", err, byFingerprint)
	}
	if got.KeyPairs[0].PublicKey == nil {
		t.Error("IncludePublicKey ignored")
	}

	_, err = c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("ed")})
	netCode(t, err, "InvalidKeyPair.Duplicate")
	_, err = c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("ppk"), KeyFormat: types.KeyFormatPpk})
	netCode(t, err, "InvalidParameterValue")
	_, err = c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("clé")})
	netCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeKeyPairs(ctx, &awsec2.DescribeKeyPairsInput{KeyNames: []string{"ghost"}})
	netCode(t, err, "InvalidKeyPair.NotFound")
	_, err = c.DescribeKeyPairs(ctx, &awsec2.DescribeKeyPairsInput{KeyPairIds: []string{"key-0123456789abcdef0"}})
	netCode(t, err, "InvalidKeyPair.NotFound")
	_, err = c.ImportKeyPair(ctx, &awsec2.ImportKeyPairInput{KeyName: aws.String("x"), PublicKeyMaterial: []byte("ssh-rsa AAAA")})
	netCode(t, err, "InvalidKey.Format")

	del, err := c.DeleteKeyPair(ctx, &awsec2.DeleteKeyPairInput{KeyPairId: ed.KeyPairId})
	if err != nil || aws.ToString(del.KeyPairId) != aws.ToString(ed.KeyPairId) {
		t.Errorf("DeleteKeyPair by ID: %v %+v", err, del)
	}
	if _, err := c.DeleteKeyPair(ctx, &awsec2.DeleteKeyPairInput{KeyName: aws.String("ed")}); err != nil {
		t.Errorf("DeleteKeyPair of a deleted key: %v; EC2 succeeds", err)
	}
	all, err := c.DescribeKeyPairs(ctx, &awsec2.DescribeKeyPairsInput{})
	if err != nil || len(all.KeyPairs) != 1 || aws.ToString(all.KeyPairs[0].KeyName) != "rsa" {
		t.Errorf("left: %v %+v", err, all)
	}
}

// TestImportKeyPairBoto2 imports a key as boto 2 does: SigV2, API
// 2014-10-01, PublicKeyMaterial base64-encoded by the caller.
func TestImportKeyPairBoto2(t *testing.T) {
	srv := ec2test.Start(t)
	pub, _, _ := ed25519.GenerateKey(nil)
	blob := []byte{0, 0, 0, 11}
	blob = append(blob, "ssh-ed25519"...)
	blob = append(blob, 0, 0, 0, 32)
	blob = append(blob, pub...)
	line := "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " user@host"
	status, body := ec2test.RawSigV2(t, srv, "ec2.us-east-1.amazonaws.com", url.Values{"Action": {"ImportKeyPair"}, "Version": {"2014-10-01"},
		"KeyName": {"laptop"}, "PublicKeyMaterial": {base64.StdEncoding.EncodeToString([]byte(line))}})
	sum := sha256.Sum256(blob)
	if status != 200 || !strings.Contains(body, "<keyFingerprint>"+base64.StdEncoding.EncodeToString(sum[:])+"</keyFingerprint>") ||
		!strings.Contains(body, `xmlns="http://ec2.amazonaws.com/doc/2014-10-01/"`) {
		t.Errorf("ImportKeyPair: %d %s", status, body)
	}
	status, body = ec2test.RawSigV2(t, srv, "ec2.us-east-1.amazonaws.com", url.Values{"Action": {"DescribeKeyPairs"}, "Version": {"2014-10-01"}, "KeyName.1": {"laptop"}})
	if status != 200 || !strings.Contains(body, "<keyName>laptop</keyName>") {
		t.Errorf("DescribeKeyPairs: %d %s", status, body)
	}
}
