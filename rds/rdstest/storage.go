package rdstest

import "net/url"

// gp3 limits RDS documents for MySQL and PostgreSQL (RDS User Guide,
// "Amazon RDS DB instance storage", gp3). Below gp3Threshold GiB an
// instance gets the small baseline and RDS takes no Iops or
// StorageThroughput; from the threshold up RDS stripes the volume, the
// baseline is four times higher, and both may be provisioned within the
// ranges below. The throughput-to-IOPS ceiling is the one
// DescribeValidDBInstanceModifications reports for gp3.
const (
	gp3Threshold            = 400 // GiB
	gp3SmallIops            = 3000
	gp3SmallThroughput      = 125 // MiBps
	gp3LargeIops            = 12000
	gp3LargeThroughput      = 500
	gp3MaxIops              = 64000
	gp3MaxThroughput        = 4000
	gp3MaxThroughputPerIops = 0.25
)

// storageSpec is an instance's or snapshot's storage. Iops and
// throughput are what RDS reports: the baseline or the provisioned value
// for gp3, none for gp2.
type storageSpec struct {
	kind       string // gp2 or gp3
	gib        int
	iops       int
	throughput int // MiBps
}

// storageRequest is what a request asks of storage; the has* fields say
// which parameters it gave.
type storageRequest struct {
	kind                                    string
	gib, iops, throughput                   int
	hasKind, hasGib, hasIops, hasThroughput bool
}

// readStorage reads StorageType, AllocatedStorage, Iops and
// StorageThroughput.
func readStorage(p url.Values) (storageRequest, error) {
	var q storageRequest
	var err error
	q.kind, q.hasKind = p.Get("StorageType"), p.Has("StorageType")
	q.hasGib, q.hasIops, q.hasThroughput = p.Has("AllocatedStorage"), p.Has("Iops"), p.Has("StorageThroughput")
	if q.gib, err = intParam(p, "AllocatedStorage", 0); err != nil {
		return q, err
	}
	if q.iops, err = intParam(p, "Iops", 0); err != nil {
		return q, err
	}
	q.throughput, err = intParam(p, "StorageThroughput", 0)
	return q, err
}

// resolveStorage applies q to the current storage cur (the zero spec for
// a new instance) and returns the result, or the error RDS answers when
// the combination breaks a rule. Where q leaves gp3's IOPS or throughput
// out, a provisioned value the storage keeps qualifying for is kept;
// otherwise the baseline for the new size applies.
func (e *engine) resolveStorage(cur storageSpec, q storageRequest) (storageSpec, error) {
	next := storageSpec{kind: cur.kind, gib: cur.gib}
	switch {
	case q.hasKind:
		next.kind = q.kind
	case next.kind == "" && q.hasIops:
		next.kind = "io1" // RDS's default when Iops comes without StorageType
	case next.kind == "":
		next.kind = "gp3"
	}
	if q.hasGib {
		next.gib = q.gib
	}
	switch next.kind {
	case "gp2", "gp3":
	case "io1", "io2", "standard":
		return next, invalidValue("The fake supports storage types gp2 and gp3 only, not %s (io1 is RDS's default when Iops is given without StorageType).", next.kind)
	default:
		return next, invalidValue("Invalid storage type: %s. Valid storage types are gp2, gp3, io1, io2 and standard.", next.kind)
	}
	if err := e.checkStorage(next.kind, next.gib); err != nil {
		return next, err
	}
	if next.kind == "gp2" {
		if q.hasIops {
			return next, invalidCombination("You can specify IOPS only for the io1, io2 and gp3 storage types, not gp2.")
		}
		if q.hasThroughput {
			return next, invalidCombination("You can specify storage throughput only for the gp3 storage type, not gp2.")
		}
		return next, nil
	}
	if next.gib < gp3Threshold {
		if q.hasIops || q.hasThroughput {
			return next, invalidCombination("You can't specify IOPS or storage throughput for engine %s and a storage size less than %d.", e.name, gp3Threshold)
		}
		next.iops, next.throughput = gp3SmallIops, gp3SmallThroughput
		return next, nil
	}
	keep := cur.kind == "gp3" && cur.gib >= gp3Threshold
	next.iops, next.throughput = gp3LargeIops, gp3LargeThroughput
	if keep {
		next.iops, next.throughput = cur.iops, cur.throughput
	}
	if q.hasIops {
		if q.iops < gp3LargeIops || q.iops > gp3MaxIops {
			return next, invalidCombination("Invalid IOPS %d for engine name %s and storage type gp3 at %d GiB: must be %d to %d.", q.iops, e.name, next.gib, gp3LargeIops, gp3MaxIops)
		}
		next.iops = q.iops
	}
	if q.hasThroughput {
		if q.throughput < gp3LargeThroughput || q.throughput > gp3MaxThroughput {
			return next, invalidCombination("Invalid storage throughput %d for engine name %s and storage type gp3 at %d GiB: must be %d to %d MiBps.", q.throughput, e.name, next.gib, gp3LargeThroughput, gp3MaxThroughput)
		}
		next.throughput = q.throughput
	}
	if r := float64(next.throughput) / float64(next.iops); r > gp3MaxThroughputPerIops {
		return next, invalidCombination("Invalid storage throughput to IOPS ratio for engine name %s and storage type gp3: %.4f; the maximum is %.2f.", e.name, r, gp3MaxThroughputPerIops)
	}
	return next, nil
}

// spec returns inst's storage.
func (inst *instance) spec() storageSpec {
	return storageSpec{kind: inst.storageType, gib: inst.storage, iops: inst.iops, throughput: inst.throughput}
}

// spec returns the storage s was taken from.
func (s *snapshot) spec() storageSpec {
	return storageSpec{kind: s.storageType, gib: s.storage, iops: s.iops, throughput: s.throughput}
}

// setSpec gives inst the storage s.
func (inst *instance) setSpec(s storageSpec) {
	inst.storageType, inst.storage, inst.iops, inst.throughput = s.kind, s.gib, s.iops, s.throughput
}
