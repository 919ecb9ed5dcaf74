package rds

import (
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// gp3Rules are the limits RDS documents for gp3 storage on one engine
// (RDS User Guide, "Amazon RDS DB instance storage", gp3). Below
// threshold GiB RDS gives the volume a fixed baseline (3000 IOPS, 125
// MiBps) and refuses Iops and StorageThroughput; from threshold up it
// stripes the volume, the baseline rises, and both may be provisioned
// within the ranges. SQL Server does not stripe: its threshold is 0.
type gp3Rules struct {
	threshold  int32
	iops       [2]int32
	throughput [2]int32 // MiBps
	baseIops   int32    // the baseline IOPS where Iops may be set
}

// gp3 limits that hold for every engine: EBS's ceiling of 500 IOPS per
// GiB, and the storage throughput to IOPS ceiling
// DescribeValidDBInstanceModifications reports (0.25 MiBps per IOPS).
const (
	gp3MaxIopsPerGiB        = 500
	gp3IopsPerThroughputMiB = 4
)

func gp3For(engine string) (gp3Rules, bool) {
	striped := gp3Rules{threshold: 400, iops: [2]int32{12000, 64000}, throughput: [2]int32{500, 4000}, baseIops: 12000}
	switch e := strings.ToLower(engine); {
	case e == EngineMySQL || e == EngineMariaDB || e == EnginePostgres:
		return striped, true
	case strings.HasPrefix(e, "oracle-"):
		striped.threshold = 200
		return striped, true
	case isSQLServer(e):
		return gp3Rules{iops: [2]int32{3000, 16000}, throughput: [2]int32{125, 1000}, baseIops: 3000}, true
	}
	return gp3Rules{}, false
}

// isSQLServer reports whether engine (in any case) is a SQL Server edition.
func isSQLServer(engine string) bool {
	return strings.HasPrefix(strings.ToLower(engine), "sqlserver-")
}

// validStorageChange checks storage asked of an existing instance or
// snapshot (Modify, Restore) on engine, which has curType storage with
// curIops IOPS: newType ("" keeps curType) at gib GiB, and the iops and
// throughput asked for (0 for not given). Only what is asked for is
// checked; the current IOPS count for a new throughput while the storage
// type stays the same. A type that resolves to "" is checked for size
// only.
func validStorageChange(engine, curType string, curIops, gib int32, newType string, iops, throughput int32) error {
	kind := strings.ToLower(newType)
	if kind == "" {
		kind = strings.ToLower(curType)
	}
	if err := validStorage(engine, kind, gib); err != nil {
		return err
	}
	if kind == "" {
		return nil
	}
	var kept int32
	if strings.EqualFold(kind, curType) {
		kept = curIops
	}
	return validPerformance(engine, kind, gib, iops, throughput, kept)
}

// storageKind is the storage type RDS gives a new instance when
// storageType is "": io1 when Iops is given, gp3 otherwise
// (CreateDBInstance's StorageType).
func storageKind(storageType string, iops int32) string {
	switch {
	case storageType != "":
		return strings.ToLower(storageType)
	case iops > 0:
		return "io1"
	}
	return defaultStorageType
}

// validPerformance checks Iops and StorageThroughput (0 for not given)
// for storage of kind (a storage type, not "") and gib GiB on engine,
// as RDS would: throughput only for gp3, IOPS only for gp3, io1 and io2;
// for gp3 the engine's threshold, ranges and ratios; for io1 the ratio
// of IOPS to storage CreateDBInstance documents. kept is the IOPS the
// storage already has (Modify, Restore), which the throughput ratio
// counts when iops is 0 and it is above the baseline. Engines goboto
// does not know are left to RDS.
func validPerformance(engine, kind string, gib, iops, throughput, kept int32) error {
	if iops < 0 {
		return goboto.Invalid("Iops", itoa(iops), "must not be negative")
	}
	if throughput < 0 {
		return goboto.Invalid("StorageThroughput", itoa(throughput), "must not be negative")
	}
	if throughput > 0 && kind != "gp3" {
		return goboto.Invalid("StorageThroughput", itoa(throughput), "applies only to gp3 storage, not "+kind)
	}
	if iops > 0 && kind != "gp3" && kind != "io1" && kind != "io2" {
		return goboto.Invalid("Iops", itoa(iops), "applies only to gp3, io1 and io2 storage, not "+kind)
	}
	if iops == 0 && throughput == 0 {
		return nil
	}
	if kind == "io1" {
		return validIo1Ratio(engine, gib, iops)
	}
	g, ok := gp3For(engine)
	if kind != "gp3" || !ok {
		return nil
	}
	if gib < g.threshold {
		field, v := "Iops", iops
		if iops == 0 {
			field, v = "StorageThroughput", throughput
		}
		return goboto.Invalid(field, itoa(v), "cannot be set for "+engine+" gp3 storage under "+itoa(g.threshold)+
			" GiB, which has 3000 IOPS and 125 MiBps")
	}
	where := " for " + engine + " gp3"
	if g.threshold > 0 {
		where += " at " + itoa(g.threshold) + " GiB or more"
	}
	if iops > 0 {
		if iops < g.iops[0] || iops > g.iops[1] {
			return goboto.Invalid("Iops", itoa(iops), "out of range "+itoa(g.iops[0])+"-"+itoa(g.iops[1])+where)
		}
		if int64(iops) > int64(gib)*gp3MaxIopsPerGiB {
			return goboto.Invalid("Iops", itoa(iops), "is more than "+strconv.Itoa(gp3MaxIopsPerGiB)+" IOPS per GiB of "+itoa(gib)+" GiB")
		}
	}
	if throughput > 0 {
		if throughput < g.throughput[0] || throughput > g.throughput[1] {
			return goboto.Invalid("StorageThroughput", itoa(throughput),
				"out of range "+itoa(g.throughput[0])+"-"+itoa(g.throughput[1])+" MiBps"+where)
		}
		have := iops
		if have == 0 {
			have = max(g.baseIops, kept)
		}
		if int64(throughput)*gp3IopsPerThroughputMiB > int64(have) {
			return goboto.Invalid("StorageThroughput", itoa(throughput), "is more than 0.25 MiBps per IOPS of "+itoa(have)+" IOPS")
		}
	}
	return nil
}

// validIo1Ratio applies CreateDBInstance's documented Iops constraint: a
// multiple of 0.5 to 50 of the storage (1 to 50 for SQL Server).
func validIo1Ratio(engine string, gib, iops int32) error {
	if _, ok := rulesFor(engine); !ok || gib <= 0 {
		return nil
	}
	// Twice the IOPS against the storage keeps the 0.5 bound in integers.
	twice, low, lowText := 2*int64(iops), 2*int64(gib), "1"
	if !isSQLServer(engine) {
		low, lowText = int64(gib), "0.5"
	}
	if twice < low || int64(iops) > 50*int64(gib) {
		return goboto.Invalid("Iops", itoa(iops), "must be "+lowText+" to 50 times the "+itoa(gib)+" GiB of io1 storage")
	}
	return nil
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }
