package main

import (
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIEC2VPCTeardown drives the rest of the VPC world through
// Debian's aws CLI, the calls TestAWSCLIEC2VPC leaves out: the VPC's DNS
// attributes (modify-vpc-attribute takes one at a time, and host names
// need DNS support: EC2 API Reference, ModifyVpcAttribute),
// modify-subnet-attribute, describe-internet-gateways, replace-route,
// replace-route-table-association, disassociate-route-table,
// delete-route, and a teardown in the order AWS asks for (EC2 API
// Reference, DeleteVpc: "You must detach or delete all gateways and
// resources that are associated with the VPC before you can delete it"):
// security group, subnet, route table, gateway, VPC.
func TestAWSCLIEC2VPCTeardown(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], "us-east-1")
	refused := func(code string, args ...string) {
		t.Helper()
		_, stderr, err := awsCLI(t, srv, env, args...)
		if err == nil || !strings.Contains(string(stderr), code) {
			t.Errorf("aws %q: err %v, stderr %s; want %s", args, err, stderr, code)
		}
	}

	var vpc struct{ Vpc struct{ VpcId string } }
	awsJSON(t, srv, env, &vpc, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16")
	id := vpc.Vpc.VpcId
	var attr struct {
		EnableDnsHostnames struct{ Value bool }
		EnableDnsSupport   struct{ Value bool }
	}
	awsJSON(t, srv, env, &attr, "ec2", "describe-vpc-attribute", "--vpc-id", id, "--attribute", "enableDnsHostnames")
	if attr.EnableDnsHostnames.Value {
		t.Error("a new VPC has DNS host names on")
	}
	awsJSON(t, srv, env, nil, "ec2", "modify-vpc-attribute", "--vpc-id", id, "--enable-dns-support", "Value=false")
	awsJSON(t, srv, env, &attr, "ec2", "describe-vpc-attribute", "--vpc-id", id, "--attribute", "enableDnsSupport")
	if attr.EnableDnsSupport.Value {
		t.Error("modify-vpc-attribute --enable-dns-support Value=false did not take")
	}
	refused("InvalidParameterValue", "ec2", "modify-vpc-attribute", "--vpc-id", id, "--enable-dns-hostnames", "Value=true")
	awsJSON(t, srv, env, nil, "ec2", "modify-vpc-attribute", "--vpc-id", id, "--enable-dns-support", "Value=true")
	awsJSON(t, srv, env, nil, "ec2", "modify-vpc-attribute", "--vpc-id", id, "--enable-dns-hostnames", "Value=true")
	awsJSON(t, srv, env, &attr, "ec2", "describe-vpc-attribute", "--vpc-id", id, "--attribute", "enableDnsHostnames")
	if !attr.EnableDnsHostnames.Value {
		t.Error("modify-vpc-attribute --enable-dns-hostnames did not take")
	}

	var sub struct{ Subnet struct{ SubnetId string } }
	awsJSON(t, srv, env, &sub, "ec2", "create-subnet", "--vpc-id", id, "--cidr-block", "10.0.0.0/24", "--availability-zone", "us-east-1a")
	subnet := sub.Subnet.SubnetId
	awsJSON(t, srv, env, nil, "ec2", "modify-subnet-attribute", "--subnet-id", subnet, "--map-public-ip-on-launch")
	var subs struct{ Subnets []struct{ SubnetId string } }
	awsJSON(t, srv, env, &subs, "ec2", "describe-subnets", "--filters", "Name=vpc-id,Values="+id, "Name=map-public-ip-on-launch,Values=true")
	if len(subs.Subnets) != 1 || subs.Subnets[0].SubnetId != subnet {
		t.Errorf("describe-subnets map-public-ip-on-launch: %+v", subs)
	}

	var igw struct {
		InternetGateway struct{ InternetGatewayId string }
	}
	awsJSON(t, srv, env, &igw, "ec2", "create-internet-gateway")
	gw := igw.InternetGateway.InternetGatewayId
	awsJSON(t, srv, env, nil, "ec2", "attach-internet-gateway", "--internet-gateway-id", gw, "--vpc-id", id)
	var igws struct {
		InternetGateways []struct {
			InternetGatewayId string
			Attachments       []struct{ VpcId, State string }
		}
	}
	awsJSON(t, srv, env, &igws, "ec2", "describe-internet-gateways", "--internet-gateway-ids", gw)
	if len(igws.InternetGateways) != 1 || len(igws.InternetGateways[0].Attachments) != 1 || igws.InternetGateways[0].Attachments[0].VpcId != id {
		t.Errorf("describe-internet-gateways: %+v", igws)
	}

	var rt struct{ RouteTable struct{ RouteTableId string } }
	awsJSON(t, srv, env, &rt, "ec2", "create-route-table", "--vpc-id", id)
	table := rt.RouteTable.RouteTableId
	awsJSON(t, srv, env, nil, "ec2", "create-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "replace-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "create-route", "--route-table-id", table, "--destination-cidr-block", "192.0.2.0/24", "--gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "delete-route", "--route-table-id", table, "--destination-cidr-block", "192.0.2.0/24")
	var assoc struct{ AssociationId string }
	awsJSON(t, srv, env, &assoc, "ec2", "associate-route-table", "--route-table-id", table, "--subnet-id", subnet)
	refused("DependencyViolation", "ec2", "delete-route-table", "--route-table-id", table)
	awsJSON(t, srv, env, nil, "ec2", "disassociate-route-table", "--association-id", assoc.AssociationId)
	// The main association moves to the new table and back.
	var tables struct {
		RouteTables []struct {
			RouteTableId string
			Routes       []struct{ DestinationCidrBlock string }
			Associations []struct {
				RouteTableAssociationId string
				Main                    bool
			}
		}
	}
	awsJSON(t, srv, env, &tables, "ec2", "describe-route-tables", "--filters", "Name=vpc-id,Values="+id, "Name=association.main,Values=true")
	if len(tables.RouteTables) != 1 {
		t.Fatalf("the VPC's main table: %+v", tables)
	}
	main := tables.RouteTables[0].RouteTableId
	var moved struct{ NewAssociationId string }
	awsJSON(t, srv, env, &moved, "ec2", "replace-route-table-association", "--association-id",
		tables.RouteTables[0].Associations[0].RouteTableAssociationId, "--route-table-id", table)
	awsJSON(t, srv, env, &tables, "ec2", "describe-route-tables", "--filters", "Name=vpc-id,Values="+id, "Name=association.main,Values=true")
	if len(tables.RouteTables) != 1 || tables.RouteTables[0].RouteTableId != table || len(tables.RouteTables[0].Routes) != 2 {
		t.Errorf("main table after replace-route-table-association: %+v", tables)
	}
	awsJSON(t, srv, env, nil, "ec2", "replace-route-table-association", "--association-id", moved.NewAssociationId, "--route-table-id", main)

	var sg struct{ GroupId string }
	awsJSON(t, srv, env, &sg, "ec2", "create-security-group", "--group-name", "cli", "--description", "cli", "--vpc-id", id)

	// The teardown, with what AWS refuses on the way.
	refused("DependencyViolation", "ec2", "delete-vpc", "--vpc-id", id)
	awsJSON(t, srv, env, nil, "ec2", "delete-security-group", "--group-id", sg.GroupId)
	awsJSON(t, srv, env, nil, "ec2", "delete-subnet", "--subnet-id", subnet)
	awsJSON(t, srv, env, nil, "ec2", "delete-route-table", "--route-table-id", table)
	refused("DependencyViolation", "ec2", "delete-internet-gateway", "--internet-gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "detach-internet-gateway", "--internet-gateway-id", gw, "--vpc-id", id)
	refused("Gateway.NotAttached", "ec2", "detach-internet-gateway", "--internet-gateway-id", gw, "--vpc-id", id)
	awsJSON(t, srv, env, nil, "ec2", "delete-internet-gateway", "--internet-gateway-id", gw)
	awsJSON(t, srv, env, nil, "ec2", "delete-vpc", "--vpc-id", id)
	refused("InvalidVpcID.NotFound", "ec2", "describe-vpcs", "--vpc-ids", id)
}
