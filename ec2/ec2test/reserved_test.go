package ec2test_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// riCode fails t unless err carries the EC2 error code.
func riCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("err = %v; want %s", err, code)
	}
}

// offerings lists every offering in.Filter selects, through the SDK's
// paginator, and reports how many calls it took.
func offerings(t *testing.T, c *awsec2.Client, in *awsec2.DescribeReservedInstancesOfferingsInput) ([]types.ReservedInstancesOffering, int) {
	t.Helper()
	var out []types.ReservedInstancesOffering
	calls := 0
	p := awsec2.NewDescribeReservedInstancesOfferingsPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		calls++
		out = append(out, page.ReservedInstancesOfferings...)
	}
	return out, calls
}

func TestReservedOfferingsDefaults(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	got, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{
		InstanceType: types.InstanceTypeM5Large, AvailabilityZone: aws.String("us-east-1a"),
		ProductDescription: types.RIProductDescriptionLinuxUnix, InstanceTenancy: types.TenancyDefault,
		OfferingType: types.OfferingTypeValuesAllUpfront,
	})
	type terms struct {
		Type, Zone, Product, Tenancy, Payment, Class, Scope, Currency string
		Duration                                                      int64
		Upfront, Hourly                                               bool
	}
	var summary []terms
	for _, o := range got {
		hourly := false
		for _, rc := range o.RecurringCharges {
			hourly = hourly || rc.Frequency == types.RecurringChargeFrequencyHourly && aws.ToFloat64(rc.Amount) > 0
		}
		summary = append(summary, terms{string(o.InstanceType), aws.ToString(o.AvailabilityZone), string(o.ProductDescription),
			string(o.InstanceTenancy), string(o.OfferingType), string(o.OfferingClass), string(o.Scope), string(o.CurrencyCode),
			aws.ToInt64(o.Duration), aws.ToFloat32(o.FixedPrice) > 0, hourly})
	}
	want := []terms{
		{"m5.large", "us-east-1a", "Linux/UNIX", "default", "All Upfront", "standard", "Availability Zone", "USD", ec2test.OneYear, true, false},
		{"m5.large", "us-east-1a", "Linux/UNIX", "default", "All Upfront", "standard", "Availability Zone", "USD", ec2test.ThreeYears, true, false},
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("offerings (-want +got):\n%s", diff)
	}
	if len(got) == 2 && aws.ToFloat32(got[1].FixedPrice) <= aws.ToFloat32(got[0].FixedPrice) {
		t.Errorf("three years upfront %v not more than one year's %v", *got[1].FixedPrice, *got[0].FixedPrice)
	}

	// The same offering through the other parameters and filters.
	tests := []struct {
		name string
		in   awsec2.DescribeReservedInstancesOfferingsInput
		want int
	}{
		{"min duration", awsec2.DescribeReservedInstancesOfferingsInput{MinDuration: aws.Int64(ec2test.ThreeYears)}, 1},
		{"max duration", awsec2.DescribeReservedInstancesOfferingsInput{MaxDuration: aws.Int64(ec2test.OneYear)}, 1},
		{"duration filter", awsec2.DescribeReservedInstancesOfferingsInput{Filters: []types.Filter{{Name: aws.String("duration"), Values: []string{"94608000"}}}}, 1},
		{"scope filter", awsec2.DescribeReservedInstancesOfferingsInput{Filters: []types.Filter{{Name: aws.String("scope"), Values: []string{"Region"}}}}, 0},
		{"no payment filter", awsec2.DescribeReservedInstancesOfferingsInput{}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.InstanceType, in.AvailabilityZone = types.InstanceTypeM5Large, aws.String("us-east-1a")
			in.ProductDescription, in.InstanceTenancy = types.RIProductDescriptionLinuxUnix, types.TenancyDefault
			if in.Filters == nil && in.MinDuration == nil && in.MaxDuration == nil {
				in.OfferingType = types.OfferingTypeValuesNoUpfront
			} else {
				in.OfferingType = types.OfferingTypeValuesAllUpfront
			}
			got, _ := offerings(t, c, &in)
			if len(got) != tt.want {
				t.Errorf("%d offerings; want %d", len(got), tt.want)
			}
		})
	}
}

func TestReservedOfferingsPaging(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	all, calls := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{})
	// 3 types × (3 zones + the region) × 2 products × 2 tenancies × 2 terms × 3 payments.
	if len(all) != 288 || calls != 3 {
		t.Errorf("%d offerings in %d calls; want 288 in 3 (100 a page by default)", len(all), calls)
	}
	paged, calls := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{MaxResults: aws.Int32(50)})
	if calls != 6 {
		t.Errorf("%d calls with MaxResults 50; want 6", calls)
	}
	ids := func(os []types.ReservedInstancesOffering) []string {
		var out []string
		for _, o := range os {
			out = append(out, aws.ToString(o.ReservedInstancesOfferingId))
		}
		return out
	}
	if diff := cmp.Diff(ids(all), ids(paged)); diff != "" {
		t.Errorf("paged listing differs (-want +got):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, id := range ids(all) {
		if seen[id] {
			t.Errorf("offering ID %s listed twice", id)
		}
		seen[id] = true
	}
	again, _ := offerings(t, awsec2.NewFromConfig(ec2test.Start(t).Config("")), &awsec2.DescribeReservedInstancesOfferingsInput{})
	if diff := cmp.Diff(ids(all), ids(again)); diff != "" {
		t.Errorf("default offerings differ between servers (-want +got):\n%s", diff)
	}
}

func TestReservedOfferingsErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	tests := []struct {
		name string
		in   awsec2.DescribeReservedInstancesOfferingsInput
	}{
		{"offering type", awsec2.DescribeReservedInstancesOfferingsInput{OfferingType: "Bogus Upfront"}},
		{"tenancy", awsec2.DescribeReservedInstancesOfferingsInput{InstanceTenancy: "shared"}},
		{"max results", awsec2.DescribeReservedInstancesOfferingsInput{MaxResults: aws.Int32(101)}},
		{"filter", awsec2.DescribeReservedInstancesOfferingsInput{Filters: []types.Filter{{Name: aws.String("colour"), Values: []string{"red"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DescribeReservedInstancesOfferings(t.Context(), &tt.in)
			riCode(t, err, "InvalidParameterValue")
		})
	}
}

func TestReservedOfferingsSeeded(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	srv.SetOfferings("us-east-1", ec2test.Offering{InstanceType: "m1.small", Zone: "us-east-1a", ProductDescription: "Linux/UNIX",
		Tenancy: "default", OfferingType: "Heavy Utilization", OfferingClass: "standard", Duration: ec2test.OneYear,
		FixedPrice: 169, UsagePrice: 0, RecurringCharges: []ec2test.RecurringCharge{{Amount: 0.014, Frequency: "Hourly"}}})
	id := srv.AddOffering("us-east-1", ec2test.Offering{ID: "649fd0c8-7846-46b8-8f84-a6400example", InstanceType: "m1.small",
		Zone: "us-east-1a", ProductDescription: "Linux/UNIX", Tenancy: "default", OfferingType: "Heavy Utilization",
		OfferingClass: "standard", Duration: 20736000, FixedPrice: 120, Marketplace: true})
	if id != "649fd0c8-7846-46b8-8f84-a6400example" {
		t.Errorf("AddOffering = %q; want the ID given", id)
	}
	all, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{})
	own, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{IncludeMarketplace: aws.Bool(false)})
	if len(all) != 2 || len(own) != 1 || aws.ToBool(own[0].Marketplace) {
		t.Fatalf("%d offerings, %d without the marketplace; want 2 and 1", len(all), len(own))
	}
	if got := aws.ToFloat64(own[0].RecurringCharges[0].Amount); got != 0.014 {
		t.Errorf("recurring charge %v; want 0.014", got)
	}
	heavy, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{OfferingType: types.OfferingTypeValuesHeavyUtilization,
		ReservedInstancesOfferingIds: []string{id}})
	if len(heavy) != 1 || len(heavy[0].PricingDetails) != 1 {
		t.Errorf("by ID: %+v; want the marketplace offering with its pricing details", heavy)
	}
	if other, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{}); len(other) != 2 {
		t.Errorf("seeded offerings listed %d; want 2", len(other))
	}
	west := awsec2.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[0], "us-west-2"))
	if w, _ := offerings(t, west, &awsec2.DescribeReservedInstancesOfferingsInput{MaxResults: aws.Int32(5)}); len(w) != 288 {
		t.Errorf("us-west-2 has %d offerings; want the 288 defaults", len(w))
	}
}

func TestReservedPurchase(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	got, _ := offerings(t, c, &awsec2.DescribeReservedInstancesOfferingsInput{InstanceType: types.InstanceTypeT3Micro,
		AvailabilityZone: aws.String("us-east-1b"), ProductDescription: types.RIProductDescriptionLinuxUnix,
		InstanceTenancy: types.TenancyDefault, OfferingType: types.OfferingTypeValuesPartialUpfront, MaxDuration: aws.Int64(ec2test.OneYear)})
	if len(got) != 1 {
		t.Fatalf("%d offerings; want 1", len(got))
	}
	off := got[0]
	fixed := float64(aws.ToFloat32(off.FixedPrice))

	errs := []struct {
		name string
		in   awsec2.PurchaseReservedInstancesOfferingInput
		code string
	}{
		{"unknown offering", awsec2.PurchaseReservedInstancesOfferingInput{ReservedInstancesOfferingId: aws.String("00000000-0000-0000-0000-000000000000"), InstanceCount: aws.Int32(1)}, "InvalidReservedInstancesOfferingId"},
		{"zero count", awsec2.PurchaseReservedInstancesOfferingInput{ReservedInstancesOfferingId: off.ReservedInstancesOfferingId, InstanceCount: aws.Int32(0)}, "InvalidParameterValue"},
		{"limit price", awsec2.PurchaseReservedInstancesOfferingInput{ReservedInstancesOfferingId: off.ReservedInstancesOfferingId, InstanceCount: aws.Int32(2),
			LimitPrice: &types.ReservedInstanceLimitPrice{Amount: aws.Float64(2*fixed - 1), CurrencyCode: types.CurrencyCodeValuesUsd}}, "InvalidParameterValue"},
		{"quota", awsec2.PurchaseReservedInstancesOfferingInput{ReservedInstancesOfferingId: off.ReservedInstancesOfferingId, InstanceCount: aws.Int32(21)}, "ReservedInstancesLimitExceeded"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.PurchaseReservedInstancesOffering(ctx, &tt.in)
			riCode(t, err, tt.code)
		})
	}

	out, err := c.PurchaseReservedInstancesOffering(ctx, &awsec2.PurchaseReservedInstancesOfferingInput{
		ReservedInstancesOfferingId: off.ReservedInstancesOfferingId, InstanceCount: aws.Int32(2),
		LimitPrice: &types.ReservedInstanceLimitPrice{Amount: aws.Float64(2 * fixed), CurrencyCode: types.CurrencyCodeValuesUsd}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.ReservedInstancesId)
	state := func(f ...types.Filter) []string {
		t.Helper()
		d, err := c.DescribeReservedInstances(ctx, &awsec2.DescribeReservedInstancesInput{Filters: f})
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, ri := range d.ReservedInstances {
			s = append(s, aws.ToString(ri.ReservedInstancesId)+" "+string(ri.State))
			if aws.ToInt32(ri.InstanceCount) != 2 || aws.ToString(ri.AvailabilityZone) != "us-east-1b" ||
				aws.ToInt64(ri.Duration) != ec2test.OneYear || !aws.ToTime(ri.End).Equal(aws.ToTime(ri.Start).AddDate(1, 0, 0)) {
				t.Errorf("reserved instances %+v do not carry the offering's terms", ri)
			}
		}
		return s
	}
	if diff := cmp.Diff([]string{id + " payment-pending"}, state()); diff != "" {
		t.Errorf("after purchase (-want +got):\n%s", diff)
	}
	srv.Step()
	if diff := cmp.Diff([]string{id + " active"}, state(types.Filter{Name: aws.String("state"), Values: []string{"active"}})); diff != "" {
		t.Errorf("after Step (-want +got):\n%s", diff)
	}
	if s := state(types.Filter{Name: aws.String("instance-type"), Values: []string{"m5.*"}}); len(s) != 0 {
		t.Errorf("instance-type m5.* matched %v", s)
	}
	_, err = c.DescribeReservedInstances(ctx, &awsec2.DescribeReservedInstancesInput{ReservedInstancesIds: []string{"11111111-2222-3333-4444-555555555555"}})
	riCode(t, err, "InvalidReservedInstancesId")
	// 2 bought; 19 more exceed the quota of 20, 18 do not.
	_, err = c.PurchaseReservedInstancesOffering(ctx, &awsec2.PurchaseReservedInstancesOfferingInput{
		ReservedInstancesOfferingId: off.ReservedInstancesOfferingId, InstanceCount: aws.Int32(19)})
	riCode(t, err, "ReservedInstancesLimitExceeded")

	other := awsec2.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[1], "us-east-1"))
	d, err := other.DescribeReservedInstances(ctx, &awsec2.DescribeReservedInstancesInput{})
	if err != nil || len(d.ReservedInstances) != 0 {
		t.Errorf("other account sees %d reserved instances (err %v); want none", len(d.ReservedInstances), err)
	}
}
