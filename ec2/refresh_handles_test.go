package ec2_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func TestReservationRefresh(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	ctx := context.Background()
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Instances[0].Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := res.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if len(res.Instances) != 2 {
		t.Fatalf("Refresh: %d instances, want 2", len(res.Instances))
	}
	states := map[ec2.InstanceState]bool{}
	for _, in := range res.Instances {
		states[in.State] = true
	}
	if !states[ec2.InstanceRunning] || (!states["shutting-down"] && !states["terminated"]) {
		t.Errorf("states after one Terminate = %v", states)
	}

	missing := conn.Reservation("r-0123456789abcdef0")
	if err := missing.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Refresh of an unknown reservation = %v, want not found", err)
	}
	srv.ResetCalls()
	var ve *goboto.ValidationError
	if err := conn.Reservation("bogus").Refresh(ctx); !errors.As(err, &ve) || len(srv.Calls()) != 0 {
		t.Errorf("Refresh of a malformed ID = %v after %d calls, want a ValidationError and none", err, len(srv.Calls()))
	}
}

func TestOfferingRefresh(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	ctx := context.Background()
	var first *ec2.ReservedInstancesOffering
	for o, err := range conn.ReservedInstancesOfferings(ctx, ec2.OfferingFilter{InstanceType: "t3.micro"}) {
		if err != nil {
			t.Fatal(err)
		}
		first = o
		break
	}
	if first == nil {
		t.Fatal("no offerings")
	}
	h := conn.ReservedInstancesOffering(first.ID)
	if err := h.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if h.String() != first.String() || h.HourlyPrice() != first.HourlyPrice() {
		t.Errorf("refreshed offering %v, want %v", h, first)
	}
	if err := conn.ReservedInstancesOffering("no-such-offering").Refresh(ctx); err == nil {
		t.Error("Refresh of an unknown offering succeeded")
	}
}

func TestSpotPriceHistoryRefresh(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	h := conn.SpotPrices(ec2.SpotPriceFilter{InstanceTypes: []string{"m5.large"}, ProductDescriptions: []string{"Linux/UNIX"}})
	if _, ok := h.Latest(); ok || len(srv.Calls()) != 0 {
		t.Fatal("a new handle has prices or sent a request")
	}
	if err := h.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	latest, ok := h.Latest()
	if !ok || latest.InstanceType != "m5.large" || latest.Price <= 0 {
		t.Errorf("Latest = %+v, %v", latest, ok)
	}
	for _, p := range h.Prices {
		if p.InstanceType != "m5.large" || p.ProductDescription != "Linux/UNIX" {
			t.Fatalf("price outside the filter: %+v", p)
		}
	}
}
