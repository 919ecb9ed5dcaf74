package ec2

import (
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/blockdevice"
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
// rules. It is the same type as autoscale.BlockDeviceMapping, so a
// mapping written for RunInstances or a launch template serves a launch
// configuration as it is (within AutoScaling's narrower ranges).
type BlockDeviceMapping = blockdevice.Mapping

// BlockDevice is one device of a BlockDeviceMapping: exactly one of an EBS
// volume, an instance store volume (Ephemeral) or NoDevice, which removes
// a device the image maps. Its fields:
//
//	EBS       *EBS
//	Ephemeral string // "ephemeral0" to "ephemeral23"
//	NoDevice  bool
type BlockDevice = blockdevice.Device

// EBS is an EBS volume made for a device at launch. Its fields:
//
//	SnapshotID          string
//	Size                int32  // GiB
//	Type                string // gp2, gp3, io1, io2, st1, sc1, standard; "" for EC2's default
//	IOPS                int32
//	Throughput          int32 // MiB/s, gp3 only
//	Encrypted           bool
//	KMSKeyID            string // with Encrypted, the key to encrypt with
//	DeleteOnTermination bool
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
type EBS = blockdevice.EBS

// volumeLimits are EC2's volume ranges, those of the EC2 API model's
// CreateVolume documentation (TestVolumeLimitsFollowModel).
func volumeLimits() blockdevice.Limits {
	return blockdevice.Limits{
		Types: []string{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"},
		Sizes: map[string]blockdevice.Range{
			"gp2": {Min: 1, Max: 16384}, "gp3": {Min: 1, Max: 65536},
			"io1": {Min: 4, Max: 16384}, "io2": {Min: 4, Max: 65536},
			"st1": {Min: 125, Max: 16384}, "sc1": {Min: 125, Max: 16384},
			"standard": {Min: 1, Max: 1024},
		},
		IOPS: map[string]blockdevice.IOPSRange{
			"io1": {Min: 100, Max: 64000, PerGiB: 50},
			"io2": {Min: 100, Max: 256000, PerGiB: 1000},
			"gp3": {Min: 3000, Max: 80000},
		},
		Throughput: blockdevice.Range{Min: 125, Max: 2000},
	}
}

// volumeTypes are the EBS volume types, in the order errors list them.
func volumeTypes() []string { return volumeLimits().Types }

// volumeSizes returns the sizes volume type typ allows, in GiB; "" is
// the widest range, for when EC2 or the image picks the type.
func volumeSizes(typ string) (blockdevice.Range, bool) { return volumeLimits().Size(typ) }

// iopsLimits returns the provisioned IOPS volume type typ allows; ok is
// false for a type that takes none.
func iopsLimits(typ string) (l blockdevice.IOPSRange, ok bool) {
	l, ok = volumeLimits().IOPS[typ]
	return l, ok
}

// throughputRange is the throughput a gp3 volume allows, in MiB/s.
func throughputRange() blockdevice.Range { return volumeLimits().Throughput }

// validDeviceName checks a device name.
func validDeviceName(field, name string) error { return blockdevice.ValidDeviceName(field, name) }

// validBlockDevices checks every device of m.
func validBlockDevices(m BlockDeviceMapping) error {
	return blockdevice.Check(m, "BlockDeviceMapping", validEBS)
}

func validEBS(field string, e *EBS) error {
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
	return volumeLimits().CheckShape(field, typ, size, iops, throughput)
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// blockDevicesV2 converts m, which must be valid, into aws-sdk-go-v2's
// launch mapping, sorted by device name.
func blockDevicesV2(m BlockDeviceMapping) []types.BlockDeviceMapping {
	if len(m) == 0 {
		return nil
	}
	out := make([]types.BlockDeviceMapping, 0, len(m))
	for _, dev := range blockdevice.Devices(m) {
		d := m[dev]
		bdm := types.BlockDeviceMapping{DeviceName: aws.String(dev)}
		switch {
		case d.NoDevice:
			bdm.NoDevice = aws.String("")
		case d.Ephemeral != "":
			bdm.VirtualName = aws.String(d.Ephemeral)
		case d.EBS != nil:
			bdm.Ebs = ebsV2(d.EBS)
		}
		out = append(out, bdm)
	}
	return out
}

func ebsV2(e *EBS) *types.EbsBlockDevice {
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
