package core

import (
	"context"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
)

// CheckRegion returns a *goboto.ValidationError unless region is one AWS
// has, or has the shape of one in a known partition (a region newer than
// goboto's catalog). An empty region is refused rather than guessed, and
// so is a name like "mars-1" that a local fake would otherwise serve.
func CheckRegion(region string) error {
	if region == "" {
		return goboto.Invalid("Region", "", "is not set (aws.Config.Region, AWS_REGION or the profile's region)")
	}
	if _, ok := regions.PartitionOf(region); !ok {
		return goboto.Invalid("Region", region, "is not an AWS region")
	}
	return nil
}

// regionCheck fails an operation whose region CheckRegion refuses,
// before it is signed or sent.
type regionCheck struct{}

func (regionCheck) ID() string { return "goboto/RegionCheck" }

func (regionCheck) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	if err := CheckRegion(awsmiddleware.GetRegion(ctx)); err != nil {
		return middleware.InitializeOutput{}, middleware.Metadata{}, err
	}
	return next.HandleInitialize(ctx, in)
}

// addRegionCheck puts regionCheck at the end of the Initialize step,
// after the client has recorded the operation's region.
func addRegionCheck(stack *middleware.Stack) error {
	return stack.Initialize.Add(regionCheck{}, middleware.After)
}
