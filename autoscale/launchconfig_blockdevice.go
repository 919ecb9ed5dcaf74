package autoscale

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
)

// BlockDeviceMapping says what each device of a launch configuration's
// instances is, keyed by device name ("/dev/sda1", "/dev/sdb", "xvdb").
// It has the fields of goboto's ec2.BlockDeviceMapping, field for field,
// because package autoscale may not import ec2 (importing one service
// never compiles another's SDK module); asec2.BlockDevices converts an
// ec2.BlockDeviceMapping into one.
//
//	bdm := autoscale.BlockDeviceMapping{
//		"/dev/sda1": {EBS: &autoscale.EBS{Size: 20, Type: "gp3", DeleteOnTermination: true}},
//		"/dev/sdb":  {Ephemeral: "ephemeral0"},
//	}
type BlockDeviceMapping map[string]BlockDevice

// BlockDevice is one device: exactly one of an EBS volume, an instance
// store volume (Ephemeral, "ephemeral0" to "ephemeral23") or NoDevice,
// which removes a device the image maps.
type BlockDevice struct {
	EBS       *EBS
	Ephemeral string
	NoDevice  bool
}

// EBS is an EBS volume made for a device at launch, as ec2.EBS. Size is
// in GiB (1-16384 here); 0 means the snapshot's size, so a volume
// without a snapshot needs one. IOPS (100-20000) is for io1, io2 and
// gp3, Throughput (125-1000 MiB/s) for gp3: the AutoScaling model's
// ranges, narrower than EC2's.
// KMSKeyID is refused: a launch configuration's Ebs has no key (the
// account's default EBS key encrypts); use a launch template for one.
type EBS struct {
	SnapshotID          string
	Size                int32
	Type                string
	IOPS                int32
	Throughput          int32
	Encrypted           bool
	KMSKeyID            string
	DeleteOnTermination bool
}

// deviceName matches EC2's device names: /dev/sd[a-z], /dev/xvd[a-z] or
// /dev/hd[a-z], with an optional second letter or partition number, with
// or without /dev/.
var deviceName = regexp.MustCompile(`^(/dev/)?(sd|xvd|hd)[a-z]{1,2}[0-9]{0,2}$`)

func (m BlockDeviceMapping) devices() []string {
	names := make([]string, 0, len(m))
	for d := range m {
		names = append(names, d)
	}
	slices.Sort(names)
	return names
}

// validate checks every device, in name order so the first error is
// always the same.
func (m BlockDeviceMapping) validate() error {
	for _, dev := range m.devices() {
		d, field := m[dev], "BlockDeviceMappings["+dev+"]"
		if !deviceName.MatchString(dev) {
			return goboto.Invalid(field, dev, "is not a device name such as /dev/sdb or xvdb")
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
		if d.Ephemeral != "" {
			n, ok := strings.CutPrefix(d.Ephemeral, "ephemeral")
			i, err := strconv.Atoi(n)
			if !ok || err != nil || i < 0 || i > 23 || strconv.Itoa(i) != n {
				return goboto.Invalid(field+".Ephemeral", d.Ephemeral, "must be ephemeral0 to ephemeral23")
			}
		}
		if d.EBS != nil {
			if err := d.EBS.validate(field + ".EBS"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *EBS) validate(field string) error {
	switch {
	case e.KMSKeyID != "":
		return goboto.Invalid(field+".KMSKeyID", e.KMSKeyID, "a launch configuration takes no KMS key: use a launch template")
	case e.SnapshotID != "" && !strings.HasPrefix(e.SnapshotID, "snap-"):
		return goboto.Invalid(field+".SnapshotID", e.SnapshotID, "is not a snapshot ID (snap-...)")
	case e.Size == 0 && e.SnapshotID == "":
		return goboto.Invalid(field+".Size", "", "is required for a volume without a snapshot")
	case e.Size < 0 || e.Size > 16384:
		// The AutoScaling model's BlockDeviceEbsVolumeSize is 1-16384,
		// narrower than EC2's for gp3 and io2.
		return goboto.Invalid(field+".Size", strconv.Itoa(int(e.Size)), "out of range 1-16384 GiB")
	}
	switch e.Type {
	case "", "gp2", "gp3", "io1", "io2", "st1", "sc1", "standard":
	default:
		return goboto.Invalid(field+".Type", e.Type, "must be gp2, gp3, io1, io2, st1, sc1 or standard")
	}
	switch {
	case (e.Type == "io1" || e.Type == "io2") && e.IOPS == 0:
		return goboto.Invalid(field+".IOPS", "", "is required for "+e.Type)
	case e.IOPS != 0 && e.Type != "io1" && e.Type != "io2" && e.Type != "gp3":
		return goboto.Invalid(field+".IOPS", strconv.Itoa(int(e.IOPS)), "is for io1, io2 and gp3 volumes only")
	case e.IOPS != 0 && (e.IOPS < 100 || e.IOPS > 20000):
		// BlockDeviceEbsIops in the AutoScaling model.
		return goboto.Invalid(field+".IOPS", strconv.Itoa(int(e.IOPS)), "out of range 100-20000")
	case e.Throughput != 0 && e.Type != "gp3":
		return goboto.Invalid(field+".Throughput", strconv.Itoa(int(e.Throughput)), "is for gp3 volumes only")
	case e.Throughput != 0 && (e.Throughput < 125 || e.Throughput > 1000):
		// BlockDeviceEbsThroughput in the AutoScaling model.
		return goboto.Invalid(field+".Throughput", strconv.Itoa(int(e.Throughput)), "out of range 125-1000 MiB/s")
	}
	return nil
}

func (m BlockDeviceMapping) v2() []types.BlockDeviceMapping {
	var out []types.BlockDeviceMapping
	for _, dev := range m.devices() {
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
