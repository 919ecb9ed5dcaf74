package suite

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	goec2 "github.com/goboto/goboto/ec2"
)

// Regions and zones: DescribeRegions lists the regions enabled for the
// account, each with its ec2.<region>.amazonaws.com endpoint, and with
// AllRegions the disabled ones too (the model, DescribeRegions:
// "Describes the Regions that are enabled for your account, or all
// Regions"); DescribeAvailabilityZones
// lists the region's zones with their zone IDs, and a zone name that does
// not exist is InvalidParameterValue ("Invalid availability zone:
// [us-west-2a]", as AWS words it to CloudFormation and the SDKs).
func testRegionsAndZones(t *testing.T, env Env) {
	ctx := t.Context()
	regions := collect(t, env, "Regions", env.Conn.Regions(ctx))
	all := collect(t, env, "Regions(AllRegions)", env.Conn.Regions(ctx, goec2.AllRegions()))
	var east *goec2.RegionInfo
	for _, r := range regions {
		if r.Name == "us-east-1" {
			east = r
		}
		if r.OptInStatus == goec2.NotOptedIn && !env.Diff.ListsDisabledRegions {
			t.Errorf("%s: Regions without AllRegions lists %s, %s", env.Name, r.Name, r.OptInStatus)
		}
	}
	if east == nil || east.Endpoint != "ec2.us-east-1.amazonaws.com" || east.OptInStatus != goec2.OptInNotRequired {
		t.Errorf("%s: Regions: us-east-1 is %+v, want endpoint ec2.us-east-1.amazonaws.com, %s", env.Name, east, goec2.OptInNotRequired)
	}
	disabled := slices.ContainsFunc(all, func(r *goec2.RegionInfo) bool { return r.OptInStatus == goec2.NotOptedIn })
	if !disabled {
		t.Errorf("%s: Regions(AllRegions) lists no region the account has not opted in to", env.Name)
	}
	if env.Diff.ListsDisabledRegions && len(regions) != len(all) {
		t.Errorf("%s: ListsDisabledRegions is set but Regions lists %d regions and Regions(AllRegions) %d", env.Name, len(regions), len(all))
	}

	zones := collect(t, env, "Zones", env.Conn.Zones(ctx, nil))
	var names []string
	for _, z := range zones {
		names = append(names, z.Name)
		if z.Region != "us-east-1" || z.ID == "" || z.State != "available" || !strings.HasPrefix(z.Name, "us-east-1") {
			t.Errorf("%s: zone %+v, want an available zone of us-east-1 with an ID", env.Name, *z)
		}
	}
	if !slices.Contains(names, "us-east-1a") || !slices.Contains(names, "us-east-1b") {
		t.Errorf("%s: Zones = %v, want us-east-1a and us-east-1b among them", env.Name, names)
	}
	z := env.Conn.Zone("us-east-1a")
	wantOK(t, env, "Zone.Refresh", z.Refresh(ctx))
	if z.Type != goec2.AvailabilityZone || z.ID == "" {
		t.Errorf("%s: us-east-1a is %+v, want an Availability Zone with an ID", env.Name, *z)
	}
	byPattern := collect(t, env, "Zones(zone-name us-east-1?)", env.Conn.Zones(ctx, goec2.Filter{"zone-name": {"us-east-1?"}}))
	wantMatched := len(zones)
	if env.Diff.ZoneFiltersExact {
		wantMatched = 0
	}
	if len(byPattern) != wantMatched {
		t.Errorf("%s: Zones(zone-name us-east-1?) found %d zones, want %d (ZoneFiltersExact is %v)", env.Name, len(byPattern), wantMatched, env.Diff.ZoneFiltersExact)
	}

	out, err := env.Conn.Client().DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1z"}})
	if env.Diff.UnknownZoneListsNothing {
		if err != nil || len(out.AvailabilityZones) != 0 {
			t.Errorf("%s: DescribeAvailabilityZones us-east-1z (UnknownZoneListsNothing): %v, %v", env.Name, out, err)
		}
	} else {
		wantCode(t, env, "DescribeAvailabilityZones us-east-1z", err, "InvalidParameterValue")
	}
}

// The default VPC: every account has one in every region, 172.31.0.0/16,
// with a default /20 subnet in each Availability Zone that gives
// instances public addresses, an internet gateway attached to it, and a
// main route table sending 0.0.0.0/0 to that gateway (Amazon VPC User
// Guide, "Default VPCs": "Create a VPC with a size /16 IPv4 CIDR block
// (172.31.0.0/16)", "Create a size /20 default subnet in each
// Availability Zone", "Create an internet gateway and connect it to your
// default VPC", "Add a route to the main route table that points all
// traffic (0.0.0.0/0) to the internet gateway").
func testDefaultVPC(t *testing.T, env Env) {
	ctx := t.Context()
	v, err := env.Conn.DefaultVPC(ctx)
	must(t, env, "DefaultVPC", err)
	if v.CIDR != "172.31.0.0/16" || !v.IsDefault || v.State != goec2.VPCAvailable || v.OwnerID != env.Account {
		t.Errorf("%s: DefaultVPC = %+v, want 172.31.0.0/16, default, available, owned by %s", env.Name, *v, env.Account)
	}
	block := netip.MustParsePrefix(v.CIDR)
	subs := collect(t, env, "Subnets(default-for-az)", env.Conn.Subnets(ctx, goec2.Filter{"vpc-id": {v.ID}, "default-for-az": {"true"}}))
	zones := collect(t, env, "Zones", env.Conn.Zones(ctx, goec2.Filter{"zone-type": {"availability-zone"}}))
	var zoneNames, subZones []string
	for _, z := range zones {
		zoneNames = append(zoneNames, z.Name)
	}
	for _, s := range subs {
		subZones = append(subZones, s.Zone)
		p, err := netip.ParsePrefix(s.CIDR)
		if err != nil || p.Bits() != 20 || !block.Contains(p.Addr()) || !s.DefaultForZone || !s.MapPublicIPOnLaunch || s.VPCID != v.ID {
			t.Errorf("%s: default subnet %+v, want a /20 of %s, default for its zone, public addresses on launch", env.Name, *s, v.CIDR)
		}
		if s.AvailableIPs <= 0 || s.AvailableIPs > 4096-5 {
			t.Errorf("%s: default subnet %s has %d available addresses, want 1 to %d", env.Name, s.ID, s.AvailableIPs, 4096-5)
		}
	}
	slices.Sort(zoneNames)
	slices.Sort(subZones)
	if !slices.Equal(zoneNames, subZones) {
		t.Errorf("%s: default subnets are in %v, want one in each zone %v", env.Name, subZones, zoneNames)
	}

	sg, err := v.DefaultSecurityGroup(ctx)
	if err != nil || sg.Name != "default" || sg.VPCID != v.ID {
		t.Errorf("%s: DefaultSecurityGroup = %+v, %v", env.Name, sg, err)
	}
	main, err := v.MainRouteTable(ctx)
	must(t, env, "MainRouteTable", err)
	local := goec2.Route{Destination: v.CIDR, GatewayID: "local", State: "active", Origin: "CreateRouteTable"}
	if !slices.Contains(main.Routes, local) {
		t.Errorf("%s: the default VPC's main table routes %+v, want the local route %+v", env.Name, main.Routes, local)
	}
	igws := collect(t, env, "InternetGateways(attachment.vpc-id)",
		env.Conn.InternetGateways(ctx, goec2.Filter{"attachment.vpc-id": {v.ID}}))
	if env.Diff.DefaultVPCWithoutGateway {
		if len(igws) != 0 || slices.ContainsFunc(main.Routes, func(r goec2.Route) bool { return r.Destination == "0.0.0.0/0" }) {
			t.Errorf("%s: DefaultVPCWithoutGateway is set but the default VPC has gateways %v and routes %+v", env.Name, igws, main.Routes)
		}
		return
	}
	if len(igws) != 1 {
		t.Fatalf("%s: the default VPC has %d internet gateways, want 1", env.Name, len(igws))
	}
	internet := goec2.Route{Destination: "0.0.0.0/0", GatewayID: igws[0].ID, State: "active", Origin: "CreateRoute"}
	if !slices.Contains(main.Routes, internet) {
		t.Errorf("%s: the default VPC's main table routes %+v, want %+v", env.Name, main.Routes, internet)
	}
}
