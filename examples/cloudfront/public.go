package main

import (
	"context"
	"errors"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/s3"
)

// public is boto's first step: a distribution for public content on an
// S3 bucket, an object added and fetched by its URL.
func (k *walk) public(ctx context.Context) error {
	name := k.unique("goboto-cf-public")
	k.call("bucket, err := s3.New(cfg).CreateBucket(ctx, %q)", k.label(name))
	bucket, err := k.createBucket(ctx, name)
	if err != nil {
		return err
	}
	k.call("d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Comment: \"My Distribution\", Enabled: true,\n" +
		"        Origins:         []cloudfront.Origin{{ID: \"origin\", DomainName: bucket.Name + \".s3.amazonaws.com\", S3: &cloudfront.S3Origin{}}},\n" +
		"        DefaultBehavior: cloudfront.Behavior{TargetOriginID: \"origin\", ViewerProtocol: cloudfront.RedirectToHTTPS, CachePolicyID: cachingOptimized}})")
	d, err := k.createDistribution(ctx, "d", cloudfront.DistributionConfig{Comment: "My Distribution", Enabled: true,
		Origins: []cloudfront.Origin{{ID: "origin", DomainName: name + ".s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "origin", ViewerProtocol: cloudfront.RedirectToHTTPS,
			CachePolicyID: cachingOptimized}})
	if err != nil {
		return err
	}

	k.call(`obj, err := d.AddObject(ctx, "mycoolimage.jpg", f, cloudfront.WithPutOptions(s3.ContentType("image/jpeg")))`)
	obj, err := d.AddObject(ctx, "mycoolimage.jpg", strings.NewReader("not really a JPEG"),
		cloudfront.WithPutOptions(s3.ContentType("image/jpeg")))
	if err != nil {
		return err
	}
	k.result("obj.Access: %s", obj.Access)
	if obj.Access == cloudfront.NoAccess {
		k.result("the object is stored, but a new bucket blocks public access (S3's default since April 2023)")
		k.call("bucket.DeletePublicAccessBlock(ctx)   // this bucket is meant to be public")
		if err := bucket.DeletePublicAccessBlock(ctx); err != nil {
			return err
		}
		k.call("obj.SetPermissions(ctx)")
		if _, err := obj.SetPermissions(ctx); err != nil {
			var ae *goboto.APIError
			if errors.As(err, &ae) && ae.Code == "AccessDenied" {
				k.result("refused: your account's Block Public Access forbids public bucket policies")
			}
			return err
		}
		k.result("obj.Access: %s (ACLs are disabled on new buckets, so the bucket policy grants it)", obj.Access)
	}

	k.call("obj.URL()")
	k.result("%s", obj.URL())
	for range 2 {
		k.call("GET %s", obj.URL())
		a, err := k.view(ctx, obj.URL())
		if err != nil {
			return err
		}
		k.result("%s", a)
	}
	k.call("for obj, err := range d.Objects(ctx)   // boto's get_objects: the origin bucket's keys")
	for o, err := range d.Objects(ctx) {
		if err != nil {
			return err
		}
		k.result("%s", o.URL())
	}
	return nil
}
