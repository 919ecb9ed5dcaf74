package regions

import "strings"

// PartitionOf returns the partition a region name belongs to, from the
// generated data alone: the partition that lists it, or else the one
// whose region-name pattern matches it, so a region launched after this
// package was generated is still placed. FIPS and dual-stack pseudo
// regions ("fips-us-gov-west-1", "us-east-1-fips") and "aws-global" are
// placed by the region they name. It is what goboto's clients check a
// configured region against before they send anything.
func PartitionOf(region string) (string, bool) {
	if region == "" {
		return "", false
	}
	if region == "aws-global" {
		return DefaultPartition, true
	}
	name := strings.TrimSuffix(strings.TrimPrefix(region, "fips-"), "-fips")
	return partitionOf(generated().partitions, name)
}
