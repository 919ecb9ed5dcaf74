package autoscale_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/asec2"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes/localcloud"
)

// exampleCloud starts a local cloud, where AutoScaling launches into the
// EC2 fake, and returns connections to both, two subnets in two zones, a
// launch template, and a function to stop it.
func exampleCloud() (*autoscale.Conn, *ec2.Conn, []string, *ec2.LaunchTemplate, func()) {
	cloud, err := localcloud.New()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	cfg := cloud.Config("us-east-1")
	ec2conn := ec2.New(cfg)
	vpc, err := ec2conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		log.Fatal(err)
	}
	subnets, err := vpc.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.0.1.0/24", Zone: "us-east-1a"},
		ec2.SubnetOptions{CIDR: "10.0.2.0/24", Zone: "us-east-1b"})
	if err != nil {
		log.Fatal(err)
	}
	lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web",
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}})
	if err != nil {
		log.Fatal(err)
	}
	return autoscale.New(cfg), ec2conn, []string{subnets[0].ID, subnets[1].ID}, lt, func() { cloud.Close() }
}

// fastWait looks often: the local cloud's instances launch in a second.
var fastWait = []goboto.WaitOption{goboto.Interval(50 * time.Millisecond), goboto.Timeout(time.Minute)}

// boto's tutorial on today's AWS: a group on a launch template across
// two subnets, waited on until exactly its desired instances are in
// service (min 0 would satisfy aws-sdk-go-v2's own waiter at once), then
// shut down and deleted.
func Example() {
	conn, _, subnets, lt, stop := exampleCloud()
	defer stop()
	ctx := context.Background()

	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{
		Name:           "web",
		LaunchTemplate: &autoscale.LaunchTemplate{Name: lt.Name, Version: autoscale.VersionLatest},
		Subnets:        subnets,
		Min:            0, Max: 4, Desired: new(2),
		Tags: []autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true}},
	})
	if err != nil {
		log.Fatal(err)
	}
	var last string
	progress := goboto.Progress(func(state string, _ time.Duration) { last = state })
	if err := g.Wait(ctx, autoscale.GroupStable, append(fastWait, progress)...); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wait ended:", last)
	zones := map[string]int{}
	for _, i := range g.Instances {
		fmt.Println(i.LifecycleState, i.Health)
		zones[i.Zone]++
	}
	fmt.Println("zones:", len(zones))

	if err := g.ShutdownInstances(ctx, fastWait...); err != nil {
		log.Fatal(err)
	}
	if err := g.Delete(ctx); err != nil {
		log.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupDeleted, fastWait...); err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted")
	// Output:
	// wait ended: stable
	// InService Healthy
	// InService Healthy
	// zones: 2
	// deleted
}

// Update applies AWS's resize rules: a new minimum above the desired
// capacity raises it, a new maximum below it lowers it. A desired
// capacity outside the range is refused before anything is sent.
func ExampleGroup_Update() {
	conn, _, subnets, lt, stop := exampleCloud()
	defer stop()
	ctx := context.Background()

	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: "web", Subnets: subnets, Min: 0, Max: 4, Desired: new(0),
		LaunchTemplate: &autoscale.LaunchTemplate{ID: lt.ID}})
	if err != nil {
		log.Fatal(err)
	}
	if err := g.Update(ctx, autoscale.GroupUpdate{Min: new(2)}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Min, g.Max, g.Desired)
	if err := g.Update(ctx, autoscale.GroupUpdate{Min: new(0), Max: new(1)}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Min, g.Max, g.Desired)
	err = g.SetDesiredCapacity(ctx, 3)
	var ve *goboto.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
	// Output:
	// 2 4 2
	// 0 1 1
	// true DesiredCapacity
}

// The group's instances are EC2 instances: Instance.ID is the EC2 ID,
// so ec2conn.Instance(id) is the EC2 handle, and asec2.Instances yields
// them all, with the tags the group propagated.
func ExampleInstance() {
	conn, ec2conn, subnets, lt, stop := exampleCloud()
	defer stop()
	ctx := context.Background()

	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: "web", Subnets: subnets, Min: 1, Max: 1,
		LaunchTemplate: &autoscale.LaunchTemplate{ID: lt.ID}, Tags: []autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true}}})
	if err != nil {
		log.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fastWait...); err != nil {
		log.Fatal(err)
	}
	inst := ec2conn.Instance(g.Instances[0].ID)
	if err := inst.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(inst.State, inst.Tags["role"], inst.Tags["aws:autoscaling:groupName"])
	for i, err := range asec2.Instances(ctx, g, ec2conn) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(i.ID == inst.ID)
	}
	// Output:
	// running web web
	// true
}

// A scaling activity says why it happened.
func ExampleGroup_Activities() {
	conn, _, subnets, lt, stop := exampleCloud()
	defer stop()
	ctx := context.Background()

	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{Name: "web", Subnets: subnets, Min: 1, Max: 2,
		LaunchTemplate: &autoscale.LaunchTemplate{ID: lt.ID}})
	if err != nil {
		log.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fastWait...); err != nil {
		log.Fatal(err)
	}
	for a, err := range g.Activities(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(strings.SplitN(a.Description, ":", 2)[0], a.StatusCode, a.Progress)
		fmt.Println(strings.Contains(a.Cause, "changing the desired capacity from 0 to 1"))
	}
	// Output:
	// Launching a new EC2 instance Successful 100
	// true
}

// Bad input is refused before anything is sent: here a minimum above
// the maximum, a colon in a name, and a template version that cannot
// exist.
func ExampleConn_CreateGroup_validation() {
	conn, _, subnets, _, stop := exampleCloud()
	defer stop()
	ctx := context.Background()

	for _, o := range []autoscale.GroupOptions{
		{Name: "web", LaunchTemplate: &autoscale.LaunchTemplate{Name: "web"}, Subnets: subnets, Min: 3, Max: 2},
		{Name: "web:1", LaunchTemplate: &autoscale.LaunchTemplate{Name: "web"}, Subnets: subnets, Max: 1},
		{Name: "web", LaunchTemplate: &autoscale.LaunchTemplate{Name: "web", Version: "0"}, Subnets: subnets, Max: 1},
	} {
		_, err := conn.CreateGroup(ctx, o)
		var ve *goboto.ValidationError
		if errors.As(err, &ve) {
			fmt.Println(ve.Field)
		}
	}
	// Output:
	// MinSize
	// AutoScalingGroupName
	// LaunchTemplate.Version
}
