package autoscale

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/blockdevice"
)

// BlockDeviceMapping says what each device of a launch configuration's
// instances is, keyed by device name ("/dev/sda1", "/dev/sdb", "xvdb").
// It is goboto's ec2.BlockDeviceMapping (both are aliases of one type in
// an internal package, so that package autoscale need not import ec2):
// a mapping written for ec2.RunOptions or a launch template is passed to
// LaunchConfigOptions as it is, and is checked against AutoScaling's
// ranges, narrower than EC2's (see EBS).
//
//	bdm := autoscale.BlockDeviceMapping{
//		"/dev/sda1": {EBS: &autoscale.EBS{Size: 20, Type: "gp3", DeleteOnTermination: true}},
//		"/dev/sdb":  {Ephemeral: "ephemeral0"},
//	}
type BlockDeviceMapping = blockdevice.Mapping

// BlockDevice is one device, ec2.BlockDevice: exactly one of an EBS
// volume, an instance store volume (Ephemeral, "ephemeral0" to
// "ephemeral23") or NoDevice, which removes a device the image maps.
// Its fields:
//
//	EBS       *EBS
//	Ephemeral string
//	NoDevice  bool
type BlockDevice = blockdevice.Device

// EBS is an EBS volume made for a device at launch, ec2.EBS. Its fields:
//
//	SnapshotID          string
//	Size                int32  // GiB
//	Type                string // gp2, gp3, io1, io2, st1, sc1, standard
//	IOPS                int32
//	Throughput          int32 // MiB/s, gp3 only
//	Encrypted           bool
//	KMSKeyID            string // refused here
//	DeleteOnTermination bool
//
// Size is in GiB (1-16384 here, whatever the type); 0 means the
// snapshot's size, so a volume without a snapshot needs one. IOPS
// (100-20000) is required for io1 and io2 and optional for gp3,
// Throughput (125-1000 MiB/s) is for gp3 only: the AutoScaling model's
// ranges, narrower than EC2's.
// KMSKeyID is refused: a launch configuration's Ebs has no key (the
// account's default EBS key encrypts); use a launch template for one.
type EBS = blockdevice.EBS

// volumeLimits are AutoScaling's volume ranges: the model's
// BlockDeviceEbsVolumeSize (1-16384, for every type), BlockDeviceEbsIops
// (100-20000) and BlockDeviceEbsThroughput (125-1000).
func volumeLimits() blockdevice.Limits {
	size := blockdevice.Range{Min: 1, Max: 16384}
	iops := blockdevice.IOPSRange{Min: 100, Max: 20000}
	return blockdevice.Limits{
		Types: []string{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"},
		Sizes: map[string]blockdevice.Range{"gp2": size, "gp3": size, "io1": size, "io2": size,
			"st1": size, "sc1": size, "standard": size},
		IOPS:       map[string]blockdevice.IOPSRange{"io1": iops, "io2": iops, "gp3": iops},
		Throughput: blockdevice.Range{Min: 125, Max: 1000},
	}
}

// validBlockDevices checks every device, in name order so the first
// error is always the same.
func validBlockDevices(m BlockDeviceMapping) error {
	return blockdevice.Check(m, "BlockDeviceMappings", validEBS)
}

func validEBS(field string, e *EBS) error {
	switch {
	case e.KMSKeyID != "":
		return goboto.Invalid(field+".KMSKeyID", e.KMSKeyID, "a launch configuration takes no KMS key: use a launch template")
	case e.SnapshotID != "" && !strings.HasPrefix(e.SnapshotID, "snap-"):
		return goboto.Invalid(field+".SnapshotID", e.SnapshotID, "is not a snapshot ID (snap-...)")
	case e.Size == 0 && e.SnapshotID == "":
		return goboto.Invalid(field+".Size", "", "is required for a volume without a snapshot")
	}
	return volumeLimits().CheckShape(field, e.Type, e.Size, e.IOPS, e.Throughput)
}

func blockDevicesV2(m BlockDeviceMapping) []types.BlockDeviceMapping {
	var out []types.BlockDeviceMapping
	for _, dev := range blockdevice.Devices(m) {
		d := m[dev]
		x := types.BlockDeviceMapping{DeviceName: aws.String(dev)}
		switch {
		case d.NoDevice:
			x.NoDevice = aws.Bool(true)
		case d.Ephemeral != "":
			x.VirtualName = aws.String(d.Ephemeral)
		case d.EBS != nil:
			e := d.EBS
			// DeleteOnTermination is sent as given, false included, as
			// ec2 does; Encrypted only when true.
			x.Ebs = &types.Ebs{DeleteOnTermination: aws.Bool(e.DeleteOnTermination)}
			if e.SnapshotID != "" {
				x.Ebs.SnapshotId = aws.String(e.SnapshotID)
			}
			if e.Size != 0 {
				x.Ebs.VolumeSize = aws.Int32(e.Size)
			}
			if e.Type != "" {
				x.Ebs.VolumeType = aws.String(e.Type)
			}
			if e.IOPS != 0 {
				x.Ebs.Iops = aws.Int32(e.IOPS)
			}
			if e.Throughput != 0 {
				x.Ebs.Throughput = aws.Int32(e.Throughput)
			}
			if e.Encrypted {
				x.Ebs.Encrypted = aws.Bool(true)
			}
		}
		out = append(out, x)
	}
	return out
}

func blockDevicesFrom(xs []types.BlockDeviceMapping) BlockDeviceMapping {
	if len(xs) == 0 {
		return nil
	}
	m := BlockDeviceMapping{}
	for _, x := range xs {
		// Which kind a device is goes by the first member with a value:
		// a server may send the others empty (<VirtualName/>).
		var d BlockDevice
		switch {
		case aws.ToBool(x.NoDevice):
			d.NoDevice = true
		case aws.ToString(x.VirtualName) != "":
			d.Ephemeral = aws.ToString(x.VirtualName)
		case x.Ebs != nil:
			d.EBS = &EBS{SnapshotID: aws.ToString(x.Ebs.SnapshotId), Size: aws.ToInt32(x.Ebs.VolumeSize),
				Type: aws.ToString(x.Ebs.VolumeType), IOPS: aws.ToInt32(x.Ebs.Iops), Throughput: aws.ToInt32(x.Ebs.Throughput),
				Encrypted: aws.ToBool(x.Ebs.Encrypted), DeleteOnTermination: aws.ToBool(x.Ebs.DeleteOnTermination)}
		}
		m[aws.ToString(x.DeviceName)] = d
	}
	return m
}
