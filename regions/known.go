package regions

import (
	"regexp"
	"strings"
	"sync"
)

// knownPartition is one generated partition, read-only once built.
type knownPartition struct {
	name    string
	re      *regexp.Regexp
	regions map[string]bool
}

// partitionTable is the generated partitions with their patterns
// compiled. It is built on first use and never changed afterwards, so
// every caller shares it: only Catalogs can be updated, and each keeps
// its own copy.
var partitionTable = sync.OnceValue(func() []knownPartition {
	var out []knownPartition
	for _, p := range generatedPartitions() {
		kp := knownPartition{name: p.name, re: regexp.MustCompile(p.regionRegex), regions: make(map[string]bool, len(p.regions))}
		for _, r := range p.regions {
			kp.regions[r.name] = true
		}
		out = append(out, kp)
	}
	return out
})

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
	table := partitionTable()
	for _, p := range table {
		if p.regions[name] {
			return p.name, true
		}
	}
	for _, p := range table {
		if p.re.MatchString(name) {
			return p.name, true
		}
	}
	return "", false
}
