package asec2_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/asec2"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes/localcloud"
)

// A group whose template version is checked with EC2 before the group is
// created, and whose instances are then read as ec2 handles.
func Example() {
	cloud, err := localcloud.New()
	if err != nil {
		log.Fatal(err)
	}
	defer cloud.Close()
	ctx := context.Background()
	cfg := cloud.Config("us-east-1")
	as, ec2conn := autoscale.New(cfg), ec2.New(cfg)

	lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web",
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}})
	if err != nil {
		log.Fatal(err)
	}
	o := autoscale.GroupOptions{Name: "web", Zones: []string{"us-east-1a"}, Min: 2, Max: 2,
		LaunchTemplate: &autoscale.LaunchTemplate{ID: lt.ID, Version: "2"}, Templates: asec2.Templates(ec2conn)}
	_, err = as.CreateGroup(ctx, o)
	var ve *goboto.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, ve.Value, "refused")
	}

	o.LaunchTemplate.Version = "1"
	g, err := as.CreateGroup(ctx, o)
	if err != nil {
		log.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, goboto.Interval(50*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	for inst, err := range asec2.Instances(ctx, g, ec2conn) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(inst.State, inst.Type, inst.Placement)
	}
	// Output:
	// LaunchTemplate.Version 2 refused
	// running t3.micro us-east-1a
	// running t3.micro us-east-1a
}
