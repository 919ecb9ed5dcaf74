package s3test_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

func TestConfigErrors(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "conf")
	bucket := aws.String("conf")
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"policy not JSON", func() error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: bucket, Policy: aws.String("{nope")})
			return err
		}, "MalformedPolicy"},
		{"policy not an object", func() error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: bucket, Policy: aws.String(`["a"]`)})
			return err
		}, "MalformedPolicy"},
		{"no policy", func() error {
			_, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: bucket})
			return err
		}, "NoSuchBucketPolicy"},
		{"no cors", func() error {
			_, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
			return err
		}, "NoSuchCORSConfiguration"},
		{"no lifecycle", func() error {
			_, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: bucket})
			return err
		}, "NoSuchLifecycleConfiguration"},
		{"no website", func() error {
			_, err := c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: bucket})
			return err
		}, "NoSuchWebsiteConfiguration"},
		{"delete absent website", func() error {
			_, err := c.DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: bucket})
			return err
		}, ""},
		{"versioning of missing bucket", func() error {
			_, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("missing")})
			return err
		}, "NoSuchBucket"},
		{"cors of another account", func() error {
			_, err := clientFor(srv, second(), "us-east-1").GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
			return err
		}, "AccessDenied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errCode(t, tt.call()); got != tt.want {
				t.Errorf("code = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersioningNeverConfigured(t *testing.T) {
	_, c := startWithBucket(t, "plain")
	out, err := c.GetBucketVersioning(context.Background(), &s3.GetBucketVersioningInput{Bucket: aws.String("plain")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "" {
		t.Errorf("Status = %q, want empty", out.Status)
	}
	if _, err := c.PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{
		Bucket:                  aws.String("plain"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: "Sideways"},
	}); errCode(t, err) != "MalformedXML" {
		t.Errorf("PutBucketVersioning Sideways: err = %v, want MalformedXML", err)
	}
}

func TestWebsiteStoredVerbatim(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "site")
	cfg := &types.WebsiteConfiguration{
		IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
		RoutingRules: []types.RoutingRule{{
			Condition: &types.Condition{KeyPrefixEquals: aws.String("docs/")},
			Redirect:  &types.Redirect{ReplaceKeyPrefixWith: aws.String("documents/")},
		}},
	}
	if _, err := c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String("site"), WebsiteConfiguration: cfg}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String("site")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{aws.ToString(out.IndexDocument.Suffix)}
	for _, r := range out.RoutingRules {
		got = append(got, aws.ToString(r.Condition.KeyPrefixEquals), aws.ToString(r.Redirect.ReplaceKeyPrefixWith))
	}
	if diff := cmp.Diff([]string{"index.html", "docs/", "documents/"}, got); diff != "" {
		t.Errorf("website (-want +got):\n%s", diff)
	}
}
