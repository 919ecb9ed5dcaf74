package cloudfront

import (
	"github.com/goboto/goboto/internal/core"
)

// convert is core.Error: CloudFront's rest-xml errors carry the model's
// names as codes already, so aws-sdk-go-v2's typed errors
// (*types.NoSuchDistribution, *types.PreconditionFailed, ...) and the
// *goboto.APIError's Code agree.
func convert(err error) error { return core.Error(err) }
