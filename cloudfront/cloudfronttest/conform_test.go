package cloudfronttest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// cfOperationErrors are codes CloudFront documents for an operation
// outside the model's error list: the model's own text for
// InvalidationBatch.CallerReference ("If CallerReference is a value you
// already sent in a previous invalidation batch request but the content
// of any Path is different from the original request, CloudFront
// returns an InvalidationBatchAlreadyExists error").
var cfOperationErrors = map[string][]string{
	"CreateInvalidation": {"InvalidationBatchAlreadyExists"},
}

// cfExtraCodes are the model's error shapes that answer any operation:
// UnsupportedOperation ("This operation is not supported in this Amazon
// Web Services Region"), which the fake answers for the operations it
// does not serve.
var cfExtraCodes = []string{"UnsupportedOperation"}

// cfWrites are the served operations that change the state when they
// succeed.
var cfWrites = []string{"CreateCloudFrontOriginAccessIdentity", "UpdateCloudFrontOriginAccessIdentity", "DeleteCloudFrontOriginAccessIdentity",
	"CreateOriginAccessControl", "UpdateOriginAccessControl", "DeleteOriginAccessControl", "CreatePublicKey", "UpdatePublicKey",
	"DeletePublicKey", "CreateKeyGroup", "UpdateKeyGroup", "DeleteKeyGroup",
	"CreateDistribution", "CreateDistributionWithTags", "UpdateDistribution", "DeleteDistribution",
	"CreateInvalidation", "CreateStreamingDistribution", "CreateStreamingDistributionWithTags", "UpdateStreamingDistribution",
	"DeleteStreamingDistribution", "TagResource", "UntagResource"}

// TestConformModel sends every operation of CloudFront's API model,
// pointed at a seeded distribution, streaming distribution and
// invalidation: each served operation answers 2xx or one of its own
// model errors (a write changing the state, a read not), and every other
// operation answers UnsupportedOperation with the state unchanged.
func TestConformModel(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "cloudfront")
	srv := Start(t, WithLegacyStreaming())
	c := awsmodel.NewCase(t, m, srv, "us-east-1", srv.digest)
	c.Implemented = served
	c.NotImplementedCodes = cfExtraCodes
	c.ExtraErrorCodes = cfExtraCodes
	c.OperationErrors = cfOperationErrors
	const managed = "658327ea-f89d-4fab-a63d-7e88639e58f6" // Managed-CachingOptimized
	c.Overrides = awsmodel.Values{
		"CreateInvalidation.InvalidationBatch.Paths.Items.1": "/x",
		"TagResource.Tags.Items.1.Key":                       "env",
		"UntagResource.TagKeys.Items.1":                      "team",
	}
	for _, p := range []string{"CreateDistribution.DistributionConfig", "CreateDistributionWithTags.DistributionConfigWithTags.DistributionConfig",
		"UpdateDistribution.DistributionConfig"} {
		c.Overrides[p+".DefaultCacheBehavior.CachePolicyId"] = managed
		c.Overrides[p+".Origins.Items.1.S3OriginConfig.OriginAccessIdentity"] = ""
	}
	for _, p := range []string{"CreateStreamingDistribution.StreamingDistributionConfig",
		"CreateStreamingDistributionWithTags.StreamingDistributionConfigWithTags.StreamingDistributionConfig",
		"UpdateStreamingDistribution.StreamingDistributionConfig"} {
		c.Overrides[p+".TrustedSigners.Quantity"] = "0"
		c.Overrides[p+".S3Origin.DomainName"] = "media.s3.amazonaws.com"
		c.Overrides[p+".S3Origin.OriginAccessIdentity"] = ""
	}
	c.Overrides["UpdateDistribution.DistributionConfig.CallerReference"] = "seed"
	c.Overrides["UpdateStreamingDistribution.StreamingDistributionConfig.CallerReference"] = "seed"
	pemKey := testPublicKeyPEM(t)
	c.Overrides["CreatePublicKey.PublicKeyConfig.EncodedKey"] = pemKey
	c.Overrides["UpdatePublicKey.PublicKeyConfig.EncodedKey"] = pemKey
	c.Overrides["UpdatePublicKey.PublicKeyConfig.CallerReference"] = "seed"
	c.Overrides["UpdatePublicKey.PublicKeyConfig.Name"] = "seed"
	c.Overrides["UpdateCloudFrontOriginAccessIdentity.CloudFrontOriginAccessIdentityConfig.CallerReference"] = "seed"
	var seed struct {
		dist, distETag, stream, streamETag, inv, distARN string
		ids, etags                                       map[string]string // by kind name
	}
	c.Prepare = func(op string) error {
		srv.Reset()
		api := client(srv)
		d, err := api.CreateDistributionWithTags(t.Context(), &cloudfront.CreateDistributionWithTagsInput{
			DistributionConfigWithTags: &types.DistributionConfigWithTags{DistributionConfig: s3Config("seed"),
				Tags: &types.Tags{Items: []types.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}}}})
		if err != nil {
			return err
		}
		seed.dist, seed.distETag, seed.distARN = *d.Distribution.Id, *d.ETag, *d.Distribution.ARN
		s, err := api.CreateStreamingDistribution(t.Context(), &cloudfront.CreateStreamingDistributionInput{StreamingDistributionConfig: streamingConfig("seed")})
		if err != nil {
			return err
		}
		seed.stream, seed.streamETag = *s.StreamingDistribution.Id, *s.ETag
		inv, err := api.CreateInvalidation(t.Context(), invalidationInput(seed.dist, "seed", "/a"))
		if err != nil {
			return err
		}
		seed.inv = *inv.Invalidation.Id
		seed.ids, seed.etags = map[string]string{}, map[string]string{}
		oai, err := api.CreateCloudFrontOriginAccessIdentity(t.Context(), &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
			CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{CallerReference: aws.String("seed"), Comment: aws.String("seed")}})
		if err != nil {
			return err
		}
		seed.ids["CloudFrontOriginAccessIdentit"], seed.etags["CloudFrontOriginAccessIdentit"] = *oai.CloudFrontOriginAccessIdentity.Id, *oai.ETag
		oac, err := api.CreateOriginAccessControl(t.Context(), &cloudfront.CreateOriginAccessControlInput{
			OriginAccessControlConfig: &types.OriginAccessControlConfig{Name: aws.String("seed"), SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4,
				SigningBehavior: types.OriginAccessControlSigningBehaviorsAlways, OriginAccessControlOriginType: types.OriginAccessControlOriginTypesS3}})
		if err != nil {
			return err
		}
		seed.ids["OriginAccessControl"], seed.etags["OriginAccessControl"] = *oac.OriginAccessControl.Id, *oac.ETag
		pk, err := api.CreatePublicKey(t.Context(), &cloudfront.CreatePublicKeyInput{PublicKeyConfig: &types.PublicKeyConfig{
			CallerReference: aws.String("seed"), Name: aws.String("seed"), EncodedKey: aws.String(pemKey)}})
		if err != nil {
			return err
		}
		seed.ids["PublicKey"], seed.etags["PublicKey"] = *pk.PublicKey.Id, *pk.ETag
		kg, err := api.CreateKeyGroup(t.Context(), &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{
			Name: aws.String("seed"), Items: []string{*pk.PublicKey.Id}}})
		if err != nil {
			return err
		}
		seed.ids["KeyGroup"], seed.etags["KeyGroup"] = *kg.KeyGroup.Id, *kg.ETag
		return nil
	}
	c.Seed = func(op string) (awsmodel.Values, error) {
		v := awsmodel.Values{
			"*.Id":             seed.dist,
			"*.DistributionId": seed.dist,
			"*.Resource":       seed.distARN,
			"*.IfMatch":        seed.distETag,
		}
		if strings.Contains(op, "Streaming") {
			v["*.Id"], v["*.IfMatch"] = seed.stream, seed.streamETag
		}
		for k, id := range seed.ids {
			if strings.Contains(op, k) {
				v["*.Id"], v["*.IfMatch"] = id, seed.etags[k]
			}
		}
		if op == "GetInvalidation" {
			// A seeded "*.Id" beats "GetInvalidation.Id" (awsmodel), so
			// the wildcard itself names the invalidation.
			v["*.Id"] = seed.inv
		}
		if op == "CreateKeyGroup" || op == "UpdateKeyGroup" {
			v[op+".KeyGroupConfig.Items.1"] = seed.ids["PublicKey"]
		}
		return v, nil
	}
	reads := map[string]string{
		"GetDistribution": "<Distribution ", "GetDistributionConfig": "<DistributionConfig ", "ListDistributions": "<DistributionSummary>",
		"GetInvalidation": "<Invalidation ", "ListInvalidations": "<InvalidationSummary>",
		"GetStreamingDistribution": "<StreamingDistribution ", "GetStreamingDistributionConfig": "<StreamingDistributionConfig ",
		"ListStreamingDistributions": "<StreamingDistributionSummary>", "ListTagsForResource": "<Tags ",
		"GetCloudFrontOriginAccessIdentity": "<S3CanonicalUserId>", "GetCloudFrontOriginAccessIdentityConfig": "<CallerReference>seed<",
		"ListCloudFrontOriginAccessIdentities": "<CloudFrontOriginAccessIdentitySummary>",
		"GetOriginAccessControl":               "<SigningBehavior>always<", "GetOriginAccessControlConfig": "<Name>seed<",
		"ListOriginAccessControls": "<OriginAccessControlSummary>",
		"GetPublicKey":             "<EncodedKey>", "GetPublicKeyConfig": "<Name>seed<", "ListPublicKeys": "<PublicKeySummary>",
		"GetKeyGroup": "<KeyGroupConfig>", "GetKeyGroupConfig": "<Name>seed<", "ListKeyGroups": "<KeyGroupSummary>",
	}
	got := map[string]string{}
	c.Check = func(r awsmodel.Result) error {
		if !r.Implemented {
			return nil
		}
		if r.Code != "" {
			got[r.Operation] = r.Code
			return nil
		}
		if slices.Contains(cfWrites, r.Operation) {
			if !r.Changed() {
				return errors.New("succeeded but changed nothing")
			}
			return nil
		}
		if r.Changed() {
			return errors.New("a read changed the state")
		}
		if want := reads[r.Operation]; !bytes.Contains(r.Body, []byte(want)) {
			return fmt.Errorf("answer lacks %s:\n%s", want, r.Body)
		}
		return nil
	}
	awsmodel.Conform(t, c)
	// Every served operation succeeds on the seeded resources but for
	// deleting distributions that are still enabled, which CloudFront
	// refuses (DeleteDistribution: "you must first disable the
	// distribution").
	// A public key in a key group cannot be deleted (PublicKeyInUse).
	want := map[string]string{"DeleteDistribution": "DistributionNotDisabled", "DeleteStreamingDistribution": "StreamingDistributionNotDisabled",
		"DeletePublicKey": "PublicKeyInUse"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("served operations that were refused (-want +got):\n%s", diff)
	}
}
