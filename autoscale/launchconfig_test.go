package autoscale_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/ec2/ec2test"
)

// AutoScaling API Reference, CreateLaunchConfiguration and
// DescribeLaunchConfigurations: a configuration is described as
// created, its user data base64 as sent; a group can launch from it;
// deleting one a group uses is ResourceInUse; a name in use is
// AlreadyExists.
func TestLaunchConfiguration(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	o := autoscale.LaunchConfigOptions{Name: e.name(), ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro",
		UserData: []byte("#!/bin/sh\necho hi\n"), Monitoring: new(false),
		BlockDevices: autoscale.BlockDeviceMapping{
			"/dev/xvda": {EBS: &autoscale.EBS{Size: 20, Type: "gp3", DeleteOnTermination: true}},
			"/dev/sdb":  {Ephemeral: "ephemeral0"},
		}}
	lc, err := e.as.CreateLaunchConfiguration(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lc.Delete(ctx) })
	got := e.as.LaunchConfiguration(o.Name)
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := *lc
	want.ARN, want.CreatedTime = got.ARN, got.CreatedTime
	if diff := cmp.Diff(&want, got, cmpopts.IgnoreUnexported(autoscale.LaunchConfiguration{}), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("described (-want +got):\n%s", diff)
	}
	if got.ARN == "" || got.CreatedTime.IsZero() {
		t.Errorf("ARN %q, CreatedTime %v: want both", got.ARN, got.CreatedTime)
	}
	var names []string
	for l, err := range e.as.LaunchConfigurations(ctx, autoscale.Names(o.Name, "never-made")) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, l.Name)
	}
	if diff := cmp.Diff([]string{o.Name}, names); diff != "" {
		t.Errorf("listing by name (-want +got):\n%s", diff)
	}
	g, err := e.as.CreateGroup(ctx, autoscale.GroupOptions{Name: e.name(), LaunchConfiguration: o.Name, Zones: e.zones[:1], Min: 0, Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if g.LaunchConfigurationName != o.Name || g.LaunchTemplate != nil {
		t.Errorf("group launches from %q / %v, want configuration %q", g.LaunchConfigurationName, g.LaunchTemplate, o.Name)
	}
	var ae *goboto.APIError
	if err := lc.Delete(ctx); !errors.As(err, &ae) || ae.Code != "ResourceInUse" {
		t.Errorf("deleting a configuration in use: %v, want ResourceInUse", err)
	}
	if _, err := e.as.CreateLaunchConfiguration(ctx, o); !errors.As(err, &ae) || ae.Code != "AlreadyExists" {
		t.Errorf("a second configuration of the same name: %v, want AlreadyExists", err)
	}
	if err := g.Delete(ctx, autoscale.ForceDelete()); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupDeleted, fast()...); err != nil {
		t.Fatal(err)
	}
	if err := lc.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := got.Refresh(ctx); !errors.As(err, &ae) || ae.Code != autoscale.NotFoundLaunchConfiguration {
		t.Errorf("Refresh after Delete: %v, want NotFoundLaunchConfiguration", err)
	}
}
