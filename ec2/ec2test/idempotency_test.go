package ec2test_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestRunInstancesClientTokenScope replays RunInstances with one ClientToken:
// the same parameters answer the first launch, other parameters
// IdempotentParameterMismatch (400), and another region or account
// launches anew.
func TestRunInstancesClientTokenScope(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	launch := func(c *awsec2.Client, typ types.InstanceType, count int32) (*awsec2.RunInstancesOutput, error) {
		return c.RunInstances(t.Context(), &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage),
			MinCount: aws.Int32(1), MaxCount: aws.Int32(count), InstanceType: typ, ClientToken: aws.String("launch-web-1")})
	}
	first, err := launch(c, types.InstanceTypeM5Large, 2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		client *awsec2.Client
		typ    types.InstanceType
		count  int32
		same   bool   // answers the first launch
		code   string // or fails with this code
		status int
	}{
		{name: "same parameters", client: c, typ: types.InstanceTypeM5Large, count: 2, same: true},
		{name: "other instance type", client: c, typ: types.InstanceTypeM5Xlarge, count: 2, code: "IdempotentParameterMismatch", status: 400},
		{name: "other count", client: c, typ: types.InstanceTypeM5Large, count: 3, code: "IdempotentParameterMismatch", status: 400},
		{name: "other region", client: cclientIn(srv, fake.DefaultCredentials()[0], "eu-west-1"), typ: types.InstanceTypeM5Large, count: 2},
		{name: "other account", client: otherClient(t, srv, "us-east-1"), typ: types.InstanceTypeM5Large, count: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := launch(tt.client, tt.typ, tt.count)
			if tt.code != "" {
				checkAPIError(t, err, tt.code, "inconsistent")
				var hs interface{ HTTPStatusCode() int }
				if !errors.As(err, &hs) || hs.HTTPStatusCode() != tt.status {
					t.Errorf("err = %v; want HTTP status %d", err, tt.status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []any{aws.ToString(out.ReservationId) == aws.ToString(first.ReservationId), len(out.Instances)}
			if diff := cmp.Diff([]any{tt.same, int(tt.count)}, got); diff != "" {
				t.Errorf("[same reservation, instances] (-want +got):\n%s", diff)
			}
		})
	}
	// Replays and refusals launched nothing in the first account's region.
	if n := len(srv.Instances(fake.TestAccountID, "us-east-1")); n != 2 {
		t.Errorf("%d instances in us-east-1; want the first launch's 2", n)
	}
}

// cclientIn is cclient for cred in region.
func cclientIn(srv *ec2test.Server, cred fake.Credential, region string) *awsec2.Client {
	return awsec2.NewFromConfig(srv.ConfigFor(cred, region))
}

// TestCreateVolumeClientToken: a CreateVolume repeated with its
// ClientToken answers the first volume; with other parameters it is
// IdempotentParameterMismatch, and no second volume is made either way.
func TestCreateVolumeClientToken(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	create := func(size int32) (*awsec2.CreateVolumeOutput, error) {
		return c.CreateVolume(t.Context(), &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"),
			Size: aws.Int32(size), ClientToken: aws.String("vol-token-1")})
	}
	first, err := create(8)
	if err != nil {
		t.Fatal(err)
	}
	again, err := create(8)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(again.VolumeId) != aws.ToString(first.VolumeId) {
		t.Errorf("same token and parameters made %s, want the first volume %s", aws.ToString(again.VolumeId), aws.ToString(first.VolumeId))
	}
	_, err = create(9)
	checkAPIError(t, err, "IdempotentParameterMismatch", "inconsistent")
	out, err := c.DescribeVolumes(t.Context(), &awsec2.DescribeVolumesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Volumes) != 1 {
		t.Errorf("%d volumes after three CreateVolume calls with one token, want 1", len(out.Volumes))
	}
}
