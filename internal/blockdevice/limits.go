package blockdevice

import (
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// Range is an inclusive range: of sizes in GiB, or of throughput in
// MiB/s.
type Range struct{ Min, Max int32 }

// IOPSRange is the provisioned IOPS a volume type allows, and the most
// per GiB (0: no per-GiB rule checked here).
type IOPSRange struct{ Min, Max, PerGiB int32 }

// Limits are one service's ranges for EBS volumes, from its API model.
// io1 and io2 require IOPS and only gp3 takes Throughput, in every
// service; the numbers differ.
type Limits struct {
	Types      []string             // the volume types, in the order errors list them
	Sizes      map[string]Range     // GiB, for each of Types
	IOPS       map[string]IOPSRange // for the types that take IOPS
	Throughput Range                // gp3's, MiB/s
}

// Size returns the sizes volume type typ allows; "" is the widest range
// of all types, for when the service or the image picks the type.
func (l Limits) Size(typ string) (Range, bool) {
	if typ != "" {
		r, ok := l.Sizes[typ]
		return r, ok
	}
	r := Range{Min: 1 << 30}
	for _, t := range l.Types {
		tr := l.Sizes[t]
		r.Min, r.Max = min(r.Min, tr.Min), max(r.Max, tr.Max)
	}
	return r, true
}

// CheckShape checks a volume's size, IOPS and throughput against its
// type. size 0 stands for "the snapshot's size", which is not checked.
// Fields are named field+".Type", ".Size", ".IOPS" and ".Throughput".
func (l Limits) CheckShape(field, typ string, size, iops, throughput int32) error {
	r, ok := l.Size(typ)
	if !ok {
		return goboto.Invalid(field+".Type", typ, "is not one of "+strings.Join(l.Types, ", "))
	}
	if size < 0 {
		return goboto.Invalid(field+".Size", itoa(size), "must not be negative")
	}
	if size != 0 && (size < r.Min || size > r.Max) {
		return goboto.Invalid(field+".Size", itoa(size), "out of range "+itoa(r.Min)+"-"+itoa(r.Max)+" GiB for type "+orDefault(typ))
	}
	lim, takesIOPS := l.IOPS[typ]
	switch {
	case iops < 0:
		return goboto.Invalid(field+".IOPS", itoa(iops), "must not be negative")
	case iops != 0 && !takesIOPS:
		return goboto.Invalid(field+".IOPS", itoa(iops), "is only for io1, io2 and gp3 volumes, not "+orDefault(typ))
	case iops == 0 && (typ == "io1" || typ == "io2"):
		return goboto.Invalid(field+".IOPS", "", "is required for "+typ+" volumes")
	case iops != 0 && (iops < lim.Min || iops > lim.Max):
		return goboto.Invalid(field+".IOPS", itoa(iops), "out of range "+itoa(lim.Min)+"-"+itoa(lim.Max)+" for "+typ)
	case iops != 0 && lim.PerGiB != 0 && size != 0 && int64(iops) > int64(lim.PerGiB)*int64(size):
		return goboto.Invalid(field+".IOPS", itoa(iops), "exceeds "+itoa(lim.PerGiB)+" IOPS per GiB for "+typ+" ("+itoa(size)+" GiB)")
	}
	tr := l.Throughput
	switch {
	case throughput < 0:
		return goboto.Invalid(field+".Throughput", itoa(throughput), "must not be negative")
	case throughput != 0 && typ != "gp3":
		return goboto.Invalid(field+".Throughput", itoa(throughput), "is only for gp3 volumes, not "+orDefault(typ))
	case throughput != 0 && (throughput < tr.Min || throughput > tr.Max):
		return goboto.Invalid(field+".Throughput", itoa(throughput), "out of range "+itoa(tr.Min)+"-"+itoa(tr.Max)+" MiB/s")
	}
	return nil
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

func orDefault(typ string) string {
	if typ == "" {
		return "the default type"
	}
	return typ
}
