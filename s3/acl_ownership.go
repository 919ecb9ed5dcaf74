package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ObjectOwnership is a bucket's Object Ownership setting.
type ObjectOwnership string

// The Object Ownership settings. BucketOwnerEnforced, the default for new
// buckets, disables ACLs.
const (
	BucketOwnerEnforced  ObjectOwnership = "BucketOwnerEnforced"
	BucketOwnerPreferred ObjectOwnership = "BucketOwnerPreferred"
	ObjectWriter         ObjectOwnership = "ObjectWriter"
)

// ObjectOwnership returns the bucket's Object Ownership
// (GetBucketOwnershipControls). A bucket without ownership controls
// answers OwnershipControlsNotFoundError.
func (b *Bucket) ObjectOwnership(ctx context.Context) (ObjectOwnership, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	out, err := b.client().GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return "", core.Error(err)
	}
	if out.OwnershipControls == nil || len(out.OwnershipControls.Rules) == 0 {
		return "", nil
	}
	return ObjectOwnership(out.OwnershipControls.Rules[0].ObjectOwnership), nil
}

// SetObjectOwnership sets the bucket's Object Ownership
// (PutBucketOwnershipControls). ObjectWriter or BucketOwnerPreferred
// enable ACLs.
func (b *Bucket) SetObjectOwnership(ctx context.Context, o ObjectOwnership) error {
	if err := b.check(); err != nil {
		return err
	}
	switch o {
	case BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter:
	default:
		return goboto.Invalid("ObjectOwnership", string(o), "BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter")
	}
	_, err := b.client().PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(b.Name),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{
			{ObjectOwnership: types.ObjectOwnership(o)},
		}},
	})
	return core.Error(err)
}

// DeleteOwnershipControls removes the bucket's ownership controls
// (DeleteBucketOwnershipControls).
func (b *Bucket) DeleteOwnershipControls(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}

// PublicAccessBlock is a bucket's Block Public Access configuration.
type PublicAccessBlock struct {
	BlockPublicACLs       bool
	IgnorePublicACLs      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// PublicAccessBlock returns the bucket's Block Public Access configuration
// (GetPublicAccessBlock). A bucket without one answers
// NoSuchPublicAccessBlockConfiguration.
func (b *Bucket) PublicAccessBlock(ctx context.Context) (*PublicAccessBlock, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	out, err := b.client().GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return nil, core.Error(err)
	}
	c := out.PublicAccessBlockConfiguration
	if c == nil {
		return &PublicAccessBlock{}, nil
	}
	return &PublicAccessBlock{
		BlockPublicACLs:       aws.ToBool(c.BlockPublicAcls),
		IgnorePublicACLs:      aws.ToBool(c.IgnorePublicAcls),
		BlockPublicPolicy:     aws.ToBool(c.BlockPublicPolicy),
		RestrictPublicBuckets: aws.ToBool(c.RestrictPublicBuckets),
	}, nil
}

// SetPublicAccessBlock sets the bucket's Block Public Access configuration
// (PutPublicAccessBlock).
func (b *Bucket) SetPublicAccessBlock(ctx context.Context, p PublicAccessBlock) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(b.Name),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
			BlockPublicAcls:       aws.Bool(p.BlockPublicACLs),
			IgnorePublicAcls:      aws.Bool(p.IgnorePublicACLs),
			BlockPublicPolicy:     aws.Bool(p.BlockPublicPolicy),
			RestrictPublicBuckets: aws.Bool(p.RestrictPublicBuckets),
		},
	})
	return core.Error(err)
}

// DeletePublicAccessBlock removes the bucket's Block Public Access
// configuration (DeletePublicAccessBlock).
func (b *Bucket) DeletePublicAccessBlock(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}
