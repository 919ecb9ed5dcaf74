package autoscale

import "github.com/goboto/goboto/internal/core"

// convert turns an AutoScaling error into goboto's: a *goboto.APIError
// carrying AWS's code (ValidationError, AlreadyExists, ResourceInUse,
// ScalingActivityInProgress, LimitExceeded, ResourceContention), with
// aws-sdk-go-v2's typed error (types.AlreadyExistsFault, ...) in its
// chain for errors.As.
func convert(err error) error { return core.Error(err) }
