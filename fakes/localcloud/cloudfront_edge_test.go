package localcloud_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3v2 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes/localcloud"
)

// botocoreSign signs with botocore's CloudFrontSigner, SHA-1 and
// PKCS #1 v1.5 through the cryptography package (botocore's documented
// rsa_signer), a canned policy when policy is empty, else a custom one
// built by botocore's build_policy for the resource.
const botocoreSign = `
import sys, datetime
from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
key_id, key_file, url, expires, resource = sys.argv[1:6]
with open(key_file, "rb") as f:
    key = serialization.load_pem_private_key(f.read(), password=None)
signer = CloudFrontSigner(key_id, lambda m: key.sign(m, padding.PKCS1v15(), hashes.SHA1()))
when = datetime.datetime.fromtimestamp(int(expires), datetime.timezone.utc)
if resource:
    policy = signer.build_policy(resource, when)
    print(signer.generate_presigned_url(url, policy=policy))
else:
    print(signer.generate_presigned_url(url, date_less_than=when))
`

// requireBotocoreSigner returns a python whose botocore has
// CloudFrontSigner and that has the cryptography package, or skips.
func requireBotocoreSigner(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "from botocore.signers import CloudFrontSigner; import cryptography").Run() == nil {
			return path
		}
	}
	t.Skip("no python3 with botocore's CloudFrontSigner and cryptography (pip install boto3 cryptography)")
	return ""
}

// TestEdgeServesBotocoreSignedURL: a URL signed by botocore's
// CloudFrontSigner (what boto3 users hand out) is served by the local
// edge, canned and custom; altered, it is refused with CloudFront's
// AccessDenied.
func TestEdgeServesBotocoreSignedURL(t *testing.T) {
	py := requireBotocoreSigner(t)
	cloud := localcloud.Start(t)
	ctx := context.Background()
	conn := cloudfront.New(cloud.Config(""))
	s3c := s3v2.NewFromConfig(cloud.Config(""), func(o *s3v2.Options) { o.UsePathStyle = true })

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "boto", EncodedKey: pemPublicKey(t, &key.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "boto", PublicKeys: []string{pub.ID}})
	if err != nil {
		t.Fatal(err)
	}
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "boto"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s3c.CreateBucket(ctx, &s3v2.CreateBucketInput{Bucket: aws.String("videos")}); err != nil {
		t.Fatal(err)
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins: []cloudfront.Origin{{ID: "s3", DomainName: "videos.s3.amazonaws.com", S3: &cloudfront.S3Origin{}, OriginAccessControlID: oac.ID}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "s3", ViewerProtocol: cloudfront.RedirectToHTTPS,
			TrustedKeyGroups: []string{group.ID}, TTL: &cloudfront.TTL{Default: time.Minute, Max: time.Hour}}})
	if err != nil {
		t.Fatal(err)
	}
	obj, err := d.AddObject(ctx, "clips/intro.mp4", strings.NewReader("frames"))
	if err != nil || obj.Access != cloudfront.OACPolicy {
		t.Fatalf("AddObject: %+v %v", obj, err)
	}
	edge := cloudfronttest.EdgeClient(cloud.Server)
	fetch := func(u string) (int, string) {
		t.Helper()
		resp, err := edge.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	expires := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	for _, resource := range []string{"", "https://" + d.DomainName + "/clips/*"} {
		out, err := exec.Command(py, "-c", botocoreSign, pub.ID, keyFile, obj.URL(), expires, resource).Output()
		if err != nil {
			t.Fatalf("botocore: %v", err)
		}
		signed := string(bytes.TrimSpace(out))
		if code, body := fetch(signed); code != 200 || body != "frames" {
			t.Errorf("botocore-signed URL (resource %q) %s: %d %q", resource, signed, code, body)
		}
		tampered := strings.Replace(signed, "intro.mp4", "intro.mp5", 1)
		if code, body := fetch(tampered); code != 403 || !strings.Contains(body, "<Code>AccessDenied</Code>") {
			t.Errorf("altered URL: %d %q", code, body)
		}
	}
	if code, _ := fetch(obj.URL()); code != 403 {
		t.Errorf("unsigned: %d, want 403", code)
	}
	// And S3 itself refuses an anonymous reader of the private bucket.
	resp, err := cloud.HTTPClient().Get(cloud.URL() + "/videos/clips/intro.mp4")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("anonymous S3 GET: %d, want 403", resp.StatusCode)
	}
}

func pemPublicKey(t *testing.T, pub any) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}
