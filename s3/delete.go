package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/internal/core"
)

// DeleteKeys deletes keys from the bucket (DeleteObjects), in calls of at
// most 1000 keys, S3's limit, sent one after another. It asks for quiet
// answers, so S3 lists only the keys it failed to delete. If any key was
// not deleted, DeleteKeys goes on with the remaining calls and returns a
// *DeleteError naming every key that failed, with S3's per-key code or,
// for a call that failed as a whole, that call's error; keys it does not
// name were deleted. A cancelled context stops it, and the keys of calls
// not sent are reported as failed with the context's error.
func (b *Bucket) DeleteKeys(ctx context.Context, keys []string) error {
	if err := b.check(); err != nil {
		return err
	}
	for _, k := range keys {
		if err := validKeyName("Key", k); err != nil {
			return err
		}
	}
	de := &DeleteError{Bucket: b.Name}
	for start := 0; start < len(keys); start += maxDeleteKeys {
		chunk := keys[start:min(start+maxDeleteKeys, len(keys))]
		if err := ctx.Err(); err != nil {
			de.fail(chunk, err)
			continue
		}
		out, err := b.client().DeleteObjects(ctx, deleteInput(b.Name, chunk))
		if err != nil {
			de.fail(chunk, core.Error(err))
			continue
		}
		for _, e := range out.Errors {
			de.Failed = append(de.Failed, KeyError{
				Key: aws.ToString(e.Key), Code: aws.ToString(e.Code), Message: aws.ToString(e.Message),
			})
		}
	}
	if len(de.Failed) > 0 {
		return de
	}
	return nil
}

// fail records every key of a chunk whose call failed with err.
func (e *DeleteError) fail(chunk []string, err error) {
	e.calls = append(e.calls, err)
	for _, k := range chunk {
		e.Failed = append(e.Failed, KeyError{Key: k, Err: err})
	}
}

func deleteInput(bucket string, keys []string) *s3.DeleteObjectsInput {
	objs := make([]types.ObjectIdentifier, len(keys))
	for i, k := range keys {
		objs[i] = types.ObjectIdentifier{Key: aws.String(k)}
	}
	return &s3.DeleteObjectsInput{
		Bucket: aws.String(bucket),
		Delete: &types.Delete{Objects: objs, Quiet: aws.Bool(true)},
	}
}
