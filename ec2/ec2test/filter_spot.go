package ec2test

import (
	"strconv"
)

// spotFilterNames are the DescribeSpotInstanceRequests filters the fake
// evaluates. Faults, kernels and RAM disks select fields its requests
// never have, so they match nothing.
func spotFilterNames() []string {
	return []string{"create-time", "fault-code", "fault-message", "instance-id", "launch.group-id", "launch.group-name",
		"launch.image-id", "launch.instance-type", "launch.kernel-id", "launch.key-name", "launch.ramdisk-id",
		"launched-availability-zone", "launched-availability-zone-id", "product-description", "spot-instance-request-id",
		"spot-price", "state", "status-code", "status-message", "type"}
}

// spotUnsupportedFilters are the DescribeSpotInstanceRequests filters EC2
// documents that the fake cannot evaluate: its requests carry no launch
// group, zone group, validity window, block-device mapping, monitoring
// setting, network interfaces or tags.
func spotUnsupportedFilters() []string {
	return []string{"availability-zone-group", "launch-group", "valid-from", "valid-until", "launch.block-device-mapping.",
		"launch.monitoring-enabled", "network-interface.", "tag:", "tag-key", "tag-value"}
}

// spotRequestField returns the values a DescribeSpotInstanceRequests
// filter name selects; zoneIDs maps zone names to IDs.
func spotRequestField(q *spotRequest, name string, zoneIDs map[string]string) []string {
	one := func(v string) []string { return []string{v} }
	switch name {
	case "spot-instance-request-id":
		return one(q.id)
	case "state":
		return one(q.state)
	case "status-code":
		return one(q.statusCode)
	case "status-message":
		return one(q.statusMessage)
	case "type":
		return one(q.typ)
	case "spot-price":
		return one(strconv.FormatFloat(q.price, 'f', 6, 64))
	case "instance-id":
		return one(q.instanceID)
	case "create-time":
		return one(q.created.UTC().Format(xmlTime))
	case "product-description":
		return one("Linux/UNIX")
	case "launch.image-id":
		return one(q.imageID)
	case "launch.instance-type":
		return one(q.instanceType)
	case "launch.key-name":
		return one(q.keyName)
	case "launch.group-id", "launch.group-name":
		var out []string
		for _, g := range q.net.groups {
			if name == "launch.group-id" {
				out = append(out, g.id)
			} else {
				out = append(out, g.name)
			}
		}
		return out
	case "launched-availability-zone", "launched-availability-zone-id":
		if q.instanceID == "" {
			return nil
		}
		if name == "launched-availability-zone-id" {
			return one(zoneIDs[q.zone])
		}
		return one(q.zone)
	}
	return nil // a field the fake's requests never have
}
