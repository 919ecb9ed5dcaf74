package localcloud_test

import (
	"testing"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/fakes/localcloud"
)

// TestCloudFront checks the local cloud routes CloudFront's rest-xml
// requests (signed for the service "cloudfront") to its CloudFront
// backend rather than to S3, and exposes the state through CloudFront().
func TestCloudFront(t *testing.T) {
	cloud := localcloud.Start(t)
	conn := cloudfront.New(cloud.Config(""))
	d, err := conn.CreateDistribution(t.Context(), cloudfront.DistributionConfig{
		Enabled:         true,
		Origins:         []cloudfront.Origin{{ID: "s3", DomainName: "site.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "s3", CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := cloud.CloudFront().Distributions(cloud.Account())
	if len(got) != 1 || got[0].ID != d.ID || got[0].Status != "Deployed" {
		t.Errorf("CloudFront().Distributions = %+v; want %s, Deployed", got, d.ID)
	}
}
