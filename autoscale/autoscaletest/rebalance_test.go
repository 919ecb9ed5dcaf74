package autoscaletest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/google/go-cmp/cmp"
)

// zoneStates counts a group's instances by zone and lifecycle state,
// and how many count towards its capacity (launching or in service).
func (e *env) zoneStates(name string) (byZone map[string]int, live, inService int) {
	e.t.Helper()
	byZone = map[string]int{}
	for _, i := range e.group(name).Instances {
		byZone[aws.ToString(i.AvailabilityZone)+" "+string(i.LifecycleState)]++
		switch i.LifecycleState {
		case "Pending", "Pending:Wait", "InService":
			live++
		}
		if i.LifecycleState == "InService" {
			inService++
		}
	}
	return byZone, live, inService
}

// AZRebalance at the group's maximum (User Guide, "Rebalancing
// activities"): "When rebalancing, Amazon EC2 Auto Scaling launches new
// instances before terminating the earlier ones", and "the system can
// temporarily exceed the specified maximum capacity of a group during a
// rebalancing activity. It can do so by a margin of 10 percent or one
// instance, whichever is greater." So a group at max 20 launches two at
// a time, one at max 4 launches one at a time; the group never has
// fewer than its desired capacity in service, nor more than max plus
// the margin launching or in service, and ends balanced.
func TestAZRebalanceMargin(t *testing.T) {
	tests := []struct {
		name      string
		size      int32 // min 0, max = desired = size
		after     func(zones []string) []string
		firstStep int // launches at once after the zones change
		peak      int // most instances launching or in service
		final     func(zones []string) map[string]int
	}{{
		name: "10 percent of 20", size: 20,
		after:     func(z []string) []string { return z[:3] },
		firstStep: 2, peak: 22,
		// 20 over three zones: the two that hold 10 keep 7, the new
		// one gets 6.
		final: func(z []string) map[string]int {
			return map[string]int{z[0] + " InService": 7, z[1] + " InService": 7, z[2] + " InService": 6}
		},
	}, {
		name: "one instance over 4", size: 4,
		after:     func(z []string) []string { return z[2:3] },
		firstStep: 1, peak: 5,
		final: func(z []string) map[string]int { return map[string]int{z[2] + " InService": 4} },
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			_, zones := e.subnets()
			if len(zones) < 3 {
				t.Skip("the EC2 fake has fewer than 3 zones")
			}
			e.createGroup("g", 0, tt.size, tt.size)
			e.settle("g")
			if _, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
				AvailabilityZones: tt.after(zones)}); err != nil {
				t.Fatal(err)
			}
			byZone, live, inService := e.zoneStates("g")
			if live != int(tt.size)+tt.firstStep || inService != int(tt.size) {
				t.Fatalf("after the update: %d live, %d in service, want %d and %d: %v", live, inService, int(tt.size)+tt.firstStep, tt.size, byZone)
			}
			peak := live
			for range 30 {
				e.settle("g")
				byZone, live, inService = e.zoneStates("g")
				peak = max(peak, live)
				if inService < int(tt.size) {
					t.Fatalf("capacity dropped to %d in service: %v", inService, byZone)
				}
				if live == int(tt.size) && inService == live && cmp.Equal(tt.final(zones), byZone) {
					break
				}
			}
			if diff := cmp.Diff(tt.final(zones), byZone); diff != "" {
				t.Errorf("not balanced (-want +got):\n%s", diff)
			}
			if peak != tt.peak {
				t.Errorf("at most %d instances at once, want %d (max %d plus the margin)", peak, tt.peak, tt.size)
			}
		})
	}
}

// With Terminate suspended, AZRebalance "can launch new instances
// without terminating the old ones. This could cause your Auto Scaling
// group to grow up to 10 percent larger than its maximum size" until
// Terminate resumes, when it rebalances (User Guide, "Suspending and
// Resuming Scaling Processes", Terminate).
func TestAZRebalanceTerminateSuspended(t *testing.T) {
	e := newEnv(t)
	_, zones := e.subnets()
	if len(zones) < 3 {
		t.Skip("the EC2 fake has fewer than 3 zones")
	}
	e.createGroup("g", 0, 2, 2)
	e.settle("g")
	if _, err := e.c.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"Terminate"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("g"),
		AvailabilityZones: zones[2:3]}); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		e.settle("g")
	}
	byZone, _, _ := e.zoneStates("g")
	want := map[string]int{zones[0] + " InService": 1, zones[1] + " InService": 1, zones[2] + " InService": 1}
	if diff := cmp.Diff(want, byZone); diff != "" {
		t.Errorf("with Terminate suspended, one over max 2 and no more (-want +got):\n%s", diff)
	}
	if _, err := e.c.ResumeProcesses(t.Context(), &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String("g"),
		ScalingProcesses: []string{"Terminate"}}); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		e.settle("g")
	}
	byZone, _, _ = e.zoneStates("g")
	if diff := cmp.Diff(map[string]int{zones[2] + " InService": 2}, byZone); diff != "" {
		t.Errorf("after Terminate resumed (-want +got):\n%s", diff)
	}
}
