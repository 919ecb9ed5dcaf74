package ec2_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

func TestOfferingFilterRules(t *testing.T) {
	tests := []struct {
		name  string
		f     ec2.OfferingFilter
		opts  []ec2.ListOption
		field string
	}{
		{"tenancy", ec2.OfferingFilter{Tenancy: "shared"}, nil, "Tenancy"},
		{"offering type", ec2.OfferingFilter{OfferingType: "Some Upfront"}, nil, "OfferingType"},
		{"offering class", ec2.OfferingFilter{OfferingClass: "flexible"}, nil, "OfferingClass"},
		{"zone of another region", ec2.OfferingFilter{Zone: "eu-west-1a"}, nil, "Zone"},
		{"negative duration", ec2.OfferingFilter{Duration: -ec2.OneYear}, nil, "Duration"},
		{"fractional duration", ec2.OfferingFilter{MinDuration: time.Millisecond}, nil, "MinDuration"},
		{"min above max", ec2.OfferingFilter{MinDuration: ec2.ThreeYears, MaxDuration: ec2.OneYear}, nil, "MinDuration"},
		{"page size", ec2.OfferingFilter{}, []ec2.ListOption{ec2.PageSize(101)}, "PageSize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			n := 0
			for _, err := range conn.ReservedInstancesOfferings(t.Context(), tt.f, tt.opts...) {
				n++
				wantValidation(t, err, tt.field)
			}
			if n != 1 {
				t.Errorf("%d yields; want the one error", n)
			}
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
}

// offering returns the one offering f selects on conn.
func offering(t *testing.T, conn *ec2.Conn, f ec2.OfferingFilter) *ec2.ReservedInstancesOffering {
	t.Helper()
	var got []*ec2.ReservedInstancesOffering
	for o, err := range conn.ReservedInstancesOfferings(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, o)
	}
	if len(got) != 1 {
		t.Fatalf("%d offerings for %+v; want 1", len(got), f)
	}
	return got[0]
}

var m5Partial = ec2.OfferingFilter{InstanceType: "m5.large", Zone: "us-east-1c", ProductDescription: "Linux/UNIX",
	Tenancy: "default", OfferingType: ec2.PartialUpfront, Duration: ec2.OneYear}

func TestReservedInstancesOfferings(t *testing.T) {
	srv, conn := startFake(t)
	o := offering(t, conn, m5Partial)
	if o.InstanceType != "m5.large" || o.Zone != "us-east-1c" || o.Duration != ec2.OneYear || o.Scope != "Availability Zone" ||
		o.OfferingClass != "standard" || o.CurrencyCode != "USD" || o.FixedPrice <= 0 || o.HourlyPrice() <= 0 {
		t.Errorf("offering %+v", *o)
	}
	// Region-scoped convertible offerings are listed without a zone.
	n := 0
	for o, err := range conn.ReservedInstancesOfferings(t.Context(), ec2.OfferingFilter{InstanceType: "c5.xlarge",
		OfferingClass: "convertible", MinDuration: ec2.ThreeYears, Filter: ec2.Filter{"scope": {"Region"}}}) {
		if err != nil {
			t.Fatal(err)
		}
		if o.Zone != "" || o.Scope != "Region" || o.Duration != ec2.ThreeYears {
			t.Errorf("offering %+v; want Region scope, three years", *o)
		}
		n++
	}
	if n != 12 { // 2 products × 2 tenancies × 3 payments
		t.Errorf("%d convertible offerings; want 12", n)
	}

	// Lazy: stopping after the first offering fetches one page.
	srv.ResetCalls()
	for _, err := range conn.ReservedInstancesOfferings(t.Context(), ec2.OfferingFilter{}, ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if diff := cmp.Diff([]string{"DescribeReservedInstancesOfferings"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestPurchaseNeedsConfirmation(t *testing.T) {
	srv, conn := startFake(t)
	o := offering(t, conn, m5Partial)
	srv.ResetCalls()
	_, err := o.Purchase(t.Context(), 3, ec2.PurchaseOptions{})
	var ce *ec2.ConfirmationRequiredError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v; want *ec2.ConfirmationRequiredError", err)
	}
	if ce.Offering != o || ce.Count != 3 || ce.Upfront != 3*o.FixedPrice || ce.Hourly != 3*o.HourlyPrice() {
		t.Errorf("confirmation %+v; want offering, count 3 and 3× its prices", *ce)
	}
	for _, tt := range []struct {
		name  string
		count int
		opts  ec2.PurchaseOptions
		field string
	}{
		{"zero", 0, ec2.PurchaseOptions{Confirm: true}, "InstanceCount"},
		{"negative", -1, ec2.PurchaseOptions{Confirm: true}, "InstanceCount"},
		{"negative limit", 1, ec2.PurchaseOptions{Confirm: true, LimitPrice: new(-1.0)}, "LimitPrice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := o.Purchase(t.Context(), tt.count, tt.opts)
			wantValidation(t, err, tt.field)
		})
	}
	if calls := ops(srv); len(calls) != 0 {
		t.Errorf("calls %v; want none", calls)
	}
	for ri, err := range conn.ReservedInstances(t.Context(), nil) {
		t.Errorf("bought %v (err %v) without confirmation", ri, err)
	}
}

func TestPurchase(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	ctx := t.Context()
	o := offering(t, conn, m5Partial)

	_, err := o.Purchase(ctx, 2, ec2.PurchaseOptions{Confirm: true, LimitPrice: new(2*o.FixedPrice - 1)})
	wantCode(t, err, "InvalidParameterValue")
	_, err = o.Purchase(ctx, 21, ec2.PurchaseOptions{Confirm: true})
	wantCode(t, err, "ReservedInstancesLimitExceeded")
	wantCode(t, conn.ReservedInstance("00000000-0000-0000-0000-000000000000").Refresh(ctx), "InvalidReservedInstancesId")

	ri, err := o.Purchase(ctx, 2, ec2.PurchaseOptions{Confirm: true, LimitPrice: new(2 * o.FixedPrice)})
	if err != nil {
		t.Fatal(err)
	}
	if ri.State != ec2.ReservedInstancesPaymentPending || ri.Count != 2 || ri.InstanceType != "m5.large" {
		t.Errorf("purchase answered %+v", *ri)
	}
	var states []string
	go srv.Step()
	if err := ri.Wait(ctx, ec2.ReservedInstancesActive, fast, goboto.Progress(func(s string, _ time.Duration) { states = append(states, s) })); err != nil {
		t.Fatal(err)
	}
	if states[len(states)-1] != string(ec2.ReservedInstancesActive) || ri.State != ec2.ReservedInstancesActive {
		t.Errorf("states %v, handle %s; want to end active", states, ri.State)
	}
	if ri.End.Sub(ri.Start) != ec2.OneYear || ri.FixedPrice != o.FixedPrice || ri.HourlyPrice() != o.HourlyPrice() {
		t.Errorf("reserved instances %+v do not carry the offering's terms %+v", *ri, *o)
	}
	wantValidation(t, ri.Wait(ctx, "sold"), "State")

	var ids []string
	for x, err := range conn.ReservedInstances(ctx, ec2.Filter{"state": {string(ec2.ReservedInstancesActive)}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	if diff := cmp.Diff([]string{ri.ID}, ids); diff != "" {
		t.Errorf("active reserved instances (-want +got):\n%s", diff)
	}
	for x, err := range conn.ReservedInstances(ctx, ec2.Filter{"state": {string(ec2.ReservedInstancesRetired)}}) {
		t.Errorf("retired: %v %v", x, err)
	}
	if !slices.Contains(ops(srv), "PurchaseReservedInstancesOffering") {
		t.Error("no PurchaseReservedInstancesOffering call recorded")
	}
}
