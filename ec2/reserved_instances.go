package ec2

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ReservedInstances is a handle on a purchase of Reserved Instances.
// Conn.ReservedInstance makes one that knows only its ID; Refresh,
// Purchase and Conn.ReservedInstances fill in the rest. Like Instance, a
// handle is not safe for concurrent use while a method updates it.
type ReservedInstances struct {
	conn *Conn
	ID   string
	reservedTerms
	Count      int
	State      ReservedInstancesState
	Start, End time.Time
}

// ReservedInstance returns a handle on the Reserved Instances id. It does
// no I/O.
func (c *Conn) ReservedInstance(id string) *ReservedInstances {
	return &ReservedInstances{conn: c, ID: id}
}

// String returns "ReservedInstance:<id>", as boto prints them.
func (ri *ReservedInstances) String() string { return "ReservedInstance:" + ri.ID }

// Conn returns the connection the Reserved Instances belong to.
func (ri *ReservedInstances) Conn() *Conn { return ri.conn }

func (ri *ReservedInstances) set(x types.ReservedInstances) {
	*ri = ReservedInstances{conn: ri.conn, ID: aws.ToString(x.ReservedInstancesId),
		Count: int(aws.ToInt32(x.InstanceCount)), State: ReservedInstancesState(x.State),
		Start: aws.ToTime(x.Start), End: aws.ToTime(x.End),
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

// ReservedInstances lists the account's Reserved Instances that match f
// (DescribeReservedInstances), e.g. ec2.Filter{"state": {"active"}}. EC2
// answers the list in one page, so it takes no ListOption. An error is
// yielded once, last.
func (c *Conn) ReservedInstances(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*ReservedInstances, error] {
	client, _, err := c.start(ctx, listing{action: "DescribeReservedInstances"}, opts)
	if err != nil {
		return fail[*ReservedInstances](err)
	}
	return func(yield func(*ReservedInstances, error) bool) {
		out, err := client.DescribeReservedInstances(ctx, &ec2.DescribeReservedInstancesInput{Filters: f.v2()})
		if err != nil {
			yield(nil, core.Error(err))
			return
		}
		for _, x := range out.ReservedInstances {
			ri := c.ReservedInstance("")
			ri.set(x)
			if !yield(ri, nil) {
				return
			}
		}
	}
}

// Refresh reads the Reserved Instances' current description into ri
// (DescribeReservedInstances). An unknown ID fails with
// InvalidReservedInstancesId.
func (ri *ReservedInstances) Refresh(ctx context.Context) error {
	if err := ri.check(); err != nil {
		return err
	}
	out, err := ri.conn.client.DescribeReservedInstances(ctx, &ec2.DescribeReservedInstancesInput{ReservedInstancesIds: []string{ri.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.ReservedInstances {
		if aws.ToString(x.ReservedInstancesId) == ri.ID {
			ri.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeReservedInstances", "InvalidReservedInstancesId",
		"The Reserved Instances ID '"+ri.ID+"' does not exist.")
}

// check refuses a handle without an ID or a connection.
func (ri *ReservedInstances) check() error {
	if ri.ID == "" {
		return goboto.Invalid("ReservedInstancesId", "", "is required")
	}
	_, err := ri.conn.api()
	return err
}

// Wait polls the Reserved Instances (DescribeReservedInstances, through
// Refresh) until they are in state, usually active. Waiting for active
// fails with a *goboto.StateError if the payment fails or they retire, and a
// *goboto.WaitTimeoutError when time runs out.
func (ri *ReservedInstances) Wait(ctx context.Context, state ReservedInstancesState, opts ...goboto.WaitOption) error {
	if err := ri.check(); err != nil {
		return err
	}
	w := core.Wait{Resource: "reserved instances", ID: ri.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := ri.Refresh(ctx); err != nil {
				return "", err
			}
			return string(ri.State), nil
		},
	}
	switch state {
	case ReservedInstancesActive:
		w.Failure = strs([]ReservedInstancesState{ReservedInstancesPaymentFailed, ReservedInstancesRetired})
	case ReservedInstancesPaymentPending, ReservedInstancesPaymentFailed, ReservedInstancesRetired:
	default:
		return goboto.Invalid("State", string(state), "is not a Reserved Instances state")
	}
	return wait(ctx, w, opts)
}
