// Package blockdevice holds the block-device mapping that goboto's ec2
// and autoscale packages share (as ec2.BlockDeviceMapping and
// autoscale.BlockDeviceMapping, aliases of Mapping) and the checks that
// do not depend on either service's SDK module: device and instance
// store names, one kind per device, and volume ranges from a service's
// Limits. It imports no aws-sdk-go-v2 service, so that autoscale, which
// may compile only the AutoScaling module, can use the type ec2 does.
package blockdevice

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// Mapping says what each device of an instance, image or launch
// configuration is, keyed by device name ("/dev/sda1", "/dev/sdb",
// "xvdb", ...): boto's BlockDeviceMapping. ec2.BlockDeviceMapping and
// autoscale.BlockDeviceMapping are this type, so one value serves
// ec2.RunOptions, a launch template and autoscale.LaunchConfigOptions.
//
//	bdm := ec2.BlockDeviceMapping{
//		"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap.ID, Size: 20, Type: "gp3", DeleteOnTermination: true}},
//		"/dev/sdb":  {Ephemeral: "ephemeral0"},
//		"/dev/sdc":  {NoDevice: true},
//	}
//
// Each service checks it before anything is sent, against its own
// ranges: see ec2.EBS and autoscale.EBS.
type Mapping map[string]Device

// Device is one device of a Mapping: exactly one of an EBS volume, an
// instance store volume (Ephemeral) or NoDevice, which removes a device
// the image maps.
type Device struct {
	EBS       *EBS
	Ephemeral string // "ephemeral0" to "ephemeral23"
	NoDevice  bool
}

// EBS is an EBS volume made for a device at launch.
//
// Size is in GiB; 0 means the snapshot's size, so a volume without a
// snapshot needs one. IOPS is required for io1 and io2, optional for gp3
// and refused for other types; Throughput (MiB/s) is for gp3 only. The
// ranges are each service's: ec2.EBS and autoscale.EBS give them.
//
// DeleteOnTermination is sent as given, false included, as boto does: an
// EBS volume whose DeleteOnTermination is false outlives its instance,
// whereas EC2's default for a launch mapping that leaves it out is true.
// Encrypted is sent only when true; a volume from an encrypted snapshot
// is encrypted regardless. KMSKeyID, with Encrypted, is the key to
// encrypt with; a launch configuration takes none.
type EBS struct {
	SnapshotID          string
	Size                int32  // GiB
	Type                string // gp2, gp3, io1, io2, st1, sc1, standard; "" for the service's default
	IOPS                int32
	Throughput          int32 // MiB/s, gp3 only
	Encrypted           bool
	KMSKeyID            string // with Encrypted, the key to encrypt with
	DeleteOnTermination bool
}

// Devices returns m's device names, sorted, the order in which devices
// are checked and sent, so that the first error is always the same.
func Devices(m Mapping) []string {
	names := make([]string, 0, len(m))
	for d := range m {
		names = append(names, d)
	}
	slices.Sort(names)
	return names
}

// Check checks every device of m, in name order: its name, that it is
// exactly one kind, its instance store name; ebs checks an EBS volume,
// by the service's rules. Fields are named prefix+"["+device+"]...".
func Check(m Mapping, prefix string, ebs func(field string, e *EBS) error) error {
	for _, dev := range Devices(m) {
		d, field := m[dev], prefix+"["+dev+"]"
		if err := ValidDeviceName(field, dev); err != nil {
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
			if err := ValidEphemeral(field+".Ephemeral", d.Ephemeral); err != nil {
				return err
			}
		case d.EBS != nil:
			if err := ebs(field+".EBS", d.EBS); err != nil {
				return err
			}
		}
	}
	return nil
}

// deviceName matches the device names EC2 takes in a block-device
// mapping: /dev/sd[a-z], /dev/xvd[a-z] or /dev/hd[a-z], optionally with a
// second letter or a partition number (sda1, xvdba), with or without
// /dev/.
var deviceName = regexp.MustCompile(`^(/dev/)?(sd|xvd|hd)[a-z]{1,2}[0-9]{0,2}$`)

// ValidDeviceName checks a device name.
func ValidDeviceName(field, name string) error {
	if !deviceName.MatchString(name) {
		return goboto.Invalid(field, name, "is not a device name such as /dev/sdb or xvdb")
	}
	return nil
}

// ValidEphemeral checks an instance store name, ephemeral0-ephemeral23.
func ValidEphemeral(field, name string) error {
	n, ok := strings.CutPrefix(name, "ephemeral")
	i, err := strconv.Atoi(n)
	if !ok || err != nil || i < 0 || i > 23 || strconv.Itoa(i) != n {
		return goboto.Invalid(field, name, "must be ephemeral0 to ephemeral23")
	}
	return nil
}
