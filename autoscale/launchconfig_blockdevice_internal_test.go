package autoscale

import (
	"errors"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestBlockDeviceLimitsFollowModel checks the local volume ranges
// against the AutoScaling model's BlockDeviceEbsVolumeSize,
// BlockDeviceEbsIops and BlockDeviceEbsThroughput (the members of a
// launch configuration's Ebs), so that a model update widening one fails
// here until volumeLimits follows.
func TestBlockDeviceLimitsFollowModel(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "autoscaling")
	bounds := func(shape string) (lo, hi int32) {
		s := m.Shapes[shape]
		if s == nil || s.Min == nil || s.Max == nil {
			t.Fatalf("model shape %s has no min and max", shape)
		}
		return int32(*s.Min), int32(*s.Max)
	}
	l := volumeLimits()
	lo, hi := bounds("BlockDeviceEbsVolumeSize")
	for _, typ := range append(l.Types, "") {
		if r, ok := l.Size(typ); !ok || r.Min != lo || r.Max != hi {
			t.Errorf("%q sizes %v locally, the model says %d-%d", typ, r, lo, hi)
		}
	}
	lo, hi = bounds("BlockDeviceEbsIops")
	for typ, r := range l.IOPS {
		if r.Min != lo || r.Max != hi {
			t.Errorf("%s IOPS %d-%d locally, the model says %d-%d", typ, r.Min, r.Max, lo, hi)
		}
	}
	if lo, hi = bounds("BlockDeviceEbsThroughput"); l.Throughput.Min != lo || l.Throughput.Max != hi {
		t.Errorf("throughput %v locally, the model says %d-%d", l.Throughput, lo, hi)
	}
}

// TestBlockDeviceRanges checks the AutoScaling ranges at their bounds,
// where they differ from EC2's: a gp3 volume or IOPS EC2 would launch
// with is refused in a launch configuration (AutoScaling API Reference,
// Ebs: VolumeSize 1-16384, Iops 100-20000, Throughput 125-1000).
func TestBlockDeviceRanges(t *testing.T) {
	tests := []struct {
		name  string
		ebs   EBS
		field string // "" means valid
	}{
		{"size max", EBS{Size: 16384, Type: "gp3"}, ""},
		{"size above", EBS{Size: 16385, Type: "gp3"}, "Size"},
		{"st1 small", EBS{Size: 1, Type: "st1"}, ""},
		{"negative size", EBS{SnapshotID: "snap-1", Size: -1}, "Size"},
		{"gp3 iops", EBS{Size: 8, Type: "gp3", IOPS: 20000}, ""},
		{"gp3 iops above", EBS{Size: 8, Type: "gp3", IOPS: 20001}, "IOPS"},
		{"io1 iops below", EBS{Size: 8, Type: "io1", IOPS: 99}, "IOPS"},
		{"io2 needs iops", EBS{Size: 8, Type: "io2"}, "IOPS"},
		{"gp2 iops", EBS{Size: 8, Type: "gp2", IOPS: 100}, "IOPS"},
		{"throughput max", EBS{Size: 8, Type: "gp3", Throughput: 1000}, ""},
		{"throughput above", EBS{Size: 8, Type: "gp3", Throughput: 1001}, "Throughput"},
		{"throughput on gp2", EBS{Size: 8, Type: "gp2", Throughput: 125}, "Throughput"},
		{"unknown type", EBS{Size: 8, Type: "gp4"}, "Type"},
		{"snapshot", EBS{SnapshotID: "vol-1"}, "SnapshotID"},
		{"no size", EBS{Type: "gp3"}, "Size"},
		{"kms key", EBS{Size: 8, Encrypted: true, KMSKeyID: "alias/k"}, "KMSKeyID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validBlockDevices(BlockDeviceMapping{"/dev/sdf": {EBS: &tt.ebs}})
			var ve *goboto.ValidationError
			switch {
			case tt.field == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.field == "":
			case !errors.As(err, &ve):
				t.Errorf("err = %v, want a *goboto.ValidationError", err)
			case ve.Field != "BlockDeviceMappings[/dev/sdf].EBS."+tt.field:
				t.Errorf("field %q, want BlockDeviceMappings[/dev/sdf].EBS.%s (%v)", ve.Field, tt.field, err)
			}
		})
	}
}
