package autoscaletest_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"
)

// CreateAutoScalingGroup launches the desired capacity at once; the
// instances are Pending until the launch time has passed on the fake's
// clock and EC2 says running, then InService (the fake's timing model;
// AWS: "Instance lifecycle", Pending then InService).
func TestCreateLaunchesAndBalances(t *testing.T) {
	e := newEnv(t)
	e.createGroup("web", 1, 5, 4)
	if diff := cmp.Diff(map[string]int{"Pending": 4}, e.states("web")); diff != "" {
		t.Errorf("just after create (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"InService": 4}, e.settle("web")); diff != "" {
		t.Errorf("after the launch time (-want +got):\n%s", diff)
	}
	// Balanced across the two zones (User Guide, "Instance
	// distribution": launches go to the zone with the fewest instances).
	zones := map[string]int{}
	for _, i := range e.group("web").Instances {
		zones[aws.ToString(i.AvailabilityZone)]++
	}
	_, zs := e.subnets()
	if diff := cmp.Diff(map[string]int{zs[0]: 2, zs[1]: 2}, zones); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}
	acts := e.activities("web")
	if len(acts) != 4 {
		t.Fatalf("%d activities, want 4", len(acts))
	}
	a := acts[0]
	if !strings.HasPrefix(aws.ToString(a.Description), "Launching a new EC2 instance: i-") || a.StatusCode != types.ScalingActivityStatusCodeSuccessful ||
		aws.ToInt32(a.Progress) != 100 || a.EndTime == nil {
		t.Errorf("activity = %q %s %d %v", aws.ToString(a.Description), a.StatusCode, aws.ToInt32(a.Progress), a.EndTime)
	}
	// AWS's wording (User Guide, "Verify a scaling activity").
	wantCause := "a user request created an AutoScalingGroup changing the desired capacity from 0 to 4.  At "
	if c := aws.ToString(a.Cause); !strings.Contains(c, wantCause) ||
		!strings.HasSuffix(c, "an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 4.") {
		t.Errorf("cause = %q", c)
	}
}

// Sizes are checked as AWS checks them (API Reference,
// CreateAutoScalingGroup / UpdateAutoScalingGroup; ValidationError).
func TestCreateRefuses(t *testing.T) {
	e := newEnv(t)
	lt := e.template("base")
	_, zones := e.subnets()
	e.createGroup("taken", 0, 1, 0)
	base := func() *autoscaling.CreateAutoScalingGroupInput {
		return &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
			LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(lt)},
			MinSize:        aws.Int32(0), MaxSize: aws.Int32(2), AvailabilityZones: zones[:1]}
	}
	tests := []struct {
		name string
		edit func(*autoscaling.CreateAutoScalingGroupInput)
		want string
	}{
		{"min above max", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.MinSize = aws.Int32(2)
			in.MaxSize = aws.Int32(1)
		}, "ValidationError"},
		{"desired above max", func(in *autoscaling.CreateAutoScalingGroupInput) { in.DesiredCapacity = aws.Int32(3) }, "ValidationError"},
		{"colon in name", func(in *autoscaling.CreateAutoScalingGroupInput) { in.AutoScalingGroupName = aws.String("a:b") }, "ValidationError"},
		{"name too long", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.AutoScalingGroupName = aws.String(strings.Repeat("n", 256))
		}, "ValidationError"},
		{"no zone or subnet", func(in *autoscaling.CreateAutoScalingGroupInput) { in.AvailabilityZones = nil }, "ValidationError"},
		{"unknown zone", func(in *autoscaling.CreateAutoScalingGroupInput) { in.AvailabilityZones = []string{"us-east-1z"} }, "ValidationError"},
		{"unknown subnet", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.AvailabilityZones, in.VPCZoneIdentifier = nil, aws.String("subnet-0000000000000000f")
		}, "ValidationError"},
		{"zones not the subnets'", func(in *autoscaling.CreateAutoScalingGroupInput) {
			subnets, _ := e.subnets()
			in.VPCZoneIdentifier = aws.String(subnets[0] + "," + subnets[1])
		}, "ValidationError"},
		{"missing template", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.LaunchTemplate.LaunchTemplateId = aws.String("lt-0000000000000000f")
		}, "ValidationError"},
		{"missing template version", func(in *autoscaling.CreateAutoScalingGroupInput) { in.LaunchTemplate.Version = aws.String("9") }, "ValidationError"},
		{"missing launch configuration", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.LaunchTemplate, in.LaunchConfigurationName = nil, aws.String("nope")
		}, "ValidationError"},
		{"nothing to launch", func(in *autoscaling.CreateAutoScalingGroupInput) { in.LaunchTemplate = nil }, "ValidationError"},
		{"mixed instances policy", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.LaunchTemplate = nil
			in.MixedInstancesPolicy = &types.MixedInstancesPolicy{LaunchTemplate: &types.LaunchTemplate{
				LaunchTemplateSpecification: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(lt)}}}
		}, "InvalidAction"},
		{"instance to copy", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.LaunchTemplate, in.InstanceId = nil, aws.String("i-0123456789abcdef0")
		}, "InvalidAction"},
		{"bad termination policy", func(in *autoscaling.CreateAutoScalingGroupInput) { in.TerminationPolicies = []string{"Random"} }, "ValidationError"},
		{"aws: tag", func(in *autoscaling.CreateAutoScalingGroupInput) {
			in.Tags = []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("v")}}
		}, "ValidationError"},
		{"exists", func(in *autoscaling.CreateAutoScalingGroupInput) { in.AutoScalingGroupName = aws.String("taken") }, "AlreadyExists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.edit(in)
			_, err := e.c.CreateAutoScalingGroup(t.Context(), in)
			if got := code(err); got != tt.want {
				t.Errorf("code = %q, want %q (%v)", got, tt.want, err)
			}
			if e.group("g") != nil {
				t.Error("the refused group exists")
			}
		})
	}
}

// A template by name and version: $Latest, $Default and a number are
// checked in EC2 and described as given.
func TestTemplateByNameAndVersion(t *testing.T) {
	e := newEnv(t)
	id := e.template("named")
	_, zones := e.subnets()
	for _, v := range []string{"$Latest", "$Default", "1", ""} {
		name := "g" + strings.Trim(v, "$")
		_, err := e.c.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
			LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("named"), Version: version(v)},
			MinSize:        aws.Int32(0), MaxSize: aws.Int32(1), AvailabilityZones: zones[:1]})
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		// AWS describes no Version when none was given (moto's
		// models.py: "AWS will never show the version if it is not
		// specified").
		want := &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(id), LaunchTemplateName: aws.String("named"), Version: version(v)}
		if diff := cmp.Diff(want, e.group(name).LaunchTemplate, cmpOpts); diff != "" {
			t.Errorf("%s: LaunchTemplate (-want +got):\n%s", v, diff)
		}
	}
}

// UpdateAutoScalingGroup's resize rules (API Reference,
// UpdateAutoScalingGroup): "If you specify a new value for MinSize
// without specifying a value for DesiredCapacity, and the new MinSize is
// larger than the current size of the group, this sets the group's
// DesiredCapacity to the new MinSize value"; likewise a new MaxSize below
// it lowers it; an explicit DesiredCapacity outside the range is refused.
func TestUpdateResizeRules(t *testing.T) {
	tests := []struct {
		name              string
		min, max, desired *int32
		want              [3]int32 // min, max, desired after
		code              string
	}{
		{name: "min above desired raises it", min: aws.Int32(3), want: [3]int32{3, 5, 3}},
		{name: "max below desired lowers it", max: aws.Int32(1), want: [3]int32{0, 1, 1}},
		{name: "explicit desired", desired: aws.Int32(4), want: [3]int32{0, 5, 4}},
		{name: "explicit desired above new max", max: aws.Int32(3), desired: aws.Int32(4), want: [3]int32{0, 5, 2}, code: "ValidationError"},
		{name: "min above max", min: aws.Int32(6), want: [3]int32{0, 5, 2}, code: "ValidationError"},
		{name: "new max below current min", min: aws.Int32(2), max: aws.Int32(1), want: [3]int32{0, 5, 2}, code: "ValidationError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.createGroup("g", 0, 5, 2)
			_, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
				MinSize: tt.min, MaxSize: tt.max, DesiredCapacity: tt.desired})
			if got := code(err); got != tt.code {
				t.Fatalf("code = %q, want %q (%v)", got, tt.code, err)
			}
			g := e.group("g")
			got := [3]int32{aws.ToInt32(g.MinSize), aws.ToInt32(g.MaxSize), aws.ToInt32(g.DesiredCapacity)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("min, max, desired (-want +got):\n%s", diff)
			}
			// The engine follows: as many live instances as desired.
			states := e.settle("g")
			if n := states["InService"]; n != int(tt.want[2]) {
				t.Errorf("%d InService after settling, want %d (%v)", n, tt.want[2], states)
			}
		})
	}
}

// The cause of an update is AWS's ("a user request update of
// AutoScalingGroup constraints to min: 1, max: 3, desired: 2 changing
// the desired capacity from 0 to 2").
func TestUpdateCause(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 3, 0)
	now := e.clock.Now().UTC().Format("2006-01-02T15:04:05Z")
	if _, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
		MinSize: aws.Int32(1), DesiredCapacity: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	acts := e.activities("g")
	if len(acts) != 2 {
		t.Fatalf("%d activities, want 2", len(acts))
	}
	want := "At " + now + " a user request update of AutoScalingGroup constraints to min: 1, max: 3, desired: 2 changing the desired capacity from 0 to 2.  At " +
		now + " an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 2."
	if diff := cmp.Diff(want, aws.ToString(acts[0].Cause)); diff != "" {
		t.Errorf("cause (-want +got):\n%s", diff)
	}
}

func version(v string) *string {
	if v == "" {
		return nil
	}
	return aws.String(v)
}
