package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIEC2InstanceTypes drives the instance-type catalog, status
// checks and launch templates through Debian's aws CLI:
// describe-instance-types with filters (EC2 API Reference,
// DescribeInstanceTypes), run-instances refused for an instance-store
// device the type does not have, describe-instance-status and the CLI's
// own instance-status-ok waiter, and create-, describe- and
// delete-launch-template with run-instances --launch-template.
func TestAWSCLIEC2InstanceTypes(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], "us-east-1")

	var types struct {
		InstanceTypes []struct {
			InstanceType  string
			VCpuInfo      struct{ DefaultVCpus int }
			MemoryInfo    struct{ SizeInMiB int }
			ProcessorInfo struct{ SupportedArchitectures []string }
		}
	}
	awsJSON(t, srv, env, &types, "ec2", "describe-instance-types", "--filters",
		"Name=processor-info.supported-architecture,Values=arm64", "Name=vcpu-info.default-vcpus,Values=2",
		"Name=instance-type,Values=t4g.*")
	var names []string
	for _, it := range types.InstanceTypes {
		names = append(names, it.InstanceType)
		if it.ProcessorInfo.SupportedArchitectures[0] != "arm64" || it.VCpuInfo.DefaultVCpus != 2 {
			t.Errorf("type %+v", it)
		}
	}
	if diff := cmp.Diff([]string{"t4g.nano", "t4g.micro", "t4g.small", "t4g.medium", "t4g.large"}, names); diff != "" {
		t.Errorf("describe-instance-types (-want +got):\n%s", diff)
	}
	_, stderr, err := awsCLI(t, srv, env, "ec2", "run-instances", "--image-id", "ami-0b5eea76982371e91",
		"--instance-type", "m5d.large", "--block-device-mappings", "DeviceName=/dev/sdc,VirtualName=ephemeral2")
	if err == nil || !strings.Contains(string(stderr), "InvalidBlockDeviceMapping") {
		t.Errorf("ephemeral2 on m5d.large: err %v, stderr %s", err, stderr)
	}

	var lt struct {
		LaunchTemplate struct {
			LaunchTemplateId, LaunchTemplateName      string
			DefaultVersionNumber, LatestVersionNumber int
		}
	}
	awsJSON(t, srv, env, &lt, "ec2", "create-launch-template", "--launch-template-name", "cli-web",
		"--version-description", "first", "--launch-template-data",
		`{"ImageId":"ami-0b5eea76982371e91","InstanceType":"t3.micro","TagSpecifications":[{"ResourceType":"instance","Tags":[{"Key":"role","Value":"web"}]}]}`)
	id := lt.LaunchTemplate.LaunchTemplateId
	if !strings.HasPrefix(id, "lt-") || lt.LaunchTemplate.DefaultVersionNumber != 1 {
		t.Fatalf("create-launch-template: %+v", lt)
	}
	awsJSON(t, srv, env, nil, "ec2", "create-launch-template-version", "--launch-template-id", id, "--source-version", "1",
		"--launch-template-data", `{"InstanceType":"c6i.large"}`)
	var desc struct {
		LaunchTemplates []struct {
			LaunchTemplateName  string
			LatestVersionNumber int
		}
	}
	awsJSON(t, srv, env, &desc, "ec2", "describe-launch-templates", "--launch-template-names", "cli-web")
	if len(desc.LaunchTemplates) != 1 || desc.LaunchTemplates[0].LatestVersionNumber != 2 {
		t.Errorf("describe-launch-templates: %+v", desc)
	}
	var vers struct {
		LaunchTemplateVersions []struct {
			VersionNumber      int
			LaunchTemplateData struct{ InstanceType, ImageId string }
		}
	}
	awsJSON(t, srv, env, &vers, "ec2", "describe-launch-template-versions", "--launch-template-id", id, "--versions", "$Latest")
	if len(vers.LaunchTemplateVersions) != 1 || vers.LaunchTemplateVersions[0].LaunchTemplateData.InstanceType != "c6i.large" ||
		vers.LaunchTemplateVersions[0].LaunchTemplateData.ImageId != "ami-0b5eea76982371e91" {
		t.Errorf("describe-launch-template-versions: %+v", vers)
	}

	var run struct {
		Instances []struct {
			InstanceId, InstanceType string
			Tags                     []struct{ Key, Value string }
		}
	}
	awsJSON(t, srv, env, &run, "ec2", "run-instances", "--launch-template", "LaunchTemplateName=cli-web,Version=$Latest")
	if len(run.Instances) != 1 || run.Instances[0].InstanceType != "c6i.large" || len(run.Instances[0].Tags) != 1 {
		t.Fatalf("run-instances --launch-template: %+v", run)
	}
	inst := run.Instances[0].InstanceId
	_, stderr, err = awsCLI(t, srv, env, "ec2", "run-instances", "--launch-template", "LaunchTemplateId="+id+",Version=7")
	if err == nil || !strings.Contains(string(stderr), "InvalidLaunchTemplateId.VersionNotFound") {
		t.Errorf("a version that does not exist: err %v, stderr %s", err, stderr)
	}

	// The CLI's waiter polls DescribeInstanceStatus until the instance
	// check is ok (botocore's waiter model, InstanceStatusOk).
	awsJSON(t, srv, env, nil, "ec2", "wait", "instance-status-ok", "--instance-ids", inst)
	var status struct {
		InstanceStatuses []struct {
			InstanceId                   string
			InstanceState                struct{ Name string }
			SystemStatus, InstanceStatus struct {
				Status  string
				Details []struct{ Name, Status string }
			}
		}
	}
	awsJSON(t, srv, env, &status, "ec2", "describe-instance-status", "--instance-ids", inst)
	if len(status.InstanceStatuses) != 1 {
		t.Fatalf("describe-instance-status: %+v", status)
	}
	s := status.InstanceStatuses[0]
	if s.InstanceState.Name != "running" || s.SystemStatus.Status != "ok" || s.InstanceStatus.Status != "ok" ||
		len(s.InstanceStatus.Details) != 1 || s.InstanceStatus.Details[0].Status != "passed" {
		t.Errorf("describe-instance-status: %+v", s)
	}
	awsJSON(t, srv, env, nil, "ec2", "stop-instances", "--instance-ids", inst)
	status.InstanceStatuses = nil
	awsJSON(t, srv, env, &status, "ec2", "describe-instance-status", "--instance-ids", inst)
	if len(status.InstanceStatuses) != 0 {
		t.Errorf("a stopped instance without --include-all-instances: %+v", status)
	}
	awsJSON(t, srv, env, &status, "ec2", "describe-instance-status", "--instance-ids", inst, "--include-all-instances")
	if len(status.InstanceStatuses) != 1 || status.InstanceStatuses[0].InstanceStatus.Status != "not-applicable" {
		t.Errorf("--include-all-instances: %+v", status)
	}

	awsJSON(t, srv, env, nil, "ec2", "delete-launch-template", "--launch-template-id", id)
	_, stderr, err = awsCLI(t, srv, env, "ec2", "describe-launch-templates", "--launch-template-ids", id)
	if err == nil || !strings.Contains(string(stderr), "InvalidLaunchTemplateId.NotFound") {
		t.Errorf("a deleted template: err %v, stderr %s", err, stderr)
	}
}
