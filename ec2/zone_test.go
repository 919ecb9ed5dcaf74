package ec2_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// zoneSeed gives us-east-1 two Availability Zones, one impaired, and a
// Local Zone the account has not opted in to.
func zoneSeed(srv *ec2test.Server) {
	srv.SetZones("us-east-1", []ec2test.ZoneInfo{
		{Name: "us-east-1a"},
		{Name: "us-east-1b", State: "impaired", Messages: []string{"degraded networking"}},
		{Name: "us-east-1-bos-1a", ID: "use1-bos1-az1", Type: "local-zone", OptInStatus: ec2test.NotOptedIn,
			GroupName: "us-east-1-bos-1", NetworkBorderGroup: "us-east-1-bos-1"},
	})
}

var (
	zoneA = ec2.Zone{Name: "us-east-1a", ID: "use1-az1", Region: "us-east-1", State: "available",
		OptInStatus: ec2.OptInNotRequired, Type: ec2.AvailabilityZone, GroupName: "us-east-1-zg-1",
		NetworkBorderGroup: "us-east-1"}
	zoneB = ec2.Zone{Name: "us-east-1b", ID: "use1-az2", Region: "us-east-1", State: "impaired",
		OptInStatus: ec2.OptInNotRequired, Type: ec2.AvailabilityZone, GroupName: "us-east-1-zg-1",
		NetworkBorderGroup: "us-east-1", Messages: []string{"degraded networking"}}
	zoneBos = ec2.Zone{Name: "us-east-1-bos-1a", ID: "use1-bos1-az1", Region: "us-east-1", State: "available",
		OptInStatus: ec2.NotOptedIn, Type: ec2.LocalZone, GroupName: "us-east-1-bos-1",
		NetworkBorderGroup: "us-east-1-bos-1"}
)

func TestZones(t *testing.T) {
	srv := ec2test.Start(t)
	zoneSeed(srv)
	conn := ec2.New(srv.Config(""))
	if conn.Region() != "us-east-1" {
		t.Fatalf("fake's default region = %s; the test expects us-east-1", conn.Region())
	}
	tests := []struct {
		name string
		f    ec2.Filter
		opts []ec2.ListOption
		want []ec2.Zone
	}{
		{"usable", nil, nil, []ec2.Zone{zoneA, zoneB}},
		{"all", nil, []ec2.ListOption{ec2.AllZones()}, []ec2.Zone{zoneA, zoneB, zoneBos}},
		{"state filter", ec2.Filter{"state": {"impaired"}}, nil, []ec2.Zone{zoneB}},
		{"local zones", ec2.Filter{"zone-type": {"local-zone"}}, []ec2.ListOption{ec2.AllZones()}, []ec2.Zone{zoneBos}},
		{"no match", ec2.Filter{"zone-id": {"use1-az9"}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []ec2.Zone
			for z, err := range conn.Zones(t.Context(), tt.f, tt.opts...) {
				if err != nil {
					t.Fatal(err)
				}
				if z.Conn() != conn {
					t.Errorf("%v.Conn() is not the listing connection", z)
				}
				got = append(got, *z)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(ec2.Zone{})); diff != "" {
				t.Errorf("Zones (-want +got):\n%s", diff)
			}
		})
	}
}

func TestZonesError(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	n := 0
	for _, err := range conn.Zones(t.Context(), ec2.Filter{"no-such-filter": {"x"}}) {
		n++
		if ae, ok := errors.AsType[*goboto.APIError](err); !ok || ae.Code != "InvalidParameterValue" {
			t.Errorf("err = %v; want an APIError InvalidParameterValue", err)
		}
	}
	if n != 1 {
		t.Errorf("yielded %d times; want the error once", n)
	}
}

func TestZoneRefresh(t *testing.T) {
	srv := ec2test.Start(t)
	zoneSeed(srv)
	conn := ec2.New(srv.Config(""))
	for _, want := range []ec2.Zone{zoneB, zoneBos} {
		z := conn.Zone(want.Name)
		if z.String() != "Zone:"+want.Name {
			t.Errorf("String() = %q", z.String())
		}
		if err := z.Refresh(t.Context()); err != nil {
			t.Fatalf("%v.Refresh: %v", z, err)
		}
		if diff := cmp.Diff(want, *z, cmpopts.IgnoreUnexported(ec2.Zone{})); diff != "" {
			t.Errorf("%v after Refresh (-want +got):\n%s", z, diff)
		}
		if z.Conn() != conn {
			t.Errorf("Refresh lost the connection")
		}
	}
}

func TestZoneRefreshNotFound(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	z := conn.Zone("us-east-1z")
	err := z.Refresh(t.Context())
	ae, ok := errors.AsType[*goboto.APIError](err)
	// EC2 API Reference, error codes: InvalidZone.NotFound, "The specified
	// Availability Zone does not exist, or is not available for you to
	// use". Refresh asks by filter, which EC2 answers with an empty list.
	if !ok || ae.Code != "InvalidZone.NotFound" || ae.Operation != "DescribeAvailabilityZones" || ae.StatusCode != 200 || ae.RequestID == "" {
		t.Fatalf("Refresh of a missing zone: %v; want InvalidZone.NotFound with the call's status and request ID", err)
	}
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
	want := ec2.Zone{Name: "us-east-1z", Region: "us-east-1"}
	if diff := cmp.Diff(want, *z, cmpopts.IgnoreUnexported(ec2.Zone{})); diff != "" {
		t.Errorf("failed Refresh changed the zone (-want +got):\n%s", diff)
	}
}

func TestZoneRefreshValidation(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	for _, name := range []string{"", "us-east-1", "eu-west-1a", "us-east-1A", "us-east-12", "us-east-1-a"} {
		err := conn.Zone(name).Refresh(t.Context())
		ve, ok := errors.AsType[*goboto.ValidationError](err)
		if !ok || ve.Field != "ZoneName" {
			t.Errorf("Zone(%q).Refresh: %v; want a ValidationError on ZoneName", name, err)
		}
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("validation sent %d requests: %+v", len(calls), calls)
	}
}
