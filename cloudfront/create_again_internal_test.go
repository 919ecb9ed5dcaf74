//lint:file-ignore SA1019 CloudFront's legacy cache settings (ForwardedValues) are deprecated in the API model but still served, and goboto sends them for legacy behaviours.

package cloudfront

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"
)

// The ID in DistributionAlreadyExists' message, worded as AWS words it
// ("... associated with another distribution. Already exists:
// E2O6U8DECVP5UD", awslabs/aws-saas-boost#153).
func TestHeldBy(t *testing.T) {
	for msg, want := range map[string]string{
		"The caller reference that you are using to create a distribution is associated with another distribution. Already exists: E2O6U8DECVP5UD": "E2O6U8DECVP5UD",
		"... Already exists: E1SXXXXXXXXXX (Service: CloudFront, Status Code: 409)":                                                                "E1SXXXXXXXXXX",
		"The caller reference is associated with another distribution.":                                                                            "",
		"Already exists: ": "",
		"":                 "",
	} {
		if diff := cmp.Diff(want, heldBy(msg)); diff != "" {
			t.Errorf("heldBy(%q) (-want +got):\n%s", msg, diff)
		}
	}
}

// sameConfig compares a configuration as CloudFront answers it with one
// as goboto sends it: CloudFront's defaults and orderings do not make a
// difference, every modelled setting does.
func TestSameConfig(t *testing.T) {
	base := func() DistributionConfig {
		return DistributionConfig{
			CallerReference: "r", Comment: "c", Enabled: true, Aliases: []string{"b.example.com", "a.example.com"},
			Origins: []Origin{{ID: "app", DomainName: "app.example.com", Custom: &CustomOrigin{Protocol: OriginHTTPSOnly}}},
			DefaultBehavior: Behavior{TargetOriginID: "app", AllowedMethods: []string{"GET", "HEAD", "OPTIONS"}, CachedMethods: []string{"GET", "HEAD"},
				Forward: Forward{Headers: []string{"Host", "Accept"}}, TrustedKeyGroups: []string{"k2", "k1"}},
			Certificate: &Certificate{ACMCertificateARN: "arn:aws:acm:us-east-1:123456789012:certificate/x"},
		}
	}
	// answered is cfg as CloudFront would answer it: sets in another
	// order, the timeouts and protocol version filled in, and members
	// goboto does not model.
	answered := func(cfg DistributionConfig) *types.DistributionConfig {
		raw := cfg.v2()
		slices.Reverse(raw.Aliases.Items)
		slices.Reverse(raw.DefaultCacheBehavior.AllowedMethods.Items)
		slices.Reverse(raw.DefaultCacheBehavior.ForwardedValues.Headers.Items)
		slices.Reverse(raw.DefaultCacheBehavior.TrustedKeyGroups.Items)
		for i := range raw.Origins.Items {
			if co := raw.Origins.Items[i].CustomOriginConfig; co != nil {
				co.OriginReadTimeout, co.OriginKeepaliveTimeout = aws.Int32(30), aws.Int32(5)
			}
		}
		raw.ViewerCertificate.MinimumProtocolVersion = types.MinimumProtocolVersionTLSv1
		raw.HttpVersion, raw.IsIPV6Enabled = types.HttpVersionHttp2, aws.Bool(true)
		return raw
	}
	tests := []struct {
		name string
		edit func(*DistributionConfig)
		same bool
	}{
		{"as sent", func(*DistributionConfig) {}, true},
		{"defaults spelt out", func(c *DistributionConfig) {
			c.Origins[0].Custom.ReadTimeout, c.Origins[0].Custom.HTTPPort = 30*time.Second, 80
			c.PriceClass, c.DefaultBehavior.ViewerProtocol = PriceClassAll, AllowAll
		}, true},
		{"another comment", func(c *DistributionConfig) { c.Comment = "other" }, false},
		{"another alias", func(c *DistributionConfig) { c.Aliases[0] = "c.example.com" }, false},
		{"another read timeout", func(c *DistributionConfig) { c.Origins[0].Custom.ReadTimeout = time.Minute }, false},
		{"another protocol version", func(c *DistributionConfig) { c.Certificate.MinimumProtocolVersion = "TLSv1.2_2021" }, false},
		{"another method", func(c *DistributionConfig) { c.DefaultBehavior.AllowedMethods[2] = "POST" }, false},
		{"a key group fewer", func(c *DistributionConfig) {
			c.DefaultBehavior.TrustedKeyGroups = c.DefaultBehavior.TrustedKeyGroups[:1]
		}, false},
		{"a behaviour more", func(c *DistributionConfig) {
			c.Behaviors = []Behavior{{PathPattern: "/a/*", TargetOriginID: "app"}}
		}, false},
		{"logging", func(c *DistributionConfig) { c.Logging = &Logging{Bucket: "logs.s3.amazonaws.com"} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := base()
			tt.edit(&want)
			if got := sameConfig(&want, answered(base())); got != tt.same {
				t.Errorf("sameConfig = %v; want %v", got, tt.same)
			}
		})
	}
}
