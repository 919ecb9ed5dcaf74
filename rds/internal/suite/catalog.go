package suite

import (
	"slices"
	"testing"

	"github.com/goboto/goboto/rds"
)

// DescribeDBEngineVersions lists the versions RDS offers, each with its
// parameter-group family, and DefaultOnly the engine's default alone
// (API Reference, DescribeDBEngineVersions: DefaultOnly "Specifies
// whether to return just the default version of the specified engine or
// the engine and major version combination"). MySQL 8.0.43 is one of
// them (Amazon RDS for MySQL release calendar).
func testEngineVersions(t *testing.T, env Env) {
	var versions []string
	var err error
	for v, e := range env.Conn.EngineVersions(t.Context(), rds.EngineVersionFilter{Engine: engine, Version: "8.0"}) {
		if err = e; err != nil {
			break
		}
		if v.Engine != engine || v.Family != family || v.MajorVersion != "8.0" {
			t.Errorf("%s: engine version %s %s of family %q, major %q", env.Name, v.Engine, v.Version, v.Family, v.MajorVersion)
		}
		versions = append(versions, v.Version)
	}
	if env.Diff.NoEngineVersions {
		if err == nil {
			t.Errorf("%s: DescribeDBEngineVersions: the difference says it is not implemented, but it listed %v", env.Name, versions)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: EngineVersions: %v", env.Name, err)
	}
	if !slices.Contains(versions, engineVersion) {
		t.Errorf("%s: EngineVersions(mysql 8.0) = %v, want %s among them", env.Name, versions, engineVersion)
	}
	var defaults []string
	for v, err := range env.Conn.EngineVersions(t.Context(), rds.EngineVersionFilter{Engine: engine, Version: "8.0", DefaultOnly: true}) {
		if err != nil {
			t.Fatalf("%s: EngineVersions DefaultOnly: %v", env.Name, err)
		}
		defaults = append(defaults, v.Version)
	}
	if len(defaults) != 1 || !slices.Contains(versions, defaults[0]) {
		t.Errorf("%s: DefaultOnly listed %v, want one of %v", env.Name, defaults, versions)
	}
}

// DescribeOrderableDBInstanceOptions lists the combinations of version,
// class and storage type RDS offers (API Reference,
// DescribeOrderableDBInstanceOptions; OrderableDBInstanceOption): MySQL
// 8.0.43 on db.t3.micro, in a VPC, on gp2 among others.
func testOrderableOptions(t *testing.T, env Env) {
	var storage []string
	for o, err := range env.Conn.OrderableOptions(t.Context(), rds.OrderableFilter{Engine: engine, EngineVersion: engineVersion, Class: class}) {
		if err != nil {
			t.Fatalf("%s: OrderableOptions: %v", env.Name, err)
		}
		if o.Engine != engine || o.EngineVersion != engineVersion || o.Class != class {
			t.Errorf("%s: orderable option %s %s %s, asked for %s %s %s", env.Name, o.Engine, o.EngineVersion, o.Class, engine, engineVersion, class)
		}
		if o.VPC {
			storage = append(storage, o.StorageType)
		}
	}
	if env.Diff.NoOrderableOptions {
		if len(storage) != 0 {
			t.Errorf("%s: OrderableOptions listed %v; the difference says none", env.Name, storage)
		}
		return
	}
	if !slices.Contains(storage, "gp2") {
		t.Errorf("%s: OrderableOptions(%s %s %s) in a VPC offer storage %v, want gp2 among them", env.Name, engine, engineVersion, class, storage)
	}
}
