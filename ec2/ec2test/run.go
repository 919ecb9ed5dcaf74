package ec2test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/goboto/goboto/ec2/internal/instancetypes"
	"github.com/goboto/goboto/internal/fake"
)

// launchNet is what RunInstances learns from the network family: the
// subnet, the security groups (ID and name) and whether KeyName exists,
// or the error EC2 answers for them.
type launchNet struct {
	subnet *launchSubnet
	groups []groupRef
	err    error
}

// runAction answers RunInstances. The subnet, security groups and the key
// pair are looked up in the network family before the compute lock is
// taken: the network family takes the compute lock itself (tagsOf), so the
// compute lock is never held while a network lock is taken.
func (s *Backend) runAction() action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		// A launch template fills in what the request leaves out, so
		// the rest of the launch reads the merged parameters.
		p, err := s.withTemplate(r.Account(), r.Region, r.Params)
		if err != nil {
			return err
		}
		r.Params = p
		ln := s.launchNetFor(r.Account(), r.Region, r.Params)
		return s.locked(func(w http.ResponseWriter, r *fake.Request) error {
			return s.runInstances(w, r, ln)
		})(w, r)
	}
}

// launchNetFor resolves a launch's SubnetId (the zone's default subnet
// when absent), SecurityGroupId.N and SecurityGroup.N (launchPlacement)
// and KeyName in the network family. The compute lock must not be held:
// callers that launch under it (Spot fulfilment) resolve these first.
func (s *Backend) launchNetFor(account, region string, p url.Values) launchNet {
	var ln launchNet
	ln.subnet, ln.groups, ln.err = s.launchPlacement(account, region, p.Get("SubnetId"), p.Get("Placement.AvailabilityZone"),
		list(p, "SecurityGroupId"), list(p, "SecurityGroup"))
	if ln.err == nil && p.Get("KeyName") != "" && !s.keyPairExists(account, region, p.Get("KeyName")) {
		ln.err = ec2Error("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", p.Get("KeyName"))
	}
	return ln
}

// runInstances answers RunInstances. It launches MaxCount instances in
// state "pending"; each becomes "running" (with a public address) when its
// transition finishes. A ClientToken seen before answers the reservation
// it launched, without launching again, when the other parameters are the
// same (requestDigest), and IdempotentParameterMismatch when they are not.
// net holds the launch's security groups and key pair check, made before
// the compute lock was taken.
func (s *Backend) runInstances(w http.ResponseWriter, r *fake.Request, net launchNet) error {
	p := r.Params
	st := s.store(r)
	if tok := p.Get("ClientToken"); tok != "" {
		if resID, ok := st.clientTokens[tok]; ok {
			res := st.reservations[resID]
			if res.digest != requestDigest(p) {
				return idempotentMismatch()
			}
			return s.writeReservation(w, r, st, res)
		}
	}
	imageID := p.Get("ImageId")
	if imageID == "" {
		return missing("ImageId")
	}
	if err := checkIDs("InvalidAMIID.Malformed", "ami", imageID); err != nil {
		return err
	}
	img, ok := s.compute.launchableImage(r.Account(), r.Region, imageID)
	if !ok {
		return ec2Error("InvalidAMIID.NotFound", "The image id '[%s]' does not exist", imageID)
	}
	if img.state != "available" {
		return ec2Error("InvalidAMIID.Unavailable", "The image '%s' is in the '%s' state and cannot be launched", imageID, img.state)
	}
	minCount, err := intParam(p, "MinCount", 1)
	if err != nil {
		return err
	}
	maxCount, err := intParam(p, "MaxCount", minCount)
	if err != nil {
		return err
	}
	switch {
	case minCount < 1:
		return invalidValue("Value (" + strconv.Itoa(minCount) + ") for parameter minCount is invalid. Expected a positive integer.")
	case maxCount < minCount:
		return invalidValue("Value (" + strconv.Itoa(maxCount) + ") for parameter maxCount is invalid. Expected a value greater than or equal to minCount.")
	case maxCount > 1000:
		return ec2Error("InstanceLimitExceeded", "You have requested more instances (%d) than your current instance limit of 1000 allows.", maxCount)
	}
	typ, err := launchType(p.Get("InstanceType"), img)
	if err != nil {
		return err
	}
	instanceType := typ.Name
	zones := s.Zones(r.Region)
	if len(zones) == 0 {
		return ec2Error("Unsupported", "The requested configuration is currently not supported.")
	}
	zone := p.Get("Placement.AvailabilityZone")
	if zone == "" {
		zone = zones[0].Name
	} else if err := s.checkZone(r.Region, zone); err != nil {
		return err
	}
	if net.subnet != nil {
		zone = net.subnet.zone
	}
	userData := p.Get("UserData")
	if userData != "" {
		if _, err := base64.StdEncoding.DecodeString(userData); err != nil {
			return invalidValue("Invalid BASE64 encoding of user data.")
		}
	}
	devices, err := s.launchDevices(r, img, zone, typ)
	if err != nil {
		return err
	}
	if net.err != nil {
		return net.err
	}
	if net.subnet == nil {
		return noDefaultVPC()
	}
	ips := st.freeAddresses(net.subnet, maxCount)
	if ips == nil {
		return ec2Error("InsufficientFreeAddressesInSubnet",
			"There are not enough free addresses in subnet '%s' to satisfy the requested number of instances.", net.subnet.id)
	}
	groups := net.groups
	monitoring := "disabled"
	if boolParam(p, "Monitoring.Enabled") {
		monitoring = "enabled"
	}
	res := &reservation{id: newID("r"), owner: r.Account(), groups: groups, digest: requestDigest(p)}
	st.reservations[res.id] = res
	instTags, volTags := tagSpecs(p, "instance"), tagSpecs(p, "volume")
	for i := range maxCount {
		inst := &instance{
			id: newID("i"), reservationID: res.id, owner: r.Account(), region: r.Region,
			imageID: img.ID, instanceType: instanceType, keyName: p.Get("KeyName"), zone: zone,
			state: "pending", launchIndex: i, launchTime: r.Now,
			privateIP: ips[i], subnetID: net.subnet.id, vpcID: net.subnet.vpcID, noPublicIP: !net.subnet.public,
			eniID: newID("eni"), eniAttachID: newID("eni-attach"), mac: newMAC(), enaSupport: img.enaSupport,
			userData: userData, monitoring: monitoring, ebsOptimized: boolParam(p, "EbsOptimized"),
			noTerminate: boolParam(p, "DisableApiTermination"), shutdownBehavior: p.Get("InstanceInitiatedShutdownBehavior"),
			rootDeviceType: img.RootDeviceType, rootDeviceName: img.RootDeviceName, architecture: img.Architecture,
			clientToken: p.Get("ClientToken"), groups: groups, sourceDestCheck: true,
			productCodes: slices.Clone(img.ProductCodes),
		}
		if inst.shutdownBehavior == "" {
			inst.shutdownBehavior = "stop"
		}
		st.instances[inst.id] = inst
		st.order = append(st.order, inst.id)
		res.instances = append(res.instances, inst)
		st.setTags(inst.id, instTags)
		for _, d := range devices {
			v := st.newVolume(d.spec, "in-use", r.Now)
			st.attach(v, &attachment{instanceID: inst.id, device: d.device, status: "attached", time: r.Now, deleteOnTermination: d.deleteOnTermination})
			st.setTags(v.id, volTags)
		}
		s.compute.start(inst.boot(inst.gen)...)
	}
	if tok := p.Get("ClientToken"); tok != "" {
		st.clientTokens[tok] = res.id
	}
	return s.writeReservation(w, r, st, res)
}

func (s *Backend) writeReservation(w http.ResponseWriter, r *fake.Request, st *computeStore, res *reservation) error {
	return fake.WriteXML(w, http.StatusOK, runInstancesResponse{
		Xmlns: responseNamespace(r), RequestID: r.RequestID, reservationItem: st.reservationXML(res, res.instances),
	})
}

// launchDevice is an EBS volume RunInstances creates for each instance.
type launchDevice struct {
	device              string
	spec                volumeSpec
	deleteOnTermination bool
}

// launchDevices reads BlockDeviceMapping.N and returns the EBS volumes each
// instance gets: the image's root volume (unless the mapping overrides or
// suppresses it) and the mapping's EBS entries. Ephemeral (VirtualName)
// entries must name one of typ's instance-store disks (checkEphemeral);
// they are not shown, as EC2 does not list instance-store volumes in an
// instance's block-device mapping.
func (s *Backend) launchDevices(r *fake.Request, img *image, zone string, typ instancetypes.Type) ([]launchDevice, error) {
	var out []launchDevice
	rootDone := img.RootDeviceType != "ebs"
	seen := map[string]bool{}
	for _, m := range structs(r.Params, "BlockDeviceMapping") {
		dev := m.Get("DeviceName")
		if dev == "" {
			return nil, missing("BlockDeviceMapping.DeviceName")
		}
		if seen[dev] {
			return nil, invalidValue("The device '" + dev + "' is used in more than one block-device mapping")
		}
		seen[dev] = true
		isRoot := dev == img.RootDeviceName && img.RootDeviceType == "ebs"
		kinds := 0
		for _, has := range []bool{m.Get("VirtualName") != "", m.Has("NoDevice"), hasPrefix(m, "Ebs.")} {
			if has {
				kinds++
			}
		}
		if kinds != 1 {
			return nil, invalidValue("The block-device mapping for '" + dev + "' must name exactly one of Ebs, VirtualName or NoDevice")
		}
		if v := m.Get("VirtualName"); v != "" {
			if err := checkEphemeral(v, typ); err != nil {
				return nil, err
			}
		}
		if m.Has("NoDevice") {
			if isRoot {
				return nil, invalidValue("The root device '" + dev + "' cannot be suppressed")
			}
			continue
		}
		if !hasPrefix(m, "Ebs.") {
			continue
		}
		d, err := s.ebsDevice(r, m, dev, zone)
		if err != nil {
			return nil, err
		}
		if !isRoot && d.spec.snapshotID == "" && d.spec.size == 0 {
			return nil, missing("BlockDeviceMapping.Ebs.VolumeSize")
		}
		if isRoot && d.spec.size != 0 && d.spec.size < img.RootSize {
			return nil, invalidValue("Volume of " + strconv.Itoa(d.spec.size) + "GiB is smaller than snapshot '" +
				img.RootSnapshotID + "', expect size >= " + strconv.Itoa(img.RootSize) + "GiB")
		}
		if isRoot {
			rootDone = true
			if d.spec.snapshotID == "" || d.spec.snapshotID == img.RootSnapshotID {
				d.spec.productCodes = img.ProductCodes
			}
			if d.spec.snapshotID == "" {
				d.spec.snapshotID = img.RootSnapshotID
				if d.spec.size == 0 {
					d.spec.size = img.RootSize
				}
			}
			if !m.Has("Ebs.DeleteOnTermination") {
				d.deleteOnTermination = !img.rootKeep
			}
		}
		out = append(out, d)
	}
	for _, d := range img.extra {
		if !seen[d.device] && d.virtualName == "" {
			spec := d.spec
			spec.zone = zone
			out = append(out, launchDevice{device: d.device, spec: spec, deleteOnTermination: d.deleteOnTermination})
		}
	}
	if !rootDone {
		root := launchDevice{device: img.RootDeviceName, deleteOnTermination: !img.rootKeep,
			spec: volumeSpec{zone: zone, snapshotID: img.RootSnapshotID, size: img.RootSize, volumeType: "gp2",
				productCodes: img.ProductCodes}}
		root.spec.iops = min(max(100, 3*root.spec.size), 16000)
		out = append([]launchDevice{root}, out...)
	}
	return out, nil
}

// ebsDevice reads one mapping's Ebs.* fields. Snapshots of the image's
// owner (the root's) are not checked; others must be restorable.
func (s *Backend) ebsDevice(r *fake.Request, m url.Values, dev, zone string) (launchDevice, error) {
	d := launchDevice{device: dev, deleteOnTermination: boolParam(m, "Ebs.DeleteOnTermination"),
		spec: volumeSpec{zone: zone, snapshotID: m.Get("Ebs.SnapshotId"), volumeType: m.Get("Ebs.VolumeType"),
			encrypted: boolParam(m, "Ebs.Encrypted")}}
	var err error
	for name, dst := range map[string]*int{"Ebs.VolumeSize": &d.spec.size, "Ebs.Iops": &d.spec.iops, "Ebs.Throughput": &d.spec.throughput} {
		if *dst, err = intParam(m, name, 0); err != nil {
			return d, err
		}
	}
	if d.spec.size < 0 {
		return d, invalidValue("Volume size must be positive")
	}
	if d.spec.snapshotID == "" && d.spec.size == 0 {
		// The root of the image; its snapshot is filled in by the caller.
		if d.spec.volumeType == "" {
			d.spec.volumeType = "gp2"
		}
		return d, nil
	}
	return d, s.checkVolumeSpec(r, &d.spec)
}
