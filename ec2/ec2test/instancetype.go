package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/ec2/internal/instancetypes"
	"github.com/goboto/goboto/internal/fake"
)

// instanceTypeFilters are the DescribeInstanceTypes filters the fake
// evaluates from its catalog (EC2 API Reference, DescribeInstanceTypes,
// Filter.N); the rest of EC2's list is refused in
// instanceTypeUnsupportedFilters.
func instanceTypeFilters() []string {
	return []string{
		"auto-recovery-supported", "bare-metal", "burstable-performance-supported", "current-generation",
		"ebs-info.ebs-optimized-support", "ebs-info.encryption-support", "ebs-info.nvme-support", "free-tier-eligible",
		"hibernation-supported", "hypervisor", "instance-storage-info.disk.count", "instance-storage-info.disk.size-in-gb",
		"instance-storage-info.disk.type", "instance-storage-info.nvme-support", "instance-storage-info.total-size-in-gb",
		"instance-storage-supported", "instance-type", "memory-info.size-in-mib", "network-info.efa-supported",
		"network-info.ena-support", "network-info.ipv4-addresses-per-interface", "network-info.ipv6-supported",
		"network-info.maximum-network-interfaces", "network-info.network-performance",
		"processor-info.supported-architecture", "processor-info.sustained-clock-speed-in-ghz",
		"supported-root-device-type", "supported-usage-class", "supported-virtualization-type",
		"vcpu-info.default-cores", "vcpu-info.default-threads-per-core", "vcpu-info.default-vcpus",
	}
}

// instanceTypeUnsupportedFilters are EC2's other DescribeInstanceTypes
// filters: EBS bandwidth figures, EFA, Nitro and boot details the catalog
// does not hold.
func instanceTypeUnsupportedFilters() []string {
	return []string{
		"dedicated-hosts-supported", "ebs-info.attachment-limit-type", "ebs-info.maximum-ebs-attachments",
		"ebs-info.ebs-optimized-info.", "instance-storage-info.encryption-support", "network-info.bandwidth-weightings",
		"network-info.efa-info.", "network-info.flexible-ena-queues-support", "network-info.encryption-in-transit-supported",
		"network-info.ipv6-addresses-per-interface", "network-info.maximum-network-cards", "nitro-enclaves-support",
		"nitro-tpm-support", "nitro-tpm-info.", "processor-info.supported-features", "reboot-migration-support",
		"supported-boot-mode", "vcpu-info.valid-cores", "vcpu-info.valid-threads-per-core",
	}
}

// instanceTypeField returns the values filter name selects from t.
func instanceTypeField(t instancetypes.Type, name string) []string {
	b := strconv.FormatBool
	it := instanceTypeXML(t)
	switch name {
	case "instance-type":
		return []string{t.Name}
	case "processor-info.supported-architecture":
		return t.Architectures
	case "supported-virtualization-type":
		return t.Virtualization
	case "supported-root-device-type":
		return it.RootDeviceTypes
	case "supported-usage-class":
		return it.UsageClasses
	case "instance-storage-info.disk.count":
		if t.Store.Disks == 0 {
			return nil
		}
		return []string{strconv.Itoa(t.Store.Disks)}
	case "instance-storage-info.disk.size-in-gb":
		if t.Store.Disks == 0 {
			return nil
		}
		return []string{strconv.Itoa(t.Store.SizeGB)}
	case "instance-storage-info.disk.type":
		if t.Store.Disks == 0 {
			return nil
		}
		return []string{t.Store.Kind}
	case "instance-storage-info.nvme-support":
		if t.Store.Disks == 0 {
			return nil
		}
		return []string{t.Store.NVMe}
	case "instance-storage-info.total-size-in-gb":
		if t.Store.Disks == 0 {
			return nil
		}
		return []string{strconv.Itoa(t.Store.TotalGB())}
	}
	return []string{map[string]string{
		"auto-recovery-supported":                     b(it.AutoRecovery),
		"bare-metal":                                  "false",
		"burstable-performance-supported":             b(t.Burstable),
		"current-generation":                          b(t.CurrentGeneration),
		"ebs-info.ebs-optimized-support":              t.EBSOptimized,
		"ebs-info.encryption-support":                 it.EBS.Encryption,
		"ebs-info.nvme-support":                       it.EBS.NVMe,
		"free-tier-eligible":                          b(t.FreeTier),
		"hibernation-supported":                       b(it.Hibernation),
		"hypervisor":                                  t.Hypervisor,
		"instance-storage-supported":                  b(t.Store.Disks > 0),
		"memory-info.size-in-mib":                     strconv.Itoa(t.MemoryMiB),
		"network-info.efa-supported":                  "false",
		"network-info.ena-support":                    it.Network.ENA,
		"network-info.ipv4-addresses-per-interface":   strconv.Itoa(t.IPv4PerENI),
		"network-info.ipv6-supported":                 b(it.Network.IPv6),
		"network-info.maximum-network-interfaces":     strconv.Itoa(t.MaxENIs),
		"network-info.network-performance":            t.Network,
		"processor-info.sustained-clock-speed-in-ghz": strconv.FormatFloat(t.ClockGHz, 'f', -1, 64),
		"vcpu-info.default-cores":                     strconv.Itoa(t.Cores),
		"vcpu-info.default-threads-per-core":          strconv.Itoa(t.ThreadsPerCore),
		"vcpu-info.default-vcpus":                     strconv.Itoa(t.VCPUs),
	}[name]}
}

type instanceTypeItem struct {
	InstanceType      string   `xml:"instanceType"`
	CurrentGeneration bool     `xml:"currentGeneration"`
	FreeTier          bool     `xml:"freeTierEligible"`
	UsageClasses      []string `xml:"supportedUsageClasses>item"`
	RootDeviceTypes   []string `xml:"supportedRootDeviceTypes>item"`
	Virtualization    []string `xml:"supportedVirtualizationTypes>item"`
	BareMetal         bool     `xml:"bareMetal"`
	Hypervisor        string   `xml:"hypervisor"`
	Processor         struct {
		Architectures []string `xml:"supportedArchitectures>item"`
		ClockGHz      float64  `xml:"sustainedClockSpeedInGhz,omitempty"`
	} `xml:"processorInfo"`
	VCPU struct {
		VCPUs          int `xml:"defaultVCpus"`
		Cores          int `xml:"defaultCores"`
		ThreadsPerCore int `xml:"defaultThreadsPerCore"`
	} `xml:"vCpuInfo"`
	MemoryMiB        int               `xml:"memoryInfo>sizeInMiB"`
	StorageSupported bool              `xml:"instanceStorageSupported"`
	Storage          *instanceStorageX `xml:"instanceStorageInfo"`
	EBS              struct {
		Optimized  string `xml:"ebsOptimizedSupport"`
		Encryption string `xml:"encryptionSupport"`
		NVMe       string `xml:"nvmeSupport"`
	} `xml:"ebsInfo"`
	Network struct {
		Performance string `xml:"networkPerformance"`
		MaxENIs     int    `xml:"maximumNetworkInterfaces"`
		IPv4PerENI  int    `xml:"ipv4AddressesPerInterface"`
		IPv6PerENI  int    `xml:"ipv6AddressesPerInterface"`
		IPv6        bool   `xml:"ipv6Supported"`
		ENA         string `xml:"enaSupport"`
		EFA         bool   `xml:"efaSupported"`
	} `xml:"networkInfo"`
	Hibernation  bool `xml:"hibernationSupported"`
	Burstable    bool `xml:"burstablePerformanceSupported"`
	AutoRecovery bool `xml:"autoRecoverySupported"`
}

type instanceStorageX struct {
	TotalGB int `xml:"totalSizeInGB"`
	Disks   []struct {
		SizeGB int    `xml:"sizeInGB"`
		Count  int    `xml:"count"`
		Type   string `xml:"type"`
	} `xml:"disks>item"`
	NVMe string `xml:"nvmeSupport"`
}

// instanceTypeXML describes t as DescribeInstanceTypes does. Nitro types
// have ENA, NVMe EBS, IPv6 and, without instance store, hibernation and
// automatic recovery; Xen types of the previous generation have none of
// them.
func instanceTypeXML(t instancetypes.Type) instanceTypeItem {
	nitro := t.Hypervisor == "nitro"
	it := instanceTypeItem{InstanceType: t.Name, CurrentGeneration: t.CurrentGeneration, FreeTier: t.FreeTier,
		UsageClasses: []string{"on-demand", "spot"}, RootDeviceTypes: []string{"ebs"},
		Virtualization: t.Virtualization, Hypervisor: t.Hypervisor, MemoryMiB: t.MemoryMiB,
		StorageSupported: t.Store.Disks > 0, Burstable: t.Burstable,
		Hibernation: nitro && t.Store.Disks == 0 && t.MemoryMiB <= 150*1024, AutoRecovery: t.Store.Disks == 0}
	if !nitro {
		it.Hypervisor = "xen"
	}
	if t.Store.Disks > 0 && !nitro {
		it.RootDeviceTypes = append(it.RootDeviceTypes, "instance-store")
	}
	it.Processor.Architectures, it.Processor.ClockGHz = t.Architectures, t.ClockGHz
	it.VCPU.VCPUs, it.VCPU.Cores, it.VCPU.ThreadsPerCore = t.VCPUs, t.Cores, t.ThreadsPerCore
	if t.Store.Disks > 0 {
		st := &instanceStorageX{TotalGB: t.Store.TotalGB(), NVMe: t.Store.NVMe}
		st.Disks = append(st.Disks, struct {
			SizeGB int    `xml:"sizeInGB"`
			Count  int    `xml:"count"`
			Type   string `xml:"type"`
		}{t.Store.SizeGB, t.Store.Disks, t.Store.Kind})
		it.Storage = st
	}
	it.EBS.Optimized, it.EBS.Encryption, it.EBS.NVMe = t.EBSOptimized, "supported", "unsupported"
	it.Network.Performance, it.Network.MaxENIs, it.Network.IPv4PerENI = t.Network, t.MaxENIs, t.IPv4PerENI
	it.Network.ENA = "unsupported"
	if nitro || strings.HasPrefix(t.Name, "i3.") {
		it.Network.ENA = "required"
	}
	if nitro {
		it.EBS.NVMe = "required"
		it.Network.IPv6, it.Network.IPv6PerENI = true, t.IPv4PerENI
	}
	return it
}

type describeInstanceTypesResponse struct {
	XMLName   xml.Name           `xml:"DescribeInstanceTypesResponse"`
	Xmlns     string             `xml:"xmlns,attr"`
	RequestID string             `xml:"requestId"`
	Types     []instanceTypeItem `xml:"instanceTypeSet>item"`
	NextToken string             `xml:"nextToken,omitempty"`
}

// describeInstanceTypes answers DescribeInstanceTypes from the shared
// catalog: InstanceType.N (at most 100; a name not in the catalog is
// InvalidInstanceType), Filter.N and MaxResults 5..100 paging (EC2 API
// Reference, DescribeInstanceTypes). Every type is offered in every
// region of the fake, so IncludeUnsupportedInRegion changes nothing.
func (s *Backend) describeInstanceTypes(w http.ResponseWriter, r *fake.Request) error {
	fs, err := filters(r.Params, instanceTypeFilters()...)
	if err != nil {
		return err
	}
	names := list(r.Params, "InstanceType")
	if len(names) > 100 {
		return invalidValue("The maximum number of instance types is 100.")
	}
	var unknown []string
	for _, n := range names {
		if _, ok := instancetypes.Lookup(n); !ok {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return ec2Error("InvalidInstanceType", "The following supplied instance types do not exist: [%s]", strings.Join(unknown, ", "))
	}
	var items []instanceTypeItem
	for _, t := range instancetypes.All() {
		if len(names) > 0 && !slices.Contains(names, t.Name) {
			continue
		}
		ok := matchResource(fs, nil, func(name string) []string { return instanceTypeField(t, name) })
		if ok {
			items = append(items, instanceTypeXML(t))
		}
	}
	items, next, err := page(r.Params, items, 5, 100)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeInstanceTypesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID,
		Types: items, NextToken: next})
}
