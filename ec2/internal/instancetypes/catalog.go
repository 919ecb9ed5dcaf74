// Package instancetypes is the catalog of EC2 instance types that the ec2
// client's local checks and the ec2test fake both read, so a type, an
// architecture or an instance-store device refused locally is refused by
// the fake for the same reason.
//
// The catalog is realistic, not exhaustive: a few dozen common types of
// the t3, t4g, m5, m5d, m6i, m7g, c5, c6i, c7g, r6i, i3 and d3 families,
// and the previous-generation m1 and m3 types older tools still name
// (m1.small is EC2's default type). The figures are those of the EC2
// Instance Types pages ("Amazon EC2 instance type specifications").
package instancetypes

import "slices"

// Type is one instance type's description, as DescribeInstanceTypes
// reports it.
type Type struct {
	Name           string
	VCPUs          int
	Cores          int
	ThreadsPerCore int
	MemoryMiB      int
	Architectures  []string // "i386", "x86_64", "arm64"
	ClockGHz       float64  // sustained clock speed
	// EBSOptimized is "default" (always on), "supported" (on request) or
	// "unsupported".
	EBSOptimized string
	// Store is the instance-store volumes; zero Disks when there are none.
	Store   Store
	Network string // "Up to 12.5 Gigabit", "Moderate", ...
	// MaxENIs and IPv4PerENI are the network interface limits.
	MaxENIs, IPv4PerENI int
	Burstable           bool
	CurrentGeneration   bool
	FreeTier            bool
	Hypervisor          string   // "nitro" or "xen"
	Virtualization      []string // "hvm", "paravirtual"
}

// Store is a type's instance-store disks.
type Store struct {
	Disks  int
	SizeGB int    // each disk
	Kind   string // "ssd" or "hdd"
	NVMe   string // "required", "supported" or "unsupported"
}

// TotalGB is the instance store's total size.
func (s Store) TotalGB() int { return s.Disks * s.SizeGB }

// Default is the type EC2 launches when RunInstances names none (EC2 API
// Reference, RunInstances, InstanceType: "Default: m1.small").
const Default = "m1.small"

// All returns the catalog, sorted by name. Each call returns a fresh
// copy, which the caller may change.
func All() []Type {
	var out []Type
	x86, arm := []string{"x86_64"}, []string{"arm64"}
	hvm := []string{"hvm"}
	add := func(t Type) {
		if t.Hypervisor == "" {
			t.Hypervisor = "nitro"
		}
		if t.Virtualization == nil {
			t.Virtualization = hvm
		}
		if t.EBSOptimized == "" {
			t.EBSOptimized = "default"
		}
		if t.ThreadsPerCore == 0 {
			t.ThreadsPerCore = 2
		}
		if t.Cores == 0 {
			t.Cores = t.VCPUs / t.ThreadsPerCore
		}
		// Every Nitro type is of the current generation, and so is I3.
		t.CurrentGeneration = t.CurrentGeneration || t.Hypervisor == "nitro"
		t.Architectures = slices.Clone(t.Architectures)
		t.Virtualization = slices.Clone(t.Virtualization)
		out = append(out, t)
	}
	// size is one size of a family: its name, vCPUs, memory, network and
	// interface limits.
	type size struct {
		name              string
		vcpus, mib        int
		network           string
		enis, ipv4        int
		disks, diskGB     int
		threadsPerCoreOne bool
	}
	family := func(fam string, arch []string, ghz float64, burst bool, sizes ...size) {
		for _, s := range sizes {
			t := Type{Name: fam + "." + s.name, VCPUs: s.vcpus, MemoryMiB: s.mib, Architectures: arch, ClockGHz: ghz,
				Network: s.network, MaxENIs: s.enis, IPv4PerENI: s.ipv4, Burstable: burst}
			if s.threadsPerCoreOne {
				t.ThreadsPerCore = 1
			}
			if s.disks > 0 {
				t.Store = Store{Disks: s.disks, SizeGB: s.diskGB, Kind: "ssd", NVMe: "required"}
			}
			add(t)
		}
	}
	// Graviton types have one thread per core.
	const up5, up10, up12, up15 = "Up to 5 Gigabit", "Up to 10 Gigabit", "Up to 12.5 Gigabit", "Up to 15 Gigabit"
	family("t3", x86, 2.5, true,
		size{"nano", 2, 512, up5, 2, 2, 0, 0, false}, size{"micro", 2, 1024, up5, 2, 2, 0, 0, false},
		size{"small", 2, 2048, up5, 3, 4, 0, 0, false}, size{"medium", 2, 4096, up5, 3, 6, 0, 0, false},
		size{"large", 2, 8192, up5, 3, 12, 0, 0, false}, size{"xlarge", 4, 16384, up5, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 32768, up5, 4, 15, 0, 0, false})
	family("t4g", arm, 2.5, true,
		size{"nano", 2, 512, up5, 2, 2, 0, 0, true}, size{"micro", 2, 1024, up5, 2, 2, 0, 0, true},
		size{"small", 2, 2048, up5, 3, 4, 0, 0, true}, size{"medium", 2, 4096, up5, 3, 6, 0, 0, true},
		size{"large", 2, 8192, up5, 3, 12, 0, 0, true}, size{"xlarge", 4, 16384, up5, 4, 15, 0, 0, true})
	family("m5", x86, 3.1, false,
		size{"large", 2, 8192, up10, 3, 10, 0, 0, false}, size{"xlarge", 4, 16384, up10, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 32768, up10, 4, 15, 0, 0, false}, size{"4xlarge", 16, 65536, up10, 8, 30, 0, 0, false},
		size{"12xlarge", 48, 196608, "12 Gigabit", 8, 30, 0, 0, false}, size{"24xlarge", 96, 393216, "25 Gigabit", 15, 50, 0, 0, false})
	family("m5d", x86, 3.1, false,
		size{"large", 2, 8192, up10, 3, 10, 1, 75, false}, size{"xlarge", 4, 16384, up10, 4, 15, 1, 150, false},
		size{"2xlarge", 8, 32768, up10, 4, 15, 1, 300, false}, size{"4xlarge", 16, 65536, up10, 8, 30, 2, 300, false})
	family("m6i", x86, 3.5, false,
		size{"large", 2, 8192, up12, 3, 10, 0, 0, false}, size{"xlarge", 4, 16384, up12, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 32768, up12, 4, 15, 0, 0, false}, size{"4xlarge", 16, 65536, up12, 8, 30, 0, 0, false},
		size{"8xlarge", 32, 131072, "12.5 Gigabit", 8, 30, 0, 0, false})
	family("m7g", arm, 2.6, false,
		size{"medium", 1, 4096, up12, 2, 4, 0, 0, true}, size{"large", 2, 8192, up12, 3, 10, 0, 0, true},
		size{"xlarge", 4, 16384, up12, 4, 15, 0, 0, true}, size{"2xlarge", 8, 32768, up15, 4, 15, 0, 0, true})
	family("c5", x86, 3.4, false,
		size{"large", 2, 4096, up10, 3, 10, 0, 0, false}, size{"xlarge", 4, 8192, up10, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 16384, up10, 4, 15, 0, 0, false})
	family("c6i", x86, 3.5, false,
		size{"large", 2, 4096, up12, 3, 10, 0, 0, false}, size{"xlarge", 4, 8192, up12, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 16384, up12, 4, 15, 0, 0, false}, size{"4xlarge", 16, 32768, up12, 8, 30, 0, 0, false})
	family("c7g", arm, 2.6, false,
		size{"medium", 1, 2048, up12, 2, 4, 0, 0, true}, size{"large", 2, 4096, up12, 3, 10, 0, 0, true},
		size{"xlarge", 4, 8192, up12, 4, 15, 0, 0, true}, size{"2xlarge", 8, 16384, up15, 4, 15, 0, 0, true})
	family("r6i", x86, 3.5, false,
		size{"large", 2, 16384, up12, 3, 10, 0, 0, false}, size{"xlarge", 4, 32768, up12, 4, 15, 0, 0, false},
		size{"2xlarge", 8, 65536, up12, 4, 15, 0, 0, false})
	// I3 runs on Xen with NVMe SSDs.
	for _, s := range []size{
		{"large", 2, 15616, up10, 3, 10, 1, 475, false}, {"xlarge", 4, 31232, up10, 4, 15, 1, 950, false},
		{"2xlarge", 8, 62464, up10, 4, 15, 1, 1900, false}, {"4xlarge", 16, 124928, up10, 8, 30, 2, 1900, false},
	} {
		add(Type{Name: "i3." + s.name, VCPUs: s.vcpus, MemoryMiB: s.mib, Architectures: x86, ClockGHz: 2.3,
			Network: s.network, MaxENIs: s.enis, IPv4PerENI: s.ipv4, Hypervisor: "xen", CurrentGeneration: true,
			Store: Store{Disks: s.disks, SizeGB: s.diskGB, Kind: "ssd", NVMe: "required"}})
	}
	// D3's dense HDD storage.
	for _, s := range []size{
		{"xlarge", 4, 32768, up15, 4, 3, 3, 2000, false}, {"2xlarge", 8, 65536, up15, 4, 5, 6, 2000, false},
		{"4xlarge", 16, 131072, up15, 4, 10, 12, 2000, false}, {"8xlarge", 32, 262144, "25 Gigabit", 3, 20, 24, 2000, false},
	} {
		add(Type{Name: "d3." + s.name, VCPUs: s.vcpus, MemoryMiB: s.mib, Architectures: x86, ClockGHz: 3.1,
			Network: s.network, MaxENIs: s.enis, IPv4PerENI: s.ipv4,
			Store: Store{Disks: s.disks, SizeGB: s.diskGB, Kind: "hdd", NVMe: "required"}})
	}
	// Previous generation, on Xen, with SATA instance stores.
	prev := func(name string, vcpus, mib int, arch []string, ebs, network string, enis, ipv4 int, st Store) {
		add(Type{Name: name, VCPUs: vcpus, ThreadsPerCore: 1, MemoryMiB: mib, Architectures: arch, ClockGHz: 0,
			EBSOptimized: ebs, Network: network, MaxENIs: enis, IPv4PerENI: ipv4, Hypervisor: "xen",
			Virtualization: []string{"hvm", "paravirtual"}, Store: st})
	}
	both := []string{"i386", "x86_64"}
	prev("m1.small", 1, 1740, both, "unsupported", "Low", 2, 4, Store{1, 160, "hdd", "unsupported"})
	prev("m1.medium", 1, 3788, both, "unsupported", "Moderate", 2, 6, Store{1, 410, "hdd", "unsupported"})
	prev("m1.large", 2, 7680, x86, "supported", "Moderate", 3, 10, Store{2, 420, "hdd", "unsupported"})
	prev("m3.medium", 1, 3840, both, "unsupported", "Moderate", 2, 6, Store{1, 4, "ssd", "unsupported"})
	prev("m3.large", 2, 7680, x86, "unsupported", "Moderate", 3, 10, Store{1, 32, "ssd", "unsupported"})
	// The free tier's type where T2 is not offered (AWS Free Tier:
	// t2.micro or t3.micro, 750 hours a month).
	for i := range out {
		out[i].FreeTier = out[i].Name == "t3.micro"
	}
	slices.SortFunc(out, func(a, b Type) int { return compareNames(a.Name, b.Name) })
	return out
}

// compareNames orders "m5.large" before "m5.xlarge" before "m5.2xlarge",
// as people read them, family by family.
func compareNames(a, b string) int {
	fa, sa := split(a)
	fb, sb := split(b)
	if fa != fb {
		if fa < fb {
			return -1
		}
		return 1
	}
	return sizeRank(sa) - sizeRank(sb)
}

func split(name string) (family, size string) {
	for i := range len(name) {
		if name[i] == '.' {
			return name[:i], name[i+1:]
		}
	}
	return name, ""
}

// sizeRank orders sizes: nano < micro < small < medium < large < xlarge <
// 2xlarge < ... .
func sizeRank(size string) int {
	switch size {
	case "nano":
		return 0
	case "micro":
		return 1
	case "small":
		return 2
	case "medium":
		return 3
	case "large":
		return 4
	case "xlarge":
		return 5
	}
	n := 0
	for i := range len(size) {
		if size[i] < '0' || size[i] > '9' {
			break
		}
		n = n*10 + int(size[i]-'0')
	}
	return 5 + n
}

// Lookup returns the type called name.
func Lookup(name string) (Type, bool) {
	for _, t := range All() {
		if t.Name == name {
			return t, true
		}
	}
	return Type{}, false
}

// Supports reports whether t runs images of architecture arch.
func (t Type) Supports(arch string) bool { return slices.Contains(t.Architectures, arch) }

// EphemeralIndex returns N for a virtual name "ephemeralN", and false for
// any other name.
func EphemeralIndex(virtualName string) (int, bool) {
	const prefix = "ephemeral"
	if len(virtualName) <= len(prefix) || virtualName[:len(prefix)] != prefix {
		return 0, false
	}
	n := 0
	for _, c := range virtualName[len(prefix):] {
		if c < '0' || c > '9' || n > 100 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
