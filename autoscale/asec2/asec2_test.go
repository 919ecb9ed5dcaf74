package asec2_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/asec2"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes/localcloud"
)

// conns returns an AutoScaling and an EC2 connection to one local
// cloud, where AutoScaling launches in the EC2 fake, and a name maker.
func conns(t *testing.T) (*autoscale.Conn, *ec2.Conn, func() string) {
	cfg := localcloud.Start(t).Config("us-east-1")
	n := 0
	return autoscale.New(cfg), ec2.New(cfg), func() string { n++; return fmt.Sprintf("asec2-%d", n) }
}

// TestInstancesAndTemplates checks a group's instances come back as
// ec2 handles that EC2 describes as running, and that Templates lets
// CreateGroup refuse a version the template does not have (EC2 API
// Reference, DescribeLaunchTemplateVersions: versions are numbered from
// 1; a missing one is InvalidLaunchTemplateId.VersionNotFound).
func TestInstancesAndTemplates(t *testing.T) {
	as, ec2conn, name := conns(t)
	ctx := t.Context()
	lt, err := ec2conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: name(),
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro"}})
	if err != nil {
		t.Fatal(err)
	}
	o := autoscale.GroupOptions{Name: name(), Templates: asec2.Templates(ec2conn), Zones: []string{"us-east-1a"},
		Min: 0, Max: 2, Desired: new(2), LaunchTemplate: &autoscale.LaunchTemplate{Name: lt.Name, Version: "7"}}
	_, err = as.CreateGroup(ctx, o)
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "LaunchTemplate.Version" {
		t.Errorf("version 7 of a one-version template: %v, want a ValidationError on LaunchTemplate.Version", err)
	}
	o.LaunchTemplate = &autoscale.LaunchTemplate{Name: "never-made-" + name(), Version: "1"}
	if _, err = as.CreateGroup(ctx, o); !errors.As(err, &ve) || ve.Field != "LaunchTemplate" {
		t.Errorf("a missing template: %v, want a ValidationError on LaunchTemplate", err)
	}
	o.LaunchTemplate = &autoscale.LaunchTemplate{ID: lt.ID, Version: "1"}
	g, err := as.CreateGroup(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Delete(ctx, autoscale.ForceDelete()) })
	if err := g.Wait(ctx, autoscale.GroupStable, goboto.Interval(20*time.Millisecond), goboto.Timeout(time.Minute)); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, i := range g.Instances {
		want = append(want, i.ID)
	}
	for inst, err := range asec2.Instances(ctx, g, ec2conn) {
		if err != nil {
			t.Fatal(err)
		}
		if inst.State != ec2.InstanceRunning {
			t.Errorf("%s is %s, want running", inst.ID, inst.State)
		}
		got = append(got, inst.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) != 2 {
		t.Fatalf("group has %d instances, want 2", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ec2 instances (-want +got):\n%s", diff)
	}
}

// TestEC2BlockDevices checks an ec2.BlockDeviceMapping is a launch
// configuration's mapping as it is (one type, no conversion), and comes
// back from DescribeLaunchConfigurations device for device (AutoScaling
// API Reference, CreateLaunchConfiguration: BlockDeviceMappings).
func TestEC2BlockDevices(t *testing.T) {
	as, _, name := conns(t)
	ctx := t.Context()
	bdm := ec2.BlockDeviceMapping{
		"/dev/xvda": {EBS: &ec2.EBS{Size: 30, Type: "io2", IOPS: 3000, Encrypted: true, DeleteOnTermination: true}},
		"/dev/sdb":  {Ephemeral: "ephemeral1"},
		"/dev/sdc":  {NoDevice: true},
	}
	o := autoscale.LaunchConfigOptions{Name: name(), ImageID: ec2test.DefaultEBSImage, InstanceType: "m5d.large", BlockDevices: bdm}
	if _, err := as.CreateLaunchConfiguration(ctx, o); err != nil {
		t.Fatal(err)
	}
	lc := as.LaunchConfiguration(o.Name)
	t.Cleanup(func() { lc.Delete(ctx) })
	if err := lc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bdm, lc.BlockDevices); diff != "" {
		t.Errorf("described (-want +got):\n%s", diff)
	}
}

// TestNilConn checks a missing ec2 connection is a ValidationError, not
// a panic.
func TestNilConn(t *testing.T) {
	as, _, _ := conns(t)
	var ve *goboto.ValidationError
	n := 0
	for _, err := range asec2.Instances(t.Context(), as.Group("web"), nil) {
		n++
		if !errors.As(err, &ve) {
			t.Errorf("Instances with a nil ec2.Conn: %v, want a ValidationError", err)
		}
	}
	if n != 1 {
		t.Errorf("Instances with a nil ec2.Conn yielded %d times, want one error", n)
	}
	if err := asec2.Templates(nil).CheckTemplate(t.Context(), autoscale.LaunchTemplate{Name: "web"}); !errors.As(err, &ve) {
		t.Errorf("Templates(nil): %v, want a ValidationError", err)
	}
}
