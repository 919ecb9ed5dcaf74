package ec2

import (
	"context"
	"iter"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2/internal/instancetypes"
	"github.com/goboto/goboto/internal/blockdevice"
	"github.com/goboto/goboto/internal/core"
)

// InstanceType is a handle on an instance type ("m5.large"): what
// DescribeInstanceTypes says about it. Conn.InstanceType makes one that
// knows only its name; Refresh and InstanceTypes fill in the rest.
type InstanceType struct {
	conn *Conn

	Name              string
	VCPUs             int32
	Cores             int32
	ThreadsPerCore    int32
	MemoryMiB         int64
	Architectures     []string // "x86_64", "arm64", "i386"
	ClockGHz          float64  // sustained clock speed
	CurrentGeneration bool
	Burstable         bool
	Hypervisor        string // nitro or xen
	// EBSOptimized is "default" (always), "supported" (on request) or
	// "unsupported".
	EBSOptimized string
	// InstanceStore lists the instance-store disks; Count 0 when the type
	// has none. Mapping "ephemeralN" is valid for N below Count.
	InstanceStore InstanceStore
	Network       string // "Up to 12.5 Gigabit", "Moderate", ...
	MaxENIs       int32  // network interfaces
}

// InstanceStore is an instance type's instance-store disks.
type InstanceStore struct {
	Count   int32
	SizeGB  int64  // each disk
	Type    string // ssd or hdd
	TotalGB int64
	NVMe    string // required, supported or unsupported
}

// InstanceType returns a handle on the instance type name. It does no I/O.
func (c *Conn) InstanceType(name string) *InstanceType { return &InstanceType{conn: c, Name: name} }

// Conn returns the connection the handle belongs to.
func (t *InstanceType) Conn() *Conn { return t.conn }

// String returns "InstanceType:<name>".
func (t *InstanceType) String() string { return "InstanceType:" + t.Name }

func (t *InstanceType) set(x types.InstanceTypeInfo) {
	*t = InstanceType{conn: t.conn, Name: string(x.InstanceType),
		CurrentGeneration: aws.ToBool(x.CurrentGeneration), Burstable: aws.ToBool(x.BurstablePerformanceSupported),
		Hypervisor: string(x.Hypervisor)}
	if p := x.ProcessorInfo; p != nil {
		for _, a := range p.SupportedArchitectures {
			t.Architectures = append(t.Architectures, string(a))
		}
		t.ClockGHz = aws.ToFloat64(p.SustainedClockSpeedInGhz)
	}
	if v := x.VCpuInfo; v != nil {
		t.VCPUs, t.Cores, t.ThreadsPerCore = aws.ToInt32(v.DefaultVCpus), aws.ToInt32(v.DefaultCores), aws.ToInt32(v.DefaultThreadsPerCore)
	}
	if m := x.MemoryInfo; m != nil {
		t.MemoryMiB = aws.ToInt64(m.SizeInMiB)
	}
	if e := x.EbsInfo; e != nil {
		t.EBSOptimized = string(e.EbsOptimizedSupport)
	}
	if s := x.InstanceStorageInfo; s != nil {
		t.InstanceStore.TotalGB, t.InstanceStore.NVMe = aws.ToInt64(s.TotalSizeInGB), string(s.NvmeSupport)
		for _, d := range s.Disks {
			t.InstanceStore.Count += aws.ToInt32(d.Count)
			t.InstanceStore.SizeGB, t.InstanceStore.Type = aws.ToInt64(d.SizeInGB), string(d.Type)
		}
	}
	if n := x.NetworkInfo; n != nil {
		t.Network, t.MaxENIs = aws.ToString(n.NetworkPerformance), aws.ToInt32(n.MaximumNetworkInterfaces)
	}
}

// Refresh reads the type's description (DescribeInstanceTypes). A name
// EC2 does not have fails with InvalidInstanceType.
func (t *InstanceType) Refresh(ctx context.Context) error {
	if t == nil || t.conn == nil {
		return goboto.Invalid("InstanceType", "", "is a nil handle or has no connection")
	}
	client, err := t.conn.api()
	if err != nil {
		return err
	}
	if t.Name == "" {
		return goboto.Invalid("InstanceType", "", "is required")
	}
	out, err := client.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{InstanceTypes: []types.InstanceType{types.InstanceType(t.Name)}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.InstanceTypes {
		if string(x.InstanceType) == t.Name {
			t.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeInstanceTypes", "InvalidInstanceType", "instance type", t.Name)
}

// InstanceTypes lists the instance types offered in the connection's
// region that match f, every one when f is empty (DescribeInstanceTypes),
// fetching pages as the loop needs them. Filters are EC2's:
// "processor-info.supported-architecture", "vcpu-info.default-vcpus",
// "memory-info.size-in-mib", "instance-storage-info.disk.count",
// "network-info.network-performance", "current-generation", ... It takes
// PageSize, 5-100.
//
//	for t, err := range conn.InstanceTypes(ctx, ec2.Filter{"processor-info.supported-architecture": {"arm64"}}) { ... }
func (c *Conn) InstanceTypes(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*InstanceType, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeInstanceTypes", lo: 5, hi: 100}, opts)
	if err != nil {
		return fail[*InstanceType](err)
	}
	return func(yield func(*InstanceType, error) bool) {
		p := ec2.NewDescribeInstanceTypesPaginator(client, &ec2.DescribeInstanceTypesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeInstanceTypesOutput) []types.InstanceTypeInfo { return o.InstanceTypes },
			func(x types.InstanceTypeInfo) *InstanceType { t := c.InstanceType(""); t.set(x); return t })
	}
}

// knownType looks name up in goboto's catalog of common instance types
// (the one ec2test serves). A name that is not family.size, or whose
// family the catalog holds but not that size ("t3.huge"), is refused; a
// family the catalog does not hold is left for EC2 to judge, as the
// catalog is not every type EC2 has. ok is false when the catalog cannot
// tell.
func knownType(field, name string) (t instancetypes.Type, ok bool, err error) {
	fam, size, cut := strings.Cut(name, ".")
	if !cut || fam == "" || size == "" || strings.Contains(size, ".") {
		return t, false, goboto.Invalid(field, name, "is not an instance type such as t3.micro")
	}
	if t, ok := instancetypes.Lookup(name); ok {
		return t, true, nil
	}
	for _, other := range instancetypes.All() {
		if strings.HasPrefix(other.Name, fam+".") {
			return t, false, goboto.Invalid(field, name, "is not a size of the "+fam+" family")
		}
	}
	return t, false, nil
}

// checkLaunchType checks an instance type of the catalog against the
// block-device mapping's instance-store names and, when known (arch not
// ""), the image's architecture.
func checkLaunchType(field, name, arch string, bdm BlockDeviceMapping) error {
	if name == "" {
		// EC2's default type (m1.small by the API reference) is not
		// offered everywhere any more; what it means is EC2's to judge.
		return nil
	}
	t, ok, err := knownType(field, name)
	if err != nil || !ok {
		return err
	}
	if arch != "" && !t.Supports(arch) {
		return goboto.Invalid(field, name, "runs "+strings.Join(t.Architectures, ", ")+", not the image's "+arch)
	}
	for _, dev := range blockdevice.Devices(bdm) {
		e := bdm[dev].Ephemeral
		if e == "" {
			continue
		}
		if n, ok := instancetypes.EphemeralIndex(e); ok && n >= t.Store.Disks {
			rule := "has no instance store volumes"
			if t.Store.Disks > 0 {
				rule = "has instance store volumes ephemeral0 to ephemeral" + strconv.Itoa(t.Store.Disks-1) + " only"
			}
			return goboto.Invalid("BlockDeviceMapping["+dev+"]", e, name+" "+rule)
		}
	}
	return nil
}
