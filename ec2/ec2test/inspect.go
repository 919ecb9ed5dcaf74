package ec2test

import (
	"maps"
	"slices"
	"strings"
)

// InstanceInfo is what a test can see of an instance without a client.
type InstanceInfo struct {
	ID, ReservationID, ImageID, Type, Zone, State string
	PublicIP, PrivateIP                           string
	Monitoring                                    string            // "disabled", "pending", "enabled", "disabling"
	Volumes                                       map[string]string // device -> volume ID
	Tags                                          map[string]string // aws: tags included
}

// VolumeInfo is what a test can see of a volume without a client.
type VolumeInfo struct {
	ID, Zone, State, SnapshotID, Type string
	Size                              int
	InstanceID, Device                string // when attached
	DeleteOnTermination               bool
}

// SnapshotInfo is what a test can see of a snapshot without a client.
type SnapshotInfo struct {
	ID, Owner, VolumeID, State, Progress string
	Size                                 int
	SharedWith                           []string // account IDs with createVolumePermission
	Public                               bool     // shared with the group "all"
}

// Instances returns account's instances in region, in launch order.
func (s *Backend) Instances(account, region string) []InstanceInfo {
	c := s.compute
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stores.Get(account, region)
	var out []InstanceInfo
	for _, id := range st.order {
		inst := st.instances[id]
		info := InstanceInfo{ID: inst.id, ReservationID: inst.reservationID, ImageID: inst.imageID,
			Type: inst.instanceType, Zone: inst.zone, State: inst.state, PublicIP: inst.publicIP,
			PrivateIP: inst.privateIP, Monitoring: inst.monitoring, Volumes: map[string]string{}, Tags: maps.Clone(st.tags[inst.id])}
		for _, v := range st.devices(inst) {
			info.Volumes[v.att.device] = v.id
		}
		out = append(out, info)
	}
	return out
}

// Volumes returns account's volumes in region, sorted by ID.
func (s *Backend) Volumes(account, region string) []VolumeInfo {
	c := s.compute
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []VolumeInfo
	for _, v := range c.stores.Get(account, region).volumes {
		info := VolumeInfo{ID: v.id, Zone: v.zone, State: v.state, SnapshotID: v.snapshotID, Type: v.volumeType, Size: v.size}
		if v.att != nil {
			info.InstanceID, info.Device, info.DeleteOnTermination = v.att.instanceID, v.att.device, v.att.deleteOnTermination
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b VolumeInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Snapshots returns the snapshots account owns in region, sorted by ID.
func (s *Backend) Snapshots(account, region string) []SnapshotInfo {
	c := s.compute
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []SnapshotInfo
	for _, sn := range c.stores.Get(account, region).snapshots {
		out = append(out, SnapshotInfo{ID: sn.id, Owner: sn.owner, VolumeID: sn.volumeID, State: sn.state,
			Progress: sn.progress, Size: sn.size, SharedWith: slices.Sorted(slices.Values(sn.users)), Public: sn.public})
	}
	slices.SortFunc(out, func(a, b SnapshotInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// SubnetInfo is what another fake (RDS's subnet groups) or a test can see
// of a subnet without a client.
type SubnetInfo struct {
	ID, VPCID, Zone, CIDR string
	DefaultForZone        bool
}

// Subnets returns account's subnets in region, in creation order (the
// default VPC's first, one per zone).
func (s *Backend) Subnets(account, region string) []SubnetInfo {
	sc := s.network.scopes.Get(account, region)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	out := make([]SubnetInfo, 0, len(sc.subnets))
	for _, x := range sc.subnets {
		out = append(out, SubnetInfo{ID: x.id, VPCID: x.vpcID, Zone: x.zone, CIDR: x.cidr.String(), DefaultForZone: x.defaultForAz})
	}
	return out
}
