package ec2test_test

import (
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// run launches n instances of the default EBS image and returns their IDs.
func run(t *testing.T, c *awsec2.Client, in *awsec2.RunInstancesInput) []string {
	t.Helper()
	if in == nil {
		in = &awsec2.RunInstancesInput{}
	}
	if in.ImageId == nil {
		in.ImageId = aws.String(ec2test.DefaultEBSImage)
	}
	if in.MinCount == nil {
		in.MinCount, in.MaxCount = aws.Int32(1), aws.Int32(1)
	}
	out, err := c.RunInstances(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, inst := range out.Instances {
		ids = append(ids, aws.ToString(inst.InstanceId))
	}
	return ids
}

// describe returns the instances InstanceId names, in order.
func describe(t *testing.T, c *awsec2.Client, ids ...string) []types.Instance {
	t.Helper()
	return described(t, c, &awsec2.DescribeInstancesInput{InstanceIds: ids})
}

// described returns the instances of every reservation DescribeInstances
// answers in, in order.
func described(t *testing.T, c *awsec2.Client, in *awsec2.DescribeInstancesInput) []types.Instance {
	t.Helper()
	out, err := c.DescribeInstances(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	var insts []types.Instance
	for _, r := range out.Reservations {
		insts = append(insts, r.Instances...)
	}
	return insts
}

// filteredIDs returns the IDs of the instances the filters select, in
// order; nil when there are none.
func filteredIDs(t *testing.T, c *awsec2.Client, fs ...types.Filter) []string {
	t.Helper()
	var ids []string
	for _, inst := range described(t, c, &awsec2.DescribeInstancesInput{Filters: fs}) {
		ids = append(ids, aws.ToString(inst.InstanceId))
	}
	return ids
}

func states(insts []types.Instance) []string {
	var out []string
	for _, inst := range insts {
		out = append(out, string(inst.State.Name))
	}
	return out
}

var (
	instanceIDPattern = regexp.MustCompile(`^i-[0-9a-f]{17}$`)
	publicDNSPattern  = regexp.MustCompile(`^ec2-54-\d+-\d+-\d+\.compute-1\.amazonaws\.com$`)
	privateDNSPattern = regexp.MustCompile(`^ip-172-31-\d+-\d+\.ec2\.internal$`)
)

func TestRunInstances(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	if _, err := c.CreateKeyPair(t.Context(), &awsec2.CreateKeyPairInput{KeyName: aws.String("gsg-keypair")}); err != nil {
		t.Fatal(err)
	}
	sg, err := c.CreateSecurityGroup(t.Context(), &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	userData := base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\necho hi\n"))
	out, err := c.RunInstances(t.Context(), &awsec2.RunInstancesInput{
		ImageId: aws.String(ec2test.DefaultEBSImage), MinCount: aws.Int32(2), MaxCount: aws.Int32(2),
		KeyName: aws.String("gsg-keypair"), SecurityGroups: []string{"web"}, InstanceType: types.InstanceTypeM3Medium,
		Placement: &types.Placement{AvailabilityZone: aws.String("us-east-1b")}, UserData: aws.String(userData),
		Monitoring: &types.RunInstancesMonitoringEnabled{Enabled: aws.Bool(true)}, EbsOptimized: aws.Bool(true),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeInstance,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("web")}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^r-[0-9a-f]{17}$`).MatchString(aws.ToString(out.ReservationId)) || aws.ToString(out.OwnerId) != "111122223333" {
		t.Errorf("reservation %q owner %q", aws.ToString(out.ReservationId), aws.ToString(out.OwnerId))
	}
	if diff := cmp.Diff([]string{"pending", "pending"}, states(out.Instances)); diff != "" {
		t.Errorf("RunInstances states (-want +got):\n%s", diff)
	}
	var ids []string
	for _, inst := range out.Instances {
		ids = append(ids, aws.ToString(inst.InstanceId))
	}
	insts := describe(t, c, ids...)
	if diff := cmp.Diff([]string{"running", "running"}, states(insts)); diff != "" {
		t.Errorf("next describe (-want +got):\n%s", diff)
	}
	for i, inst := range insts {
		got := []any{aws.ToString(inst.ImageId), string(inst.InstanceType), aws.ToString(inst.KeyName),
			aws.ToString(inst.Placement.AvailabilityZone), string(inst.Monitoring.State), aws.ToBool(inst.EbsOptimized),
			aws.ToString(inst.SecurityGroups[0].GroupName), aws.ToString(inst.SecurityGroups[0].GroupId), aws.ToInt32(inst.AmiLaunchIndex),
			string(inst.RootDeviceType), aws.ToString(inst.RootDeviceName), aws.ToString(inst.Tags[0].Value)}
		want := []any{ec2test.DefaultEBSImage, "m3.medium", "gsg-keypair", "us-east-1b", "enabled", true, "web", aws.ToString(sg.GroupId),
			int32(i), "ebs", "/dev/xvda", "web"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("instance %d (-want +got):\n%s", i, diff)
		}
		if !instanceIDPattern.MatchString(aws.ToString(inst.InstanceId)) || !publicDNSPattern.MatchString(aws.ToString(inst.PublicDnsName)) ||
			!privateDNSPattern.MatchString(aws.ToString(inst.PrivateDnsName)) || aws.ToString(inst.PublicIpAddress) == "" {
			t.Errorf("instance %d: id %q dns %q private %q ip %q", i, aws.ToString(inst.InstanceId), aws.ToString(inst.PublicDnsName),
				aws.ToString(inst.PrivateDnsName), aws.ToString(inst.PublicIpAddress))
		}
		if len(inst.BlockDeviceMappings) != 1 || aws.ToString(inst.BlockDeviceMappings[0].DeviceName) != "/dev/xvda" ||
			!aws.ToBool(inst.BlockDeviceMappings[0].Ebs.DeleteOnTermination) {
			t.Errorf("instance %d block devices: %+v", i, inst.BlockDeviceMappings)
		}
	}
	attr, err := c.DescribeInstanceAttribute(t.Context(), &awsec2.DescribeInstanceAttributeInput{
		InstanceId: aws.String(ids[0]), Attribute: types.InstanceAttributeNameUserData})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(attr.UserData.Value); got != userData {
		t.Errorf("userData = %q, want %q", got, userData)
	}
}

func TestRunInstancesErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	srv.AddImage("us-east-1", ec2test.Image{ID: "ami-0123456789abcdef0", Owner: "444455556666"})
	tests := []struct {
		name           string
		in             awsec2.RunInstancesInput
		code, contains string
	}{
		{"unknown image", awsec2.RunInstancesInput{ImageId: aws.String("ami-00000000000000000")}, "InvalidAMIID.NotFound", "ami-00000000000000000"},
		{"malformed image", awsec2.RunInstancesInput{ImageId: aws.String("ami-xyz")}, "InvalidAMIID.Malformed", "ami-xyz"},
		{"private image of another account", awsec2.RunInstancesInput{ImageId: aws.String("ami-0123456789abcdef0")}, "InvalidAMIID.NotFound", ""},
		{"zone of another region", awsec2.RunInstancesInput{Placement: &types.Placement{AvailabilityZone: aws.String("eu-west-1a")}},
			"InvalidParameterValue", "eu-west-1a"},
		{"bad user data", awsec2.RunInstancesInput{UserData: aws.String("not base64!")}, "InvalidParameterValue", "BASE64"},
		{"max below min", awsec2.RunInstancesInput{MinCount: aws.Int32(3), MaxCount: aws.Int32(2)}, "InvalidParameterValue", "maxCount"},
		{"unknown snapshot", awsec2.RunInstancesInput{BlockDeviceMappings: []types.BlockDeviceMapping{{DeviceName: aws.String("/dev/sdf"),
			Ebs: &types.EbsBlockDevice{SnapshotId: aws.String("snap-00000000000000000")}}}}, "InvalidSnapshot.NotFound", ""},
		{"root smaller than image", awsec2.RunInstancesInput{BlockDeviceMappings: []types.BlockDeviceMapping{{DeviceName: aws.String("/dev/xvda"),
			Ebs: &types.EbsBlockDevice{VolumeSize: aws.Int32(4)}}}}, "InvalidParameterValue", "smaller"},
		{"unknown group name", awsec2.RunInstancesInput{SecurityGroups: []string{"nope"}}, "InvalidGroup.NotFound", "nope"},
		{"unknown group ID", awsec2.RunInstancesInput{SecurityGroupIds: []string{"sg-00000000000000000"}}, "InvalidGroup.NotFound", "sg-00000000000000000"},
		{"malformed group ID", awsec2.RunInstancesInput{SecurityGroupIds: []string{"sg-xyz"}}, "InvalidGroupId.Malformed", "sg-xyz"},
		{"unknown key pair", awsec2.RunInstancesInput{KeyName: aws.String("nokey")}, "InvalidKeyPair.NotFound", "nokey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if in.ImageId == nil {
				in.ImageId = aws.String(ec2test.DefaultEBSImage)
			}
			if in.MinCount == nil {
				in.MinCount, in.MaxCount = aws.Int32(1), aws.Int32(1)
			}
			_, err := c.RunInstances(t.Context(), &in)
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
	if n := len(srv.Instances("111122223333", "us-east-1")); n != 0 {
		t.Errorf("%d instances launched by failed calls", n)
	}
}

func TestRunInstancesClientToken(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	in := func() *awsec2.RunInstancesInput {
		return &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage), MinCount: aws.Int32(1), MaxCount: aws.Int32(3),
			ClientToken: aws.String("retry-me-1")}
	}
	first := run(t, c, in())
	second := run(t, c, in())
	if len(first) != 3 {
		t.Fatalf("launched %d, want 3", len(first))
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("retried RunInstances (-first +second):\n%s", diff)
	}
	if n := len(srv.Instances("111122223333", "us-east-1")); n != 3 {
		t.Errorf("%d instances after a retry, want 3", n)
	}
	other := run(t, c, &awsec2.RunInstancesInput{ClientToken: aws.String("retry-me-2")})
	if slices.Contains(first, other[0]) {
		t.Errorf("a new token reused instance %s", other[0])
	}
}

func TestInstanceStateMachine(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	id := run(t, c, nil)[0]
	state := func() string { return states(describe(t, c, id))[0] }
	type change struct{ prev, cur string }
	do := func(op func() ([]types.InstanceStateChange, error)) change {
		t.Helper()
		sc, err := op()
		if err != nil {
			t.Fatal(err)
		}
		return change{string(sc[0].PreviousState.Name), string(sc[0].CurrentState.Name)}
	}
	ids := []string{id}
	stop := func() ([]types.InstanceStateChange, error) {
		out, err := c.StopInstances(t.Context(), &awsec2.StopInstancesInput{InstanceIds: ids})
		if err != nil {
			return nil, err
		}
		return out.StoppingInstances, nil
	}
	start := func() ([]types.InstanceStateChange, error) {
		out, err := c.StartInstances(t.Context(), &awsec2.StartInstancesInput{InstanceIds: ids})
		if err != nil {
			return nil, err
		}
		return out.StartingInstances, nil
	}
	terminate := func() ([]types.InstanceStateChange, error) {
		out, err := c.TerminateInstances(t.Context(), &awsec2.TerminateInstancesInput{InstanceIds: ids})
		if err != nil {
			return nil, err
		}
		return out.TerminatingInstances, nil
	}
	var got []string
	note := func(s string) { got = append(got, s) }

	note(state()) // pending
	_, err := stop()
	checkAPIError(t, err, "IncorrectInstanceState", id)
	if n := srv.Step(); n != 1 {
		t.Errorf("Step moved %d, want 1", n)
	}
	note(state()) // running
	if dns := aws.ToString(describe(t, c, id)[0].PublicDnsName); dns == "" {
		t.Error("running instance has no public DNS name")
	}
	c1 := do(stop)
	note(state()) // stopping
	srv.Step()
	note(state()) // stopped
	if ip := aws.ToString(describe(t, c, id)[0].PublicIpAddress); ip != "" {
		t.Errorf("stopped instance keeps public IP %s", ip)
	}
	c2 := do(stop) // stopped -> stopped
	c3 := do(start)
	note(state()) // pending
	_, err = start()
	if err != nil {
		t.Fatal(err)
	}
	srv.Step()
	note(state()) // running
	if _, err := c.RebootInstances(t.Context(), &awsec2.RebootInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	c4 := do(terminate)
	note(state()) // shutting-down
	_, err = start()
	checkAPIError(t, err, "IncorrectInstanceState", "started")
	srv.Step()
	note(state()) // terminated
	c5 := do(terminate)
	if n := srv.Step(); n != 0 {
		t.Errorf("Step moved %d after everything settled", n)
	}
	_, err = c.RebootInstances(t.Context(), &awsec2.RebootInstancesInput{InstanceIds: ids})
	checkAPIError(t, err, "IncorrectInstanceState", "rebooted")

	want := []string{"pending", "running", "stopping", "stopped", "pending", "running", "shutting-down", "terminated"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	wantChanges := []change{{"running", "stopping"}, {"stopped", "stopped"}, {"stopped", "pending"}, {"running", "shutting-down"}, {"terminated", "terminated"}}
	if diff := cmp.Diff(wantChanges, []change{c1, c2, c3, c4, c5}, cmp.AllowUnexported(change{})); diff != "" {
		t.Errorf("state changes (-want +got):\n%s", diff)
	}
	if vols := srv.Volumes("111122223333", "us-east-1"); len(vols) != 0 {
		t.Errorf("root volume survived termination: %+v", vols)
	}
}

func TestInstanceIDErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	run(t, c, nil)
	tests := []struct {
		name           string
		ids            []string
		code, contains string
	}{
		{"malformed", []string{"i-123"}, "InvalidInstanceID.Malformed", "i-123"},
		{"not hex", []string{"i-0123456789abcdefg"}, "InvalidInstanceID.Malformed", ""},
		{"unknown", []string{"i-0123456789abcdef0"}, "InvalidInstanceID.NotFound", "i-0123456789abcdef0"},
		{"two unknown", []string{"i-0123456789abcdef0", "i-12345678"}, "InvalidInstanceID.NotFound", "i-0123456789abcdef0, i-12345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DescribeInstances(t.Context(), &awsec2.DescribeInstancesInput{InstanceIds: tt.ids})
			checkAPIError(t, err, tt.code, tt.contains)
			_, err = c.StopInstances(t.Context(), &awsec2.StopInstancesInput{InstanceIds: tt.ids})
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
}

func TestDescribeInstancesFiltersAndPaging(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	small := run(t, c, &awsec2.RunInstancesInput{MinCount: aws.Int32(4), MaxCount: aws.Int32(4)})
	large := run(t, c, &awsec2.RunInstancesInput{MinCount: aws.Int32(3), MaxCount: aws.Int32(3), InstanceType: types.InstanceTypeM1Large,
		Placement: &types.Placement{AvailabilityZone: aws.String("us-east-1c")}})
	if _, err := c.CreateTags(t.Context(), &awsec2.CreateTagsInput{Resources: large[:2],
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StopInstances(t.Context(), &awsec2.StopInstancesInput{InstanceIds: small[:1]}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fs   []types.Filter
		want []string
	}{
		{"instance-type", []types.Filter{filter("instance-type", "m1.large")}, large},
		{"availability-zone", []types.Filter{filter("availability-zone", "us-east-1a")}, small},
		{"state", []types.Filter{filter("instance-state-name", "stopped")}, small[:1]},
		{"state code", []types.Filter{filter("instance-state-code", "16")}, append(slices.Clone(small[1:]), large...)},
		{"instance-id", []types.Filter{filter("instance-id", small[2], large[0])}, []string{small[2], large[0]}},
		{"tag", []types.Filter{filter("tag:env", "prod")}, large[:2]},
		{"tag wildcard", []types.Filter{filter("tag:env", "pr*")}, large[:2]},
		{"tag-key", []types.Filter{filter("tag-key", "env")}, large[:2]},
		{"tag and type", []types.Filter{filter("tag:env", "prod"), filter("instance-type", "m1.small")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, filteredIDs(t, c, tt.fs...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("paging", func(t *testing.T) {
		var got []string
		var reservations []string
		pages := 0
		p := awsec2.NewDescribeInstancesPaginator(c, &awsec2.DescribeInstancesInput{MaxResults: aws.Int32(5)})
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, r := range out.Reservations {
				reservations = append(reservations, aws.ToString(r.ReservationId))
				for _, inst := range r.Instances {
					got = append(got, aws.ToString(inst.InstanceId))
				}
			}
		}
		if diff := cmp.Diff(append(slices.Clone(small), large...), got); diff != "" {
			t.Errorf("paged instances (-want +got):\n%s", diff)
		}
		// Page one holds the first reservation and one instance of the
		// second; page two the rest of the second.
		if pages != 2 || len(reservations) != 3 || reservations[1] != reservations[2] {
			t.Errorf("%d pages, reservations %v", pages, reservations)
		}
	})
	t.Run("bad MaxResults", func(t *testing.T) {
		_, err := c.DescribeInstances(t.Context(), &awsec2.DescribeInstancesInput{MaxResults: aws.Int32(4)})
		checkAPIError(t, err, "InvalidParameterValue", "maxResults")
	})
	t.Run("bad filter", func(t *testing.T) {
		_, err := c.DescribeInstances(t.Context(), &awsec2.DescribeInstancesInput{Filters: []types.Filter{filter("colour", "red")}})
		checkAPIError(t, err, "InvalidParameterValue", "colour")
	})
}

func TestInstanceAttributes(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	id := run(t, c, nil)[0]
	ctx := t.Context()

	// A data volume switched to delete-on-termination while running.
	vol, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: vol.VolumeId, InstanceId: aws.String(id), Device: aws.String("/dev/sdh")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		BlockDeviceMappings: []types.InstanceBlockDeviceMappingSpecification{{DeviceName: aws.String("/dev/sdh"),
			Ebs: &types.EbsInstanceBlockDeviceSpecification{DeleteOnTermination: aws.Bool(true)}}}}); err != nil {
		t.Fatal(err)
	}
	attr, err := c.DescribeInstanceAttribute(ctx, &awsec2.DescribeInstanceAttributeInput{InstanceId: aws.String(id),
		Attribute: types.InstanceAttributeNameBlockDeviceMapping})
	if err != nil {
		t.Fatal(err)
	}
	var devs []string
	for _, m := range attr.BlockDeviceMappings {
		devs = append(devs, aws.ToString(m.DeviceName)+"="+strings.TrimSpace(map[bool]string{true: "delete", false: "keep"}[aws.ToBool(m.Ebs.DeleteOnTermination)]))
	}
	if diff := cmp.Diff([]string{"/dev/sdh=delete", "/dev/xvda=delete"}, devs); diff != "" {
		t.Errorf("block devices (-want +got):\n%s", diff)
	}

	_, err = c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		BlockDeviceMappings: []types.InstanceBlockDeviceMappingSpecification{{DeviceName: aws.String("/dev/sdz"),
			Ebs: &types.EbsInstanceBlockDeviceSpecification{DeleteOnTermination: aws.Bool(true)}}}})
	checkAPIError(t, err, "InvalidInstanceAttributeValue", "/dev/sdz")
	_, err = c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		InstanceType: &types.AttributeValue{Value: aws.String("m1.large")}})
	checkAPIError(t, err, "IncorrectInstanceState", "stopped")

	// disableApiTermination protects the instance.
	if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		DisableApiTermination: &types.AttributeBooleanValue{Value: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: []string{id}})
	checkAPIError(t, err, "OperationNotPermitted", "disableApiTermination")

	// Stopped, the type may change.
	if _, err := c.StopInstances(ctx, &awsec2.StopInstancesInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		InstanceType: &types.AttributeValue{Value: aws.String("m1.large")}}); err != nil {
		t.Fatal(err)
	}
	attr, err = c.DescribeInstanceAttribute(ctx, &awsec2.DescribeInstanceAttributeInput{InstanceId: aws.String(id),
		Attribute: types.InstanceAttributeNameInstanceType})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(attr.InstanceType.Value); got != "m1.large" {
		t.Errorf("instanceType = %q", got)
	}
	if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		DisableApiTermination: &types.AttributeBooleanValue{Value: aws.Bool(false)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	if vols := srv.Volumes("111122223333", "us-east-1"); len(vols) != 0 {
		t.Errorf("delete-on-termination volumes survived: %+v", vols)
	}
}

func TestMonitoringAndConsole(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	id := run(t, c, nil)[0]
	srv.Step()
	out, err := c.MonitorInstances(t.Context(), &awsec2.MonitorInstancesInput{InstanceIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	monitoring := func() string { return string(describe(t, c, id)[0].Monitoring.State) }
	got := []string{string(out.InstanceMonitorings[0].Monitoring.State), monitoring()}
	srv.Step()
	got = append(got, monitoring())
	un, err := c.UnmonitorInstances(t.Context(), &awsec2.UnmonitorInstancesInput{InstanceIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Step()
	got = append(got, string(un.InstanceMonitorings[0].Monitoring.State), monitoring())
	if diff := cmp.Diff([]string{"pending", "pending", "enabled", "disabling", "disabled"}, got); diff != "" {
		t.Errorf("monitoring states (-want +got):\n%s", diff)
	}

	con, err := c.GetConsoleOutput(t.Context(), &awsec2.GetConsoleOutputInput{InstanceId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	text, err := base64.StdEncoding.DecodeString(aws.ToString(con.Output))
	if err != nil || !strings.Contains(string(text), id) {
		t.Errorf("console output %q (%v)", text, err)
	}
	_, err = c.GetConsoleOutput(t.Context(), &awsec2.GetConsoleOutputInput{InstanceId: aws.String("i-00000000000000000")})
	checkAPIError(t, err, "InvalidInstanceID.NotFound", "")
}
