package regions

import "testing"

func TestPartitionOf(t *testing.T) {
	for _, tt := range []struct {
		region, want string
		ok           bool
	}{
		{"us-east-1", "aws", true},
		{"eu-west-3", "aws", true},
		{"ap-southeast-9", "aws", true}, // not generated yet, but the pattern places it
		{"cn-north-1", "aws-cn", true},
		{"us-gov-west-1", "aws-us-gov", true},
		{"fips-us-gov-west-1", "aws-us-gov", true},
		{"us-east-1-fips", "aws", true},
		{"aws-global", "aws", true},
		{"mars-1", "", false},
		{"", "", false},
		{"0", "", false},
		{"US-EAST-1", "", false},
	} {
		got, ok := PartitionOf(tt.region)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PartitionOf(%q) = %q, %v; want %q, %v", tt.region, got, ok, tt.want, tt.ok)
		}
	}
}
