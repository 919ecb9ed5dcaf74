package ec2test

import (
	"testing"

	"github.com/goboto/goboto/ec2/internal/ec2model"
)

// TestVolumeLimitsFollowModel checks the fake's volume limits against the
// ranges the EC2 API model documents for CreateVolume and ModifyVolume, so
// that they follow the model rather than a copy of it.
func TestVolumeLimitsFollowModel(t *testing.T) {
	m := ec2model.Load(t)
	types := []string{"standard", "gp2", "gp3", "io1", "io2", "st1", "sc1"}
	for _, op := range []string{"CreateVolume", "ModifyVolume"} {
		sizes, iops := ec2model.TypeRanges(m.MemberDoc(op, "Size")), ec2model.TypeRanges(m.MemberDoc(op, "Iops"))
		if len(sizes) != len(types) {
			t.Errorf("%s: the model documents sizes for %v; the fake knows %v", op, sizes, types)
		}
		for _, typ := range types {
			lim, ok := volumeLimits(typ)
			if !ok {
				t.Fatalf("volumeLimits(%q) unknown", typ)
			}
			if want := sizes[typ]; (ec2model.Range{Min: lim.minSize, Max: lim.maxSize}) != want {
				t.Errorf("%s: %s sizes %d-%d GiB in the fake, the model says %v", op, typ, lim.minSize, lim.maxSize, want)
			}
			if want := iops[typ]; (ec2model.Range{Min: lim.minIops, Max: lim.maxIops}) != want {
				t.Errorf("%s: %s IOPS %d-%d in the fake, the model says %v", op, typ, lim.minIops, lim.maxIops, want)
			}
		}
		want, ok := ec2model.OneRange(m.MemberDoc(op, "Throughput"))
		if lo, hi := gp3Throughput(); !ok || (ec2model.Range{Min: lo, Max: hi}) != want {
			t.Errorf("%s: gp3 throughput %d-%d MiB/s in the fake, the model says %v (found %v)", op, lo, hi, want, ok)
		}
	}
}
