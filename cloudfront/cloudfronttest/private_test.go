package cloudfronttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil"
)

// An OAI has a 64-hex S3 canonical user (CloudFront API Reference,
// CloudFrontOriginAccessIdentity: "The Amazon S3 canonical user ID for
// the origin access identity"), which the backend resolves back; it
// cannot be deleted while an origin names it
// (CloudFrontOriginAccessIdentityInUse), nor without the current ETag.
func TestOAI(t *testing.T) {
	srv := Start(t)
	c := client(srv)
	ctx := t.Context()
	out, err := c.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("r"), Comment: aws.String("site")}})
	if err != nil {
		t.Fatal(err)
	}
	oai := out.CloudFrontOriginAccessIdentity
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(*oai.S3CanonicalUserId) {
		t.Errorf("S3CanonicalUserId = %q", *oai.S3CanonicalUserId)
	}
	if acct, id, ok := srv.CanonicalUser(*oai.S3CanonicalUserId); !ok || id != *oai.Id || acct != defaultAccount {
		t.Errorf("CanonicalUser = %s, %s, %v", acct, id, ok)
	}
	cfg := s3Config("uses-oai")
	cfg.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("origin-access-identity/cloudfront/" + *oai.Id)
	mustCreate(t, c, cfg)
	if _, err := c.DeleteCloudFrontOriginAccessIdentity(ctx, &cloudfront.DeleteCloudFrontOriginAccessIdentityInput{Id: oai.Id}); testutil.ErrorCode(err) != "InvalidIfMatchVersion" {
		t.Errorf("delete without If-Match: %v; want InvalidIfMatchVersion", err)
	}
	if _, err := c.DeleteCloudFrontOriginAccessIdentity(ctx, &cloudfront.DeleteCloudFrontOriginAccessIdentityInput{Id: oai.Id, IfMatch: out.ETag}); testutil.ErrorCode(err) != "CloudFrontOriginAccessIdentityInUse" {
		t.Errorf("delete in use: %v; want CloudFrontOriginAccessIdentityInUse", err)
	}
	// The same reference and comment answer the same OAI; another
	// comment is refused.
	again, err := c.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("r"), Comment: aws.String("site")}})
	if err != nil || *again.CloudFrontOriginAccessIdentity.Id != *oai.Id {
		t.Errorf("repeat: %v, %v", again, err)
	}
	_, err = c.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("r"), Comment: aws.String("other")}})
	if testutil.ErrorCode(err) != "CloudFrontOriginAccessIdentityAlreadyExists" {
		t.Errorf("reused reference: %v; want CloudFrontOriginAccessIdentityAlreadyExists", err)
	}
}

// An origin cannot have both an OAI and an OAC
// (IllegalOriginAccessConfiguration), an OAC in use cannot be deleted
// (OriginAccessControlInUse), and OAC names are unique.
func TestOAC(t *testing.T) {
	srv := Start(t)
	c := client(srv)
	ctx := t.Context()
	oacCfg := &types.OriginAccessControlConfig{Name: aws.String("site"), SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4,
		SigningBehavior: types.OriginAccessControlSigningBehaviorsAlways, OriginAccessControlOriginType: types.OriginAccessControlOriginTypesS3}
	out, err := c.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: oacCfg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: oacCfg}); testutil.ErrorCode(err) != "OriginAccessControlAlreadyExists" {
		t.Errorf("same name: %v; want OriginAccessControlAlreadyExists", err)
	}
	cfg := s3Config("oac")
	cfg.Origins.Items[0].OriginAccessControlId = out.OriginAccessControl.Id
	mustCreate(t, c, cfg)
	if _, err := c.DeleteOriginAccessControl(ctx, &cloudfront.DeleteOriginAccessControlInput{Id: out.OriginAccessControl.Id, IfMatch: out.ETag}); testutil.ErrorCode(err) != "OriginAccessControlInUse" {
		t.Errorf("delete in use: %v; want OriginAccessControlInUse", err)
	}
	oai, err := c.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("r"), Comment: aws.String("")}})
	if err != nil {
		t.Fatal(err)
	}
	both := s3Config("both")
	both.Origins.Items[0].OriginAccessControlId = out.OriginAccessControl.Id
	both.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("origin-access-identity/cloudfront/" + *oai.CloudFrontOriginAccessIdentity.Id)
	if _, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: both}); testutil.ErrorCode(err) != "IllegalOriginAccessConfiguration" {
		t.Errorf("OAI and OAC: %v; want IllegalOriginAccessConfiguration", err)
	}
}

// Public keys: RSA 2048 and ECDSA P-256 only; only the comment may
// change (CannotChangeImmutablePublicKeyFields); a key in a key group
// cannot be deleted. Key groups: 1-5 keys (TooManyPublicKeysInKeyGroup),
// at most 4 per distribution (TooManyKeyGroupsAssociatedToDistribution),
// and a trusted one cannot be deleted (ResourceInUse).
func TestPublicKeysAndKeyGroups(t *testing.T) {
	srv := Start(t)
	c := client(srv)
	ctx := t.Context()
	newKey := func(name, pemText string) (*cloudfront.CreatePublicKeyOutput, error) {
		return c.CreatePublicKey(ctx, &cloudfront.CreatePublicKeyInput{PublicKeyConfig: &types.PublicKeyConfig{
			CallerReference: aws.String(name), Name: aws.String(name), EncodedKey: aws.String(pemText)}})
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if _, err := newKey("ec", string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))); err != nil {
		t.Errorf("ECDSA P-256 key: %v", err)
	}
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	der, _ = x509.MarshalPKIXPublicKey(&small.PublicKey)
	if _, err := newKey("small", string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))); testutil.ErrorCode(err) != "InvalidArgument" {
		t.Errorf("RSA 1024 key: %v; want InvalidArgument", err)
	}
	var keys []string
	for _, n := range []string{"k1", "k2", "k3", "k4", "k5", "k6"} {
		out, err := newKey(n, testPublicKeyPEM(t))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, *out.PublicKey.Id)
	}
	if _, err := c.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String("six"), Items: keys}}); testutil.ErrorCode(err) != "TooManyPublicKeysInKeyGroup" {
		t.Errorf("six keys: %v; want TooManyPublicKeysInKeyGroup", err)
	}
	var groups []string
	for i, n := range []string{"g1", "g2", "g3", "g4", "g5"} {
		out, err := c.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String(n), Items: keys[i : i+1]}})
		if err != nil {
			t.Fatal(err)
		}
		groups = append(groups, *out.KeyGroup.Id)
	}
	trusting := func(ids []string) *types.DistributionConfig {
		cfg := s3Config("trust-" + ids[0] + string(rune('0'+len(ids))))
		cfg.DefaultCacheBehavior.TrustedKeyGroups = &types.TrustedKeyGroups{Enabled: aws.Bool(true), Quantity: aws.Int32(int32(len(ids))), Items: ids}
		return cfg
	}
	if _, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: trusting(groups)}); testutil.ErrorCode(err) != "TooManyKeyGroupsAssociatedToDistribution" {
		t.Errorf("five key groups: %v; want TooManyKeyGroupsAssociatedToDistribution", err)
	}
	if _, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: trusting([]string{"nope"})}); testutil.ErrorCode(err) != "TrustedKeyGroupDoesNotExist" {
		t.Errorf("unknown key group: %v; want TrustedKeyGroupDoesNotExist", err)
	}
	mustCreate(t, c, trusting(groups[:1]))
	kg, err := c.GetKeyGroup(ctx, &cloudfront.GetKeyGroupInput{Id: &groups[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteKeyGroup(ctx, &cloudfront.DeleteKeyGroupInput{Id: &groups[0], IfMatch: kg.ETag}); testutil.ErrorCode(err) != "ResourceInUse" {
		t.Errorf("delete trusted key group: %v; want ResourceInUse", err)
	}
	pk, err := c.GetPublicKeyConfig(ctx, &cloudfront.GetPublicKeyConfigInput{Id: &keys[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeletePublicKey(ctx, &cloudfront.DeletePublicKeyInput{Id: &keys[0], IfMatch: pk.ETag}); testutil.ErrorCode(err) != "PublicKeyInUse" {
		t.Errorf("delete a key in a group: %v; want PublicKeyInUse", err)
	}
	changed := *pk.PublicKeyConfig
	changed.Name = aws.String("renamed")
	if _, err := c.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: &keys[0], IfMatch: pk.ETag, PublicKeyConfig: &changed}); testutil.ErrorCode(err) != "CannotChangeImmutablePublicKeyFields" {
		t.Errorf("rename a public key: %v; want CannotChangeImmutablePublicKeyFields", err)
	}
	changed = *pk.PublicKeyConfig
	changed.Comment = aws.String("rotated soon")
	up, err := c.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: &keys[0], IfMatch: pk.ETag, PublicKeyConfig: &changed})
	if err != nil || *up.ETag == *pk.ETag {
		t.Errorf("comment update: %v; want a new ETag", err)
	}
	var listed []string
	var marker *string
	for {
		page, err := c.ListKeyGroups(ctx, &cloudfront.ListKeyGroupsInput{MaxItems: aws.Int32(2), Marker: marker})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range page.KeyGroupList.Items {
			listed = append(listed, *s.KeyGroup.Id)
		}
		if marker = page.KeyGroupList.NextMarker; marker == nil {
			break
		}
	}
	if diff := cmp.Diff(groups, listed); diff != "" {
		t.Errorf("ListKeyGroups (-want +got):\n%s", diff)
	}
}
