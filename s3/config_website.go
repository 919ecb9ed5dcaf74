package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Website is a bucket's static website configuration.
type Website struct {
	// IndexDocument is the suffix served for requests naming a
	// "directory", such as index.html. It is required and has no slash.
	IndexDocument string
	// ErrorDocument is the key served on 4xx errors; "" is S3's page.
	ErrorDocument string
}

func validWebsite(w Website) error {
	if w.IndexDocument == "" {
		return goboto.Invalid("IndexDocument", "", "required")
	}
	for i := 0; i < len(w.IndexDocument); i++ {
		if w.IndexDocument[i] == '/' {
			return goboto.Invalid("IndexDocument", w.IndexDocument, "no slash")
		}
	}
	return nil
}

// Website returns the bucket's website configuration (GetBucketWebsite).
// A bucket without one is an error for which goboto.IsNotFound is true
// (NoSuchWebsiteConfiguration).
func (b *Bucket) Website(ctx context.Context) (Website, error) {
	if err := b.check(); err != nil {
		return Website{}, err
	}
	out, err := b.client().GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return Website{}, core.Error(err)
	}
	var w Website
	if out.IndexDocument != nil {
		w.IndexDocument = aws.ToString(out.IndexDocument.Suffix)
	}
	if out.ErrorDocument != nil {
		w.ErrorDocument = aws.ToString(out.ErrorDocument.Key)
	}
	return w, nil
}

// SetWebsite replaces the bucket's website configuration
// (PutBucketWebsite).
func (b *Bucket) SetWebsite(ctx context.Context, w Website) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := validWebsite(w); err != nil {
		return err
	}
	cfg := &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String(w.IndexDocument)}}
	if w.ErrorDocument != "" {
		cfg.ErrorDocument = &types.ErrorDocument{Key: aws.String(w.ErrorDocument)}
	}
	_, err := b.client().PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{
		Bucket:               aws.String(b.Name),
		WebsiteConfiguration: cfg,
	})
	return core.Error(err)
}

// DeleteWebsite removes the bucket's website configuration
// (DeleteBucketWebsite).
func (b *Bucket) DeleteWebsite(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}
