//go:build !linux

package s3test

import (
	"errors"
	"os"
)

// preallocate is not done off Linux; writes allocate as they go.
func preallocate(*os.File, int64) error { return errors.ErrUnsupported }
