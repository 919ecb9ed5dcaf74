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

// CORSRule is one cross-origin resource sharing rule of a bucket.
type CORSRule struct {
	ID             string
	AllowedOrigins []string
	// AllowedMethods are among GET, PUT, POST, DELETE and HEAD.
	AllowedMethods []string
	AllowedHeaders []string
	ExposeHeaders  []string
	// MaxAge is how many seconds a browser may cache a preflight answer;
	// 0 leaves it unset.
	MaxAge int
}

var corsMethods = map[string]bool{"GET": true, "PUT": true, "POST": true, "DELETE": true, "HEAD": true}

func validCORS(rules []CORSRule) error {
	if len(rules) == 0 {
		return goboto.Invalid("CORSRules", "", "at least one rule")
	}
	for i, r := range rules {
		f := "CORSRules[" + strconv.Itoa(i) + "]."
		if len(r.AllowedOrigins) == 0 {
			return goboto.Invalid(f+"AllowedOrigins", "", "at least one origin")
		}
		if len(r.AllowedMethods) == 0 {
			return goboto.Invalid(f+"AllowedMethods", "", "at least one method")
		}
		for _, m := range r.AllowedMethods {
			if !corsMethods[m] {
				return goboto.Invalid(f+"AllowedMethods", m, "one of GET, PUT, POST, DELETE, HEAD")
			}
		}
		if r.MaxAge < 0 || r.MaxAge > math.MaxInt32 {
			return goboto.Invalid(f+"MaxAge", strconv.Itoa(r.MaxAge), "not negative")
		}
		if len(r.ID) > 255 {
			return goboto.Invalid(f+"ID", r.ID, "at most 255 characters")
		}
	}
	return nil
}

// CORS returns the bucket's CORS rules (GetBucketCors). A bucket without
// them is an error for which goboto.IsNotFound is true
// (NoSuchCORSConfiguration).
func (b *Bucket) CORS(ctx context.Context) ([]CORSRule, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	out, err := b.client().GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return nil, core.Error(err)
	}
	rules := make([]CORSRule, len(out.CORSRules))
	for i, r := range out.CORSRules {
		rules[i] = CORSRule{
			ID:             aws.ToString(r.ID),
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
			MaxAge:         int(aws.ToInt32(r.MaxAgeSeconds)),
		}
	}
	return rules, nil
}

// SetCORS replaces the bucket's CORS rules (PutBucketCors).
func (b *Bucket) SetCORS(ctx context.Context, rules []CORSRule) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := validCORS(rules); err != nil {
		return err
	}
	in := make([]types.CORSRule, len(rules))
	for i, r := range rules {
		in[i] = types.CORSRule{
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
		}
		if r.ID != "" {
			in[i].ID = aws.String(r.ID)
		}
		if r.MaxAge > 0 {
			in[i].MaxAgeSeconds = aws.Int32(int32(r.MaxAge))
		}
	}
	_, err := b.client().PutBucketCors(ctx, &s3.PutBucketCorsInput{
		Bucket:            aws.String(b.Name),
		CORSConfiguration: &types.CORSConfiguration{CORSRules: in},
	})
	return core.Error(err)
}

// DeleteCORS removes the bucket's CORS rules (DeleteBucketCors).
func (b *Bucket) DeleteCORS(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}
