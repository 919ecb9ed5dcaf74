package s3

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// VersioningStatus is a bucket's versioning state.
type VersioningStatus string

// The versioning states. A bucket never versioned has none ("").
const (
	VersioningEnabled   VersioningStatus = "Enabled"
	VersioningSuspended VersioningStatus = "Suspended"
)

// Versioning returns the bucket's versioning status (GetBucketVersioning):
// "" for a bucket never versioned, VersioningEnabled or
// VersioningSuspended.
func (b *Bucket) Versioning(ctx context.Context) (VersioningStatus, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	out, err := b.client().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return "", core.Error(err)
	}
	return VersioningStatus(out.Status), nil
}

// SetVersioning turns versioning on (VersioningEnabled) or suspends it
// (VersioningSuspended) (PutBucketVersioning). A versioned bucket can
// never go back to unversioned.
func (b *Bucket) SetVersioning(ctx context.Context, status VersioningStatus) error {
	if err := b.check(); err != nil {
		return err
	}
	if status != VersioningEnabled && status != VersioningSuspended {
		return goboto.Invalid("VersioningStatus", string(status), "must be VersioningEnabled or VersioningSuspended")
	}
	_, err := b.client().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(b.Name),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatus(status)},
	})
	return core.Error(err)
}

// Policy returns the bucket policy as JSON (GetBucketPolicy). A bucket
// without one is an error for which goboto.IsNotFound is true
// (NoSuchBucketPolicy).
func (b *Bucket) Policy(ctx context.Context) (string, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	out, err := b.client().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return "", core.Error(err)
	}
	return aws.ToString(out.Policy), nil
}

// SetPolicy replaces the bucket policy with policy (PutBucketPolicy),
// which must be a JSON object.
func (b *Bucket) SetPolicy(ctx context.Context, policy string) error {
	if err := b.check(); err != nil {
		return err
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(policy), &obj); err != nil {
		return goboto.Invalid("Policy", policy, "must be a JSON object")
	}
	_, err := b.client().PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{
		Bucket: aws.String(b.Name),
		Policy: aws.String(policy),
	})
	return core.Error(err)
}

// DeletePolicy removes the bucket policy (DeleteBucketPolicy).
func (b *Bucket) DeletePolicy(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}
