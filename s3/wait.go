package s3

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// BucketState is a state Bucket.Wait waits for.
type BucketState string

// The bucket states of S3's BucketExists and BucketNotExists waiters.
const (
	BucketExists    BucketState = "exists"
	BucketNotExists BucketState = "not exists"
)

// KeyState is a state Key.Wait waits for.
type KeyState string

// The object states of S3's ObjectExists and ObjectNotExists waiters.
const (
	KeyExists    KeyState = "exists"
	KeyNotExists KeyState = "not exists"
)

// waitDefaults are S3's own waiters' settings (the API model's
// waiters-2.json): a look every 5 seconds, at most 20 of them.
func waitDefaults() goboto.WaitOptions {
	return goboto.WaitOptions{Interval: 5 * time.Second, Timeout: 20 * 5 * time.Second}
}

// Wait polls the bucket (HeadBucket) until it is in state: BucketExists
// or BucketNotExists. The first look happens at once; then, unless opts
// say otherwise, one every 5 seconds for up to 100 seconds, as AWS's own
// waiters do. As in AWS's BucketExists waiter, a bucket that answers 301
// (it lives in another region) or 403 (it belongs to someone else)
// exists. Running out of time is a *goboto.WaitTimeoutError; any other
// error S3 answers ends the wait with that error.
func (b *Bucket) Wait(ctx context.Context, state BucketState, opts ...goboto.WaitOption) error {
	if err := b.check(); err != nil {
		return err
	}
	if state != BucketExists && state != BucketNotExists {
		return goboto.Invalid("State", string(state), "must be BucketExists or BucketNotExists")
	}
	return core.Wait{
		Service: "S3", Resource: "bucket", ID: b.Name, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			err := b.Refresh(ctx)
			var ae *goboto.APIError
			switch {
			case err == nil:
				return string(BucketExists), nil
			case goboto.IsNotFound(err):
				return string(BucketNotExists), nil
			case state == BucketExists && errors.As(err, &ae) &&
				(ae.StatusCode == http.StatusMovedPermanently || ae.StatusCode == http.StatusForbidden):
				return string(BucketExists), nil
			}
			return "", err
		},
	}.Run(ctx)
}

// Wait polls the object (HeadObject) until it is in state: KeyExists or
// KeyNotExists. The first look happens at once; then, unless opts say
// otherwise, one every 5 seconds for up to 100 seconds, as AWS's own
// waiters do. Running out of time is a *goboto.WaitTimeoutError; any
// other error S3 answers ends the wait with that error. An object in a
// missing bucket does not exist.
func (k *Key) Wait(ctx context.Context, state KeyState, opts ...goboto.WaitOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if state != KeyExists && state != KeyNotExists {
		return goboto.Invalid("State", string(state), "must be KeyExists or KeyNotExists")
	}
	return core.Wait{
		Service: "S3", Resource: "key", ID: k.bucket.Name + "/" + k.Name, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			ok, err := k.Exists(ctx)
			switch {
			case err != nil:
				return "", err
			case ok:
				return string(KeyExists), nil
			}
			return string(KeyNotExists), nil
		},
	}.Run(ctx)
}
