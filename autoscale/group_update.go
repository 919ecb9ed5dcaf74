package autoscale

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
)

// GroupUpdate is a change to a group (UpdateAutoScalingGroup). A nil
// field is left as it is.
type GroupUpdate struct {
	Min, Max, Desired *int
	// LaunchTemplate or LaunchConfiguration switches what new instances
	// launch from; running instances stay.
	LaunchTemplate      *LaunchTemplate
	LaunchConfiguration *string
	// Zones and Subnets, when not nil, replace the group's; an empty
	// non-nil list is refused.
	Zones, Subnets         []string
	HealthCheckType        *HealthCheck
	HealthCheckGracePeriod *time.Duration
	DefaultCooldown        *time.Duration
	// DefaultInstanceWarmup sets the group's default instance warmup
	// (whole seconds, 0 to 1 hour); NoDefaultInstanceWarmup turns it off
	// (AWS's -1). Not both.
	DefaultInstanceWarmup   *time.Duration
	NoDefaultInstanceWarmup bool
	TerminationPolicies     []TerminationPolicy
	NewInstancesProtected   *bool
}

// resize applies AWS's resize rules to the sizes last seen: with no new
// desired capacity, a new min above the desired capacity raises it, and
// a new max below it lowers it (UpdateAutoScalingGroup). It returns the
// sizes the group will have.
func (u GroupUpdate) resize(min, max, desired int) (int, int, int) {
	if u.Min != nil {
		min = *u.Min
	}
	if u.Max != nil {
		max = *u.Max
	}
	if u.Desired != nil {
		return min, max, *u.Desired
	}
	if desired < min {
		desired = min
	}
	if desired > max {
		desired = max
	}
	return min, max, desired
}

// validate checks u alone, and, when g's sizes were loaded from AWS,
// the sizes the update leads to.
func (u GroupUpdate) validate(g *Group) error {
	itoa := strconv.Itoa
	for field, p := range map[string]*int{"MinSize": u.Min, "MaxSize": u.Max, "DesiredCapacity": u.Desired} {
		if p != nil && *p < 0 {
			return goboto.Invalid(field, itoa(*p), "is negative")
		}
	}
	if g.loaded {
		if err := checkSizes(u.resize(g.Min, g.Max, g.Desired)); err != nil {
			return err
		}
	} else {
		// Only what the update itself gives can be checked; AWS checks
		// the rest against the group.
		if u.Min != nil && u.Max != nil && *u.Min > *u.Max {
			return goboto.Invalid("MinSize", itoa(*u.Min), "is above MaxSize "+itoa(*u.Max))
		}
		if u.Desired != nil && ((u.Min != nil && *u.Desired < *u.Min) || (u.Max != nil && *u.Desired > *u.Max)) {
			return goboto.Invalid("DesiredCapacity", itoa(*u.Desired), "is outside the MinSize-MaxSize given")
		}
	}
	if u.LaunchTemplate != nil && u.LaunchConfiguration != nil {
		return goboto.Invalid("LaunchConfigurationName", *u.LaunchConfiguration, "an update takes a LaunchTemplate or a LaunchConfiguration, not both")
	}
	if u.LaunchTemplate != nil {
		if err := u.LaunchTemplate.check("LaunchTemplate"); err != nil {
			return err
		}
	}
	if u.LaunchConfiguration != nil {
		if err := checkName("LaunchConfigurationName", *u.LaunchConfiguration); err != nil {
			return err
		}
	}
	if u.Zones != nil && len(u.Zones) == 0 {
		return goboto.Invalid("Zones", "", "is empty: leave it nil to keep the group's zones")
	}
	if u.Subnets != nil && len(u.Subnets) == 0 {
		return goboto.Invalid("Subnets", "", "is empty: leave it nil to keep the group's subnets")
	}
	for _, s := range u.Subnets {
		if !strings.HasPrefix(s, "subnet-") || strings.Contains(s, ",") {
			return goboto.Invalid("Subnets", s, "is not a subnet ID (subnet-...)")
		}
	}
	if u.HealthCheckType != nil {
		if err := checkHealth(*u.HealthCheckType); err != nil {
			return err
		}
	}
	if u.HealthCheckGracePeriod != nil {
		if err := checkSeconds("HealthCheckGracePeriod", *u.HealthCheckGracePeriod); err != nil {
			return err
		}
	}
	if u.DefaultCooldown != nil {
		if err := checkSeconds("DefaultCooldown", *u.DefaultCooldown); err != nil {
			return err
		}
	}
	if u.DefaultInstanceWarmup != nil {
		if u.NoDefaultInstanceWarmup {
			return goboto.Invalid("DefaultInstanceWarmup", u.DefaultInstanceWarmup.String(), "is set with NoDefaultInstanceWarmup")
		}
		if err := checkWarmup(*u.DefaultInstanceWarmup); err != nil {
			return err
		}
	}
	return nil
}

// Update changes the group (UpdateAutoScalingGroup). With the group's
// sizes loaded (by Refresh, CreateGroup or Conn.Groups) it checks AWS's
// resize rules before sending: with no new Desired, a new Min above the
// desired capacity raises it and a new Max below it lowers it; any other
// desired capacity outside Min-Max is a *goboto.ValidationError. Without
// them, AWS checks against the group. On success the handle's sizes are
// those the rules give.
func (g *Group) Update(ctx context.Context, u GroupUpdate) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	if err := u.validate(g); err != nil {
		return err
	}
	in := &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String(g.Name), AvailabilityZones: u.Zones}
	if u.Min != nil {
		in.MinSize = aws.Int32(int32(*u.Min))
	}
	if u.Max != nil {
		in.MaxSize = aws.Int32(int32(*u.Max))
	}
	if u.Desired != nil {
		in.DesiredCapacity = aws.Int32(int32(*u.Desired))
	}
	if u.LaunchTemplate != nil {
		in.LaunchTemplate = u.LaunchTemplate.v2()
	}
	if u.LaunchConfiguration != nil {
		in.LaunchConfigurationName = u.LaunchConfiguration
	}
	if u.Subnets != nil {
		in.VPCZoneIdentifier = aws.String(strings.Join(u.Subnets, ","))
	}
	if u.HealthCheckType != nil {
		in.HealthCheckType = aws.String(string(*u.HealthCheckType))
	}
	if u.HealthCheckGracePeriod != nil {
		in.HealthCheckGracePeriod = secs(*u.HealthCheckGracePeriod)
	}
	if u.DefaultCooldown != nil {
		in.DefaultCooldown = secs(*u.DefaultCooldown)
	}
	switch {
	case u.DefaultInstanceWarmup != nil:
		in.DefaultInstanceWarmup = secs(*u.DefaultInstanceWarmup)
	case u.NoDefaultInstanceWarmup:
		in.DefaultInstanceWarmup = aws.Int32(-1)
	}
	for _, p := range u.TerminationPolicies {
		in.TerminationPolicies = append(in.TerminationPolicies, string(p))
	}
	in.NewInstancesProtectedFromScaleIn = u.NewInstancesProtected
	if _, err := client.UpdateAutoScalingGroup(ctx, in); err != nil {
		return convert(err)
	}
	if g.loaded {
		g.Min, g.Max, g.Desired = u.resize(g.Min, g.Max, g.Desired)
	}
	return nil
}

// CapacityOptions are the settings of Group.SetDesiredCapacity.
type CapacityOptions struct {
	// HonorCooldown refuses the change, with ScalingActivityInProgress,
	// while the group's cooldown after its last scaling activity runs.
	HonorCooldown bool
}

// CapacityOption changes CapacityOptions.
type CapacityOption func(*CapacityOptions)

// HonorCooldown makes SetDesiredCapacity wait out the group's cooldown:
// AWS refuses the change while it runs (HonorCooldown).
func HonorCooldown() CapacityOption { return func(o *CapacityOptions) { o.HonorCooldown = true } }

// SetDesiredCapacity sets how many instances the group should have
// (SetDesiredCapacity). n must lie within the group's Min-Max, checked
// before sending when the handle's sizes are loaded.
func (g *Group) SetDesiredCapacity(ctx context.Context, n int, opts ...CapacityOption) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	if n < 0 {
		return goboto.Invalid("DesiredCapacity", strconv.Itoa(n), "is negative")
	}
	if g.loaded {
		if err := checkSizes(g.Min, g.Max, n); err != nil {
			return err
		}
	}
	o := applyOpts(opts)
	in := &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String(g.Name), DesiredCapacity: aws.Int32(int32(n))}
	if o.HonorCooldown {
		in.HonorCooldown = aws.Bool(true)
	}
	if _, err := client.SetDesiredCapacity(ctx, in); err != nil {
		return convert(err)
	}
	if g.loaded {
		g.Desired = n
	}
	return nil
}

// ShutdownInstances is boto's shutdown_instances: it sets the group's
// Min, Max and Desired to 0 (UpdateAutoScalingGroup), then waits, as
// Wait(ctx, GroupEmpty, opts...), until the group has no instances and
// no activity in progress, so that Delete then succeeds.
func (g *Group) ShutdownInstances(ctx context.Context, opts ...goboto.WaitOption) error {
	zero := 0
	if err := g.Update(ctx, GroupUpdate{Min: &zero, Max: &zero, Desired: &zero}); err != nil {
		return err
	}
	return g.Wait(ctx, GroupEmpty, opts...)
}
