package cloudfronttest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
)

// A distribution's life (CloudFront API Reference, CreateDistribution,
// UpdateDistribution, DeleteDistribution): created InProgress, Deployed
// once the deploy time has passed, every update a new ETag and
// InProgress again; deletion needs the current ETag and a disabled,
// deployed distribution.
func TestDistributionLifecycle(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv := Start(t, fakes.WithClock(clock.Now), WithDeployTime(5*time.Minute))
	c := client(srv)
	ctx := t.Context()
	created, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: s3Config("ref-1")})
	if err != nil {
		t.Fatal(err)
	}
	id, etag := *created.Distribution.Id, *created.ETag
	if got := *created.Distribution.Status; got != "InProgress" {
		t.Errorf("Status after create = %s; want InProgress", got)
	}
	if got, want := *created.Location, "https://cloudfront.amazonaws.com/2020-05-31/distribution/"+id; got != want {
		t.Errorf("Location = %s; want %s", got, want)
	}
	clock.Advance(5 * time.Minute)
	got, err := c.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: &id})
	if err != nil {
		t.Fatal(err)
	}
	if *got.Distribution.Status != "Deployed" || *got.ETag != etag {
		t.Errorf("GetDistribution: status %s etag %s; want Deployed %s", *got.Distribution.Status, *got.ETag, etag)
	}
	// Defaults CloudFront fills in.
	cfg := got.Distribution.DistributionConfig
	if cfg.PriceClass != types.PriceClassPriceClassAll || !*cfg.ViewerCertificate.CloudFrontDefaultCertificate || *cfg.Aliases.Quantity != 0 {
		t.Errorf("defaults: price class %s, default cert %v, aliases %d", cfg.PriceClass, *cfg.ViewerCertificate.CloudFrontDefaultCertificate, *cfg.Aliases.Quantity)
	}

	// Deleting while enabled is refused.
	if _, err := c.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: &id, IfMatch: &etag}); code(err) != "DistributionNotDisabled" {
		t.Fatalf("delete enabled: %v; want DistributionNotDisabled", err)
	}
	cfg.Enabled = aws.Bool(false)
	if _, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &id, DistributionConfig: cfg}); code(err) != "InvalidIfMatchVersion" {
		t.Fatalf("update without If-Match: %v; want InvalidIfMatchVersion", err)
	}
	if _, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &id, DistributionConfig: cfg, IfMatch: aws.String("ESTALE")}); code(err) != "PreconditionFailed" {
		t.Fatalf("update with a stale If-Match: %v; want PreconditionFailed", err)
	}
	up, err := c.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &id, DistributionConfig: cfg, IfMatch: &etag})
	if err != nil {
		t.Fatal(err)
	}
	if *up.ETag == etag || *up.Distribution.Status != "InProgress" {
		t.Errorf("after update: etag %s (was %s), status %s; want a new ETag, InProgress", *up.ETag, etag, *up.Distribution.Status)
	}
	// Disabled but not yet deployed: still refused.
	if _, err := c.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: &id, IfMatch: up.ETag}); code(err) != "DistributionNotDisabled" {
		t.Fatalf("delete disabled, in progress: %v; want DistributionNotDisabled", err)
	}
	clock.Advance(5 * time.Minute)
	if _, err := c.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: &id, IfMatch: &etag}); code(err) != "PreconditionFailed" {
		t.Fatalf("delete with the old ETag: %v; want PreconditionFailed", err)
	}
	if _, err := c.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: &id, IfMatch: up.ETag}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: &id}); code(err) != "NoSuchDistribution" {
		t.Fatalf("get deleted: %v; want NoSuchDistribution", err)
	}
}

// CreateDistribution's CallerReference: the same reference and
// configuration is the same distribution; another configuration is
// DistributionAlreadyExists.
func TestCallerReference(t *testing.T) {
	srv := Start(t)
	c := client(srv)
	id, _ := mustCreate(t, c, s3Config("same"))
	again, err := c.CreateDistribution(t.Context(), &cloudfront.CreateDistributionInput{DistributionConfig: s3Config("same")})
	if err != nil {
		t.Fatal(err)
	}
	if *again.Distribution.Id != id {
		t.Errorf("repeated create made %s; want %s", *again.Distribution.Id, id)
	}
	other := s3Config("same")
	other.Comment = aws.String("changed")
	if _, err := c.CreateDistribution(t.Context(), &cloudfront.CreateDistributionInput{DistributionConfig: other}); code(err) != "DistributionAlreadyExists" {
		t.Fatalf("reused reference, other config: %v; want DistributionAlreadyExists", err)
	}
}

// Configurations CloudFront refuses, each with the model's error.
func TestDistributionConfigRefused(t *testing.T) {
	tests := []struct {
		name string
		edit func(*types.DistributionConfig)
		code string
	}{
		{"unknown target", func(c *types.DistributionConfig) { c.DefaultCacheBehavior.TargetOriginId = aws.String("nope") }, "NoSuchOrigin"},
		{"TTL order", func(c *types.DistributionConfig) {
			c.DefaultCacheBehavior.MinTTL, c.DefaultCacheBehavior.DefaultTTL = aws.Int64(100), aws.Int64(10)
		}, "InvalidTTLOrder"},
		{"quantity mismatch", func(c *types.DistributionConfig) { c.Origins.Quantity = aws.Int32(2) }, "InconsistentQuantities"},
		{"too many behaviours", func(c *types.DistributionConfig) {
			for i := range maxCacheBehaviors + 1 {
				c.CacheBehaviors = appendBehavior(c.CacheBehaviors, "/p"+string(rune('a'+i%26))+string(rune('a'+i/26))+"/*")
			}
		}, "TooManyCacheBehaviors"},
		{"bad path pattern", func(c *types.DistributionConfig) { c.CacheBehaviors = appendBehavior(nil, "/a b") }, "InvalidArgument"},
		{"unknown cache policy", func(c *types.DistributionConfig) {
			c.DefaultCacheBehavior.ForwardedValues, c.DefaultCacheBehavior.MinTTL = nil, nil
			c.DefaultCacheBehavior.CachePolicyId = aws.String("nope")
		}, "NoSuchCachePolicy"},
		{"alias without certificate", func(c *types.DistributionConfig) {
			c.Aliases = &types.Aliases{Quantity: aws.Int32(1), Items: []string{"www.example.com"}}
		}, "InvalidViewerCertificate"},
		{"root object", func(c *types.DistributionConfig) { c.DefaultRootObject = aws.String("/index.html") }, "InvalidDefaultRootObject"},
		{"unknown OAI", func(c *types.DistributionConfig) {
			c.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("origin-access-identity/cloudfront/ENOPE")
		}, "InvalidOriginAccessIdentity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := Start(t)
			cfg := s3Config("r")
			tt.edit(cfg)
			before := srv.digest()
			_, err := client(srv).CreateDistribution(t.Context(), &cloudfront.CreateDistributionInput{DistributionConfig: cfg})
			if diff := cmp.Diff(tt.code, code(err)); diff != "" {
				t.Errorf("code (-want +got):\n%s\n%v", diff, err)
			}
			if srv.digest() != before {
				t.Error("a refused creation changed the state")
			}
		})
	}
}

func appendBehavior(cbs *types.CacheBehaviors, pattern string) *types.CacheBehaviors {
	if cbs == nil {
		cbs = &types.CacheBehaviors{Quantity: aws.Int32(0)}
	}
	cbs.Items = append(cbs.Items, types.CacheBehavior{PathPattern: aws.String(pattern), TargetOriginId: aws.String("s3"),
		ViewerProtocolPolicy: types.ViewerProtocolPolicyAllowAll, CachePolicyId: aws.String("4135ea2d-6df8-44a3-9df3-4b5a84be39ad")})
	cbs.Quantity = aws.Int32(int32(len(cbs.Items)))
	return cbs
}
