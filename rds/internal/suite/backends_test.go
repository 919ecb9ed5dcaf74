package suite_test

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/testutil/moto"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/internal/suite"
	"github.com/goboto/goboto/rds/rdstest"
)

// oneAttempt makes each call once: the suite checks first answers, and
// retrying moto's HTTP 500s would only slow the run.
var oneAttempt = goboto.WithRetry(1, 0)

// TestRDSTest runs the suite against goboto's fake, standalone: its
// default VPC's subnets (StandaloneDefaultSubnets) are the network.
// Transitions finish before the next request, as by default.
func TestRDSTest(t *testing.T) {
	srv := rdstest.Start(t)
	network := func(*testing.T) (string, []rds.Subnet) {
		var out []rds.Subnet
		for _, s := range rdstest.StandaloneDefaultSubnets(srv.Account(), "us-east-1") {
			out = append(out, rds.Subnet{ID: s.ID, AvailabilityZone: s.AvailabilityZone})
		}
		return rdstest.StandaloneDefaultVPC(srv.Account(), "us-east-1"), out
	}
	suite.Run(t, suite.Env{Name: "rdstest", Conn: rds.New(srv.Config("us-east-1"), oneAttempt),
		NewName: moto.Names("suite"), Network: network})
}

// TestMoto runs the suite against moto 5.2.1, shared with every other
// package's suite in the run: names are unique, and the network is a VPC
// of the suite's own with a subnet in each of us-east-1a, b and c, made
// in moto's EC2 on the same endpoint.
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, "")}
	var (
		once    sync.Once
		vpc     string
		subnets []rds.Subnet
		err     error
	)
	network := func(t *testing.T) (string, []rds.Subnet) {
		once.Do(func() { vpc, subnets, err = motoNetwork(t, ec2.NewFromConfig(cfg)) })
		if err != nil {
			t.Fatalf("moto: making the suite's VPC: %v", err)
		}
		return vpc, subnets
	}
	suite.Run(t, suite.Env{Name: "moto", Conn: rds.New(cfg, oneAttempt),
		NewName: moto.Names("suite"), Network: network, Diff: suite.MotoDifferences()})
}

// motoNetwork makes a VPC with one subnet in each of three zones.
func motoNetwork(t *testing.T, c *ec2.Client) (string, []rds.Subnet, error) {
	v, err := c.CreateVpc(t.Context(), &ec2.CreateVpcInput{CidrBlock: aws.String("10.77.0.0/16")})
	if err != nil {
		return "", nil, err
	}
	vpc := aws.ToString(v.Vpc.VpcId)
	var subnets []rds.Subnet
	for i, zone := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		s, err := c.CreateSubnet(t.Context(), &ec2.CreateSubnetInput{VpcId: aws.String(vpc), AvailabilityZone: aws.String(zone),
			CidrBlock: aws.String("10.77." + string(rune('1'+i)) + ".0/24")})
		if err != nil {
			return "", nil, err
		}
		subnets = append(subnets, rds.Subnet{ID: aws.ToString(s.Subnet.SubnetId), AvailabilityZone: zone})
	}
	return vpc, subnets, nil
}
