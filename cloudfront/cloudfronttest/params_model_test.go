package cloudfronttest

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestEveryOptionalMember sends each served creation once per optional
// member of its model input, set to a placeholder: the fake either keeps
// the member (the answer, which echoes the configuration, holds it), or
// refuses the request with an error the model declares for the
// operation, changing nothing; a member the fake does not act on is
// refused as InvalidArgument naming it, never dropped.
func TestEveryOptionalMember(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "cloudfront")
	pemKey := testPublicKeyPEM(t)
	const managed = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	ops := []string{"CreateDistribution", "CreateInvalidation", "CreateStreamingDistribution", "CreateCloudFrontOriginAccessIdentity",
		"CreateOriginAccessControl", "CreatePublicKey", "CreateKeyGroup"}
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv := Start(t, WithLegacyStreaming())
		api := client(srv)
		dist, _ := mustCreate(t, api, s3Config("seed"))
		c := awsmodel.NewCase(t, m, srv, "us-east-1", srv.digest)
		c.Implemented = served
		v := awsmodel.Values{
			"*.DistributionId": dist,
			"CreateDistribution.DistributionConfig.DefaultCacheBehavior.CachePolicyId":                  managed,
			"CreateDistribution.DistributionConfig.Origins.Items.1.S3OriginConfig.OriginAccessIdentity": "",
			"CreateInvalidation.InvalidationBatch.Paths.Items.1":                                        "/x",
			"CreateStreamingDistribution.StreamingDistributionConfig.TrustedSigners.Quantity":           "0",
			"CreateStreamingDistribution.StreamingDistributionConfig.S3Origin.DomainName":               "media.s3.amazonaws.com",
			"CreateStreamingDistribution.StreamingDistributionConfig.S3Origin.OriginAccessIdentity":     "",
			"CreatePublicKey.PublicKeyConfig.EncodedKey":                                                pemKey,
		}
		if op == "CreateKeyGroup" {
			k, err := api.CreatePublicKey(t.Context(), publicKeyInput("seed", pemKey))
			if err != nil {
				t.Fatal(err)
			}
			v["CreateKeyGroup.KeyGroupConfig.Items.1"] = *k.PublicKey.Id
		}
		return c, v
	}
	refused, kept := 0, 0
	awsmodel.EachOptionalMember(t, m, ops, start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		declared := slices.Concat(m.ErrorCodes(op), awsmodel.CommonErrorCodes, cfOperationErrors[op])
		switch {
		case r.Code != "" && !slices.Contains(declared, r.Code):
			t.Errorf("%s=%q: %s is not declared for %s: %s", mem.Path, mem.Value, r.Code, op, r.Body)
		case r.Code != "" && r.Changed():
			t.Errorf("%s=%q: answered %s but changed the state", mem.Path, mem.Value, r.Code)
		case r.Code == "InvalidArgument" && strings.Contains(string(r.Body), "does not implement"):
			refused++
		case r.Code == "":
			kept++
			if leaf := leafName(mem.Path); !strings.Contains(string(r.Body), "<"+leaf+">") {
				t.Errorf("%s=%q: accepted, but the answer does not hold %s: %s", mem.Path, mem.Value, leaf, r.Body)
			}
		}
	})
	t.Logf("%d members kept, %d refused", kept, refused)
	if refused == 0 || kept == 0 {
		t.Errorf("%d members kept, %d refused as not implemented; want some of each", kept, refused)
	}
}

// leafName is the last element name of a member path ("Items" for
// "Aliases.Items.1").
func leafName(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return parts[i]
		}
	}
	return path
}
