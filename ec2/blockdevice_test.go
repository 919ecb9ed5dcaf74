package ec2_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata")

const testImage = "ami-0123456789abcdef0"

// TestBlockDeviceRules checks each local rule of a BlockDeviceMapping: a
// mapping that breaks one is refused with a *goboto.ValidationError naming
// the field, and nothing is sent.
func TestBlockDeviceRules(t *testing.T) {
	ebs := func(e ec2.EBS) ec2.BlockDevice { return ec2.BlockDevice{EBS: &e} }
	const snap = "snap-0123456789abcdef0"
	tests := []struct {
		name  string
		bdm   ec2.BlockDeviceMapping
		field string // "" means valid
	}{
		{"ebs from snapshot", ec2.BlockDeviceMapping{"/dev/sda1": ebs(ec2.EBS{SnapshotID: snap})}, ""},
		{"ebs empty volume", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{Size: 100, Type: "gp3"})}, ""},
		{"ephemeral", ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral0"}}, ""},
		{"ephemeral23", ec2.BlockDeviceMapping{"xvdc": {Ephemeral: "ephemeral23"}}, ""},
		{"no device", ec2.BlockDeviceMapping{"/dev/sdc": {NoDevice: true}}, ""},
		{"bare xvd name", ec2.BlockDeviceMapping{"xvdba": ebs(ec2.EBS{Size: 1})}, ""},
		{"hd name", ec2.BlockDeviceMapping{"/dev/hda1": ebs(ec2.EBS{Size: 1})}, ""},

		{"no kind", ec2.BlockDeviceMapping{"/dev/sdb": {}}, "BlockDeviceMapping[/dev/sdb]"},
		{"ebs and ephemeral", ec2.BlockDeviceMapping{"/dev/sdb": {EBS: &ec2.EBS{Size: 1}, Ephemeral: "ephemeral0"}}, "BlockDeviceMapping[/dev/sdb]"},
		{"ebs and no device", ec2.BlockDeviceMapping{"/dev/sdb": {EBS: &ec2.EBS{Size: 1}, NoDevice: true}}, "BlockDeviceMapping[/dev/sdb]"},
		{"ephemeral and no device", ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral0", NoDevice: true}}, "BlockDeviceMapping[/dev/sdb]"},
		{"device name", ec2.BlockDeviceMapping{"/dev/nvme0n1": {NoDevice: true}}, "BlockDeviceMapping[/dev/nvme0n1]"},
		{"device name empty", ec2.BlockDeviceMapping{"": {NoDevice: true}}, "BlockDeviceMapping[]"},
		{"device name upper", ec2.BlockDeviceMapping{"/dev/SDB": {NoDevice: true}}, "BlockDeviceMapping[/dev/SDB]"},
		{"ephemeral name", ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral24"}}, "BlockDeviceMapping[/dev/sdb].Ephemeral"},
		{"ephemeral leading zero", ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral01"}}, "BlockDeviceMapping[/dev/sdb].Ephemeral"},
		{"ephemeral other", ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "instance0"}}, "BlockDeviceMapping[/dev/sdb].Ephemeral"},
		{"snapshot id", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{SnapshotID: "vol-0123abcd"})}, "BlockDeviceMapping[/dev/sdf].EBS.SnapshotID"},
		{"no size no snapshot", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{Type: "gp2"})}, "BlockDeviceMapping[/dev/sdf].EBS.Size"},
		{"negative size", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{SnapshotID: snap, Size: -1})}, "BlockDeviceMapping[/dev/sdf].EBS.Size"},
		{"unknown type", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{Size: 10, Type: "gp4"})}, "BlockDeviceMapping[/dev/sdf].EBS.Type"},
		{"kms without encryption", ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{Size: 10, KMSKeyID: "alias/k"})}, "BlockDeviceMapping[/dev/sdf].EBS.KMSKeyID"},
		{"second device checked", ec2.BlockDeviceMapping{"/dev/sda1": {NoDevice: true}, "/dev/sdz": {}}, "BlockDeviceMapping[/dev/sdz]"},
	}
	// Size ranges per type: the bounds pass, one beyond each fails.
	for _, r := range []struct {
		typ      string
		min, max int32
		iops     int32
	}{
		{"", 1, 65536, 0}, {"gp2", 1, 16384, 0}, {"gp3", 1, 65536, 0},
		{"io1", 4, 16384, 200}, {"io2", 4, 65536, 200},
		{"st1", 125, 16384, 0}, {"sc1", 125, 16384, 0}, {"standard", 1, 1024, 0},
	} {
		field := "BlockDeviceMapping[/dev/sdf].EBS.Size"
		dev := func(size int32) ec2.BlockDeviceMapping {
			return ec2.BlockDeviceMapping{"/dev/sdf": ebs(ec2.EBS{Size: size, Type: r.typ, IOPS: r.iops})}
		}
		tests = append(tests,
			struct {
				name  string
				bdm   ec2.BlockDeviceMapping
				field string
			}{r.typ + " min size", dev(r.min), ""},
			struct {
				name  string
				bdm   ec2.BlockDeviceMapping
				field string
			}{r.typ + " max size", dev(r.max), ""},
			struct {
				name  string
				bdm   ec2.BlockDeviceMapping
				field string
			}{r.typ + " below min", dev(r.min - 1), field},
			struct {
				name  string
				bdm   ec2.BlockDeviceMapping
				field string
			}{r.typ + " above max", dev(r.max + 1), field},
		)
	}
	iops := "BlockDeviceMapping[/dev/sdf].EBS.IOPS"
	tput := "BlockDeviceMapping[/dev/sdf].EBS.Throughput"
	one := func(e ec2.EBS) ec2.BlockDeviceMapping { return ec2.BlockDeviceMapping{"/dev/sdf": ebs(e)} }
	tests = append(tests, []struct {
		name  string
		bdm   ec2.BlockDeviceMapping
		field string
	}{
		{"io1 iops", one(ec2.EBS{Size: 100, Type: "io1", IOPS: 5000}), ""},
		{"io1 needs iops", one(ec2.EBS{Size: 100, Type: "io1"}), iops},
		{"io2 needs iops", one(ec2.EBS{Size: 100, Type: "io2"}), iops},
		{"io1 iops below", one(ec2.EBS{Size: 100, Type: "io1", IOPS: 99}), iops},
		{"io1 iops above", one(ec2.EBS{Size: 16384, Type: "io1", IOPS: 64001}), iops},
		{"io1 iops per GiB", one(ec2.EBS{Size: 10, Type: "io1", IOPS: 501}), iops},
		{"io1 iops per GiB edge", one(ec2.EBS{Size: 10, Type: "io1", IOPS: 500}), ""},
		{"io1 iops with snapshot size", one(ec2.EBS{SnapshotID: snap, Type: "io1", IOPS: 64000}), ""},
		{"io2 iops max", one(ec2.EBS{Size: 300, Type: "io2", IOPS: 256000}), ""},
		{"io2 iops above", one(ec2.EBS{Size: 300, Type: "io2", IOPS: 256001}), iops},
		{"io2 iops per GiB", one(ec2.EBS{Size: 4, Type: "io2", IOPS: 4001}), iops},
		{"gp3 iops", one(ec2.EBS{Size: 10, Type: "gp3", IOPS: 3000}), ""},
		{"gp3 iops below", one(ec2.EBS{Size: 10, Type: "gp3", IOPS: 2999}), iops},
		{"gp3 iops max", one(ec2.EBS{Size: 10, Type: "gp3", IOPS: 80000}), ""},
		{"gp3 iops above", one(ec2.EBS{Size: 10, Type: "gp3", IOPS: 80001}), iops},
		{"gp2 iops", one(ec2.EBS{Size: 10, Type: "gp2", IOPS: 3000}), iops},
		{"st1 iops", one(ec2.EBS{Size: 500, Type: "st1", IOPS: 3000}), iops},
		{"default type iops", one(ec2.EBS{Size: 10, IOPS: 3000}), iops},
		{"negative iops", one(ec2.EBS{Size: 10, Type: "gp3", IOPS: -1}), iops},
		{"gp3 throughput", one(ec2.EBS{Size: 10, Type: "gp3", Throughput: 125}), ""},
		{"gp3 throughput max", one(ec2.EBS{Size: 10, Type: "gp3", Throughput: 2000}), ""},
		{"gp3 throughput below", one(ec2.EBS{Size: 10, Type: "gp3", Throughput: 124}), tput},
		{"gp3 throughput above", one(ec2.EBS{Size: 10, Type: "gp3", Throughput: 2001}), tput},
		{"gp2 throughput", one(ec2.EBS{Size: 10, Type: "gp2", Throughput: 125}), tput},
		{"io1 throughput", one(ec2.EBS{Size: 10, Type: "io1", IOPS: 100, Throughput: 125}), tput},
		{"negative throughput", one(ec2.EBS{Size: 10, Type: "gp3", Throughput: -5}), tput},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: testImage, BlockDevices: tt.bdm})
			if tt.field == "" {
				wantCode(t, err, "Recorded") // sent, and refused by the recorder
				return
			}
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
}

// TestBlockDeviceWire checks, against a golden file, the
// BlockDeviceMapping.N parameters a mapping of every kind turns into.
func TestBlockDeviceWire(t *testing.T) {
	conn, rec := recordingConn(t)
	bdm := ec2.BlockDeviceMapping{
		"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: "snap-0123456789abcdef0", Size: 20, Type: "gp3", IOPS: 4000,
			Throughput: 250, DeleteOnTermination: true}},
		"/dev/sdb": {Ephemeral: "ephemeral0"},
		"/dev/sdc": {Ephemeral: "ephemeral1"},
		"/dev/sdd": {NoDevice: true},
		"/dev/sdf": {EBS: &ec2.EBS{Size: 100, Type: "io2", IOPS: 10000, Encrypted: true, KMSKeyID: "alias/data"}},
		"xvdg":     {EBS: &ec2.EBS{Size: 500, Type: "st1"}},
	}
	_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: testImage, BlockDevices: bdm})
	wantCode(t, err, "Recorded")
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests; want 1", len(reqs))
	}
	checkGolden(t, "run_bdm.golden", params(reqs[0], "BlockDeviceMapping."))
}

// params renders the parameters of form starting with prefix, one
// "name=value" a line, sorted.
func params(form map[string][]string, prefix string) string {
	var lines []string
	for k, vs := range form {
		if strings.HasPrefix(k, prefix) {
			for _, v := range vs {
				lines = append(lines, k+"="+v)
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}
