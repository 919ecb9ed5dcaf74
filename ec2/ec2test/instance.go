package ec2test

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Instance states and their codes, as InstanceState reports them.
var stateCodes = map[string]int{
	"pending": 0, "running": 16, "shutting-down": 32, "terminated": 48, "stopping": 64, "stopped": 80,
}

// instance is one EC2 instance. Its block devices are the volumes
// attached to it (volume.att).
type instance struct {
	id, reservationID, owner, region string
	imageID, instanceType, keyName   string
	zone                             string
	state                            string
	gen                              int // bumped on every state change, so stale transitions do nothing
	launchIndex                      int
	launchTime                       time.Time
	privateIP, publicIP              string
	subnetID, vpcID                  string // where it was launched
	noPublicIP                       bool   // its subnet does not map public addresses on launch
	elasticIP                        bool   // publicIP is an Elastic IP (setElasticIP)
	eipAllocID, eipAssocID           string // that Elastic IP's allocation and association
	eniID, eniAttachID, mac          string // its primary network interface (instance_net.go)
	enaSupport                       bool   // its image's
	userData                         string // base64, as sent
	monitoring                       string // "disabled", "pending", "enabled", "disabling"
	ebsOptimized, noTerminate        bool
	sourceDestCheck                  bool
	shutdownBehavior                 string
	rootDeviceType, rootDeviceName   string
	architecture                     string
	clientToken                      string
	groups                           []groupRef
	stateReason                      string
	terminatedAt                     time.Time // when it reached "terminated", for TerminatedLifetime
	checks                           checks    // status checks while running (instance_status.go)
	productCodes                     []ProductCode
}

type groupRef struct{ id, name string }

// reservation is one RunInstances call's launch. It keeps its instances
// after they expire from DescribeInstances, so that a retry with the
// launch's ClientToken still answers them, as EC2 does for at least a day
// after termination.
type reservation struct {
	id, owner string
	groups    []groupRef
	instances []*instance
	digest    string // requestDigest of the launch, for ClientToken retries
}

// instanceIDs checks the shapes of ids and returns the instances, or
// InvalidInstanceID.NotFound naming those st does not hold.
func (st *computeStore) instancesByID(ids []string) ([]*instance, error) {
	if err := checkIDs("InvalidInstanceID.Malformed", "i", ids...); err != nil {
		return nil, err
	}
	var out []*instance
	var unknown []string
	for _, id := range ids {
		inst, ok := st.instances[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		if !slices.Contains(out, inst) {
			out = append(out, inst)
		}
	}
	switch len(unknown) {
	case 0:
		return out, nil
	case 1:
		return nil, ec2Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", unknown[0])
	}
	return nil, ec2Error("InvalidInstanceID.NotFound", "The instance IDs '%s' do not exist", strings.Join(unknown, ", "))
}

// setState moves inst to state and returns the new generation.
func (inst *instance) setState(state string) int {
	inst.state = state
	inst.gen++
	return inst.gen
}

// then returns a transition step that moves inst to state, unless inst
// changed state in the meantime.
func (inst *instance) then(gen int, state string, also func()) func() {
	return func() {
		if inst.gen != gen {
			return
		}
		inst.setState(state)
		if also != nil {
			also()
		}
	}
}

// assignPublicIP gives a running instance a public address, as EC2 does for
// instances in a subnet that maps public addresses on launch (every
// default subnet does).
func (inst *instance) assignPublicIP() {
	if inst.publicIP == "" && !inst.noPublicIP {
		b := randomBytes(3)
		inst.publicIP = fmt.Sprintf("54.%d.%d.%d", 144+int(b[0])%32, b[1], 1+int(b[2])%254)
	}
}

// privateDNS is the instance's internal host name.
func (inst *instance) privateDNS() string {
	if inst.privateIP == "" {
		return ""
	}
	host := "ip-" + strings.ReplaceAll(inst.privateIP, ".", "-")
	if inst.region == "us-east-1" {
		return host + ".ec2.internal"
	}
	return host + "." + inst.region + ".compute.internal"
}

// publicDNS is the host name of the public address, empty when there is
// none (pending or stopped instances).
func (inst *instance) publicDNS() string {
	if inst.publicIP == "" {
		return ""
	}
	host := "ec2-" + strings.ReplaceAll(inst.publicIP, ".", "-")
	if inst.region == "us-east-1" {
		return host + ".compute-1.amazonaws.com"
	}
	return host + "." + inst.region + ".compute.amazonaws.com"
}

// devices returns the volumes attached to inst, by device name. It reads
// the attachment index, so describing many instances stays linear.
func (st *computeStore) devices(inst *instance) []*volume {
	out := make([]*volume, 0, len(st.attached[inst.id]))
	for _, v := range st.attached[inst.id] {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *volume) int { return strings.Compare(a.att.device, b.att.device) })
	return out
}
