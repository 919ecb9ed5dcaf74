package ec2_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goboto/goboto"
)

// TestRefreshNotFound refreshes a handle of every resource type on an ID
// the fake does not know. Each answer is a *goboto.APIError carrying EC2's
// not-found code for the resource, the Describe call's HTTP status and
// request ID, whether EC2 refused the ID (status 400) or answered without
// the resource (a filtered Describe, status 200).
func TestRefreshNotFound(t *testing.T) {
	_, conn := startFake(t)
	tests := []struct {
		name     string
		h        interface{ Refresh(context.Context) error }
		op, code string
		status   int
		// notFound is goboto.IsNotFound's verdict. EC2's codes for unknown
		// Reserved Instances and offerings (InvalidReservedInstancesId,
		// InvalidReservedInstancesOfferingId: "does not exist") are listed
		// by IsNotFound; an unknown region is InvalidParameterValue, which
		// EC2 also answers for other bad input, so it is not.
		notFound bool
	}{
		// EC2 API Reference, error codes: *.NotFound, "The specified ...
		// does not exist".
		{"instance", conn.Instance("i-0123456789abcdef0"), "DescribeInstances", "InvalidInstanceID.NotFound", 400, true},
		{"volume", conn.Volume("vol-0123456789abcdef0"), "DescribeVolumes", "InvalidVolume.NotFound", 400, true},
		{"snapshot", conn.Snapshot("snap-0123456789abcdef0"), "DescribeSnapshots", "InvalidSnapshot.NotFound", 400, true},
		{"image", conn.Image("ami-0123456789abcdef0"), "DescribeImages", "InvalidAMIID.NotFound", 400, true},
		{"reservation", conn.Reservation("r-0123456789abcdef0"), "DescribeInstances", "InvalidReservationID.NotFound", 200, true},
		{"security group by ID", conn.SecurityGroup("sg-0123456789abcdef0"), "DescribeSecurityGroups", "InvalidGroup.NotFound", 400, true},
		{"security group by name", conn.SecurityGroup("nosuchgroup"), "DescribeSecurityGroups", "InvalidGroup.NotFound", 400, true},
		{"key pair", conn.KeyPair("nosuchkey"), "DescribeKeyPairs", "InvalidKeyPair.NotFound", 400, true},
		{"address", conn.Address("eipalloc-0123456789abcdef0"), "DescribeAddresses", "InvalidAllocationID.NotFound", 400, true},
		{"spot request", conn.SpotInstanceRequest("sir-12345678"), "DescribeSpotInstanceRequests", "InvalidSpotInstanceRequestID.NotFound", 400, true},
		{"zone", conn.Zone("us-east-1z"), "DescribeAvailabilityZones", "InvalidZone.NotFound", 200, true},
		{"reserved instances", conn.ReservedInstance("11111111-2222-3333-4444-555555555555"), "DescribeReservedInstances", "InvalidReservedInstancesId", 400, true},
		{"offering", conn.ReservedInstancesOffering("no-such-offering"), "DescribeReservedInstancesOfferings", "InvalidReservedInstancesOfferingId", 200, true},
		{"region", conn.RegionInfo("xx-east-9"), "DescribeRegions", "InvalidParameterValue", 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.h.Refresh(t.Context())
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("Refresh = %v (%T); want *goboto.APIError", err, err)
			}
			if ae.Service != "EC2" || ae.Operation != tt.op || ae.Code != tt.code || ae.StatusCode != tt.status || ae.RequestID == "" {
				t.Errorf("Refresh = %+v; want EC2 %s %s, status %d, a request ID", ae, tt.op, tt.code, tt.status)
			}
			if got := goboto.IsNotFound(err); got != tt.notFound {
				t.Errorf("IsNotFound = %v; want %v", got, tt.notFound)
			}
		})
	}
}
