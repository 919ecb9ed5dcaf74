package ec2test

import (
	"net/http"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// tagAction wraps CreateTags and DeleteTags: the IDs of network resources
// (security groups, addresses, key pairs, VPCs, subnets, internet
// gateways, route tables) are looked up
// in the network family first, without the compute lock, since the network
// family takes the compute lock (tagsOf) and the two must never nest the
// other way. h then runs under the compute lock with those answers.
func (s *Backend) tagAction(h func(http.ResponseWriter, *fake.Request, map[string]error) error) action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		netErrs := s.networkTagTargets(r.Account(), r.Region, list(r.Params, "ResourceId"))
		return s.locked(func(w http.ResponseWriter, r *fake.Request) error {
			return h(w, r, netErrs)
		})(w, r)
	}
}

// networkTagTargets returns, for each network resource ID in ids, nil when
// account has it in region and else the error EC2 answers for it.
func (s *Backend) networkTagTargets(account, region string, ids []string) map[string]error {
	out := map[string]error{}
	for _, id := range ids {
		prefix, _, _ := strings.Cut(id, "-")
		switch prefix {
		case "sg", "eipalloc", "key", "vpc", "subnet", "igw", "rtb":
		default:
			continue
		}
		sc := s.network.scopes.Get(account, region)
		sc.mu.Lock()
		switch prefix {
		case "sg":
			_, out[id] = sc.group(id, "")
		case "eipalloc":
			_, out[id] = sc.findAddress(id, "")
		case "key":
			out[id] = checkIDs("InvalidID", "key", id)
			if out[id] == nil && sc.keyByID(id) == nil {
				out[id] = ec2Error("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", id)
			}
		case "vpc":
			_, out[id] = sc.vpc(id)
		case "subnet":
			_, out[id] = sc.subnet(id)
		case "igw":
			_, out[id] = sc.igw(id)
		case "rtb":
			_, out[id] = sc.rtb(id)
		}
		sc.mu.Unlock()
	}
	return out
}

// checkTagTargets answers the error EC2 gives for the first of ids that
// the caller cannot tag: an ID of no known shape is InvalidID, a malformed
// one the resource's .Malformed code and a missing one (or one of another
// account, not shared with the caller) the resource's .NotFound code.
// Images and snapshots shared with the caller may be tagged; the tags are
// the caller's own. The compute lock must be held.
func (s *Backend) checkTagTargets(r *fake.Request, ids []string, netErrs map[string]error) error {
	st := s.store(r)
	for _, id := range ids {
		prefix, _, _ := strings.Cut(id, "-")
		var err error
		switch prefix {
		case "i":
			_, err = st.instancesByID([]string{id})
		case "vol":
			_, err = st.volumesByID([]string{id})
		case "snap":
			_, err = s.compute.findSnapshot(r.Account(), r.Region, id)
		case "ami":
			_, err = s.compute.findImage(r.Account(), r.Region, id)
		default:
			e, ok := netErrs[id]
			if !ok {
				return ec2Error("InvalidID", "The ID '%s' is not valid", id)
			}
			err = e
		}
		if err != nil {
			return err
		}
	}
	return nil
}
