package ec2test

import "strconv"

// The option blocks DescribeInstances reports for every instance. The
// fake launches with EC2's defaults only (RunInstances refuses
// MetadataOptions, EnclaveOptions, HibernationOptions,
// MaintenanceOptions, CapacityReservationSpecification,
// PrivateDnsNameOptions, NetworkPerformanceOptions and
// IamInstanceProfile), so each instance shows the defaults the EC2 API
// Reference gives for them: IMDS enabled over IPv4 with tokens optional
// and a hop limit of 1, no enclave, no hibernation, default
// auto-recovery, an open capacity-reservation preference, IP-based host
// names and default bandwidth weighting.

type metadataOptionsItem struct {
	State                   string `xml:"state"`
	HTTPTokens              string `xml:"httpTokens"`
	HTTPPutResponseHopLimit int    `xml:"httpPutResponseHopLimit"`
	HTTPEndpoint            string `xml:"httpEndpoint"`
	HTTPProtocolIPv6        string `xml:"httpProtocolIpv6"`
	InstanceMetadataTags    string `xml:"instanceMetadataTags"`
}

type enabledItem struct {
	Enabled bool `xml:"enabled"`
}

type configuredItem struct {
	Configured bool `xml:"configured"`
}

type autoRecoveryItem struct {
	AutoRecovery string `xml:"autoRecovery"`
}

type capacityPreferenceItem struct {
	Preference string `xml:"capacityReservationPreference"`
}

type privateDNSOptionsItem struct {
	HostnameType     string `xml:"hostnameType"`
	EnableARecord    bool   `xml:"enableResourceNameDnsARecord"`
	EnableAAAARecord bool   `xml:"enableResourceNameDnsAAAARecord"`
}

type bandwidthItem struct {
	BandwidthWeighting string `xml:"bandwidthWeighting"`
}

// instanceOptions are the blocks instanceItem embeds.
type instanceOptions struct {
	MetadataOptions          metadataOptionsItem    `xml:"metadataOptions"`
	EnclaveOptions           enabledItem            `xml:"enclaveOptions"`
	HibernationOptions       configuredItem         `xml:"hibernationOptions"`
	MaintenanceOptions       autoRecoveryItem       `xml:"maintenanceOptions"`
	CapacityReservationSpec  capacityPreferenceItem `xml:"capacityReservationSpecification"`
	PrivateDNSNameOptions    privateDNSOptionsItem  `xml:"privateDnsNameOptions"`
	NetworkPerformance       bandwidthItem          `xml:"networkPerformanceOptions"`
	CurrentInstanceBootMode  string                 `xml:"currentInstanceBootMode"`
	EnaSupport               bool                   `xml:"enaSupport,omitempty"`
	UsageOperationUpdateTime string                 `xml:"usageOperationUpdateTime"`
	Operator                 niOperatorItem         `xml:"operator"`
}

// options renders inst's option blocks.
func (inst *instance) options() instanceOptions {
	return instanceOptions{
		MetadataOptions: metadataOptionsItem{State: "applied", HTTPTokens: "optional", HTTPPutResponseHopLimit: 1,
			HTTPEndpoint: "enabled", HTTPProtocolIPv6: "disabled", InstanceMetadataTags: "disabled"},
		MaintenanceOptions:       autoRecoveryItem{"default"},
		CapacityReservationSpec:  capacityPreferenceItem{"open"},
		PrivateDNSNameOptions:    privateDNSOptionsItem{HostnameType: "ip-name"},
		NetworkPerformance:       bandwidthItem{"default"},
		CurrentInstanceBootMode:  inst.bootMode(),
		EnaSupport:               inst.enaSupport,
		UsageOperationUpdateTime: inst.launchTime.UTC().Format(xmlTime),
	}
}

// bootMode is how the instance booted: EC2 User Guide, "Boot modes":
// Graviton (arm64) instances boot UEFI, the fake's x86 instances legacy
// BIOS.
func (inst *instance) bootMode() string {
	if inst.architecture == "arm64" {
		return "uefi"
	}
	return "legacy-bios"
}

// optionField returns the values an option filter selects; ok is false
// for a name that is not one.
func (inst *instance) optionField(name string) (vals []string, ok bool) {
	o := inst.options()
	one := func(v string) ([]string, bool) { return []string{v}, true }
	switch name {
	case "metadata-options.state":
		return one(o.MetadataOptions.State)
	case "metadata-options.http-tokens":
		return one(o.MetadataOptions.HTTPTokens)
	case "metadata-options.http-put-response-hop-limit":
		return one(strconv.Itoa(o.MetadataOptions.HTTPPutResponseHopLimit))
	case "metadata-options.http-endpoint", "metadata-options.http-protocol-ipv4":
		return one("enabled")
	case "metadata-options.http-protocol-ipv6":
		return one(o.MetadataOptions.HTTPProtocolIPv6)
	case "metadata-options.instance-metadata-tags":
		return one(o.MetadataOptions.InstanceMetadataTags)
	case "enclave-options.enabled":
		return one(strconv.FormatBool(o.EnclaveOptions.Enabled))
	case "hibernation-options.configured":
		return one(strconv.FormatBool(o.HibernationOptions.Configured))
	case "maintenance-options.auto-recovery":
		return one(o.MaintenanceOptions.AutoRecovery)
	case "capacity-reservation-specification.capacity-reservation-preference":
		return one(o.CapacityReservationSpec.Preference)
	case "private-dns-name-options.hostname-type":
		return one(o.PrivateDNSNameOptions.HostnameType)
	case "private-dns-name-options.enable-resource-name-dns-a-record":
		return one(strconv.FormatBool(o.PrivateDNSNameOptions.EnableARecord))
	case "private-dns-name-options.enable-resource-name-dns-aaaa-record":
		return one(strconv.FormatBool(o.PrivateDNSNameOptions.EnableAAAARecord))
	case "network-performance-options.bandwidth-weighting":
		return one(o.NetworkPerformance.BandwidthWeighting)
	case "current-instance-boot-mode":
		return one(o.CurrentInstanceBootMode)
	case "ena-support":
		return one(strconv.FormatBool(o.EnaSupport))
	case "usage-operation-update-time":
		return one(o.UsageOperationUpdateTime)
	case "operator.managed":
		return one(strconv.FormatBool(o.Operator.Managed))
	case "boot-mode", "tpm-support", "operator.principal", "iam-instance-profile.arn", "iam-instance-profile.id",
		"capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
		"capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn":
		// Set only by launch parameters or images the fake does not take.
		return nil, true
	}
	return nil, false
}
