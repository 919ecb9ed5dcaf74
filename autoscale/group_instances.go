package autoscale

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

// Attach adds running EC2 instances to the group (AttachInstances),
// raising its desired capacity by their number; the result must stay
// within Max.
func (g *Group) Attach(ctx context.Context, ids ...string) error {
	client, err := g.memberCall(ids)
	if err != nil {
		return err
	}
	_, err = client.AttachInstances(ctx, &autoscaling.AttachInstancesInput{AutoScalingGroupName: aws.String(g.Name), InstanceIds: ids})
	return convert(err)
}

// Detach removes instances from the group (DetachInstances) and returns
// the activities doing it; the instances keep running. Without
// DecrementDesired the group launches replacements.
func (g *Group) Detach(ctx context.Context, ids []string, opts ...InstanceOption) ([]*Activity, error) {
	client, err := g.memberCall(ids)
	if err != nil {
		return nil, err
	}
	o, err := outOptions(opts, "DetachInstances")
	if err != nil {
		return nil, err
	}
	out, err := client.DetachInstances(ctx, &autoscaling.DetachInstancesInput{AutoScalingGroupName: aws.String(g.Name),
		InstanceIds: ids, ShouldDecrementDesiredCapacity: aws.Bool(o.DecrementDesired)})
	if err != nil {
		return nil, convert(err)
	}
	return g.conn.activitiesFrom(out.Activities), nil
}

// EnterStandby puts InService instances in Standby (EnterStandby): they
// stay in the group but take no traffic. Without DecrementDesired the
// group launches replacements.
func (g *Group) EnterStandby(ctx context.Context, ids []string, opts ...InstanceOption) ([]*Activity, error) {
	client, err := g.memberCall(ids)
	if err != nil {
		return nil, err
	}
	o, err := outOptions(opts, "EnterStandby")
	if err != nil {
		return nil, err
	}
	out, err := client.EnterStandby(ctx, &autoscaling.EnterStandbyInput{AutoScalingGroupName: aws.String(g.Name),
		InstanceIds: ids, ShouldDecrementDesiredCapacity: aws.Bool(o.DecrementDesired)})
	if err != nil {
		return nil, convert(err)
	}
	return g.conn.activitiesFrom(out.Activities), nil
}

// ExitStandby returns Standby instances to service (ExitStandby),
// raising the desired capacity by their number.
func (g *Group) ExitStandby(ctx context.Context, ids ...string) ([]*Activity, error) {
	client, err := g.memberCall(ids)
	if err != nil {
		return nil, err
	}
	out, err := client.ExitStandby(ctx, &autoscaling.ExitStandbyInput{AutoScalingGroupName: aws.String(g.Name), InstanceIds: ids})
	if err != nil {
		return nil, convert(err)
	}
	return g.conn.activitiesFrom(out.Activities), nil
}

// Protect protects instances from scale-in (SetInstanceProtection).
func (g *Group) Protect(ctx context.Context, ids ...string) error { return g.protect(ctx, ids, true) }

// Unprotect lets scale-in terminate instances again
// (SetInstanceProtection).
func (g *Group) Unprotect(ctx context.Context, ids ...string) error {
	return g.protect(ctx, ids, false)
}

func (g *Group) protect(ctx context.Context, ids []string, on bool) error {
	client, err := g.memberCall(ids)
	if err != nil {
		return err
	}
	_, err = client.SetInstanceProtection(ctx, &autoscaling.SetInstanceProtectionInput{AutoScalingGroupName: aws.String(g.Name),
		InstanceIds: ids, ProtectedFromScaleIn: aws.Bool(on)})
	return convert(err)
}

// memberCall checks the group and the instance IDs of a call on them.
func (g *Group) memberCall(ids []string) (*autoscaling.Client, error) {
	client, err := g.namedAPI()
	if err != nil {
		return nil, err
	}
	return client, checkInstanceIDs(ids)
}
