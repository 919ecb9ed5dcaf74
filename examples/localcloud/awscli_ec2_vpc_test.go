package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIEC2VPC drives the VPC world through Debian's aws CLI:
// describe-vpcs and describe-subnets show the default VPC every region
// has (Amazon VPC User Guide, "Default VPCs": 172.31.0.0/16, a /20 per
// zone), and create-vpc, create-subnet, create-internet-gateway,
// attach-internet-gateway, create-route-table, create-route,
// describe-route-tables and describe-security-group-rules build and read
// a VPC of one's own. The CLI's own waiters (vpc-available,
// subnet-available) run against the answers.
func TestAWSCLIEC2VPC(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], "us-east-1")

	type subnet struct {
		SubnetId, VpcId, CidrBlock, AvailabilityZone, State string
		DefaultForAz, MapPublicIpOnLaunch                   bool
		AvailableIpAddressCount                             int
	}
	var vpcs struct {
		Vpcs []struct {
			VpcId, CidrBlock, State string
			IsDefault               bool
		}
	}
	awsJSON(t, srv, env, &vpcs, "ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true")
	if len(vpcs.Vpcs) != 1 || vpcs.Vpcs[0].CidrBlock != "172.31.0.0/16" || !vpcs.Vpcs[0].IsDefault {
		t.Fatalf("describe-vpcs: %+v", vpcs)
	}
	def := vpcs.Vpcs[0].VpcId
	var subs struct{ Subnets []subnet }
	awsJSON(t, srv, env, &subs, "ec2", "describe-subnets", "--filters", "Name=vpc-id,Values="+def)
	var cidrs []string
	for _, s := range subs.Subnets {
		if !s.DefaultForAz || !s.MapPublicIpOnLaunch || s.AvailableIpAddressCount != 4091 {
			t.Errorf("default subnet %+v", s)
		}
		cidrs = append(cidrs, s.CidrBlock)
	}
	if diff := cmp.Diff([]string{"172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"}, cidrs); diff != "" {
		t.Errorf("default subnets (-want +got):\n%s", diff)
	}

	var vpc struct{ Vpc struct{ VpcId, State string } }
	awsJSON(t, srv, env, &vpc, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16",
		"--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=cli}]")
	id := vpc.Vpc.VpcId
	if !strings.HasPrefix(id, "vpc-") || vpc.Vpc.State != "pending" {
		t.Fatalf("create-vpc: %+v", vpc)
	}
	awsJSON(t, srv, env, nil, "ec2", "wait", "vpc-available", "--vpc-ids", id)
	var sub struct{ Subnet subnet }
	awsJSON(t, srv, env, &sub, "ec2", "create-subnet", "--vpc-id", id, "--cidr-block", "10.0.1.0/24", "--availability-zone", "us-east-1b")
	if sub.Subnet.VpcId != id || sub.Subnet.AvailabilityZone != "us-east-1b" || sub.Subnet.AvailableIpAddressCount != 251 {
		t.Errorf("create-subnet: %+v", sub)
	}
	awsJSON(t, srv, env, nil, "ec2", "wait", "subnet-available", "--subnet-ids", sub.Subnet.SubnetId)
	_, stderr, err := awsCLI(t, srv, env, "ec2", "create-subnet", "--vpc-id", id, "--cidr-block", "10.0.1.0/25")
	if err == nil || !strings.Contains(string(stderr), "InvalidSubnet.Conflict") {
		t.Errorf("an overlapping subnet: err %v, stderr %s", err, stderr)
	}
	_, stderr, err = awsCLI(t, srv, env, "ec2", "create-subnet", "--vpc-id", id, "--cidr-block", "192.168.0.0/24")
	if err == nil || !strings.Contains(string(stderr), "InvalidSubnet.Range") {
		t.Errorf("a subnet outside its VPC: err %v, stderr %s", err, stderr)
	}

	var igw struct {
		InternetGateway struct{ InternetGatewayId string }
	}
	awsJSON(t, srv, env, &igw, "ec2", "create-internet-gateway")
	gw := igw.InternetGateway.InternetGatewayId
	awsJSON(t, srv, env, nil, "ec2", "attach-internet-gateway", "--internet-gateway-id", gw, "--vpc-id", id)
	var rt struct{ RouteTable struct{ RouteTableId string } }
	awsJSON(t, srv, env, &rt, "ec2", "create-route-table", "--vpc-id", id)
	awsJSON(t, srv, env, nil, "ec2", "create-route", "--route-table-id", rt.RouteTable.RouteTableId,
		"--destination-cidr-block", "0.0.0.0/0", "--gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "associate-route-table", "--route-table-id", rt.RouteTable.RouteTableId,
		"--subnet-id", sub.Subnet.SubnetId)
	var tables struct {
		RouteTables []struct {
			RouteTableId string
			Routes       []struct{ DestinationCidrBlock, GatewayId, State string }
			Associations []struct {
				SubnetId string
				Main     bool
			}
		}
	}
	awsJSON(t, srv, env, &tables, "ec2", "describe-route-tables", "--filters", "Name=association.subnet-id,Values="+sub.Subnet.SubnetId)
	if len(tables.RouteTables) != 1 || len(tables.RouteTables[0].Routes) != 2 || tables.RouteTables[0].Routes[1].GatewayId != gw {
		t.Errorf("describe-route-tables: %+v", tables)
	}
	_, stderr, err = awsCLI(t, srv, env, "ec2", "delete-vpc", "--vpc-id", id)
	if err == nil || !strings.Contains(string(stderr), "DependencyViolation") {
		t.Errorf("delete-vpc of a VPC in use: err %v, stderr %s", err, stderr)
	}

	var rules struct {
		SecurityGroupRules []struct {
			SecurityGroupRuleId, GroupId, IpProtocol, CidrIpv4 string
			IsEgress                                           bool
		}
	}
	var groups struct {
		SecurityGroups []struct{ GroupId, VpcId string }
	}
	awsJSON(t, srv, env, &groups, "ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values="+id)
	if len(groups.SecurityGroups) != 1 || groups.SecurityGroups[0].VpcId != id {
		t.Fatalf("the new VPC's default group: %+v", groups)
	}
	awsJSON(t, srv, env, &rules, "ec2", "describe-security-group-rules", "--filters", "Name=group-id,Values="+groups.SecurityGroups[0].GroupId)
	if len(rules.SecurityGroupRules) != 2 {
		t.Fatalf("describe-security-group-rules: %+v", rules)
	}
	for _, r := range rules.SecurityGroupRules {
		if !strings.HasPrefix(r.SecurityGroupRuleId, "sgr-") || r.IpProtocol != "-1" {
			t.Errorf("rule %+v", r)
		}
	}
}
