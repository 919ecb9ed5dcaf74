package ec2_test

import (
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/internal/testutil/nopanic"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, nil options, empty names and cancelled contexts: zero
// handles (new(T), whose connection is nil), a zero Conn, and handles a
// live connection to the fake made with empty IDs. Each must return a
// typed error without panicking, and the fake must receive nothing.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t)
	srv.ResetCalls()
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// The zero Conn stands for the connection's own methods: the
			// fake's would send, since a listing without arguments is a
			// valid request.
			new(ec2.Conn),
			new(ec2.Instance), conn.Instance(""),
			new(ec2.Volume), conn.Volume(""),
			new(ec2.Snapshot), conn.Snapshot(""),
			new(ec2.Image), conn.Image(""),
			new(ec2.Reservation), conn.Reservation(""),
			new(ec2.SecurityGroup), conn.SecurityGroup(""),
			new(ec2.KeyPair), conn.KeyPair(""), ec2.KeyPair{},
			new(ec2.Address), conn.Address(""),
			new(ec2.ReservedInstances), conn.ReservedInstance(""),
			new(ec2.ReservedInstancesOffering), conn.ReservedInstancesOffering(""),
			new(ec2.SpotInstanceRequest), conn.SpotInstanceRequest(""),
			// A SpotPriceHistory with an empty filter on a live connection
			// is a valid request for every price; only the zero one here.
			new(ec2.SpotPriceHistory),
			new(ec2.Zone), conn.Zone(""),
			new(ec2.VPC), conn.VPC(""),
			new(ec2.Subnet), conn.Subnet(""),
			new(ec2.InternetGateway), conn.InternetGateway(""),
			new(ec2.RouteTable), conn.RouteTable(""),
			new(ec2.SecurityGroupRule), conn.SecurityGroupRule(""),
			new(ec2.RegionInfo), conn.RegionInfo(""),
			new(ec2.InstanceType), conn.InstanceType(""), new(ec2.InstanceStatus),
			new(ec2.LaunchTemplate), conn.LaunchTemplate(""), conn.LaunchTemplateByName(""), new(ec2.LaunchTemplateVersion),
			ec2.Filter(nil), ec2.PrivateKey(nil), ec2.Rule{}, ec2.Traffic{},
			new(ec2.ConfirmationRequiredError),
		},
		Funcs: map[string]any{
			"New": ec2.New, "NewConn": ec2.NewConn, "WithClientOptions": ec2.WithClientOptions,
			"PageSize": ec2.PageSize, "Owners": ec2.Owners, "RestorableBy": ec2.RestorableBy,
			"ExecutableBy": ec2.ExecutableBy, "AllZones": ec2.AllZones, "AllRegions": ec2.AllRegions,
			"AllInstances": ec2.AllInstances,
			"Force":        ec2.Force, "TCP": ec2.TCP, "UDP": ec2.UDP, "ICMP": ec2.ICMP, "ICMPv6": ec2.ICMPv6,
			"AllTraffic": ec2.AllTraffic, "ParseRule": ec2.ParseRule,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
