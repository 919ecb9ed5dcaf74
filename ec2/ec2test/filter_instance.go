package ec2test

import (
	"strconv"
	"strings"
)

// instanceFilterNames are the DescribeInstances filters the fake
// evaluates (besides tag:<key>, tag-key and tag-value). Some select
// fields its instances never have (kernel-id, platform, a Spot request or
// placement group, IPv6), so they match nothing, as they would for such
// instances on EC2.
func instanceFilterNames() []string {
	return []string{"affinity", "architecture", "availability-zone", "availability-zone-id",
		"block-device-mapping.attach-time", "block-device-mapping.delete-on-termination", "block-device-mapping.device-name",
		"block-device-mapping.status", "block-device-mapping.volume-id", "capacity-reservation-id", "client-token",
		"dns-name", "ebs-optimized", "group-id", "group-name", "host-id", "hypervisor", "image-id", "instance-id",
		"instance-lifecycle", "instance-state-code", "instance-state-name", "instance-type", "instance.group-id",
		"instance.group-name", "ip-address", "ipv6-address", "kernel-id", "key-name", "launch-index", "launch-time",
		"monitoring-state", "outpost-arn", "owner-id", "placement-group-name", "placement-partition-number", "platform",
		"private-dns-name", "private-ip-address", "product-code", "product-code.type", "ramdisk-id", "reason",
		"requester-id", "reservation-id", "root-device-name", "root-device-type", "source-dest-check",
		"spot-instance-request-id", "state-reason-code", "state-reason-message", "tenancy", "virtualization-type",
		"subnet-id", "vpc-id", "platform-details", "usage-operation", "boot-mode", "current-instance-boot-mode",
		"ena-support", "tpm-support", "usage-operation-update-time", "enclave-options.enabled",
		"hibernation-options.configured", "maintenance-options.auto-recovery",
		"network-performance-options.bandwidth-weighting", "operator.managed", "operator.principal",
		"iam-instance-profile.arn", "iam-instance-profile.id",
		"capacity-reservation-specification.capacity-reservation-preference",
		"capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
		"capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn",
		"metadata-options.http-endpoint", "metadata-options.http-protocol-ipv4", "metadata-options.http-protocol-ipv6",
		"metadata-options.http-put-response-hop-limit", "metadata-options.http-tokens",
		"metadata-options.instance-metadata-tags", "metadata-options.state",
		"private-dns-name-options.enable-resource-name-dns-a-record",
		"private-dns-name-options.enable-resource-name-dns-aaaa-record", "private-dns-name-options.hostname-type",
		"network-interface.addresses.association.allocation-id", "network-interface.addresses.association.association-id",
		"network-interface.association.allocation-id", "network-interface.association.association-id",
		"network-interface.deny-all-igw-traffic",
		"network-interface.addresses.association.carrier-ip", "network-interface.addresses.association.customer-owned-ip",
		"network-interface.addresses.association.ip-owner-id", "network-interface.addresses.association.public-dns-name",
		"network-interface.addresses.association.public-ip", "network-interface.addresses.primary",
		"network-interface.addresses.private-dns-name", "network-interface.addresses.private-ip-address",
		"network-interface.association.carrier-ip", "network-interface.association.customer-owned-ip",
		"network-interface.association.ip-owner-id", "network-interface.association.public-dns-name",
		"network-interface.association.public-ip", "network-interface.attachment.attach-time",
		"network-interface.attachment.attachment-id", "network-interface.attachment.delete-on-termination",
		"network-interface.attachment.device-index", "network-interface.attachment.instance-id",
		"network-interface.attachment.instance-owner-id", "network-interface.attachment.network-card-index",
		"network-interface.attachment.status", "network-interface.availability-zone", "network-interface.description",
		"network-interface.group-id", "network-interface.group-name", "network-interface.ipv4-prefixes.ipv4-prefix",
		"network-interface.ipv6-address", "network-interface.ipv6-addresses.ipv6-address",
		"network-interface.ipv6-addresses.is-primary-ipv6", "network-interface.ipv6-native",
		"network-interface.ipv6-prefixes.ipv6-prefix", "network-interface.mac-address",
		"network-interface.network-interface-id", "network-interface.operator.managed",
		"network-interface.operator.principal", "network-interface.outpost-arn", "network-interface.owner-id",
		"network-interface.private-dns-name", "network-interface.private-ip-address",
		"network-interface.public-dns-name", "network-interface.requester-id", "network-interface.requester-managed",
		"network-interface.status", "network-interface.source-dest-check", "network-interface.subnet-id",
		"network-interface.tag-key", "network-interface.tag-value", "network-interface.vpc-id"}
}

// instanceUnsupportedFilters are the DescribeInstances filters EC2
// documents that the fake cannot evaluate: none now.
func instanceUnsupportedFilters() []string { return nil }

// instanceField returns the values a DescribeInstances filter name selects.
func (st *computeStore) instanceField(inst *instance, name string) []string {
	one := func(v string) []string { return []string{v} }
	switch name {
	case "architecture":
		return one(inst.architecture)
	case "availability-zone":
		return one(inst.zone)
	case "client-token":
		return one(inst.clientToken)
	case "dns-name":
		return one(inst.publicDNS())
	case "group-id", "instance.group-id", "group-name", "instance.group-name":
		var out []string
		for _, g := range inst.groups {
			if strings.HasSuffix(name, "id") {
				out = append(out, g.id)
			} else {
				out = append(out, g.name)
			}
		}
		return out
	case "ebs-optimized":
		return one(strconv.FormatBool(inst.ebsOptimized))
	case "hypervisor":
		return one("xen")
	case "image-id":
		return one(inst.imageID)
	case "instance-id":
		return one(inst.id)
	case "instance-state-code":
		return one(strconv.Itoa(stateCodes[inst.state]))
	case "instance-state-name":
		return one(inst.state)
	case "instance-type":
		return one(inst.instanceType)
	case "ip-address":
		return one(inst.publicIP)
	case "key-name":
		return one(inst.keyName)
	case "launch-index":
		return one(strconv.Itoa(inst.launchIndex))
	case "launch-time":
		return one(inst.launchTime.UTC().Format(xmlTime))
	case "monitoring-state":
		return one(inst.monitoring)
	case "owner-id":
		return one(inst.owner)
	case "private-dns-name":
		return one(inst.privateDNS())
	case "private-ip-address":
		return one(inst.privateIP)
	case "reason":
		return one(inst.stateReason)
	case "reservation-id":
		return one(inst.reservationID)
	case "root-device-name":
		return one(inst.rootDeviceName)
	case "root-device-type":
		return one(inst.rootDeviceType)
	case "source-dest-check":
		return one(strconv.FormatBool(inst.sourceDestCheck))
	case "state-reason-code", "state-reason-message":
		it := st.instanceXML(inst)
		if it.StateReason == nil {
			return nil
		}
		if name == "state-reason-code" {
			return one(it.StateReason.Code)
		}
		return one(it.StateReason.Message)
	case "tenancy":
		return one("default")
	case "subnet-id", "vpc-id":
		// EC2 keeps no placement for a terminated instance
		// (instanceXML).
		if inst.state == "terminated" {
			return nil
		}
		if name == "subnet-id" {
			return one(inst.subnetID)
		}
		return one(inst.vpcID)
	case "platform-details":
		// EC2 User Guide, "AMI billing information": Linux/UNIX is
		// the platform of every image without a billing product, and
		// RunInstances its usage operation.
		return one("Linux/UNIX")
	case "usage-operation":
		return one("RunInstances")
	case "product-code", "product-code.type":
		return productCodeFields(inst.productCodes, name)
	case "virtualization-type":
		return one("hvm")
	}
	if f, ok := strings.CutPrefix(name, "network-interface."); ok {
		return inst.networkInterfaceField(f)
	}
	if vals, ok := inst.optionField(name); ok {
		return vals
	}
	if strings.HasPrefix(name, "block-device-mapping.") {
		return st.deviceField(inst, strings.TrimPrefix(name, "block-device-mapping."))
	}
	return nil // a field the fake's instances never have
}

// deviceField returns the values of field across inst's block devices.
func (st *computeStore) deviceField(inst *instance, field string) []string {
	var out []string
	for _, v := range st.devices(inst) {
		switch field {
		case "device-name":
			out = append(out, v.att.device)
		case "volume-id":
			out = append(out, v.id)
		case "status":
			out = append(out, v.att.status)
		case "attach-time":
			out = append(out, v.att.time.UTC().Format(xmlTime))
		case "delete-on-termination":
			out = append(out, strconv.FormatBool(v.att.deleteOnTermination))
		}
	}
	return out
}
