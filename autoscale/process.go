package autoscale

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
)

// Process is one of a group's scaling processes, which can be suspended
// and resumed.
type Process string

// The scaling processes (SuspendProcesses' ProcessNames).
const (
	ProcessLaunch            Process = "Launch"
	ProcessTerminate         Process = "Terminate"
	ProcessAddToLoadBalancer Process = "AddToLoadBalancer"
	ProcessAlarmNotification Process = "AlarmNotification"
	ProcessAZRebalance       Process = "AZRebalance"
	ProcessHealthCheck       Process = "HealthCheck"
	ProcessInstanceRefresh   Process = "InstanceRefresh"
	ProcessReplaceUnhealthy  Process = "ReplaceUnhealthy"
	ProcessScheduledActions  Process = "ScheduledActions"
)

// Processes returns every scaling process, in AWS's documented order.
func Processes() []Process {
	return []Process{ProcessLaunch, ProcessTerminate, ProcessAddToLoadBalancer, ProcessAlarmNotification,
		ProcessAZRebalance, ProcessHealthCheck, ProcessInstanceRefresh, ProcessReplaceUnhealthy, ProcessScheduledActions}
}

func processNames(ps []Process) ([]string, error) {
	var names []string
	for _, p := range ps {
		known := false
		for _, k := range Processes() {
			known = known || p == k
		}
		if !known {
			return nil, goboto.Invalid("ScalingProcesses", string(p), "is not a scaling process")
		}
		names = append(names, string(p))
	}
	return names, nil
}

// Suspend suspends processes on the group (SuspendProcesses); none
// given suspends them all.
func (g *Group) Suspend(ctx context.Context, processes ...Process) error {
	client, names, err := g.processCall(processes)
	if err != nil {
		return err
	}
	_, err = client.SuspendProcesses(ctx, &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String(g.Name), ScalingProcesses: names})
	return convert(err)
}

// Resume resumes suspended processes on the group (ResumeProcesses);
// none given resumes them all.
func (g *Group) Resume(ctx context.Context, processes ...Process) error {
	client, names, err := g.processCall(processes)
	if err != nil {
		return err
	}
	_, err = client.ResumeProcesses(ctx, &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String(g.Name), ScalingProcesses: names})
	return convert(err)
}

// processCall checks the group and the processes of a call on them.
func (g *Group) processCall(processes []Process) (*autoscaling.Client, []string, error) {
	client, err := g.namedAPI()
	if err != nil {
		return nil, nil, err
	}
	names, err := processNames(processes)
	return client, names, err
}
