package ec2

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
)

// BlockDeviceMapping says what each device of an instance or image is,
// keyed by device name ("/dev/sda1", "/dev/sdb", "xvdb", ...): boto's
// BlockDeviceMapping. RunInstances (RunOptions.BlockDevices) and, for
// DeleteOnTermination, Instance.ModifyBlockDevices use it.
//
//	bdm := ec2.BlockDeviceMapping{
//		"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap.ID, Size: 20, Type: "gp3", DeleteOnTermination: true}},
//		"/dev/sdb":  {Ephemeral: "ephemeral0"},
//		"/dev/sdc":  {NoDevice: true},
//	}
//
// It is checked before anything is sent; see BlockDevice and EBS for the
// rules.
type BlockDeviceMapping map[string]BlockDevice

// BlockDevice is one device of a BlockDeviceMapping: exactly one of an EBS
// volume, an instance store volume (Ephemeral) or NoDevice, which removes
// a device the image maps.
type BlockDevice struct {
	EBS       *EBS
	Ephemeral string // "ephemeral0" to "ephemeral23"
	NoDevice  bool
}

// EBS is an EBS volume made for a device at launch.
//
// Size is in GiB; 0 means the snapshot's size, so a volume without a
// snapshot needs one. Size is checked against the volume type's range
// (gp2 1-16384, gp3 1-65536, io1 4-16384, io2 4-65536, st1 and sc1
// 125-16384, standard 1-1024; no type, which lets EC2 or the image choose,
// the widest of these, 1-65536), but whether
// it is at least the snapshot's size is only known to EC2, which refuses a
// smaller one with InvalidBlockDeviceMapping.
//
// IOPS is required for io1 (100-64000, at most 50 per GiB) and io2
// (100-256000, at most 1000 per GiB), optional for gp3 (3000-80000) and
// refused for other types. Throughput (MiB/s) is for gp3 only (125-2000).
// These are the ranges of the EC2 API model's CreateVolume documentation;
// a test checks them against it.
//
// DeleteOnTermination is sent as given, false included, as boto does: an
// EBS volume whose DeleteOnTermination is false outlives its instance,
// whereas EC2's default for a launch mapping that leaves it out is true.
// Encrypted is sent only when true; a volume from an encrypted snapshot
// is encrypted regardless.
type EBS struct {
	SnapshotID          string
	Size                int32  // GiB
	Type                string // gp2, gp3, io1, io2, st1, sc1, standard; "" for EC2's default
	IOPS                int32
	Throughput          int32 // MiB/s, gp3 only
	Encrypted           bool
	KMSKeyID            string // with Encrypted, the key to encrypt with
	DeleteOnTermination bool
}

// sizeRange is a volume type's size range in GiB.
type sizeRange struct{ min, max int32 }

// volumeTypes are the EBS volume types, in the order errors list them.
func volumeTypes() []string { return []string{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"} }

// volumeSizes returns the sizes volume type typ allows, in GiB; "" is
// the widest range, for when EC2 or the image picks the type.
func volumeSizes(typ string) (r sizeRange, ok bool) {
	switch typ {
	case "":
		r = sizeRange{min: 1 << 30}
		for _, t := range volumeTypes() {
			tr, _ := volumeSizes(t)
			r.min, r.max = min(r.min, tr.min), max(r.max, tr.max)
		}
		return r, true
	case "gp2":
		return sizeRange{1, 16384}, true
	case "gp3":
		return sizeRange{1, 65536}, true
	case "io1":
		return sizeRange{4, 16384}, true
	case "io2":
		return sizeRange{4, 65536}, true
	case "st1", "sc1":
		return sizeRange{125, 16384}, true
	case "standard":
		return sizeRange{1, 1024}, true
	}
	return sizeRange{}, false
}

// iopsLimit is the provisioned IOPS a volume type allows, and the most
// per GiB (0: no per-GiB rule checked here).
type iopsLimit struct{ min, max, perGiB int32 }

func iopsLimits(typ string) (l iopsLimit, ok bool) {
	switch typ {
	case "io1":
		return iopsLimit{100, 64000, 50}, true
	case "io2":
		return iopsLimit{100, 256000, 1000}, true
	case "gp3":
		return iopsLimit{3000, 80000, 0}, true
	}
	return iopsLimit{}, false
}

// throughputRange is the throughput a gp3 volume allows, in MiB/s.
func throughputRange() sizeRange { return sizeRange{125, 2000} }

// deviceName matches the device names EC2 takes in a block-device
// mapping: /dev/sd[a-z], /dev/xvd[a-z] or /dev/hd[a-z], optionally with a
// second letter or a partition number (sda1, xvdba), with or without
// /dev/.
var deviceName = regexp.MustCompile(`^(/dev/)?(sd|xvd|hd)[a-z]{1,2}[0-9]{0,2}$`)

// validDeviceName checks a device name.
func validDeviceName(field, name string) error {
	if !deviceName.MatchString(name) {
		return goboto.Invalid(field, name, "is not a device name such as /dev/sdb or xvdb")
	}
	return nil
}

// validEphemeral checks an instance store name, ephemeral0-ephemeral23.
func validEphemeral(field, name string) error {
	n, ok := strings.CutPrefix(name, "ephemeral")
	i, err := strconv.Atoi(n)
	if !ok || err != nil || i < 0 || i > 23 || strconv.Itoa(i) != n {
		return goboto.Invalid(field, name, "must be ephemeral0 to ephemeral23")
	}
	return nil
}

// validate checks every device of m.
func (m BlockDeviceMapping) validate() error {
	for _, dev := range m.devices() {
		if err := m[dev].validate("BlockDeviceMapping["+dev+"]", dev); err != nil {
			return err
		}
	}
	return nil
}

// devices returns m's device names, sorted.
func (m BlockDeviceMapping) devices() []string {
	names := make([]string, 0, len(m))
	for d := range m {
		names = append(names, d)
	}
	slices.Sort(names)
	return names
}

func (d BlockDevice) validate(field, dev string) error {
	if err := validDeviceName(field, dev); err != nil {
		return err
	}
	kinds := 0
	for _, set := range []bool{d.EBS != nil, d.Ephemeral != "", d.NoDevice} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		return goboto.Invalid(field, "", "must be exactly one of EBS, Ephemeral or NoDevice")
	}
	switch {
	case d.Ephemeral != "":
		return validEphemeral(field+".Ephemeral", d.Ephemeral)
	case d.EBS != nil:
		return d.EBS.validate(field + ".EBS")
	}
	return nil
}

func (e *EBS) validate(field string) error {
	if e.SnapshotID != "" {
		if err := validID(field+".SnapshotID", snapshotPrefix, e.SnapshotID); err != nil {
			return err
		}
	}
	if e.Size == 0 && e.SnapshotID == "" {
		return goboto.Invalid(field+".Size", "", "is required for a volume without a snapshot")
	}
	if e.KMSKeyID != "" && !e.Encrypted {
		return goboto.Invalid(field+".KMSKeyID", e.KMSKeyID, "needs Encrypted")
	}
	return validVolumeShape(field, e.Type, e.Size, e.IOPS, e.Throughput)
}

// validVolumeShape checks a volume's size, IOPS and throughput against its
// type. size 0 stands for "the snapshot's size", which is not checked.
func validVolumeShape(field, typ string, size, iops, throughput int32) error {
	r, ok := volumeSizes(typ)
	if !ok {
		return goboto.Invalid(field+".Type", typ, "is not one of gp2, gp3, io1, io2, st1, sc1, standard")
	}
	if size < 0 {
		return goboto.Invalid(field+".Size", itoa(size), "must not be negative")
	}
	if size != 0 && (size < r.min || size > r.max) {
		return goboto.Invalid(field+".Size", itoa(size), "out of range "+itoa(r.min)+"-"+itoa(r.max)+" GiB for type "+orDefault(typ))
	}
	lim, takesIOPS := iopsLimits(typ)
	switch {
	case iops < 0:
		return goboto.Invalid(field+".IOPS", itoa(iops), "must not be negative")
	case iops != 0 && !takesIOPS:
		return goboto.Invalid(field+".IOPS", itoa(iops), "is only for io1, io2 and gp3 volumes, not "+orDefault(typ))
	case iops == 0 && (typ == "io1" || typ == "io2"):
		return goboto.Invalid(field+".IOPS", "", "is required for "+typ+" volumes")
	case iops != 0 && (iops < lim.min || iops > lim.max):
		return goboto.Invalid(field+".IOPS", itoa(iops), "out of range "+itoa(lim.min)+"-"+itoa(lim.max)+" for "+typ)
	case iops != 0 && lim.perGiB != 0 && size != 0 && int64(iops) > int64(lim.perGiB)*int64(size):
		return goboto.Invalid(field+".IOPS", itoa(iops), "exceeds "+itoa(lim.perGiB)+" IOPS per GiB for "+typ+" ("+itoa(size)+" GiB)")
	}
	switch {
	case throughput < 0:
		return goboto.Invalid(field+".Throughput", itoa(throughput), "must not be negative")
	case throughput != 0 && typ != "gp3":
		return goboto.Invalid(field+".Throughput", itoa(throughput), "is only for gp3 volumes, not "+orDefault(typ))
	case throughput != 0 && (throughput < throughputRange().min || throughput > throughputRange().max):
		tr := throughputRange()
		return goboto.Invalid(field+".Throughput", itoa(throughput), "out of range "+itoa(tr.min)+"-"+itoa(tr.max)+" MiB/s")
	}
	return nil
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

func orDefault(typ string) string {
	if typ == "" {
		return "the default type"
	}
	return typ
}

// v2 converts m, which must be valid, into aws-sdk-go-v2's launch
// mapping, sorted by device name.
func (m BlockDeviceMapping) v2() []types.BlockDeviceMapping {
	if len(m) == 0 {
		return nil
	}
	out := make([]types.BlockDeviceMapping, 0, len(m))
	for _, dev := range m.devices() {
		d := m[dev]
		bdm := types.BlockDeviceMapping{DeviceName: aws.String(dev)}
		switch {
		case d.NoDevice:
			bdm.NoDevice = aws.String("")
		case d.Ephemeral != "":
			bdm.VirtualName = aws.String(d.Ephemeral)
		case d.EBS != nil:
			bdm.Ebs = d.EBS.v2()
		}
		out = append(out, bdm)
	}
	return out
}

func (e *EBS) v2() *types.EbsBlockDevice {
	out := &types.EbsBlockDevice{DeleteOnTermination: aws.Bool(e.DeleteOnTermination)}
	if e.SnapshotID != "" {
		out.SnapshotId = aws.String(e.SnapshotID)
	}
	if e.Size != 0 {
		out.VolumeSize = aws.Int32(e.Size)
	}
	if e.Type != "" {
		out.VolumeType = types.VolumeType(e.Type)
	}
	if e.IOPS != 0 {
		out.Iops = aws.Int32(e.IOPS)
	}
	if e.Throughput != 0 {
		out.Throughput = aws.Int32(e.Throughput)
	}
	if e.Encrypted {
		out.Encrypted = aws.Bool(true)
	}
	if e.KMSKeyID != "" {
		out.KmsKeyId = aws.String(e.KMSKeyID)
	}
	return out
}

// AttachedDevice is a device of a launched instance, as DescribeInstances
// reports it: boto's BlockDeviceType on an instance.
type AttachedDevice struct {
	VolumeID            string
	Status              string // attaching, attached, detaching, detached
	AttachTime          time.Time
	DeleteOnTermination bool
}

func attachedDevicesFromV2(ms []types.InstanceBlockDeviceMapping) map[string]AttachedDevice {
	if len(ms) == 0 {
		return nil
	}
	out := make(map[string]AttachedDevice, len(ms))
	for _, m := range ms {
		d := AttachedDevice{}
		if m.Ebs != nil {
			d.VolumeID = aws.ToString(m.Ebs.VolumeId)
			d.Status = string(m.Ebs.Status)
			d.AttachTime = aws.ToTime(m.Ebs.AttachTime)
			d.DeleteOnTermination = aws.ToBool(m.Ebs.DeleteOnTermination)
		}
		out[aws.ToString(m.DeviceName)] = d
	}
	return out
}
