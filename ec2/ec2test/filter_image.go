package ec2test

import (
	"strconv"
	"strings"
)

// imageFilterNames are the DescribeImages filters the fake evaluates
// (besides tag:<key>, tag-key and tag-value). kernel-id, ramdisk-id,
// platform, a state reason and a source image select
// fields the fake's images never have, so they match nothing.
func imageFilterNames() []string {
	return []string{"architecture", "block-device-mapping.delete-on-termination", "block-device-mapping.device-name",
		"block-device-mapping.encrypted", "block-device-mapping.snapshot-id", "block-device-mapping.volume-size",
		"block-device-mapping.volume-type", "creation-date", "description", "hypervisor", "image-id", "image-type",
		"is-public", "kernel-id", "manifest-location", "name", "owner-alias", "owner-id", "platform", "product-code",
		"product-code.type", "ramdisk-id", "root-device-name", "root-device-type", "source-image-id", "source-image-region",
		"state", "state-reason-code", "state-reason-message", "virtualization-type"}
}

// imageUnsupportedFilters are the DescribeImages filters EC2 documents that
// the fake cannot evaluate: ENA and SR-IOV support, free tier, allowed-AMI
// settings, watermarks, the source instance and SSM parameters.
func imageUnsupportedFilters() []string {
	return []string{"ena-support", "free-tier-eligible", "image-allowed", "image-watermark.", "public-ssm-parameter-name",
		"source-instance-id", "sriov-net-support"}
}

// imageField returns the values a DescribeImages filter name selects from
// the image's rendered answer.
func imageField(it *imageItem, name string) []string {
	if name == "product-code" || name == "product-code.type" {
		var out []string
		for _, c := range it.ProductCodes.items() {
			out = append(out, map[bool]string{true: c.ID, false: c.Type}[name == "product-code"])
		}
		return out
	}
	if field, ok := strings.CutPrefix(name, "block-device-mapping."); ok {
		var out []string
		for _, d := range it.Devices {
			switch {
			case field == "device-name":
				out = append(out, d.DeviceName)
			case d.Ebs == nil:
			case field == "delete-on-termination":
				out = append(out, strconv.FormatBool(d.Ebs.DeleteOnTermination))
			case field == "encrypted":
				out = append(out, strconv.FormatBool(d.Ebs.Encrypted))
			case field == "snapshot-id":
				out = append(out, d.Ebs.SnapshotID)
			case field == "volume-size":
				out = append(out, strconv.Itoa(d.Ebs.VolumeSize))
			case field == "volume-type":
				out = append(out, d.Ebs.VolumeType)
			}
		}
		return out
	}
	v, ok := map[string]string{"architecture": it.Architecture, "creation-date": it.CreationDate,
		"description": it.Description, "hypervisor": it.Hypervisor, "image-id": it.ImageID, "image-type": it.ImageType,
		"is-public": strconv.FormatBool(it.IsPublic), "manifest-location": it.ImageLocation, "name": it.Name,
		"owner-alias": it.ImageOwnerAlias, "owner-id": it.ImageOwnerID, "root-device-name": it.RootDeviceName,
		"root-device-type": it.RootDeviceType, "state": it.ImageState, "virtualization-type": it.VirtualizationType}[name]
	if !ok {
		return nil // a field the fake's images never have
	}
	return []string{v}
}
