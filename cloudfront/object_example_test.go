package cloudfront_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3v2 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

// Going private on today's AWS: the bucket has ACLs disabled (the
// default since 2023), so AddObject lets the distribution's origin
// access control read the object through the bucket policy, and the
// object is fetched through the fake's local edge.
func ExampleDistribution_AddObject() {
	srv, err := cloudfronttest.New(fakes.WithTLS(true))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	conn := cloudfront.New(srv.Config(""))
	s3c := s3v2.NewFromConfig(srv.Config(""), func(o *s3v2.Options) { o.UsePathStyle = true })
	if _, err := s3c.CreateBucket(ctx, &s3v2.CreateBucketInput{Bucket: aws.String("site")}); err != nil {
		log.Fatal(err)
	}

	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "site"})
	if err != nil {
		log.Fatal(err)
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{
		Enabled: true,
		Origins: []cloudfront.Origin{{ID: "site", DomainName: "site.s3.amazonaws.com", S3: &cloudfront.S3Origin{}, OriginAccessControlID: oac.ID}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "site", ViewerProtocol: cloudfront.RedirectToHTTPS,
			CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"}, // Managed-CachingOptimized
	})
	if err != nil {
		log.Fatal(err)
	}
	obj, err := d.AddObject(ctx, "index.html", strings.NewReader("<h1>hello</h1>"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(obj.Access)

	edge := cloudfronttest.EdgeClient(srv.Server)
	for range 2 {
		resp, err := edge.Get(obj.URL())
		if err != nil {
			log.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("X-Cache"), string(body))
	}
	// Output:
	// OAC bucket policy
	// 200 Miss from cloudfront <h1>hello</h1>
	// 200 Hit from cloudfront <h1>hello</h1>
}
