package ec2_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// typeNames collects the names InstanceTypes yields for f.
func typeNames(t *testing.T, conn *ec2.Conn, f ec2.Filter, opts ...ec2.ListOption) []string {
	t.Helper()
	var out []string
	for it, err := range conn.InstanceTypes(t.Context(), f, opts...) {
		if err != nil {
			t.Fatalf("InstanceTypes(%v): %v", f, err)
		}
		out = append(out, it.Name)
	}
	return out
}

// EC2 API Reference, DescribeInstanceTypes: Filter.N names such as
// processor-info.supported-architecture, vcpu-info.default-vcpus,
// instance-storage-info.disk.count and network-info.network-performance
// select types; MaxResults is 5-100.
func TestInstanceTypesFilters(t *testing.T) {
	_, conn := startFake(t)
	all := typeNames(t, conn, nil)
	if len(all) < 40 {
		t.Fatalf("the catalog lists %d types; want a few dozen", len(all))
	}
	if diff := cmp.Diff(all, typeNames(t, conn, nil, ec2.PageSize(5))); diff != "" {
		t.Errorf("paged by 5 (-whole +paged):\n%s", diff)
	}
	tests := []struct {
		name string
		f    ec2.Filter
		want []string
	}{
		{"arm64 with 8 vCPUs", ec2.Filter{"processor-info.supported-architecture": {"arm64"}, "vcpu-info.default-vcpus": {"8"}},
			[]string{"c7g.2xlarge", "m7g.2xlarge"}},
		{"one 75 GB disk", ec2.Filter{"instance-storage-info.disk.count": {"1"}, "instance-storage-info.disk.size-in-gb": {"75"}},
			[]string{"m5d.large"}},
		{"hdd stores of d3", ec2.Filter{"instance-storage-info.disk.type": {"hdd"}, "instance-type": {"d3.*"}},
			[]string{"d3.xlarge", "d3.2xlarge", "d3.4xlarge", "d3.8xlarge"}},
		{"16 GiB burstable x86", ec2.Filter{"memory-info.size-in-mib": {"16384"}, "burstable-performance-supported": {"true"},
			"processor-info.supported-architecture": {"x86_64"}}, []string{"t3.xlarge"}},
		{"network 25 Gigabit", ec2.Filter{"network-info.network-performance": {"25 Gigabit"}},
			[]string{"d3.8xlarge", "m5.24xlarge"}},
		{"EBS optimisation unsupported", ec2.Filter{"ebs-info.ebs-optimized-support": {"unsupported"}},
			[]string{"m1.medium", "m1.small", "m3.large", "m3.medium"}},
		{"previous generation i386", ec2.Filter{"current-generation": {"false"}, "processor-info.supported-architecture": {"i386"}},
			[]string{"m1.medium", "m1.small", "m3.medium"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := typeNames(t, conn, tt.f)
			if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestInstanceTypeRefresh(t *testing.T) {
	_, conn := startFake(t)
	it := conn.InstanceType("m5d.large")
	if err := it.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := &ec2.InstanceType{Name: "m5d.large", VCPUs: 2, Cores: 1, ThreadsPerCore: 2, MemoryMiB: 8192,
		Architectures: []string{"x86_64"}, ClockGHz: 3.1, CurrentGeneration: true, Hypervisor: "nitro", EBSOptimized: "default",
		InstanceStore: ec2.InstanceStore{Count: 1, SizeGB: 75, Type: "ssd", TotalGB: 75, NVMe: "required"},
		Network:       "Up to 10 Gigabit", MaxENIs: 3}
	if diff := cmp.Diff(want, it, cmpopts.IgnoreUnexported(ec2.InstanceType{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// EC2 answers a name it does not have with InvalidInstanceType.
	wantCode(t, conn.InstanceType("m9.large").Refresh(t.Context()), "InvalidInstanceType")
	wantValidation(t, conn.InstanceType("").Refresh(t.Context()), "InstanceType")
	var nilType *ec2.InstanceType
	wantValidation(t, nilType.Refresh(t.Context()), "InstanceType")
	// A filter EC2 documents that the catalog cannot answer is refused,
	// not ignored; a name EC2 does not document is InvalidParameterValue.
	for _, err := range conn.InstanceTypes(t.Context(), ec2.Filter{"nitro-tpm-support": {"supported"}}) {
		wantCode(t, err, "UnsupportedOperation")
	}
	for _, err := range conn.InstanceTypes(t.Context(), ec2.Filter{"colour": {"blue"}}) {
		wantCode(t, err, "InvalidParameterValue")
	}
	for _, err := range conn.InstanceTypes(t.Context(), nil, ec2.PageSize(101)) {
		wantValidation(t, err, "PageSize")
	}
}

// The catalog drives RunOptions' local checks: a size its family lacks,
// a malformed name, and an instance-store name the type lacks are
// refused before anything is sent.
func TestRunInstanceTypeRules(t *testing.T) {
	eph := func(dev, name string) ec2.BlockDeviceMapping { return ec2.BlockDeviceMapping{dev: {Ephemeral: name}} }
	tests := []struct {
		name  string
		opts  ec2.RunOptions
		field string
	}{
		{"size the family lacks", ec2.RunOptions{InstanceType: "t3.huge"}, "InstanceType"},
		{"no size", ec2.RunOptions{InstanceType: "t3"}, "InstanceType"},
		{"three parts", ec2.RunOptions{InstanceType: "t3.micro.x"}, "InstanceType"},
		{"ephemeral2 on one disk", ec2.RunOptions{InstanceType: "m5d.large", BlockDevices: eph("/dev/sdc", "ephemeral2")}, "BlockDeviceMapping[/dev/sdc]"},
		{"ephemeral1 on m1.small", ec2.RunOptions{InstanceType: "m1.small", BlockDevices: eph("/dev/sdb", "ephemeral1")}, "BlockDeviceMapping[/dev/sdb]"},
		{"ephemeral0 without a store", ec2.RunOptions{InstanceType: "t3.micro", BlockDevices: eph("/dev/sdb", "ephemeral0")}, "BlockDeviceMapping[/dev/sdb]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			tt.opts.ImageID = testImage
			_, err := conn.RunInstances(t.Context(), tt.opts)
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
	// A family the catalog does not hold is EC2's to judge.
	conn, rec := recordingConn(t)
	_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: testImage, InstanceType: "p5.48xlarge"})
	wantCode(t, err, "Recorded")
	if got := rec.requests()[0].Get("InstanceType"); got != "p5.48xlarge" {
		t.Errorf("InstanceType sent = %q", got)
	}
}

// Image.Run knows a described image's architecture, so an arm64 type for
// an x86_64 image is refused locally; a handle never described sends the
// launch, and the fake refuses it as EC2 does.
func TestImageRunArchitecture(t *testing.T) {
	srv, conn := startFake(t)
	img := conn.Image(ec2test.DefaultEBSImage)
	_, err := img.Run(t.Context(), ec2.RunOptions{InstanceType: "t4g.micro"})
	wantCode(t, err, "InvalidParameterValue")
	if !strings.Contains(err.Error(), "architecture 'arm64'") {
		t.Errorf("err = %v; want the architectures named", err)
	}
	if err := img.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	_, err = img.Run(t.Context(), ec2.RunOptions{InstanceType: "m7g.large"})
	wantValidation(t, err, "InstanceType")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("sent %v; want nothing", got)
	}
	if _, err := img.Run(t.Context(), ec2.RunOptions{InstanceType: "m6i.large"}); err != nil {
		t.Errorf("x86_64 type: %v", err)
	}
}

// The fake refuses what the client lets through to EC2: a type outside
// the catalog, and the instance-store and architecture rules when sent
// by a client that does not check them.
func TestRunInstanceTypeFake(t *testing.T) {
	srv, conn := startFake(t)
	_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "zz9.large"})
	wantCode(t, err, "InvalidParameterValue")
	r, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "i3.4xlarge",
		BlockDevices: ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral0"}, "/dev/sdc": {Ephemeral: "ephemeral1"}}})
	if err != nil {
		t.Fatalf("two disks of i3.4xlarge: %v", err)
	}
	if got := r.Instances[0].Type; got != "i3.4xlarge" {
		t.Errorf("Type = %q", got)
	}
	// EC2 API Reference, BlockDeviceMapping, VirtualName: a type with two
	// instance-store volumes maps ephemeral0 and ephemeral1; EC2's
	// default type, m1.small, has one.
	_, err = conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage,
		BlockDevices: ec2.BlockDeviceMapping{"/dev/sdc": {Ephemeral: "ephemeral1"}}})
	wantCode(t, err, "InvalidBlockDeviceMapping")
	insts := srv.Instances(fake.TestAccountID, "us-east-1")
	if !slices.ContainsFunc(insts, func(i ec2test.InstanceInfo) bool { return i.Type == "i3.4xlarge" }) {
		t.Errorf("the fake holds %v", insts)
	}
}
