package ec2test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// unsupportedFilters returns the filter names EC2 documents for action (in
// the EC2 API Reference and the API model's Filters member) that the fake
// cannot evaluate, because its resources do not hold what they select.
// filters refuses them with UnsupportedOperation naming the filter: ignoring
// one would hand the caller more than it asked for, and refusing it as
// InvalidParameterValue would claim the name does not exist. A name ending
// in "." stands for every name it starts.
func unsupportedFilters(action string) []string {
	switch action {
	case "DescribeInstances":
		return instanceUnsupportedFilters()
	case "DescribeVolumes":
		return []string{"operator.principal"}
	case "DescribeInstanceStatus":
		// The fake has no EBS or application health to report.
		return []string{"operator.principal", "attached-ebs-status.status", "application-status.status"}
	case "DescribeSnapshots":
		return []string{"transfer-type"}
	case "DescribeImages":
		return imageUnsupportedFilters()
	case "DescribeInstanceTypes":
		return instanceTypeUnsupportedFilters()
	case "DescribeSecurityGroups":
		// Rules never name prefix lists in the fake.
		return []string{"ip-permission.prefix-list-id", "egress.ip-permission.prefix-list-id"}
	case "DescribeSpotInstanceRequests":
		return spotUnsupportedFilters()
	case "DescribeReservedInstances":
		// Reserved Instances cannot be tagged in the fake.
		return []string{"tag:", "tag-key", "tag-value"}
	case "DescribeAvailabilityZones":
		return []string{"group-long-name", "parent-zone-id", "parent-zone-name"}
	}
	return nil
}

// unsupportedFilter answers UnsupportedOperation when action documents
// name but the fake cannot evaluate it, nil otherwise.
func unsupportedFilter(action, name string) error {
	hit := slices.ContainsFunc(unsupportedFilters(action), func(u string) bool {
		if strings.HasSuffix(u, ".") || strings.HasSuffix(u, ":") {
			return strings.HasPrefix(name, u)
		}
		return u == name
	})
	if !hit {
		return nil
	}
	return &fake.Error{Status: http.StatusBadRequest, Code: "UnsupportedOperation", Sender: true,
		Message: fmt.Sprintf("The filter '%s' is not supported by ec2test, the local EC2 fake.", name)}
}

// withZoneID answers the availability-zone-id filter from the
// availability-zone field, for resources that keep only the zone's name.
func withZoneID(zoneIDs map[string]string, field func(name string) string) func(name string) string {
	return func(name string) string {
		if name == "availability-zone-id" {
			return zoneIDs[field("availability-zone")]
		}
		return field(name)
	}
}
