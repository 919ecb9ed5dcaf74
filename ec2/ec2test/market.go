package ec2test

import (
	"net/http"
	"sync"

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
// It has its own lock, which is innermost: nothing else is locked while it
// is held. A purchase still goes from payment-pending to active, and a Spot
// request is still evaluated, through the compute family's transitions, so
// that Step and SetManualTransitions move them like any other resource:
// those steps run under the compute lock and take the market lock only
// around the market state they touch. Market handlers settle the compute
// family's due transitions before they take the market lock, and start
// their own transitions after releasing it (marketLocked).
type marketState struct {
	mu         sync.Mutex
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
// the market lock, after due transitions have finished (see marketLocked).
func (s *Backend) marketActions() map[string]action {
	m := map[string]action{
		"DescribeReservedInstancesOfferings": s.marketLocked(s.describeReservedInstancesOfferings),
		"PurchaseReservedInstancesOffering":  s.marketStarting(s.purchaseReservedInstancesOffering),
		"DescribeReservedInstances":          s.marketLocked(s.describeReservedInstances),
		"DescribeSpotPriceHistory":           s.marketLocked(s.describeSpotPriceHistory),
		"DescribeSpotInstanceRequests":       s.marketLocked(s.describeSpotInstanceRequests),
		"CancelSpotInstanceRequests":         s.marketLocked(s.cancelSpotInstanceRequests),
	}
	m["RequestSpotInstances"] = s.spotAction() // looks at the network family first
	return m
}

// marketAction is a market handler that may start compute-family
// transitions: it appends their steps to start, and marketStarting queues
// them once the market lock is released.
type marketAction func(w http.ResponseWriter, r *fake.Request, start *[][]func()) error

// marketLocked runs h under the market lock; see marketStarting.
func (s *Backend) marketLocked(h action) action {
	return s.marketStarting(func(w http.ResponseWriter, r *fake.Request, _ *[][]func()) error { return h(w, r) })
}

// marketStarting finishes the compute family's due transitions (instant
// mode) under the compute lock, then runs h under the market lock alone,
// then queues the transitions h asked for under the compute lock again.
// The two locks are never held together here.
func (s *Backend) marketStarting(h marketAction) action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		c := s.compute
		c.mu.Lock()
		if !c.manual {
			c.settle()
		}
		c.tidy(r.Now)
		c.mu.Unlock()

		var starts [][]func()
		s.market.mu.Lock()
		err := h(w, r, &starts)
		s.market.mu.Unlock()
		if err != nil || len(starts) == 0 {
			return err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, steps := range starts {
			c.start(steps...)
		}
		return nil
	}
}

// withMarket runs f under the market lock, for compute-family transition
// steps that finish a purchase or a Spot request.
func (s *Backend) withMarket(f func()) {
	s.market.mu.Lock()
	defer s.market.mu.Unlock()
	f()
}

// marketStore returns the caller's purchases. The market lock must be held.
func (s *Backend) marketStore(r *fake.Request) *marketStore {
	return s.market.stores.Get(r.Account(), r.Region)
}
