package cloudfronttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// testKeyPEM returns a fresh ECDSA P-256 public key in PEM.
func testKeyPEM(t testing.TB) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// privateSeed is one of each private-content resource and its ETag.
type privateSeed struct {
	oai, oaiETag, oac, oacETag, key, keyETag, group, groupETag string
}

// seedPrivate makes an OAI, an OAC, a public key and a key group.
func seedPrivate(t testing.TB, api *cloudfront.Client, keyPEM string) (privateSeed, error) {
	ctx := t.Context()
	var s privateSeed
	o, err := api.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("seed-oai"), Comment: aws.String("seed")}})
	if err != nil {
		return s, err
	}
	s.oai, s.oaiETag = *o.CloudFrontOriginAccessIdentity.Id, *o.ETag
	c, err := api.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: &types.OriginAccessControlConfig{
		Name: aws.String("seed-oac"), SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4,
		SigningBehavior: types.OriginAccessControlSigningBehaviorsAlways, OriginAccessControlOriginType: types.OriginAccessControlOriginTypesS3}})
	if err != nil {
		return s, err
	}
	s.oac, s.oacETag = *c.OriginAccessControl.Id, *c.ETag
	k, err := api.CreatePublicKey(ctx, &cloudfront.CreatePublicKeyInput{PublicKeyConfig: &types.PublicKeyConfig{
		CallerReference: aws.String("seed-key"), Name: aws.String("seed-key"), EncodedKey: aws.String(keyPEM)}})
	if err != nil {
		return s, err
	}
	s.key, s.keyETag = *k.PublicKey.Id, *k.ETag
	g, err := api.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{
		Name: aws.String("seed-group"), Items: []string{s.key}}})
	if err != nil {
		return s, err
	}
	s.group, s.groupETag = *g.KeyGroup.Id, *g.ETag
	return s, nil
}

// values points op at the seeded resource of its kind.
func (s privateSeed) values(op string, v awsmodel.Values) {
	switch {
	case strings.Contains(op, "OriginAccessIdentit"):
		v["*.Id"], v["*.IfMatch"] = s.oai, s.oaiETag
	case strings.Contains(op, "OriginAccessControl"):
		v["*.Id"], v["*.IfMatch"] = s.oac, s.oacETag
	case strings.Contains(op, "PublicKey"):
		v["*.Id"], v["*.IfMatch"] = s.key, s.keyETag
	case strings.Contains(op, "KeyGroup") && !strings.Contains(op, "Distributions"):
		v["*.Id"], v["*.IfMatch"] = s.group, s.groupETag
		if op == "CreateKeyGroup" || op == "UpdateKeyGroup" {
			v[op+".KeyGroupConfig.Items.1"] = s.key
		}
	}
}
