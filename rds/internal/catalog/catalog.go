// Package catalog is the RDS engine catalog goboto's client checks input
// against and its fake (rds/rdstest) serves: the engines people run on
// RDS today, their major and minor versions, parameter-group families and
// the instance classes RDS offers for each. Both sides read this one
// table so that what the client refuses locally is exactly what the fake
// refuses with RDS's own error.
//
// The versions are those RDS listed as available in late 2025 (RDS for
// MySQL, PostgreSQL and MariaDB release notes); the classes follow the
// User Guide's "Supported DB engines for DB instance classes", not
// exhaustively: the current general-purpose (m), memory-optimised (r) and
// burstable (t) families.
package catalog

import (
	"slices"
	"strings"
)

// Engine is one RDS engine.
type Engine struct {
	Name        string // mysql, postgres, mariadb
	Description string // DBEngineDescription
	Port        int    // the default port
	License     string // the only license model RDS offers for it
	LogTypes    []string
	Majors      []Major // oldest first
	// DefaultMajor is the major version whose default is the engine's
	// default, used when CreateDBInstance gives no version.
	DefaultMajor string
}

// Major is one major version of an engine.
type Major struct {
	Version  string   // 8.0, 16, 10.11
	Family   string   // DBParameterGroupFamily: mysql8.0, postgres16, mariadb10.11
	Versions []string // minor versions, oldest first; the last is the default
	Classes  []string // orderable instance classes, sorted
}

// Default is the major version's default minor version: the latest, as
// RDS chooses when only the major is given (RDS for PostgreSQL release
// notes: "If you specify the major version but not the minor version,
// Amazon RDS defaults to a recent release of the major version").
func (m Major) Default() string { return m.Versions[len(m.Versions)-1] }

// classes builds db.<family>.<size> for each family and size.
func classes(families []string, sizes ...string) []string {
	var out []string
	for _, f := range families {
		for _, s := range sizes {
			out = append(out, "db."+f+"."+s)
		}
	}
	return out
}

// classSet is the instance classes of a major version: the burstable t3
// and t4g, and the m and r families given, each in RDS's sizes.
func classSet(m, r []string) []string {
	out := classes([]string{"t3", "t4g"}, "micro", "small", "medium", "large", "xlarge", "2xlarge")
	big := []string{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"}
	out = append(out, classes(m, big...)...)
	out = append(out, classes(r, big...)...)
	slices.Sort(out)
	return out
}

// Graviton4 (m8g, r8g) and the seventh-generation Intel classes came to
// the newer majors only; MariaDB 10.6 and PostgreSQL 13 stop at the
// Graviton3 and sixth-generation Intel families.
func newest() []string {
	return classSet([]string{"m5", "m6g", "m6i", "m7g", "m7i", "m8g"}, []string{"r5", "r6g", "r6i", "r7g", "r7i", "r8g"})
}

func current() []string {
	return classSet([]string{"m5", "m6g", "m6i", "m7g", "m7i"}, []string{"r5", "r6g", "r6i", "r7g", "r7i"})
}

func older() []string {
	return classSet([]string{"m5", "m6g", "m6i", "m7g"}, []string{"r5", "r6g", "r6i", "r7g"})
}

// Engines returns the catalog, made anew on each call so that nothing can
// change it for anyone else.
func Engines() []Engine {
	return []Engine{
		{Name: "mariadb", Description: "MariaDb Community Edition", Port: 3306, License: "general-public-license",
			LogTypes: []string{"audit", "error", "general", "slowquery"}, DefaultMajor: "11.4",
			Majors: []Major{
				{Version: "10.6", Family: "mariadb10.6", Versions: []string{"10.6.19", "10.6.20", "10.6.21", "10.6.22"}, Classes: older()},
				{Version: "10.11", Family: "mariadb10.11", Versions: []string{"10.11.10", "10.11.11", "10.11.13", "10.11.14"}, Classes: newest()},
				{Version: "11.4", Family: "mariadb11.4", Versions: []string{"11.4.4", "11.4.5", "11.4.7", "11.4.8"}, Classes: newest()},
			}},
		{Name: "mysql", Description: "MySQL Community Edition", Port: 3306, License: "general-public-license",
			LogTypes: []string{"audit", "error", "general", "iam-db-auth-error", "slowquery"}, DefaultMajor: "8.0",
			Majors: []Major{
				{Version: "8.0", Family: "mysql8.0", Versions: []string{"8.0.39", "8.0.40", "8.0.41", "8.0.42", "8.0.43"}, Classes: newest()},
				{Version: "8.4", Family: "mysql8.4", Versions: []string{"8.4.3", "8.4.4", "8.4.5", "8.4.6"}, Classes: newest()},
			}},
		{Name: "postgres", Description: "PostgreSQL", Port: 5432, License: "postgresql-license",
			LogTypes: []string{"iam-db-auth-error", "postgresql", "upgrade"}, DefaultMajor: "17",
			Majors: []Major{
				{Version: "13", Family: "postgres13", Versions: []string{"13.18", "13.20", "13.21", "13.22"}, Classes: older()},
				{Version: "14", Family: "postgres14", Versions: []string{"14.15", "14.17", "14.18", "14.19"}, Classes: current()},
				{Version: "15", Family: "postgres15", Versions: []string{"15.10", "15.12", "15.13", "15.14"}, Classes: current()},
				{Version: "16", Family: "postgres16", Versions: []string{"16.6", "16.8", "16.9", "16.10"}, Classes: newest()},
				{Version: "17", Family: "postgres17", Versions: []string{"17.2", "17.4", "17.5", "17.6"}, Classes: newest()},
			}},
	}
}

// Lookup returns the engine named name (RDS engine names are lower case),
// and whether the catalog has it.
func Lookup(name string) (Engine, bool) {
	for _, e := range Engines() {
		if e.Name == strings.ToLower(name) {
			return e, true
		}
	}
	return Engine{}, false
}

// Major returns the engine's major version named v, and whether it has it.
func (e Engine) Major(v string) (Major, bool) {
	for _, m := range e.Majors {
		if m.Version == v {
			return m, true
		}
	}
	return Major{}, false
}

// Resolve returns the minor version version means for e and its major:
// the engine's default for "", the major's default for a major version
// alone (8.0, 16), or version itself when the catalog lists it. ok is
// false for a version RDS does not offer.
func (e Engine) Resolve(version string) (resolved string, m Major, ok bool) {
	if version == "" {
		m, _ = e.Major(e.DefaultMajor)
		return m.Default(), m, true
	}
	for _, m := range e.Majors {
		if version == m.Version {
			return m.Default(), m, true
		}
		if slices.Contains(m.Versions, version) {
			return version, m, true
		}
	}
	return "", Major{}, false
}

// Versions returns every version of e, oldest major first.
func (e Engine) Versions() []string {
	var out []string
	for _, m := range e.Majors {
		out = append(out, m.Versions...)
	}
	return out
}

// Families returns every parameter-group family of the catalog, sorted.
func Families() []string {
	var out []string
	for _, e := range Engines() {
		for _, m := range e.Majors {
			out = append(out, m.Family)
		}
	}
	slices.Sort(out)
	return out
}

// FamilyEngine returns the engine and major version of a parameter-group
// family, in any case, and whether the catalog has it.
func FamilyEngine(family string) (Engine, Major, bool) {
	for _, e := range Engines() {
		for _, m := range e.Majors {
			if strings.EqualFold(m.Family, family) {
				return e, m, true
			}
		}
	}
	return Engine{}, Major{}, false
}
