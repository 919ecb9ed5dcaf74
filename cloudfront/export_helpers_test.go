package cloudfront_test

import (
	"errors"
	"strconv"
)

func itoa(i int) string { return strconv.Itoa(i) }

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }
