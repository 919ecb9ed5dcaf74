package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIAutoScaling drives the fake Auto Scaling with Debian's aws
// CLI 2.9 (Query protocol) in the local cloud, where it launches into the
// EC2 fake: a launch template made with the CLI's ec2 commands, a group
// on it across two subnets, its instances in EC2 with the propagated tag,
// a lifecycle hook, describe-scaling-activities, an update refused by
// the resize rules, and a force delete.
func TestAWSCLIAutoScaling(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	cloud := localcloud.Start(t, fakes.WithTLS(false))
	srv := fake.ServerOf(cloud.Server)
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())
	var subnets []string
	for _, s := range cloud.EC2().Subnets(fake.DefaultCredentials()[0].AccountID, srv.DefaultRegion()) {
		if s.DefaultForZone && len(subnets) < 2 {
			subnets = append(subnets, s.ID)
		}
	}
	var lt struct {
		LaunchTemplate struct{ LaunchTemplateId string }
	}
	awsJSON(t, srv, env, &lt, "ec2", "create-launch-template", "--launch-template-name", "web",
		"--launch-template-data", `{"ImageId":"ami-0b5eea76982371e91","InstanceType":"t3.micro"}`)
	awsJSON(t, srv, env, nil, "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "web",
		"--launch-template", "LaunchTemplateId="+lt.LaunchTemplate.LaunchTemplateId+",Version=$Latest",
		"--min-size", "2", "--max-size", "4", "--vpc-zone-identifier", strings.Join(subnets, ","),
		"--tags", "Key=team,Value=web,PropagateAtLaunch=true")
	awsJSON(t, srv, env, nil, "autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name", "web",
		"--lifecycle-hook-name", "hold", "--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING", "--heartbeat-timeout", "300")

	var groups struct {
		AutoScalingGroups []struct {
			AutoScalingGroupName string
			MinSize, MaxSize     int
			DesiredCapacity      int
			VPCZoneIdentifier    string
			Instances            []struct{ InstanceId, LifecycleState, HealthStatus string }
			LaunchTemplate       struct{ LaunchTemplateName, Version string }
		}
	}
	awsJSON(t, srv, env, &groups, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")
	if len(groups.AutoScalingGroups) != 1 {
		t.Fatalf("groups: %+v", groups)
	}
	g := groups.AutoScalingGroups[0]
	if g.DesiredCapacity != 2 || len(g.Instances) != 2 || g.VPCZoneIdentifier != strings.Join(subnets, ",") ||
		g.LaunchTemplate.LaunchTemplateName != "web" || g.LaunchTemplate.Version != "$Latest" {
		t.Errorf("group: %+v", g)
	}
	var insts struct {
		Reservations []struct {
			Instances []struct {
				SubnetId string
				Tags     []struct{ Key, Value string }
			}
		}
	}
	awsJSON(t, srv, env, &insts, "ec2", "describe-instances", "--filters", "Name=tag:aws:autoscaling:groupName,Values=web")
	var inSubnets []string
	for _, r := range insts.Reservations {
		for _, i := range r.Instances {
			inSubnets = append(inSubnets, i.SubnetId)
			found := false
			for _, tg := range i.Tags {
				found = found || tg.Key == "team" && tg.Value == "web"
			}
			if !found {
				t.Errorf("instance in %s lacks the team tag: %+v", i.SubnetId, i.Tags)
			}
		}
	}
	if diff := cmp.Diff(subnets, inSubnets); diff != "" {
		t.Errorf("instances' subnets (-want +got):\n%s", diff)
	}
	var acts struct {
		Activities []struct{ Description, Cause, StatusCode string }
	}
	awsJSON(t, srv, env, &acts, "autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web")
	if len(acts.Activities) != 2 || !strings.HasPrefix(acts.Activities[0].Description, "Launching a new EC2 instance: i-") ||
		!strings.Contains(acts.Activities[0].Cause, "a user request created an AutoScalingGroup changing the desired capacity from 0 to 2.") {
		t.Errorf("activities: %+v", acts)
	}
	if _, stderr, err := awsCLI(t, srv, env, "autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", "web",
		"--max-size", "1", "--desired-capacity", "2"); err == nil || !strings.Contains(string(stderr), "ValidationError") {
		t.Errorf("desired above the new max: %v\n%s", err, stderr)
	}
	if _, stderr, err := awsCLI(t, srv, env, "autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "web"); err == nil ||
		!strings.Contains(string(stderr), "ResourceInUse") {
		t.Errorf("delete with instances: %v\n%s", err, stderr)
	}
	awsJSON(t, srv, env, nil, "autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "web", "--force-delete")
	awsJSON(t, srv, env, &groups, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")
	for _, g := range groups.AutoScalingGroups {
		for _, i := range g.Instances {
			if i.LifecycleState != "Terminating" {
				t.Errorf("after force delete: %+v", g.Instances)
			}
		}
	}
}
