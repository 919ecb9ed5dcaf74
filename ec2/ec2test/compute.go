package ec2test

import (
	"net/http"
	"sync"

	"github.com/goboto/goboto/internal/fake"
)

// computeState holds instances, reservations, volumes, snapshots, images
// and tags, per account and region.
//
// One mutex guards all of it: snapshots and images shared across accounts
// are read from other accounts' stores, and state transitions touch
// instances and volumes together.
type computeState struct {
	mu      sync.Mutex
	manual  bool          // transitions wait for Step
	pending []*transition // transitions not yet finished, in start order
	stores  fake.Scoped[computeStore]
	images  map[string]map[string]*image // region -> image ID -> image
	house   housekeeping                 // the clock, expiries and dropped tags (expiry.go)
}

// computeStore is one account's compute resources in one region.
type computeStore struct {
	account, region string
	instances       map[string]*instance
	order           []string // instance IDs in launch order
	reservations    map[string]*reservation
	clientTokens    map[string]string // RunInstances ClientToken -> reservation ID
	volumes         map[string]*volume
	volumeTokens    map[string]string // CreateVolume ClientToken -> volume ID
	snapshots       map[string]*snapshot
	tags            map[string]map[string]string  // resource ID -> key -> value
	attached        map[string]map[string]*volume // instance ID -> volume ID -> volume with att set
}

func newComputeState() *computeState {
	c := &computeState{images: map[string]map[string]*image{}}
	c.stores.New = func(account, region string) *computeStore {
		return &computeStore{
			account: account, region: region,
			instances: map[string]*instance{}, reservations: map[string]*reservation{},
			clientTokens: map[string]string{}, volumes: map[string]*volume{}, volumeTokens: map[string]string{},
			snapshots: map[string]*snapshot{}, tags: map[string]map[string]string{},
			attached: map[string]map[string]*volume{},
		}
	}
	return c
}

// store returns the caller's store for r. The compute lock must be held.
func (s *Backend) store(r *fake.Request) *computeStore {
	return s.compute.stores.Get(r.Account(), r.Region)
}

// computeActions returns the actions of the compute family. Each runs under
// the compute lock, after every due transition has finished (instant mode).
func (s *Backend) computeActions() map[string]action {
	m := map[string]action{
		"DescribeInstances":         s.describeInstances,
		"DescribeInstanceStatus":    s.describeInstanceStatus, // instance_status.go
		"StartInstances":            s.startInstances,
		"StopInstances":             s.stopInstances,
		"RebootInstances":           s.rebootInstances,
		"TerminateInstances":        s.terminateInstances,
		"MonitorInstances":          s.monitorInstances,
		"UnmonitorInstances":        s.unmonitorInstances,
		"GetConsoleOutput":          s.getConsoleOutput,
		"DescribeInstanceAttribute": s.describeInstanceAttribute,
		"CreateVolume":              s.createVolume,
		"DescribeVolumes":           s.describeVolumes,
		"DescribeVolumeAttribute":   s.describeVolumeAttribute, // productcode.go
		"AttachVolume":              s.attachVolume,
		"DetachVolume":              s.detachVolume,
		"DeleteVolume":              s.deleteVolume,
		"CreateSnapshot":            s.createSnapshot,
		"DescribeSnapshots":         s.describeSnapshots,
		"DeleteSnapshot":            s.deleteSnapshot,
		"CopySnapshot":              s.copySnapshot,
		"ModifySnapshotAttribute":   s.modifySnapshotAttribute,
		"DescribeSnapshotAttribute": s.describeSnapshotAttribute,
		"ResetSnapshotAttribute":    s.resetSnapshotAttribute,
		"RegisterImage":             s.registerImage,
		"CreateImage":               s.createImage,
		"DescribeImages":            s.describeImages,
		"DeregisterImage":           s.deregisterImage,
		"ModifyImageAttribute":      s.modifyImageAttribute,
		"DescribeImageAttribute":    s.describeImageAttribute,
		"ResetImageAttribute":       s.resetImageAttribute,
		"DescribeTags":              s.describeTags,
	}
	m["ModifyVolume"], m["DescribeVolumesModifications"] = s.modifyVolume, s.describeVolumesModifications // volume_modify.go
	for name, h := range m {
		m[name] = s.locked(h)
	}
	// These look at the network family's state before taking the compute
	// lock.
	m["RunInstances"] = s.runAction()
	m["ModifyInstanceAttribute"] = s.modifyInstanceAttributeAction()
	m["CreateTags"] = s.tagAction(s.createTags)
	m["DeleteTags"] = s.tagAction(s.deleteTags)
	return m
}

// locked runs h under the compute lock, after settling transitions when
// they are instant and tidying up (expired instances).
func (s *Backend) locked(h action) action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		c := s.compute
		c.mu.Lock()
		defer c.mu.Unlock()
		if !c.manual {
			c.settle()
		}
		c.tidy(r.Now)
		return h(w, r)
	}
}

// tagsOf returns the tags of any resource (instance, volume, snapshot,
// image, security group, address, key pair) in account and region, as
// CreateTags left them. Every family's Describe answers include them.
func (s *Backend) tagsOf(account, region, id string) map[string]string {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	return cloneTags(s.compute.stores.Get(account, region).tags[id])
}

// setElasticIP records that the Elastic IP ip now fronts instance id, or,
// with ip "", that it no longer does and the instance gets a fresh
// automatic public address, as EC2 does. The network family calls it
// after releasing its own lock, so the two locks are never held together.
// An instance the fake does not know is left alone: AssociateAddress only
// checks the ID's shape.
func (s *Backend) setElasticIP(account, region, id, ip, allocID, assocID string) {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	inst := s.compute.stores.Get(account, region).instances[id]
	if inst == nil || inst.state == "terminated" {
		return
	}
	inst.publicIP, inst.elasticIP = ip, ip != ""
	inst.eipAllocID, inst.eipAssocID = allocID, assocID
	if ip == "" && inst.state == "running" {
		inst.assignPublicIP()
	}
}
