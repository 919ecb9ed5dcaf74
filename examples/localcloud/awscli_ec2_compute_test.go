package main

import (
	"strings"
	"testing"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIEC2Compute runs, describes, snapshots, shares and terminates
// through the aws CLI (SigV4, API 2016-11-15), so the fake EC2's compute
// answers are read by botocore's parser as well as aws-sdk-go-v2's.
func TestAWSCLIEC2Compute(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	region := srv.DefaultRegion()
	env := clientEnv(t, fake.DefaultCredentials()[0], region)
	zone := region + "a"

	var run struct {
		Instances []struct {
			InstanceId string
			ImageId    string
			State      struct{ Name string }
			Placement  struct{ AvailabilityZone string }
		}
	}
	awsJSON(t, srv, env, &run, "ec2", "run-instances", "--image-id", ec2test.DefaultEBSImage,
		"--instance-type", "t3.micro", "--count", "2", "--placement", "AvailabilityZone="+zone,
		"--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=cli}]")
	if len(run.Instances) != 2 {
		t.Fatalf("run-instances launched %d instances, want 2", len(run.Instances))
	}
	id := run.Instances[0].InstanceId
	if !strings.HasPrefix(id, "i-") || run.Instances[0].ImageId != ec2test.DefaultEBSImage || run.Instances[0].Placement.AvailabilityZone != zone {
		t.Errorf("run-instances answer: %+v", run.Instances[0])
	}

	var desc struct {
		Reservations []struct {
			Instances []struct {
				InstanceId string
				State      struct{ Name string }
				Tags       []struct{ Key, Value string }
			}
		}
	}
	awsJSON(t, srv, env, &desc, "ec2", "describe-instances", "--filters", "Name=tag:Name,Values=cli", "Name=instance-state-name,Values=running")
	n := 0
	for _, r := range desc.Reservations {
		for _, in := range r.Instances {
			n++
			if in.State.Name != "running" || len(in.Tags) != 1 || in.Tags[0].Value != "cli" {
				t.Errorf("describe-instances: %+v", in)
			}
		}
	}
	if n != 2 {
		t.Errorf("describe-instances found %d tagged running instances, want 2", n)
	}

	var vol struct{ VolumeId, State, AvailabilityZone string }
	awsJSON(t, srv, env, &vol, "ec2", "create-volume", "--size", "4", "--availability-zone", zone, "--volume-type", "gp3")
	awsJSON(t, srv, env, nil, "ec2", "wait", "volume-available", "--volume-ids", vol.VolumeId)
	awsJSON(t, srv, env, nil, "ec2", "attach-volume", "--volume-id", vol.VolumeId, "--instance-id", id, "--device", "/dev/sdf")

	var snap struct{ SnapshotId, VolumeId, State string }
	awsJSON(t, srv, env, &snap, "ec2", "create-snapshot", "--volume-id", vol.VolumeId, "--description", "from the cli")
	if snap.VolumeId != vol.VolumeId || !strings.HasPrefix(snap.SnapshotId, "snap-") {
		t.Errorf("create-snapshot: %+v", snap)
	}
	awsJSON(t, srv, env, nil, "ec2", "wait", "snapshot-completed", "--snapshot-ids", snap.SnapshotId)
	awsJSON(t, srv, env, nil, "ec2", "modify-snapshot-attribute", "--snapshot-id", snap.SnapshotId,
		"--attribute", "createVolumePermission", "--operation-type", "add", "--user-ids", fake.OtherAccountID)
	var attr struct {
		CreateVolumePermissions []struct{ UserId, Group string }
	}
	awsJSON(t, srv, env, &attr, "ec2", "describe-snapshot-attribute", "--snapshot-id", snap.SnapshotId, "--attribute", "createVolumePermission")
	if len(attr.CreateVolumePermissions) != 1 || attr.CreateVolumePermissions[0].UserId != fake.OtherAccountID {
		t.Errorf("describe-snapshot-attribute: %+v", attr)
	}

	// The other account sees the shared snapshot.
	other := clientEnv(t, fake.DefaultCredentials()[1], region)
	var shared struct {
		Snapshots []struct{ SnapshotId, OwnerId string }
	}
	awsJSON(t, srv, other, &shared, "ec2", "describe-snapshots", "--restorable-by-user-ids", "self")
	if len(shared.Snapshots) != 1 || shared.Snapshots[0].SnapshotId != snap.SnapshotId || shared.Snapshots[0].OwnerId != fake.TestAccountID {
		t.Errorf("the other account's describe-snapshots: %+v", shared)
	}

	// Errors come back with EC2's codes.
	_, stderr, err := awsCLI(t, srv, env, "ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0")
	if err == nil || !strings.Contains(string(stderr), "InvalidInstanceID.NotFound") {
		t.Errorf("describe of a missing instance: err %v, stderr %s", err, stderr)
	}
	_, stderr, err = awsCLI(t, srv, env, "ec2", "delete-volume", "--volume-id", vol.VolumeId)
	if err == nil || !strings.Contains(string(stderr), "VolumeInUse") {
		t.Errorf("delete of an attached volume: err %v, stderr %s", err, stderr)
	}

	var term struct {
		TerminatingInstances []struct {
			InstanceId   string
			CurrentState struct{ Name string }
		}
	}
	awsJSON(t, srv, env, &term, "ec2", "terminate-instances", "--instance-ids", run.Instances[0].InstanceId, run.Instances[1].InstanceId)
	if len(term.TerminatingInstances) != 2 {
		t.Errorf("terminate-instances: %+v", term)
	}
	awsJSON(t, srv, env, nil, "ec2", "wait", "instance-terminated", "--instance-ids", id)
}
