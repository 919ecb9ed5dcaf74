package blockdevice_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/blockdevice"
)

// limits is a small table whose numbers differ from every service's, so
// that a check reading a hard-coded range instead of the table fails.
func limits() blockdevice.Limits {
	return blockdevice.Limits{
		Types:      []string{"gp3", "io1", "st1"},
		Sizes:      map[string]blockdevice.Range{"gp3": {Min: 2, Max: 50}, "io1": {Min: 4, Max: 40}, "st1": {Min: 10, Max: 60}},
		IOPS:       map[string]blockdevice.IOPSRange{"gp3": {Min: 300, Max: 900}, "io1": {Min: 100, Max: 1000, PerGiB: 10}},
		Throughput: blockdevice.Range{Min: 5, Max: 7},
	}
}

// TestCheck checks the rules every service shares, the order devices
// are checked in and the field names errors carry; the messages are
// those ec2 has always given (its tests and examples print them).
func TestCheck(t *testing.T) {
	shape := func(field string, e *blockdevice.EBS) error {
		return limits().CheckShape(field, e.Type, e.Size, e.IOPS, e.Throughput)
	}
	ebs := func(e blockdevice.EBS) blockdevice.Device { return blockdevice.Device{EBS: &e} }
	tests := []struct {
		name string
		m    blockdevice.Mapping
		want string // "" means valid
	}{
		{"valid", blockdevice.Mapping{"/dev/sda1": ebs(blockdevice.EBS{Size: 2, Type: "gp3"}), "xvdb": {Ephemeral: "ephemeral23"},
			"/dev/sdc": {NoDevice: true}}, ""},
		{"device name", blockdevice.Mapping{"/dev/nvme0n1": {NoDevice: true}},
			"M[/dev/nvme0n1]: /dev/nvme0n1 is not a device name such as /dev/sdb or xvdb"},
		{"no kind", blockdevice.Mapping{"/dev/sdb": {}}, "M[/dev/sdb]: must be exactly one of EBS, Ephemeral or NoDevice"},
		{"two kinds", blockdevice.Mapping{"/dev/sdb": {Ephemeral: "ephemeral0", NoDevice: true}},
			"M[/dev/sdb]: must be exactly one of EBS, Ephemeral or NoDevice"},
		{"ephemeral", blockdevice.Mapping{"/dev/sdb": {Ephemeral: "ephemeral01"}}, "M[/dev/sdb].Ephemeral: ephemeral01 must be ephemeral0 to ephemeral23"},
		{"first device by name", blockdevice.Mapping{"/dev/sdz": {}, "/dev/sdb": {Ephemeral: "x"}},
			"M[/dev/sdb].Ephemeral: x must be ephemeral0 to ephemeral23"},
		{"type", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 8, Type: "gp2"})},
			"M[/dev/sdf].EBS.Type: gp2 is not one of gp3, io1, st1"},
		{"size", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 9, Type: "st1"})},
			"M[/dev/sdf].EBS.Size: 9 out of range 10-60 GiB for type st1"},
		{"default type size", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 61})},
			"M[/dev/sdf].EBS.Size: 61 out of range 2-60 GiB for type the default type"},
		{"negative size", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: -1})}, "M[/dev/sdf].EBS.Size: -1 must not be negative"},
		{"iops", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 8, Type: "gp3", IOPS: 901})},
			"M[/dev/sdf].EBS.IOPS: 901 out of range 300-900 for gp3"},
		{"iops per GiB", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 20, Type: "io1", IOPS: 201})},
			"M[/dev/sdf].EBS.IOPS: 201 exceeds 10 IOPS per GiB for io1 (20 GiB)"},
		{"iops required", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 8, Type: "io1"})},
			"M[/dev/sdf].EBS.IOPS: is required for io1 volumes"},
		{"iops refused", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 20, Type: "st1", IOPS: 300})},
			"M[/dev/sdf].EBS.IOPS: 300 is only for io1, io2 and gp3 volumes, not st1"},
		{"throughput", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 8, Type: "gp3", Throughput: 8})},
			"M[/dev/sdf].EBS.Throughput: 8 out of range 5-7 MiB/s"},
		{"throughput refused", blockdevice.Mapping{"/dev/sdf": ebs(blockdevice.EBS{Size: 10, Type: "io1", IOPS: 100, Throughput: 5})},
			"M[/dev/sdf].EBS.Throughput: 5 is only for gp3 volumes, not io1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := blockdevice.Check(tt.m, "M", shape)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Check = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCheckCallsEBS checks Check hands each EBS volume, and only those,
// to the service's check with its field name, and stops at its error.
func TestCheckCallsEBS(t *testing.T) {
	var seen []string
	stop := errors.New("stop")
	m := blockdevice.Mapping{"/dev/sdc": {EBS: &blockdevice.EBS{}}, "/dev/sdb": {NoDevice: true},
		"/dev/sda": {EBS: &blockdevice.EBS{Size: 1}}, "/dev/sdd": {EBS: &blockdevice.EBS{}}}
	err := blockdevice.Check(m, "M", func(field string, e *blockdevice.EBS) error {
		seen = append(seen, field)
		if e.Size == 0 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("Check = %v, want the EBS check's error", err)
	}
	if diff := cmp.Diff([]string{"M[/dev/sda].EBS", "M[/dev/sdc].EBS"}, seen); diff != "" {
		t.Errorf("EBS checks (-want +got):\n%s", diff)
	}
}

func TestSize(t *testing.T) {
	l := limits()
	if r, ok := l.Size(""); !ok || r != (blockdevice.Range{Min: 2, Max: 60}) {
		t.Errorf("Size(\"\") = %v, %v; want the widest range 2-60", r, ok)
	}
	if r, ok := l.Size("io1"); !ok || r != (blockdevice.Range{Min: 4, Max: 40}) {
		t.Errorf("Size(io1) = %v, %v", r, ok)
	}
	if _, ok := l.Size("gp2"); ok {
		t.Error("Size(gp2) is ok, but gp2 is not in the table")
	}
}
