package autoscale_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
)

// TestBadInputIsRefusedBeforeSending checks the issue's "bad input gets
// a typed error before anything is sent" list, and the other local
// checks, against a fake that counts requests: each call fails with a
// *goboto.ValidationError naming the field, and the fake sees nothing.
func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	srv := autoscaletest.Start(t)
	conn := autoscale.New(srv.Config(""))
	ctx := t.Context()
	lt := &autoscale.LaunchTemplate{ID: "lt-0123456789abcdef0", Version: "1"}
	base := func() autoscale.GroupOptions {
		return autoscale.GroupOptions{Name: "web", LaunchTemplate: lt, Subnets: []string{"subnet-1"}, Min: 1, Max: 3}
	}
	with := func(f func(*autoscale.GroupOptions)) autoscale.GroupOptions { o := base(); f(&o); return o }
	create := func(o autoscale.GroupOptions) func() error {
		return func() error { _, err := conn.CreateGroup(ctx, o); return err }
	}
	g := conn.Group("web")
	cases := []struct {
		name, field string
		call        func() error
	}{
		// AutoScaling API Reference, CreateAutoScalingGroup: MinSize,
		// MaxSize and DesiredCapacity, "greater than or equal to the
		// minimum size of the group and less than or equal to the
		// maximum size".
		{"min above max", "MinSize", create(with(func(o *autoscale.GroupOptions) { o.Min, o.Max = 3, 2 }))},
		{"desired below min", "DesiredCapacity", create(with(func(o *autoscale.GroupOptions) { o.Desired = new(0) }))},
		{"desired above max", "DesiredCapacity", create(with(func(o *autoscale.GroupOptions) { o.Desired = new(4) }))},
		{"negative min", "MinSize", create(with(func(o *autoscale.GroupOptions) { o.Min = -1 }))},
		// AutoScalingGroupName is XmlStringMaxLen255 and, being also
		// an ARN position, takes no colon.
		{"colon in name", "AutoScalingGroupName", create(with(func(o *autoscale.GroupOptions) { o.Name = "a:b" }))},
		{"long name", "AutoScalingGroupName", create(with(func(o *autoscale.GroupOptions) { o.Name = strings.Repeat("n", 256) }))},
		{"empty name", "AutoScalingGroupName", create(with(func(o *autoscale.GroupOptions) { o.Name = "" }))},
		{"no subnets or zones", "Subnets", create(with(func(o *autoscale.GroupOptions) { o.Subnets = nil }))},
		{"not a subnet", "Subnets", create(with(func(o *autoscale.GroupOptions) { o.Subnets = []string{"sg-1"} }))},
		{"template and configuration", "LaunchConfigurationName",
			create(with(func(o *autoscale.GroupOptions) { o.LaunchConfiguration = "old" }))},
		{"neither template nor configuration", "LaunchTemplate",
			create(with(func(o *autoscale.GroupOptions) { o.LaunchTemplate = nil }))},
		{"template by ID and name", "LaunchTemplate", create(with(func(o *autoscale.GroupOptions) {
			o.LaunchTemplate = &autoscale.LaunchTemplate{ID: "lt-1", Name: "web"}
		}))},
		// A version is $Latest, $Default or a number from 1 (EC2 API
		// Reference, LaunchTemplateSpecification.Version).
		{"version 0", "LaunchTemplate.Version", create(with(func(o *autoscale.GroupOptions) {
			o.LaunchTemplate = &autoscale.LaunchTemplate{Name: "web", Version: "0"}
		}))},
		{"version word", "LaunchTemplate.Version", create(with(func(o *autoscale.GroupOptions) {
			o.LaunchTemplate = &autoscale.LaunchTemplate{Name: "web", Version: "latest"}
		}))},
		{"version padded", "LaunchTemplate.Version", create(with(func(o *autoscale.GroupOptions) {
			o.LaunchTemplate = &autoscale.LaunchTemplate{Name: "web", Version: "01"}
		}))},
		{"health check type", "HealthCheckType", create(with(func(o *autoscale.GroupOptions) { o.HealthCheckType = "TCP" }))},
		{"grace not whole seconds", "HealthCheckGracePeriod",
			create(with(func(o *autoscale.GroupOptions) { o.HealthCheckGracePeriod = 1500 * time.Millisecond }))},
		{"negative cooldown", "DefaultCooldown", create(with(func(o *autoscale.GroupOptions) { o.DefaultCooldown = -time.Second }))},
		// User Guide, "Set the default instance warmup for an Auto
		// Scaling group": "specify a value, in seconds, from 0 to 3600".
		{"warmup over an hour", "DefaultInstanceWarmup",
			create(with(func(o *autoscale.GroupOptions) { o.DefaultInstanceWarmup = new(time.Hour + time.Second) }))},
		{"negative warmup", "DefaultInstanceWarmup",
			create(with(func(o *autoscale.GroupOptions) { o.DefaultInstanceWarmup = new(-time.Second) }))},
		{"warmup not whole seconds", "DefaultInstanceWarmup",
			create(with(func(o *autoscale.GroupOptions) { o.DefaultInstanceWarmup = new(1500 * time.Millisecond) }))},
		{"update warmup and no warmup", "DefaultInstanceWarmup", func() error {
			return g.Update(ctx, autoscale.GroupUpdate{DefaultInstanceWarmup: new(time.Minute), NoDefaultInstanceWarmup: true})
		}},
		{"update warmup over an hour", "DefaultInstanceWarmup", func() error {
			return g.Update(ctx, autoscale.GroupUpdate{DefaultInstanceWarmup: new(2 * time.Hour)})
		}},
		{"aws: tag", "Tags", create(with(func(o *autoscale.GroupOptions) { o.Tags = []autoscale.Tag{{Key: "aws:x"}} }))},
		{"tag twice", "Tags", create(with(func(o *autoscale.GroupOptions) { o.Tags = []autoscale.Tag{{Key: "a"}, {Key: "a"}} }))},
		{"update min above max", "MinSize", func() error {
			return g.Update(ctx, autoscale.GroupUpdate{Min: new(5), Max: new(2)})
		}},
		{"update desired outside given range", "DesiredCapacity", func() error {
			return g.Update(ctx, autoscale.GroupUpdate{Min: new(1), Max: new(2), Desired: new(3)})
		}},
		{"update empty subnets", "Subnets", func() error { return g.Update(ctx, autoscale.GroupUpdate{Subnets: []string{}}) }},
		{"negative desired", "DesiredCapacity", func() error { return g.SetDesiredCapacity(ctx, -1) }},
		{"unknown process", "ScalingProcesses", func() error { return g.Suspend(ctx, "Everything") }},
		{"no tags", "Tags", func() error { return g.SetTags(ctx) }},
		{"no instances", "InstanceIds", func() error { return g.Attach(ctx) }},
		{"not an instance", "InstanceIds", func() error { return g.Protect(ctx, "web-1") }},
		{"health", "HealthStatus", func() error { return conn.Instance("i-0123").SetHealth(ctx, "Sick") }},
		{"decrement on health", "ShouldDecrementDesiredCapacity", func() error {
			return conn.Instance("i-0123").SetHealth(ctx, autoscale.Unhealthy, autoscale.DecrementDesired())
		}},
		{"wait state", "State", func() error { return g.Wait(ctx, "happy") }},
		{"page size", "MaxRecords", func() error { return first(conn.Instances(ctx, autoscale.PageSize(51))) }},
		{"listing refuses names", "Names", func() error { return first(conn.Instances(ctx, autoscale.Names("web"))) }},
		{"listing refuses instance IDs", "InstanceIDs", func() error {
			return first(conn.Groups(ctx, autoscale.InstanceIDs("i-1")))
		}},
		{"launch configuration without image", "ImageId", func() error {
			_, err := conn.CreateLaunchConfiguration(ctx, autoscale.LaunchConfigOptions{Name: "old", InstanceType: "t3.micro"})
			return err
		}},
		{"block device", "BlockDeviceMappings[/dev/sdb]", func() error {
			_, err := conn.CreateLaunchConfiguration(ctx, autoscale.LaunchConfigOptions{Name: "old", ImageID: "ami-1",
				InstanceType: "t3.micro", BlockDevices: autoscale.BlockDeviceMapping{"/dev/sdb": {}}})
			return err
		}},
		{"block device KMS key", "BlockDeviceMappings[/dev/sdb].EBS.KMSKeyID", func() error {
			_, err := conn.CreateLaunchConfiguration(ctx, autoscale.LaunchConfigOptions{Name: "old", ImageID: "ami-1",
				InstanceType: "t3.micro", BlockDevices: autoscale.BlockDeviceMapping{
					"/dev/sdb": {EBS: &autoscale.EBS{Size: 8, Encrypted: true, KMSKeyID: "alias/x"}}}})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(srv.Calls())
			err := tc.call()
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *goboto.ValidationError", err)
			}
			if ve.Field != tc.field {
				t.Errorf("field = %q, want %q (%v)", ve.Field, tc.field, err)
			}
			if n := len(srv.Calls()) - before; n != 0 {
				t.Errorf("%d requests sent, want none", n)
			}
		})
	}
}

// first returns the first error a listing yields, or nil.
func first[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestTemplateChecker checks that CreateGroup asks the TemplateChecker
// before sending, and sends nothing when it refuses.
func TestTemplateChecker(t *testing.T) {
	srv := autoscaletest.Start(t)
	conn := autoscale.New(srv.Config(""))
	refuse := checker(func(_ context.Context, lt autoscale.LaunchTemplate) error {
		return goboto.Invalid("LaunchTemplate.Version", lt.Version, "does not exist")
	})
	_, err := conn.CreateGroup(t.Context(), autoscale.GroupOptions{Name: "web", Templates: refuse, Min: 0, Max: 1,
		LaunchTemplate: &autoscale.LaunchTemplate{Name: "web", Version: "7"}, Zones: []string{"us-east-1a"}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Value != "7" {
		t.Fatalf("err = %v, want the checker's ValidationError for version 7", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

type checker func(context.Context, autoscale.LaunchTemplate) error

func (c checker) CheckTemplate(ctx context.Context, lt autoscale.LaunchTemplate) error {
	return c(ctx, lt)
}
