package s3

import (
	"context"
	"math"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// LifecycleRule is one rule of a bucket's lifecycle configuration. A day
// count of 0 leaves that action out; a rule needs at least one action.
type LifecycleRule struct {
	// ID names the rule, at most 255 characters; S3 makes one up when
	// it is empty.
	ID string
	// Prefix limits the rule to keys starting with it; "" is every key.
	Prefix  string
	Enabled bool
	// ExpirationDays expires current versions this many days after
	// creation.
	ExpirationDays int
	// NoncurrentExpirationDays deletes noncurrent versions this many days
	// after they became noncurrent.
	NoncurrentExpirationDays int
	// AbortIncompleteMultipartDays aborts multipart uploads still
	// incomplete this many days after they began.
	AbortIncompleteMultipartDays int
}

func validDays(field string, days int) error {
	if days < 0 || days > math.MaxInt32 {
		return goboto.Invalid(field, strconv.Itoa(days), "greater than 0")
	}
	return nil
}

func validLifecycle(rules []LifecycleRule) error {
	if len(rules) == 0 {
		return goboto.Invalid("Rules", "", "at least one rule")
	}
	for i, r := range rules {
		f := "Rules[" + strconv.Itoa(i) + "]."
		if len(r.ID) > 255 {
			return goboto.Invalid(f+"ID", r.ID, "at most 255 characters")
		}
		for _, d := range []struct {
			name string
			days int
		}{
			{"ExpirationDays", r.ExpirationDays},
			{"NoncurrentExpirationDays", r.NoncurrentExpirationDays},
			{"AbortIncompleteMultipartDays", r.AbortIncompleteMultipartDays},
		} {
			if err := validDays(f+d.name, d.days); err != nil {
				return err
			}
		}
		if r.ExpirationDays == 0 && r.NoncurrentExpirationDays == 0 && r.AbortIncompleteMultipartDays == 0 {
			return goboto.Invalid(f+"ExpirationDays", "0", "at least one action with days greater than 0")
		}
	}
	return nil
}

func days(n int) *int32 {
	if n == 0 {
		return nil
	}
	return aws.Int32(int32(n))
}

// Lifecycle returns the bucket's lifecycle rules
// (GetBucketLifecycleConfiguration). A bucket without them is an error for
// which goboto.IsNotFound is true (NoSuchLifecycleConfiguration).
func (b *Bucket) Lifecycle(ctx context.Context) ([]LifecycleRule, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	out, err := b.client().GetBucketLifecycleConfiguration(ctx,
		&s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return nil, core.Error(err)
	}
	rules := make([]LifecycleRule, len(out.Rules))
	for i, r := range out.Rules {
		lr := LifecycleRule{ID: aws.ToString(r.ID), Enabled: r.Status == types.ExpirationStatusEnabled}
		//lint:ignore SA1019 rules written before Filter existed carry only the deprecated Prefix
		lr.Prefix = aws.ToString(r.Prefix)
		if r.Filter != nil && r.Filter.Prefix != nil {
			lr.Prefix = *r.Filter.Prefix
		}
		if r.Expiration != nil {
			lr.ExpirationDays = int(aws.ToInt32(r.Expiration.Days))
		}
		if r.NoncurrentVersionExpiration != nil {
			lr.NoncurrentExpirationDays = int(aws.ToInt32(r.NoncurrentVersionExpiration.NoncurrentDays))
		}
		if r.AbortIncompleteMultipartUpload != nil {
			lr.AbortIncompleteMultipartDays = int(aws.ToInt32(r.AbortIncompleteMultipartUpload.DaysAfterInitiation))
		}
		rules[i] = lr
	}
	return rules, nil
}

// SetLifecycle replaces the bucket's lifecycle rules
// (PutBucketLifecycleConfiguration).
func (b *Bucket) SetLifecycle(ctx context.Context, rules []LifecycleRule) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := validLifecycle(rules); err != nil {
		return err
	}
	in := make([]types.LifecycleRule, len(rules))
	for i, r := range rules {
		lr := types.LifecycleRule{
			Status: types.ExpirationStatusDisabled,
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String(r.Prefix)},
		}
		if r.Enabled {
			lr.Status = types.ExpirationStatusEnabled
		}
		if r.ID != "" {
			lr.ID = aws.String(r.ID)
		}
		if r.ExpirationDays > 0 {
			lr.Expiration = &types.LifecycleExpiration{Days: days(r.ExpirationDays)}
		}
		if r.NoncurrentExpirationDays > 0 {
			lr.NoncurrentVersionExpiration = &types.NoncurrentVersionExpiration{NoncurrentDays: days(r.NoncurrentExpirationDays)}
		}
		if r.AbortIncompleteMultipartDays > 0 {
			lr.AbortIncompleteMultipartUpload = &types.AbortIncompleteMultipartUpload{
				DaysAfterInitiation: days(r.AbortIncompleteMultipartDays)}
		}
		in[i] = lr
	}
	_, err := b.client().PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{
		Bucket:                 aws.String(b.Name),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: in},
	})
	return core.Error(err)
}

// DeleteLifecycle removes the bucket's lifecycle rules
// (DeleteBucketLifecycle).
func (b *Bucket) DeleteLifecycle(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}
