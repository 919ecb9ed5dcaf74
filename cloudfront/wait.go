package cloudfront

import (
	"context"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// DistributionState is a state Distribution.Wait waits for.
type DistributionState string

// A distribution is InProgress while CloudFront deploys a change to its
// edge locations, then Deployed (GetDistribution, Status).
const (
	DistributionInProgress DistributionState = "InProgress"
	DistributionDeployed   DistributionState = "Deployed"
)

// InvalidationState is a state Invalidation.Wait waits for.
type InvalidationState string

// An invalidation is InProgress, then Completed (GetInvalidation, Status).
const (
	InvalidationInProgress InvalidationState = "InProgress"
	InvalidationCompleted  InvalidationState = "Completed"
)

// waitDefaults are a look every 30 seconds for up to 90 minutes:
// aws-sdk-go-v2's DistributionDeployed waiter polls every 60 seconds for
// up to 35 attempts, and deployments commonly take 5-15 minutes.
func waitDefaults() goboto.WaitOptions {
	return goboto.WaitOptions{Interval: 30 * time.Second, Timeout: 90 * time.Minute}
}

// Wait polls the distribution (GetDistribution, through Refresh) until
// it is in state, DistributionDeployed or DistributionInProgress. The
// first look happens at once; then, unless opts say otherwise, one
// every 30 seconds for up to 90 minutes; goboto.Progress reports each
// state seen. Running out of time is a *goboto.WaitTimeoutError.
func (d *Distribution) Wait(ctx context.Context, state DistributionState, opts ...goboto.WaitOption) error {
	if _, err := d.api(); err != nil {
		return err
	}
	if state != DistributionDeployed && state != DistributionInProgress {
		return goboto.Invalid("State", string(state), "must be DistributionDeployed or DistributionInProgress")
	}
	return core.Wait{
		Service: "CloudFront", Resource: "distribution", ID: d.ID, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := d.Refresh(ctx); err != nil {
				return "", err
			}
			return d.Status, nil
		},
	}.Run(ctx)
}

// Wait polls the invalidation (GetInvalidation) until it is in state,
// InvalidationCompleted or InvalidationInProgress, with the defaults and
// options of Distribution.Wait.
func (inv *Invalidation) Wait(ctx context.Context, state InvalidationState, opts ...goboto.WaitOption) error {
	if _, err := inv.api(); err != nil {
		return err
	}
	if state != InvalidationCompleted && state != InvalidationInProgress {
		return goboto.Invalid("State", string(state), "must be InvalidationCompleted or InvalidationInProgress")
	}
	return core.Wait{
		Service: "CloudFront", Resource: "invalidation", ID: inv.ID, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := inv.Refresh(ctx); err != nil {
				return "", err
			}
			return inv.Status, nil
		},
	}.Run(ctx)
}
