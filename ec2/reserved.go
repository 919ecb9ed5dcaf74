package ec2

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Reserved Instance terms.
const (
	OneYear    = 365 * 24 * time.Hour
	ThreeYears = 3 * OneYear
)

// ReservedInstancesState is the state of a purchase of Reserved
// Instances, as EC2 names it.
type ReservedInstancesState string

// Reserved Instance states.
const (
	ReservedInstancesPaymentPending ReservedInstancesState = "payment-pending"
	ReservedInstancesActive         ReservedInstancesState = "active"
	ReservedInstancesPaymentFailed  ReservedInstancesState = "payment-failed"
	ReservedInstancesRetired        ReservedInstancesState = "retired"
)

// Payment options (OfferingType). The utilization ones are older offerings'.
const (
	NoUpfront         = "No Upfront"
	PartialUpfront    = "Partial Upfront"
	AllUpfront        = "All Upfront"
	HeavyUtilization  = "Heavy Utilization"
	MediumUtilization = "Medium Utilization"
	LightUtilization  = "Light Utilization"
)

var (
	offeringTypes   = []string{NoUpfront, PartialUpfront, AllUpfront, HeavyUtilization, MediumUtilization, LightUtilization}
	tenancies       = []string{"default", "dedicated", "host"}
	offeringClasses = []string{"standard", "convertible"}
)

// RecurringCharge is a charge a Reserved Instance adds each period.
type RecurringCharge struct {
	Amount    float64
	Frequency string // "Hourly"
}

// reservedTerms are what an offering and the Reserved Instances bought
// from it share.
type reservedTerms struct {
	InstanceType       string
	Zone               string // "" for an offering of Region scope
	ProductDescription string // "Linux/UNIX", "Windows", ...
	Tenancy            string // default, dedicated
	OfferingType       string // NoUpfront, PartialUpfront, AllUpfront, ...
	OfferingClass      string // standard, convertible
	Scope              string // "Availability Zone" or "Region"
	Duration           time.Duration
	FixedPrice         float64 // paid upfront, per instance
	UsagePrice         float64 // per hour, per instance, on top of RecurringCharges
	CurrencyCode       string
	RecurringCharges   []RecurringCharge
}

// HourlyPrice is what each instance costs per hour on top of FixedPrice:
// the usage price plus the hourly recurring charges.
func (t reservedTerms) HourlyPrice() float64 {
	p := t.UsagePrice
	for _, c := range t.RecurringCharges {
		if c.Frequency == string(types.RecurringChargeFrequencyHourly) {
			p += c.Amount
		}
	}
	return p
}

func chargesFromV2(cs []types.RecurringCharge) []RecurringCharge {
	var out []RecurringCharge
	for _, c := range cs {
		out = append(out, RecurringCharge{Amount: aws.ToFloat64(c.Amount), Frequency: string(c.Frequency)})
	}
	return out
}

// ReservedInstancesOffering is a Reserved Instance offering as
// Conn.ReservedInstancesOfferings listed it.
type ReservedInstancesOffering struct {
	conn *Conn
	ID   string
	reservedTerms
	Marketplace bool // sold on the Reserved Instance Marketplace
}

// String returns "ReservedInstancesOffering:<id>", as boto prints them.
func (o *ReservedInstancesOffering) String() string { return "ReservedInstancesOffering:" + o.ID }

// Conn returns the connection the offering was listed by.
func (o *ReservedInstancesOffering) Conn() *Conn { return o.conn }

// OfferingFilter narrows Conn.ReservedInstancesOfferings. Empty fields do
// not narrow. Duration asks for exactly that term, MinDuration and
// MaxDuration for a range (OneYear, ThreeYears).
type OfferingFilter struct {
	InstanceType       string
	Zone               string
	ProductDescription string // "Linux/UNIX", "Windows", ...
	Tenancy            string // default, dedicated, host
	OfferingType       string // NoUpfront, PartialUpfront, AllUpfront, ...
	OfferingClass      string // standard, convertible
	Duration           time.Duration
	MinDuration        time.Duration
	MaxDuration        time.Duration
	// Marketplace includes offerings of the Reserved Instance
	// Marketplace (third-party sellers); without it only AWS's own are
	// listed.
	Marketplace bool
	Filter      Filter // further Filter.N, e.g. "scope": {"Region"}
}

func seconds(field string, d time.Duration) (*int64, error) {
	switch {
	case d == 0:
		return nil, nil
	case d < 0 || d%time.Second != 0:
		return nil, goboto.Invalid(field, d.String(), "must be a positive whole number of seconds")
	}
	return aws.Int64(int64(d / time.Second)), nil
}

func oneOf(field, v string, allowed []string) error {
	if v != "" && !slices.Contains(allowed, v) {
		return goboto.Invalid(field, v, fmt.Sprintf("must be one of %q", allowed))
	}
	return nil
}

// input checks f and builds the request.
func (f OfferingFilter) input(region string) (*ec2.DescribeReservedInstancesOfferingsInput, error) {
	for _, c := range []struct {
		field, v string
		allowed  []string
	}{{"Tenancy", f.Tenancy, tenancies}, {"OfferingType", f.OfferingType, offeringTypes}, {"OfferingClass", f.OfferingClass, offeringClasses}} {
		if err := oneOf(c.field, c.v, c.allowed); err != nil {
			return nil, err
		}
	}
	if err := validZone("Zone", region, f.Zone); err != nil {
		return nil, err
	}
	in := &ec2.DescribeReservedInstancesOfferingsInput{Filters: f.Filter.v2(), IncludeMarketplace: aws.Bool(f.Marketplace)}
	var err error
	if in.MinDuration, err = seconds("MinDuration", f.MinDuration); err != nil {
		return nil, err
	}
	if in.MaxDuration, err = seconds("MaxDuration", f.MaxDuration); err != nil {
		return nil, err
	}
	if f.MinDuration > 0 && f.MaxDuration > 0 && f.MinDuration > f.MaxDuration {
		return nil, goboto.Invalid("MinDuration", f.MinDuration.String(), "must not exceed MaxDuration")
	}
	dur, err := seconds("Duration", f.Duration)
	if err != nil {
		return nil, err
	}
	if dur != nil {
		in.Filters = append(in.Filters, types.Filter{Name: aws.String("duration"), Values: []string{strconv.FormatInt(*dur, 10)}})
	}
	if f.InstanceType != "" {
		in.InstanceType = types.InstanceType(f.InstanceType)
	}
	if f.Zone != "" {
		in.AvailabilityZone = aws.String(f.Zone)
	}
	if f.ProductDescription != "" {
		in.ProductDescription = types.RIProductDescription(f.ProductDescription)
	}
	in.InstanceTenancy = types.Tenancy(f.Tenancy)
	in.OfferingType = types.OfferingTypeValues(f.OfferingType)
	in.OfferingClass = types.OfferingClassType(f.OfferingClass)
	return in, nil
}

// ReservedInstancesOfferings lists the Reserved Instance offerings that
// match f (DescribeReservedInstancesOfferings), fetching pages as the loop
// needs them (PageSize, 1-100, sets their size); breaking out of the loop
// stops fetching. An error is yielded once, last.
func (c *Conn) ReservedInstancesOfferings(ctx context.Context, f OfferingFilter, opts ...ListOption) iter.Seq2[*ReservedInstancesOffering, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeReservedInstancesOfferings", lo: 1, hi: 100}, opts)
	if err != nil {
		return fail[*ReservedInstancesOffering](err)
	}
	in, err := f.input(c.region)
	if err != nil {
		return fail[*ReservedInstancesOffering](err)
	}
	in.MaxResults = o.maxResults()
	return func(yield func(*ReservedInstancesOffering, error) bool) {
		p := ec2.NewDescribeReservedInstancesOfferingsPaginator(client, in)
		each(ctx, yield, p, func(o *ec2.DescribeReservedInstancesOfferingsOutput) []types.ReservedInstancesOffering {
			return o.ReservedInstancesOfferings
		},
			c.offeringFromV2)
	}
}

func (c *Conn) offeringFromV2(x types.ReservedInstancesOffering) *ReservedInstancesOffering {
	return &ReservedInstancesOffering{conn: c, ID: aws.ToString(x.ReservedInstancesOfferingId),
		Marketplace: aws.ToBool(x.Marketplace),
		reservedTerms: reservedTerms{
			InstanceType:       string(x.InstanceType),
			Zone:               aws.ToString(x.AvailabilityZone),
			ProductDescription: string(x.ProductDescription),
			Tenancy:            string(x.InstanceTenancy),
			OfferingType:       string(x.OfferingType),
			OfferingClass:      string(x.OfferingClass),
			Scope:              string(x.Scope),
			Duration:           time.Duration(aws.ToInt64(x.Duration)) * time.Second,
			FixedPrice:         float32Value(x.FixedPrice),
			UsagePrice:         float32Value(x.UsagePrice),
			CurrencyCode:       string(x.CurrencyCode),
			RecurringCharges:   chargesFromV2(x.RecurringCharges),
		}}
}

// PurchaseOptions guard Purchase. Nothing is bought unless Confirm is
// true. LimitPrice, when set, is the most the whole order may cost
// upfront in USD; EC2 refuses a purchase above it.
type PurchaseOptions struct {
	LimitPrice *float64
	Confirm    bool
}

// ConfirmationRequiredError is what Purchase answers when
// PurchaseOptions.Confirm is not set: it tells what the purchase would
// have cost, and nothing was sent to EC2.
type ConfirmationRequiredError struct {
	Offering *ReservedInstancesOffering
	Count    int
	Upfront  float64 // FixedPrice × Count, charged at purchase
	Hourly   float64 // HourlyPrice × Count, charged for every hour of the term
}

func (e *ConfirmationRequiredError) Error() string {
	o := e.Offering
	if o == nil {
		o = &ReservedInstancesOffering{}
	}
	return fmt.Sprintf("ec2: buying %d × %s needs PurchaseOptions.Confirm: it costs %.2f %s upfront and %.4f per hour for %s",
		e.Count, o.ID, e.Upfront, o.currency(), e.Hourly, o.Duration)
}

func (t reservedTerms) currency() string {
	if t.CurrencyCode == "" {
		return "USD"
	}
	return t.CurrencyCode
}

// Purchase buys count Reserved Instances of the offering
// (PurchaseReservedInstancesOffering) and returns them, usually still
// payment-pending; ReservedInstances.Wait waits for them to be active.
//
// Buying costs real money for a year or three, so Purchase sends nothing
// unless opts.Confirm is true: without it, it answers a
// *ConfirmationRequiredError with the price.
func (o *ReservedInstancesOffering) Purchase(ctx context.Context, count int, opts PurchaseOptions) (*ReservedInstances, error) {
	if o.ID == "" {
		return nil, goboto.Invalid("ReservedInstancesOfferingId", "", "is required")
	}
	if count < 1 {
		return nil, goboto.Invalid("InstanceCount", strconv.Itoa(count), "must be at least 1")
	}
	client, err := o.conn.api()
	if err != nil {
		return nil, err
	}
	in := &ec2.PurchaseReservedInstancesOfferingInput{ReservedInstancesOfferingId: aws.String(o.ID), InstanceCount: aws.Int32(int32(count))}
	if opts.LimitPrice != nil {
		if *opts.LimitPrice < 0 {
			return nil, goboto.Invalid("LimitPrice", strconv.FormatFloat(*opts.LimitPrice, 'f', -1, 64), "must not be negative")
		}
		in.LimitPrice = &types.ReservedInstanceLimitPrice{Amount: opts.LimitPrice, CurrencyCode: types.CurrencyCodeValuesUsd}
	}
	if !opts.Confirm {
		return nil, &ConfirmationRequiredError{Offering: o, Count: count,
			Upfront: o.FixedPrice * float64(count), Hourly: o.HourlyPrice() * float64(count)}
	}
	out, err := client.PurchaseReservedInstancesOffering(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	return &ReservedInstances{conn: o.conn, ID: aws.ToString(out.ReservedInstancesId), reservedTerms: o.reservedTerms,
		Count: count, State: ReservedInstancesPaymentPending}, nil
}

// float32Value widens an EC2 Float (a float32 in aws-sdk-go-v2) to the
// float64 nearest the decimal EC2 sent: 0.0104, not 0.010400000028.
func float32Value(f *float32) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(aws.ToFloat32(f)), 'g', -1, 32), 64)
	return v
}

// Refresh reads the offering's terms and prices again
// (DescribeReservedInstancesOfferings by ID, Marketplace offerings
// included). An offering EC2 no longer lists fails with
// InvalidReservedInstancesOfferingId, EC2's code for an offering it does
// not know.
func (o *ReservedInstancesOffering) Refresh(ctx context.Context) error {
	if o.ID == "" {
		return goboto.Invalid("ReservedInstancesOfferingId", "", "is required")
	}
	client, err := o.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeReservedInstancesOfferings(ctx, &ec2.DescribeReservedInstancesOfferingsInput{
		ReservedInstancesOfferingIds: []string{o.ID},
		IncludeMarketplace:           aws.Bool(true),
	})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.ReservedInstancesOfferings {
		if aws.ToString(x.ReservedInstancesOfferingId) == o.ID {
			*o = *o.conn.offeringFromV2(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeReservedInstancesOfferings",
		"InvalidReservedInstancesOfferingId", "The Reserved Instances offering '"+o.ID+"' does not exist.")
}

// ReservedInstancesOffering returns a handle on the offering id, as
// listed by ReservedInstancesOfferings. It sends nothing; Refresh reads
// its terms and prices.
func (c *Conn) ReservedInstancesOffering(id string) *ReservedInstancesOffering {
	return &ReservedInstancesOffering{conn: c, ID: id}
}
