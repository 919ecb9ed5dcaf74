package autoscaletest_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"
)

// SetDesiredCapacity with HonorCooldown is refused while the group
// scales or cools down (API Reference, SetDesiredCapacity:
// ScalingActivityInProgress; User Guide, "Scaling cooldowns": the
// default cooldown, 300 seconds, starts when an activity completes).
func TestSetDesiredCapacityCooldown(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 4, 1)
	set := func(n int32, honor bool) error {
		_, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"),
			DesiredCapacity: aws.Int32(n), HonorCooldown: aws.Bool(honor)})
		return err
	}
	if got := code(set(2, true)); got != "ScalingActivityInProgress" {
		t.Errorf("while launching: code = %q, want ScalingActivityInProgress", got)
	}
	e.settle("g") // the launch ends: the cooldown starts now
	e.clock.Advance(299 * time.Second)
	if got := code(set(2, true)); got != "ScalingActivityInProgress" {
		t.Errorf("within the cooldown: code = %q, want ScalingActivityInProgress", got)
	}
	e.clock.Advance(time.Second)
	if err := set(2, true); err != nil {
		t.Errorf("after the cooldown: %v", err)
	}
	// Without HonorCooldown it goes through at once.
	if err := set(3, false); err != nil {
		t.Errorf("without HonorCooldown: %v", err)
	}
	if got := code(set(5, false)); got != "ValidationError" {
		t.Errorf("above max: code = %q, want ValidationError", got)
	}
	if diff := cmp.Diff(map[string]int{"InService": 3}, e.settle("g")); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	if c := aws.ToString(e.activities("g")[0].Cause); !strings.Contains(c, "a user request explicitly set group desired capacity changing the desired capacity from 2 to 3.") {
		t.Errorf("cause = %q", c)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("nope"), DesiredCapacity: aws.Int32(1)}); code(err) != "ValidationError" {
		t.Errorf("missing group: %v, want ValidationError", err)
	}
}

// The cooldown counts from when a launch ended, not from the request
// that first looks after it (the fake moves groups only on requests):
// a launch that ended ten minutes before anyone asked leaves no
// cooldown to wait out.
func TestCooldownCountsFromLaunchEnd(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 4, 1)
	e.clock.Advance(launchTime + 10*time.Minute) // nobody looks meanwhile
	_, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"),
		DesiredCapacity: aws.Int32(2), HonorCooldown: aws.Bool(true)})
	if err != nil {
		t.Errorf("ten minutes after the launch ended: %v", err)
	}
	acts := e.activities("g")
	launch := acts[len(acts)-1]
	if want := aws.ToTime(launch.StartTime).Add(launchTime); !aws.ToTime(launch.EndTime).Equal(want) {
		t.Errorf("first launch ended at %v, want %v (its start plus the launch time)", aws.ToTime(launch.EndTime), want)
	}
}

// Scaling in terminates by the termination policy (User Guide,
// "Configure termination policies": the zone with the most instances
// first) and never an instance protected from scale in.
func TestScaleInPolicyAndProtection(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 5, 3)
	e.settle("g")
	insts := e.group("g").Instances
	// Zones hold 2 and 1; protect one of the zone with 2.
	byZone := map[string][]string{}
	for _, i := range insts {
		byZone[aws.ToString(i.AvailabilityZone)] = append(byZone[aws.ToString(i.AvailabilityZone)], aws.ToString(i.InstanceId))
	}
	var crowded []string
	for _, ids := range byZone {
		if len(ids) == 2 {
			crowded = ids
		}
	}
	if crowded == nil {
		t.Fatalf("zones = %v; want 2 and 1", byZone)
	}
	if _, err := e.c.SetInstanceProtection(t.Context(), &autoscaling.SetInstanceProtectionInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds: crowded[:1], ProtectedFromScaleIn: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	var terminating []string
	for _, i := range e.group("g").Instances {
		if i.LifecycleState == types.LifecycleStateTerminating {
			terminating = append(terminating, aws.ToString(i.InstanceId))
		}
	}
	if diff := cmp.Diff(crowded[1:], terminating); diff != "" {
		t.Errorf("terminating (-want +got):\n%s", diff)
	}
	a := e.activities("g")[0]
	if want := "Terminating EC2 instance: " + crowded[1]; aws.ToString(a.Description) != want {
		t.Errorf("description = %q, want %q", aws.ToString(a.Description), want)
	}
	if c := aws.ToString(a.Cause); !strings.Contains(c, "shrinking the capacity from 3 to 2.") || !strings.Contains(c, "instance "+crowded[1]+" was selected for termination.") {
		t.Errorf("cause = %q", c)
	}
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("after termination (-want +got):\n%s", diff)
	}
	// Protection stops scale in at the protected instances.
	if _, err := e.c.SetInstanceProtection(t.Context(), &autoscaling.SetInstanceProtectionInput{AutoScalingGroupName: aws.String("g"),
		InstanceIds:          []string{aws.ToString(e.group("g").Instances[0].InstanceId), aws.ToString(e.group("g").Instances[1].InstanceId)},
		ProtectedFromScaleIn: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("all protected (-want +got):\n%s", diff)
	}
}

// Instances EC2 reports stopped or terminated, or that SetInstanceHealth
// marks Unhealthy, are replaced (User Guide, "Health checks for
// instances in an Auto Scaling group"), unless ReplaceUnhealthy is
// suspended; the grace period holds SetInstanceHealth off by default.
func TestReplaceUnhealthy(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 1, 3, 2, func(in *autoscaling.CreateAutoScalingGroupInput) { in.HealthCheckGracePeriod = aws.Int32(120) })
	e.settle("g")
	first := aws.ToString(e.group("g").Instances[0].InstanceId)
	second := aws.ToString(e.group("g").Instances[1].InstanceId)
	health := func(id string, respect bool) {
		t.Helper()
		if _, err := e.c.SetInstanceHealth(t.Context(), &autoscaling.SetInstanceHealthInput{InstanceId: aws.String(id),
			HealthStatus: aws.String("Unhealthy"), ShouldRespectGracePeriod: aws.Bool(respect)}); err != nil {
			t.Fatal(err)
		}
	}
	health(first, true) // within the 120 s grace period: ignored
	if g := e.group("g"); aws.ToString(g.Instances[0].HealthStatus) != "Healthy" {
		t.Errorf("within grace: health %q, want Healthy", aws.ToString(g.Instances[0].HealthStatus))
	}
	health(first, false)
	if diff := cmp.Diff(map[string]int{"Terminating": 1, "InService": 1, "Pending": 1}, e.states("g")); diff != "" {
		t.Errorf("after Unhealthy (-want +got):\n%s", diff)
	}
	if c := aws.ToString(e.activities("g")[1].Cause); !strings.Contains(c, "in response to a user health-check.") {
		t.Errorf("termination cause = %q", c)
	}
	e.settle("g")
	// EC2 stops the second by a user's hand: EC2's status check finds it.
	e.clock.Advance(2 * time.Minute)
	e.ec2Call("StopInstances", url.Values{"InstanceId.1": {second}})
	e.states("g") // this look finds it stopped
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("after EC2 stop (-want +got):\n%s", diff)
	}
	if e.group("g").Instances[0].InstanceId == nil || slices.ContainsFunc(e.group("g").Instances, func(i types.Instance) bool {
		return aws.ToString(i.InstanceId) == second || aws.ToString(i.InstanceId) == first
	}) {
		t.Errorf("the unhealthy instances are still in the group: %v", e.group("g").Instances)
	}
	// Suspended ReplaceUnhealthy leaves an unhealthy instance alone.
	if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"ReplaceUnhealthy"}}); err != nil {
		t.Fatal(err)
	}
	third := aws.ToString(e.group("g").Instances[0].InstanceId)
	e.clock.Advance(5 * time.Minute)
	health(third, true)
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("ReplaceUnhealthy suspended (-want +got):\n%s", diff)
	}
	if got := aws.ToString(e.group("g").Instances[0].HealthStatus); got != "Unhealthy" {
		t.Errorf("health = %q, want Unhealthy", got)
	}
	if _, err := e.c.ResumeProcesses(t.Context(), &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String("g")}); err != nil {
		t.Fatal(err)
	}
	e.settle("g")
	if got := e.states("g"); got["InService"] != 2 || e.group("g").Instances[0].InstanceId == nil || aws.ToString(e.group("g").Instances[0].InstanceId) == third {
		t.Errorf("after resume: %v, %v", got, e.group("g").Instances)
	}
}

// Suspended Launch stops launches; the group catches up once resumed.
// SuspendProcesses with no names suspends them all (API Reference,
// SuspendProcesses).
func TestSuspendLaunch(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 3, 0)
	if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"Launch"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	if got := e.settle("g"); len(got) != 0 {
		t.Errorf("launched while Launch is suspended: %v", got)
	}
	g := e.group("g")
	if len(g.SuspendedProcesses) != 1 || aws.ToString(g.SuspendedProcesses[0].ProcessName) != "Launch" ||
		!strings.HasPrefix(aws.ToString(g.SuspendedProcesses[0].SuspensionReason), "User suspended at ") {
		t.Errorf("SuspendedProcesses = %+v", g.SuspendedProcesses)
	}
	if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"Dance"}}); code(err) != "ValidationError" {
		t.Errorf("unknown process: %v, want ValidationError", err)
	}
	if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g")}); err != nil {
		t.Fatal(err)
	}
	if n := len(e.group("g").SuspendedProcesses); n != 9 {
		t.Errorf("%d suspended, want all 9", n)
	}
	if _, err := e.c.ResumeProcesses(t.Context(), &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"Launch"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"InService": 2}, e.settle("g")); diff != "" {
		t.Errorf("after resume (-want +got):\n%s", diff)
	}
	// A launch started late carries the change of capacity that asked
	// for it.
	if c := aws.ToString(e.activities("g")[0].Cause); !strings.Contains(c, "changing the desired capacity from 0 to 2.") {
		t.Errorf("cause = %q", c)
	}
}

// DeleteAutoScalingGroup refuses a group with instances (ResourceInUse)
// or activities in progress (ScalingActivityInProgress); ForceDelete
// terminates the instances and the group shows "Delete in progress"
// until they are gone (API Reference, DeleteAutoScalingGroup).
func TestDeleteAndForceDelete(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 3, 2)
	del := func(force bool) error {
		_, err := e.c.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"), ForceDelete: aws.Bool(force)})
		return err
	}
	if got := code(del(false)); got != "ResourceInUse" {
		t.Errorf("with instances: code = %q, want ResourceInUse", got)
	}
	e.settle("g")
	ids := []string{}
	for _, i := range e.group("g").Instances {
		ids = append(ids, aws.ToString(i.InstanceId))
	}
	if err := del(true); err != nil {
		t.Fatal(err)
	}
	g := e.group("g")
	if g == nil || aws.ToString(g.Status) != "Delete in progress" {
		t.Fatalf("just after ForceDelete: %+v", g)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"),
		DesiredCapacity: aws.Int32(0)}); code(err) != "ScalingActivityInProgress" {
		t.Errorf("resizing a group being deleted: %v, want ScalingActivityInProgress", err)
	}
	if diff := cmp.Diff(map[string]int{"Terminating": 2}, e.states("g")); diff != "" {
		t.Errorf("instances (-want +got):\n%s", diff)
	}
	e.clock.Advance(launchTime)
	if g := e.group("g"); g != nil {
		t.Errorf("the group is still there: %+v", g)
	}
	for _, i := range e.ec2.Instances(e.acct, e.region) {
		if slices.Contains(ids, i.ID) && i.State != "terminated" {
			t.Errorf("EC2 instance %s is %s, want terminated", i.ID, i.State)
		}
	}
	// Its activities stay, for IncludeDeletedGroups only.
	out, err := e.c.DescribeScalingActivities(t.Context(), &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("g")})
	if err != nil || len(out.Activities) != 0 {
		t.Errorf("without IncludeDeletedGroups: %d activities, %v", len(out.Activities), err)
	}
	out, err = e.c.DescribeScalingActivities(t.Context(), &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("g"), IncludeDeletedGroups: aws.Bool(true)})
	if err != nil || len(out.Activities) != 4 || aws.ToString(out.Activities[0].AutoScalingGroupState) != "Deleted" {
		t.Errorf("with IncludeDeletedGroups: %d activities, %v", len(out.Activities), err)
	}
	// An empty group deletes at once, and a missing one is a
	// ValidationError.
	e.createGroup("empty", 0, 1, 0)
	if _, err := e.c.DeleteAutoScalingGroup(t.Context(), &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("empty")}); err != nil {
		t.Fatal(err)
	}
	if e.group("empty") != nil {
		t.Error("the empty group is still there")
	}
	if got := code(del(false)); got != "ValidationError" {
		t.Errorf("missing group: code = %q, want ValidationError", got)
	}
}

// A launch EC2 refuses is a Failed activity carrying EC2's message, as
// AWS records it; the group tries again later.
func TestFailedLaunch(t *testing.T) {
	e := newEnv(t)
	_, zones := e.subnets()
	if _, err := e.c.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("bad"),
		ImageId: aws.String("ami-0000000000000000f"), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
		LaunchConfigurationName: aws.String("bad"), MinSize: aws.Int32(1), MaxSize: aws.Int32(1), AvailabilityZones: zones[:1]}); err != nil {
		t.Fatal(err)
	}
	acts := e.activities("g")
	if len(acts) != 1 || acts[0].StatusCode != types.ScalingActivityStatusCodeFailed {
		t.Fatalf("activities = %+v", acts)
	}
	if m := aws.ToString(acts[0].StatusMessage); !strings.Contains(m, "ami-0000000000000000f") {
		t.Errorf("StatusMessage = %q, want EC2's message naming the image", m)
	}
	if len(e.group("g").Instances) != 0 {
		t.Error("a failed launch left an instance")
	}
	if n := len(e.activities("g")); n != 1 {
		t.Errorf("retried at once: %d activities", n)
	}
	e.clock.Advance(10 * time.Second)
	if n := len(e.activities("g")); n != 2 {
		t.Errorf("after the retry delay: %d activities, want 2", n)
	}
}

// Instances launch into the group's subnets, tagged in EC2 with the
// tags that propagate at launch and aws:autoscaling:groupName (User
// Guide, "Tag Auto Scaling groups and instances").
func TestInstancesInEC2(t *testing.T) {
	e := newEnv(t)
	subnets, _ := e.subnets()
	lt := e.template("tagged")
	if _, err := e.c.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
		LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(lt), Version: aws.String("$Latest")},
		MinSize:        aws.Int32(2), MaxSize: aws.Int32(2), VPCZoneIdentifier: aws.String(subnets[0] + "," + subnets[1]),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("web"), PropagateAtLaunch: aws.Bool(true)},
			{Key: aws.String("cost"), Value: aws.String("x"), PropagateAtLaunch: aws.Bool(false)}}}); err != nil {
		t.Fatal(err)
	}
	body := string(e.ec2Call("DescribeInstances", url.Values{"Filter.1.Name": {"tag:aws:autoscaling:groupName"}, "Filter.1.Value.1": {"web"}}))
	if n := strings.Count(body, "<instanceId>"); n != 2 {
		t.Fatalf("EC2 has %d instances tagged with the group, want 2:\n%s", n, body)
	}
	for _, want := range []string{"<key>team</key><value>web</value>", "<subnetId>" + subnets[0] + "</subnetId>", "<subnetId>" + subnets[1] + "</subnetId>"} {
		if !strings.Contains(body, want) {
			t.Errorf("EC2's answer lacks %s", want)
		}
	}
	if strings.Contains(body, "<key>cost</key>") {
		t.Error("a tag that does not propagate reached EC2")
	}
	got := map[string]string{}
	for _, i := range e.srv.GroupInstances(e.acct, e.region, "web") {
		got[i.Subnet] = i.Lifecycle
	}
	if diff := cmp.Diff(map[string]string{subnets[0]: "Pending", subnets[1]: "Pending"}, got); diff != "" {
		t.Errorf("GroupInstances (-want +got):\n%s", diff)
	}
	g := e.group("web")
	if aws.ToString(g.VPCZoneIdentifier) != subnets[0]+","+subnets[1] || len(g.AvailabilityZones) != 2 {
		t.Errorf("VPCZoneIdentifier %q, zones %v", aws.ToString(g.VPCZoneIdentifier), g.AvailabilityZones)
	}
	// The instance's template version is the number $Latest named.
	if v := aws.ToString(g.Instances[0].LaunchTemplate.Version); v != "1" {
		t.Errorf("instance's template version = %q, want 1", v)
	}
}

// AZRebalance: after the group's zones change, it launches in the zone
// with the fewest instances first and terminates from the fullest (or
// a zone it left) once the new one is in service (User Guide,
// "Rebalancing activities"); suspended, it does nothing.
func TestAZRebalance(t *testing.T) {
	for _, suspended := range []bool{false, true} {
		t.Run(map[bool]string{false: "active", true: "suspended"}[suspended], func(t *testing.T) {
			e := newEnv(t)
			_, zones := e.subnets()
			if len(zones) < 3 {
				t.Skip("the EC2 fake has fewer than 3 zones")
			}
			e.createGroup("g", 0, 6, 4)
			e.settle("g")
			if suspended {
				if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g"),
					ScalingProcesses: []string{"AZRebalance"}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
				AvailabilityZones: zones[:3]}); err != nil {
				t.Fatal(err)
			}
			perZone := func() map[string]int {
				out := map[string]int{}
				for _, i := range e.group("g").Instances {
					out[aws.ToString(i.AvailabilityZone)+" "+string(i.LifecycleState)]++
				}
				return out
			}
			want := map[string]int{zones[0] + " InService": 2, zones[1] + " InService": 2}
			if !suspended {
				want[zones[2]+" Pending"] = 1 // launched first
			}
			if diff := cmp.Diff(want, perZone()); diff != "" {
				t.Errorf("after the update (-want +got):\n%s", diff)
			}
			e.settle("g") // in service: now one goes from the fullest zone
			e.settle("g")
			want = map[string]int{zones[0] + " InService": 1, zones[1] + " InService": 2, zones[2] + " InService": 1}
			if suspended {
				want = map[string]int{zones[0] + " InService": 2, zones[1] + " InService": 2}
			}
			if diff := cmp.Diff(want, perZone()); diff != "" {
				t.Errorf("settled (-want +got):\n%s", diff)
			}
			if !suspended {
				// AWS's wording (activities quoted in spacelift-io/
				// terraform-aws-spacelift-workerpool-on-ec2#97): the
				// launch's sentence, then the ordinary termination's.
				acts := e.activities("g")
				if c := aws.ToString(acts[0].Cause); !strings.Contains(c, "instances were launched to balance instances in zones "+strings.Join(zones[:3], " ")+" with other zones resulting in more than desired number of instances in the group.  At ") ||
					!strings.Contains(c, "an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 5 to 4.") {
					t.Errorf("termination cause = %q", c)
				}
				if c := aws.ToString(acts[1].Cause); !strings.HasSuffix(c, "instances were launched to balance instances in zones "+strings.Join(zones[:3], " ")+" with other zones resulting in more than desired number of instances in the group.") {
					t.Errorf("launch cause = %q", c)
				}
			}
		})
	}
}
