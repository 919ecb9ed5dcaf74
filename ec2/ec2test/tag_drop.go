package ec2test

import "sync"

// Tags go with their resource: once a resource is deleted, DescribeTags no
// longer lists its tags. Tags live in the compute family's stores, so a
// handler that deletes a resource calls one of two hooks:
//
//   - c.dropTags(region, id), with the compute lock held (volumes,
//     snapshots, images, expired instances);
//   - s.forgetTags(region, id), with any lock held or none (security
//     groups, key pairs, addresses, whose handlers hold their network
//     scope's lock, which must never be held while the compute lock is
//     taken). The tags go before the next compute request is served.
//
// Both drop the ID's tags in every account of the region: a shared
// snapshot or image carries each account's own tags.

// tagDrops holds the IDs forgetTags queued. Its mutex is a leaf: nothing
// else is locked while it is held, so forgetTags is safe under any lock.
type tagDrops struct {
	mu  sync.Mutex
	ids []regionID
}

type regionID struct{ region, id string }

// forgetTags queues the tags of the deleted resource id in region for
// dropping. It may be called with any lock held.
func (s *Backend) forgetTags(region, id string) {
	d := &s.compute.house.drops
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ids = append(d.ids, regionID{region, id})
}

// dropTags removes the tags of the deleted resource id in region, in
// every account. The compute lock must be held.
func (c *computeState) dropTags(region, id string) {
	c.stores.Each(func(_, reg string, st *computeStore) {
		if reg == region {
			delete(st.tags, id)
		}
	})
}

// dropForgotten drops the tags forgetTags queued. The compute lock must
// be held.
func (c *computeState) dropForgotten() {
	d := &c.house.drops
	d.mu.Lock()
	ids := d.ids
	d.ids = nil
	d.mu.Unlock()
	for _, r := range ids {
		c.dropTags(r.region, r.id)
	}
}
