package autoscale_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// env is one AutoScaling to test against, with the EC2 it launches in:
// a launch template and two subnets in two zones ready for groups.
type env struct {
	as       *autoscale.Conn
	ec2      *ec2.Conn
	template *ec2.LaunchTemplate
	subnets  []string
	zones    []string
	// name makes a name no other test of the env uses.
	name func() string
	// sent counts the AutoScaling requests the server has seen.
	sent func() int
}

// setupEC2 makes the env's VPC, subnets and template.
func (e *env) setupEC2(t *testing.T) {
	t.Helper()
	ctx := t.Context()
	vpc, err := e.ec2.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatalf("CreateVPC: %v", err)
	}
	e.zones = []string{"us-east-1a", "us-east-1b"}
	for i, z := range e.zones {
		s, err := vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0." + string(rune('1'+i)) + ".0/24", Zone: z})
		if err != nil {
			t.Fatalf("CreateSubnet: %v", err)
		}
		e.subnets = append(e.subnets, s.ID)
	}
	e.template, err = e.ec2.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: e.name(),
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}})
	if err != nil {
		t.Fatalf("CreateLaunchTemplate: %v", err)
	}
}

// groupOptions are the options of a group on the env's template across
// its subnets, sized min/max/desired.
func (e env) groupOptions(min, max, desired int) autoscale.GroupOptions {
	return autoscale.GroupOptions{Name: e.name(), LaunchTemplate: &autoscale.LaunchTemplate{ID: e.template.ID, Version: autoscale.VersionLatest},
		Subnets: slices.Clone(e.subnets), Min: min, Max: max, Desired: &desired}
}

// newGroup creates a group from o and deletes it, forcibly, when the
// test ends.
func (e env) newGroup(t *testing.T, o autoscale.GroupOptions) *autoscale.Group {
	t.Helper()
	g, err := e.as.CreateGroup(t.Context(), o)
	if err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	t.Cleanup(func() { g.Delete(t.Context(), autoscale.ForceDelete()) })
	return g
}

// start is the env every test runs against.
func start(t *testing.T) env { return onFake(t) }

// onFake is an env on the local cloud, where autoscaletest launches its
// groups' instances in the EC2 fake.
func onFake(t *testing.T, opts ...fakes.Option) env {
	t.Helper()
	cloud := localcloud.Start(t, opts...)
	cfg := cloud.Config("us-east-1")
	n := 0
	e := env{as: autoscale.New(cfg), ec2: ec2.New(cfg),
		name: func() string { n++; return fmt.Sprintf("asg-%d", n) },
		sent: func() int {
			k := 0
			for _, c := range cloud.Calls() {
				if c.Service == "autoscaling" {
					k++
				}
			}
			return k
		}}
	e.setupEC2(t)
	return e
}

// matchesFault reports whether errors.As finds one of aws-sdk-go-v2's
// typed AutoScaling faults in err.
func matchesFault(err error) bool {
	var (
		inUse      *types.ResourceInUseFault
		inProgress *types.ScalingActivityInProgressFault
		exists     *types.AlreadyExistsFault
		limit      *types.LimitExceededFault
		contention *types.ResourceContentionFault
	)
	return errors.As(err, &inUse) || errors.As(err, &inProgress) || errors.As(err, &exists) ||
		errors.As(err, &limit) || errors.As(err, &contention)
}
