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

func TestRegionInfoRefresh(t *testing.T) {
	srv := ec2test.Start(t, seed())
	conn := ec2.New(srv.Config(""))
	tests := []struct {
		name string
		want ec2.RegionInfo
	}{
		{"us-east-1", ec2.RegionInfo{Name: "us-east-1", Endpoint: "ec2.us-east-1.amazonaws.com", OptInStatus: ec2.OptInNotRequired}},
		{"ap-east-1", ec2.RegionInfo{Name: "ap-east-1", Endpoint: "ec2.ap-east-1.amazonaws.com", OptInStatus: ec2.OptedIn}},
		// Not opted in: described all the same.
		{"me-south-1", ec2.RegionInfo{Name: "me-south-1", Endpoint: "ec2.me-south-1.amazonaws.com", OptInStatus: ec2.NotOptedIn}},
	}
	for _, tt := range tests {
		r := conn.RegionInfo(tt.name)
		if err := r.Refresh(t.Context()); err != nil {
			t.Fatalf("%v.Refresh: %v", r, err)
		}
		if diff := cmp.Diff(tt.want, *r, cmpopts.IgnoreUnexported(ec2.RegionInfo{})); diff != "" {
			t.Errorf("%v after Refresh (-want +got):\n%s", r, diff)
		}
	}
	for _, c := range srv.Calls() {
		if c.Operation != "DescribeRegions" || c.Region != "us-east-1" {
			t.Errorf("call %s in %s; want DescribeRegions in us-east-1", c.Operation, c.Region)
		}
	}
}

func TestRegionInfoRefreshNotFound(t *testing.T) {
	srv := ec2test.Start(t, seed())
	r := ec2.New(srv.Config("")).RegionInfo("eu-west-1") // not in the seeded list
	err := r.Refresh(t.Context())
	ae, ok := errors.AsType[*goboto.APIError](err)
	if !ok || ae.Code != "InvalidParameterValue" || ae.Operation != "DescribeRegions" {
		t.Fatalf("Refresh of an unknown region: %v; want EC2's InvalidParameterValue", err)
	}
	if goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = true; EC2 gives no NotFound code for regions", err)
	}
	if r.Endpoint != "" || r.OptInStatus != "" {
		t.Errorf("failed Refresh set %+v", *r)
	}
}

func TestRegionInfoConnect(t *testing.T) {
	srv := ec2test.Start(t, seed())
	conn := ec2.New(srv.Config(""))
	if same, err := conn.RegionInfo(conn.Region()).Connect(); err != nil || same != conn {
		t.Errorf("Connect to the connection's own region = %v, %v; want the connection itself", same, err)
	}
	other, err := conn.RegionInfo("ap-east-1").Connect()
	if err != nil {
		t.Fatal(err)
	}
	if other.Region() != "ap-east-1" {
		t.Errorf("Region() = %s; want ap-east-1", other.Region())
	}
	var got []string
	for z, err := range other.Zones(t.Context(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, z.Name+" "+z.Region)
	}
	want := []string{"ap-east-1a ap-east-1", "ap-east-1b ap-east-1", "ap-east-1c ap-east-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zones through the new connection (-want +got):\n%s", diff)
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].Region != "ap-east-1" || calls[0].Operation != "DescribeAvailabilityZones" {
		t.Errorf("calls = %+v; want one DescribeAvailabilityZones signed for ap-east-1", calls)
	}
	// The derived connection keeps the original's client options.
	if other.Client().Options().BaseEndpoint == nil || *other.Client().Options().BaseEndpoint != srv.URL() {
		t.Errorf("derived connection lost the endpoint override")
	}
}

func TestRegionInfoValidation(t *testing.T) {
	srv := ec2test.Start(t, seed())
	conn := ec2.New(srv.Config(""))
	for _, name := range []string{"", "US-EAST-1", "eu-west", "eu west 1", "-eu-west-1"} {
		r := conn.RegionInfo(name)
		err := r.Refresh(t.Context())
		if ve, ok := errors.AsType[*goboto.ValidationError](err); !ok || ve.Field != "RegionName" {
			t.Errorf("RegionInfo(%q).Refresh: %v; want a ValidationError on RegionName", name, err)
		}
		c, err := r.Connect()
		if ve, ok := errors.AsType[*goboto.ValidationError](err); !ok || ve.Field != "RegionName" || c != nil {
			t.Errorf("RegionInfo(%q).Connect: %v, %v; want a ValidationError on RegionName", name, c, err)
		}
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("validation sent %d requests: %+v", len(calls), calls)
	}
}
