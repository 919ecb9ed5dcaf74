package rds

import (
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// Engines goboto knows the rules of. RDS offers more (Aurora, Db2,
// custom engines); for those CreateDBInstance sends what it is given and
// RDS judges it.
const (
	EngineMySQL            = "mysql"
	EngineMariaDB          = "mariadb"
	EnginePostgres         = "postgres"
	EngineOracleEE         = "oracle-ee"
	EngineOracleSE2        = "oracle-se2"
	EngineSQLServerEE      = "sqlserver-ee"
	EngineSQLServerSE      = "sqlserver-se"
	EngineSQLServerEX      = "sqlserver-ex"
	EngineSQLServerWeb     = "sqlserver-web"
	defaultStorageType     = "gp3"
	storageTypeStandard    = "standard"
	defaultPasswordForbids = `/"@ `
)

// engineRules are the limits RDS documents for one engine
// (CreateDBInstance's AllocatedStorage and MasterUserPassword).
type engineRules struct {
	storage        storageRanges
	passwordMin    int
	passwordMax    int
	passwordForbid string // characters a password must not contain
	port           int32
}

// Storage ranges in GiB per storage type.
type storageRanges map[string][2]int32

func commonStorage() storageRanges {
	return storageRanges{"gp2": {20, 65536}, "gp3": {20, 65536}, "io1": {100, 65536}, "io2": {100, 65536}, "standard": {5, 3072}}
}

func oracleStorage() storageRanges {
	return storageRanges{"gp2": {20, 65536}, "gp3": {20, 65536}, "io1": {100, 65536}, "io2": {100, 65536}, "standard": {10, 3072}}
}

func sqlServerStorage() storageRanges {
	return storageRanges{"gp2": {20, 16384}, "gp3": {20, 16384}, "io1": {100, 16384}, "io2": {100, 16384}, "standard": {20, 1024}}
}

// rulesFor returns the rules of engine, false for an engine goboto does
// not know. It is a function, not a package map, so nothing can change
// the rules at run time.
func rulesFor(engine string) (engineRules, bool) {
	switch strings.ToLower(engine) {
	case EngineMySQL, EngineMariaDB:
		return engineRules{commonStorage(), 8, 41, defaultPasswordForbids, 3306}, true
	case EnginePostgres:
		return engineRules{commonStorage(), 8, 128, defaultPasswordForbids, 5432}, true
	case EngineOracleEE, EngineOracleSE2, "oracle-ee-cdb", "oracle-se2-cdb":
		return engineRules{oracleStorage(), 8, 30, defaultPasswordForbids + "&'", 1521}, true
	case EngineSQLServerEE, EngineSQLServerSE, EngineSQLServerEX, EngineSQLServerWeb:
		return engineRules{sqlServerStorage(), 8, 128, defaultPasswordForbids, 1433}, true
	}
	return engineRules{}, false
}

// validEngine refuses an engine goboto does not know. Aurora and the
// newer engines are deliberately absent: their instances take no storage
// or password of their own, and goboto does not wrap clusters.
func validEngine(engine string) error {
	if engine == "" {
		return goboto.Invalid("Engine", "", "is required")
	}
	if _, ok := rulesFor(engine); !ok {
		return goboto.Invalid("Engine", engine, "is not an engine goboto knows (mysql, mariadb, postgres, oracle-*, sqlserver-*)")
	}
	return nil
}

// validStorage checks gib against the engine's range for storageType
// ("" means gp3, CreateDBInstance's default when no Iops is given).
func validStorage(engine, storageType string, gib int32) error {
	r, ok := rulesFor(engine)
	if !ok {
		return nil
	}
	if storageType == "" {
		storageType = defaultStorageType
	}
	lim, ok := r.storage[strings.ToLower(storageType)]
	if !ok {
		return goboto.Invalid("StorageType", storageType, "is not one of gp2, gp3, io1, io2, standard")
	}
	if gib < lim[0] || gib > lim[1] {
		return goboto.Invalid("AllocatedStorage", strconv.Itoa(int(gib)),
			"out of range "+strconv.Itoa(int(lim[0]))+"-"+strconv.Itoa(int(lim[1]))+" GiB for "+engine+" "+storageType)
	}
	return nil
}

// validPassword checks a master password against the engine's rules. The
// password itself never appears in the error.
func validPassword(engine, password string) error {
	r, ok := rulesFor(engine)
	if !ok {
		return nil
	}
	if len(password) < r.passwordMin || len(password) > r.passwordMax {
		return goboto.Invalid("MasterUserPassword", "",
			"must be "+strconv.Itoa(r.passwordMin)+" to "+strconv.Itoa(r.passwordMax)+" characters for "+engine)
	}
	for i := 0; i < len(password); i++ {
		c := password[i]
		if c < 0x20 || c > 0x7e {
			return goboto.Invalid("MasterUserPassword", "", "must be printable ASCII")
		}
		if strings.IndexByte(r.passwordForbid, c) >= 0 {
			return goboto.Invalid("MasterUserPassword", "", "must not contain any of "+describeForbidden(r.passwordForbid))
		}
	}
	return nil
}

func describeForbidden(chars string) string {
	var parts []string
	for _, c := range chars {
		if c == ' ' {
			parts = append(parts, "space")
		} else {
			parts = append(parts, string(c))
		}
	}
	return strings.Join(parts, " ")
}

// Instance class families and sizes RDS offers today or offered to
// boto's users (db.m1.small). A class is db.<family>.<size>.
const (
	classFamilies = "m1 m2 m3 m4 m5 m5d m6g m6gd m6i m6id m6idn m6in m7g m7i m8g " +
		"r3 r4 r5 r5b r5d r6g r6gd r6i r6id r6idn r6in r7g r7i r8g " +
		"t1 t2 t3 t4g x1 x1e x2g x2idn x2iedn x2iezn z1d c6gd"
	classSizes = "micro small medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge 48xlarge metal"
)

// ValidInstanceClass reports whether class names an RDS DB instance class
// goboto knows, such as db.t3.micro or db.r6g.2xlarge. Newer classes
// than goboto's list are refused; the Client underneath takes any.
func ValidInstanceClass(class string) error {
	if class == "" {
		return goboto.Invalid("DBInstanceClass", "", "is required")
	}
	parts := strings.Split(class, ".")
	if len(parts) != 3 || parts[0] != "db" {
		return goboto.Invalid("DBInstanceClass", class, "is not db.<family>.<size>")
	}
	if !slices.Contains(strings.Fields(classFamilies), parts[1]) || !slices.Contains(strings.Fields(classSizes), parts[2]) {
		return goboto.Invalid("DBInstanceClass", class, "is not a known DB instance class")
	}
	return nil
}
