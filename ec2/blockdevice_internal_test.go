package ec2

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzBlockDevice checks that checking a mapping never panics, and that a
// mapping found valid survives the trip to aws-sdk-go-v2's form and back
// (the way an image's mapping is read) unchanged.
func FuzzBlockDevice(f *testing.F) {
	f.Add("/dev/sda1", "snap-0123456789abcdef0", int32(20), "gp3", int32(3000), int32(125), false, "", false, true)
	f.Add("xvdb", "", int32(0), "", int32(0), int32(0), false, "ephemeral3", false, false)
	f.Add("/dev/sdc", "", int32(0), "", int32(0), int32(0), false, "", true, false)
	f.Add("/dev/sdf", "", int32(100), "io2", int32(10000), int32(0), true, "", false, false)
	f.Fuzz(func(t *testing.T, dev, snap string, size int32, typ string, iops, tput int32, enc bool, eph string, none, ebs bool) {
		d := BlockDevice{Ephemeral: eph, NoDevice: none}
		if ebs {
			d.EBS = &EBS{SnapshotID: snap, Size: size, Type: typ, IOPS: iops, Throughput: tput, Encrypted: enc,
				DeleteOnTermination: size%2 == 0}
		}
		m := BlockDeviceMapping{dev: d}
		if validBlockDevices(m) != nil {
			return
		}
		back := blockDevicesFromV2(blockDevicesV2(m))
		if diff := cmp.Diff(m, back); diff != "" {
			t.Errorf("round trip of a valid mapping (-want +got):\n%s", diff)
		}
	})
}
