package ec2

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/internal/ec2model"
	"github.com/goboto/goboto/internal/blockdevice"
)

// TestVolumeLimitsFollowModel checks the local size, IOPS and throughput
// checks against the ranges the EC2 API model documents for CreateVolume,
// ModifyVolume and launch mappings (EbsBlockDevice), so that a model
// update that widens a limit (gp3 went from 16,384 GiB, 16,000 IOPS and
// 1,000 MiB/s to 65,536 GiB, 80,000 IOPS and 2,000 MiB/s) fails here
// until the table follows.
func TestVolumeLimitsFollowModel(t *testing.T) {
	m := ec2model.Load(t)
	docs := map[string]struct{ size, iops, tput string }{
		"CreateVolume": {m.MemberDoc("CreateVolume", "Size"), m.MemberDoc("CreateVolume", "Iops"), m.MemberDoc("CreateVolume", "Throughput")},
		"ModifyVolume": {m.MemberDoc("ModifyVolume", "Size"), m.MemberDoc("ModifyVolume", "Iops"), m.MemberDoc("ModifyVolume", "Throughput")},
		"EbsBlockDevice": {m.ShapeMemberDoc("EbsBlockDevice", "VolumeSize"), m.ShapeMemberDoc("EbsBlockDevice", "Iops"),
			m.ShapeMemberDoc("EbsBlockDevice", "Throughput")},
	}
	for where, d := range docs {
		sizes := ec2model.TypeRanges(d.size)
		if diff := cmp.Diff(volumeTypes(), slices.Sorted(maps.Keys(sizes)), cmpSortedStrings); diff != "" {
			t.Errorf("%s: volume types with a documented size (-local +model):\n%s", where, diff)
		}
		for typ, want := range sizes {
			got, ok := volumeSizes(typ)
			if !ok || (ec2model.Range{Min: int(got.Min), Max: int(got.Max)}) != want {
				t.Errorf("%s: %s sizes %d-%d GiB locally, the model says %d-%d", where, typ, got.Min, got.Max, want.Min, want.Max)
			}
		}
		iops := ec2model.TypeRanges(d.iops)
		if len(iops) == 0 {
			t.Errorf("%s: no IOPS ranges found in the model's text", where)
		}
		for _, typ := range volumeTypes() {
			want, documented := iops[typ]
			got, ok := iopsLimits(typ)
			switch {
			case documented != ok:
				t.Errorf("%s: %s takes IOPS locally: %v; in the model: %v", where, typ, ok, documented)
			case ok && (ec2model.Range{Min: int(got.Min), Max: int(got.Max)}) != want:
				t.Errorf("%s: %s IOPS %d-%d locally, the model says %d-%d", where, typ, got.Min, got.Max, want.Min, want.Max)
			}
		}
		want, ok := ec2model.OneRange(d.tput)
		got := throughputRange()
		if !ok || (ec2model.Range{Min: int(got.Min), Max: int(got.Max)}) != want {
			t.Errorf("%s: gp3 throughput %d-%d MiB/s locally, the model says %v (found %v)", where, got.Min, got.Max, want, ok)
		}
	}
	// The widest range, for no type, spans every type's.
	if r, _ := volumeSizes(""); r != (blockdevice.Range{Min: 1, Max: 65536}) {
		t.Errorf("volumeSizes(\"\") = %v", r)
	}
}

var cmpSortedStrings = cmp.Transformer("sorted", func(s []string) []string { return slices.Sorted(slices.Values(s)) })
