package ec2test

import (
	"github.com/goboto/goboto/internal/fake"
)

// The market family differs from EC2 in these ways:
//   - Every region sells the same generated Reserved Instance offerings
//     (see defaultOfferings) until SetOfferings or AddOffering changes
//     them; their prices follow a fixed table, near us-east-1's.
//   - DescribeReservedInstancesOfferings also takes the filters
//     instance-tenancy and offering-type.
//   - A purchase is payment-pending for one transition, then active; it
//     never fails payment, and never retires. The quota is 20 Reserved
//     Instances per account and region; a LimitPrice below the upfront
//     total is refused with InvalidParameterValue.
//   - Spot prices change on the hour and are derived from a hash (or
//     fixed by SetSpotPrice); DescribeSpotPriceHistory goes back a day
//     without StartTime. A Spot request is evaluated once, launches one
//     ordinary instance (not marked as Spot) when its price is high
//     enough, and is never interrupted; persistent requests do not
//     relaunch.
//
// marketState holds the purchase side of EC2: Reserved Instance offerings
// and seeded Spot prices (per region, the same for every account), and the
// Reserved Instances and Spot requests of each account (per account and
// region).
//
// It is guarded by the compute lock, not a lock of its own: a purchase goes
// from payment-pending to active through the compute family's transitions,
// so that Step and SetManualTransitions move it like any other resource,
// and a Spot request is fulfilled by launching an instance through
// runInstances, which needs that lock held.
type marketState struct {
	offerings  map[string][]*Offering         // region -> offerings, in listing order; nil until first used
	spotPrices map[string]map[spotKey]float64 // region -> seeded Spot prices (SetSpotPrice)
	stores     fake.Scoped[marketStore]
}

// marketStore is one account's purchases in one region.
type marketStore struct {
	reserved  map[string]*reservedInstances
	order     []string // Reserved Instance IDs in purchase order
	spot      map[string]*spotRequest
	spotOrder []string // Spot request IDs in request order
}

func newMarketState() *marketState {
	m := &marketState{offerings: map[string][]*Offering{}, spotPrices: map[string]map[spotKey]float64{}}
	m.stores.New = func(account, region string) *marketStore {
		return &marketStore{reserved: map[string]*reservedInstances{}, spot: map[string]*spotRequest{}}
	}
	return m
}

// marketActions returns the actions of the market family. Each runs under
// the compute lock, after due transitions have finished (see locked).
func (s *Backend) marketActions() map[string]action {
	m := map[string]action{
		"DescribeReservedInstancesOfferings": s.describeReservedInstancesOfferings,
		"PurchaseReservedInstancesOffering":  s.purchaseReservedInstancesOffering,
		"DescribeReservedInstances":          s.describeReservedInstances,
		"DescribeSpotPriceHistory":           s.describeSpotPriceHistory,
		"DescribeSpotInstanceRequests":       s.describeSpotInstanceRequests,
		"CancelSpotInstanceRequests":         s.cancelSpotInstanceRequests,
	}
	for name, h := range m {
		m[name] = s.locked(h)
	}
	m["RequestSpotInstances"] = s.spotAction() // takes the compute lock itself
	return m
}

// marketStore returns the caller's purchases. The compute lock must be held.
func (s *Backend) marketStore(r *fake.Request) *marketStore {
	return s.market.stores.Get(r.Account(), r.Region)
}
