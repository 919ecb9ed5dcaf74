package rdstest

import (
	"net/url"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
	enginecat "github.com/goboto/goboto/rds/internal/catalog"
)

func (b *Backend) engineActions() map[string]action {
	return map[string]action{
		"DescribeDBEngineVersions":           b.describeDBEngineVersions,
		"DescribeOrderableDBInstanceOptions": b.describeOrderableDBInstanceOptions,
	}
}

// unmodelledEngines are the engines RDS's API model lists
// (DescribeDBEngineVersions' Engine) that the fake does not have. A
// request naming one is refused rather than answered with nothing, which
// would tell the caller RDS offers no such engine.
func unmodelledEngine(name string) bool {
	switch n := strings.ToLower(name); {
	case strings.HasPrefix(n, "aurora"), strings.HasPrefix(n, "custom-"), strings.HasPrefix(n, "db2-"),
		strings.HasPrefix(n, "oracle-"), strings.HasPrefix(n, "sqlserver-"):
		return true
	}
	return false
}

func refuseUnmodelled(name string) error {
	if unmodelledEngine(name) {
		return invalidCombination("The fake RDS (rdstest) does not model the engine %s; it knows mysql, postgres and mariadb.", name)
	}
	return nil
}

type upgradeTargetXML struct {
	Engine                string
	EngineVersion         string
	Description           string
	AutoUpgrade           bool
	IsMajorVersionUpgrade bool
}

type engineVersionXML struct {
	Engine                                    string
	MajorEngineVersion                        string
	EngineVersion                             string
	DBParameterGroupFamily                    string
	DBEngineDescription                       string
	DBEngineVersionDescription                string
	ValidUpgradeTarget                        []upgradeTargetXML `xml:"ValidUpgradeTarget>UpgradeTarget"`
	ExportableLogTypes                        []string           `xml:"ExportableLogTypes>member"`
	SupportsLogExportsToCloudwatchLogs        bool
	SupportsReadReplica                       bool
	SupportedEngineModes                      []string `xml:"SupportedEngineModes>member"`
	Status                                    string
	SupportsParallelQuery                     bool
	SupportsGlobalDatabases                   bool
	SupportsBabelfish                         bool
	SupportsLimitlessDatabase                 bool
	SupportsCertificateRotationWithoutRestart bool
	SupportedCACertificateIdentifiers         []string `xml:"SupportedCACertificateIdentifiers>member"`
	SupportsLocalWriteForwarding              bool
	SupportsIntegrations                      bool
}

// versionDescription is how RDS describes a version:
// "PostgreSQL 16.8-R1", "MySQL 8.0.43", "MariaDB 10.11.14".
func versionDescription(engine, v string) string {
	switch engine {
	case "postgres":
		return "PostgreSQL " + v + "-R1"
	case "mysql":
		return "MySQL " + v
	}
	return "MariaDB " + v
}

// engineVersion renders one version of e in major m. Its upgrade targets
// are the later minors of its major and the latest of each later major,
// as RDS lists them.
func engineVersion(e enginecat.Engine, m enginecat.Major, v string) engineVersionXML {
	x := engineVersionXML{Engine: e.Name, MajorEngineVersion: m.Version, EngineVersion: v, DBParameterGroupFamily: m.Family,
		DBEngineDescription: e.Description, DBEngineVersionDescription: versionDescription(e.Name, v),
		ExportableLogTypes: e.LogTypes, SupportsLogExportsToCloudwatchLogs: true, SupportsReadReplica: true,
		SupportedEngineModes: []string{"provisioned"}, Status: "available", SupportsCertificateRotationWithoutRestart: true,
		SupportedCACertificateIdentifiers: []string{"rds-ca-ecc384-g1", "rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1"}}
	later := false
	for _, mm := range e.Majors {
		if mm.Version == m.Version {
			i := slices.Index(mm.Versions, v)
			for _, next := range mm.Versions[i+1:] {
				x.ValidUpgradeTarget = append(x.ValidUpgradeTarget, upgradeTargetXML{e.Name, next, versionDescription(e.Name, next), false, false})
			}
			later = true
			continue
		}
		if later {
			x.ValidUpgradeTarget = append(x.ValidUpgradeTarget, upgradeTargetXML{e.Name, mm.Default(), versionDescription(e.Name, mm.Default()), false, true})
		}
	}
	return x
}

// describeDBEngineVersions lists the catalog's versions. EngineVersion
// may be a major version (8.0, 16), which selects all its minors, as
// DefaultOnly's "the engine and major version combination" implies. Every
// version is "available", so IncludeAll changes nothing; the engines
// served have no character sets or time zones to list, so
// ListSupportedCharacterSets and ListSupportedTimezones change nothing
// either (RDS API Reference: those lists are for engines whose
// CreateDBInstance takes CharacterSetName or Timezone).
func (b *Backend) describeDBEngineVersions(r *fake.Request, a *account) (any, error) {
	p := r.Params
	fs, err := filters(p, "db-parameter-group-family", "engine", "engine-mode", "engine-version", "status")
	if err != nil {
		return nil, err
	}
	for _, name := range append([]string{p.Get("Engine")}, filterValues(fs, "engine")...) {
		if err := refuseUnmodelled(name); err != nil {
			return nil, err
		}
	}
	defaultOnly, err := boolParam(p, "DefaultOnly", false)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"IncludeAll", "ListSupportedCharacterSets", "ListSupportedTimezones"} {
		if _, err := boolParam(p, name, false); err != nil {
			return nil, err
		}
	}
	var out []engineVersionXML
	for _, e := range enginecat.Engines() {
		if v := p.Get("Engine"); v != "" && !strings.EqualFold(v, e.Name) {
			continue
		}
		for _, m := range e.Majors {
			if fam := p.Get("DBParameterGroupFamily"); fam != "" && !strings.EqualFold(fam, m.Family) {
				continue
			}
			want := p.Get("EngineVersion")
			versions := m.Versions
			switch {
			case want == m.Version:
			case want != "" && !slices.Contains(versions, want):
				continue
			case want != "":
				versions = []string{want}
			}
			for _, v := range versions {
				if defaultOnly && !isDefault(e, m, v, want) {
					continue
				}
				x := engineVersion(e, m, v)
				if matchFilters(fs, func(name string) []string {
					switch name {
					case "db-parameter-group-family":
						return []string{x.DBParameterGroupFamily}
					case "engine":
						return []string{x.Engine}
					case "engine-mode":
						return x.SupportedEngineModes
					case "engine-version":
						return []string{x.EngineVersion, x.MajorEngineVersion}
					case "status":
						return []string{x.Status}
					}
					return nil
				}) {
					out = append(out, x)
				}
			}
		}
	}
	out, marker, err := page(p, out)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Marker           string             `xml:",omitempty"`
		DBEngineVersions []engineVersionXML `xml:"DBEngineVersions>DBEngineVersion"`
	}{marker, out})
}

// isDefault reports whether v is the default DefaultOnly keeps: the
// major's default when the request named a major or a version, else the
// engine's default.
func isDefault(e enginecat.Engine, m enginecat.Major, v, asked string) bool {
	if asked != "" {
		return v == m.Default()
	}
	return m.Version == e.DefaultMajor && v == m.Default()
}

// filterValues returns the values of the filters named name.
func filterValues(fs []filter, name string) []string {
	var out []string
	for _, f := range fs {
		if f.name == name {
			out = append(out, f.values...)
		}
	}
	return out
}

type azXML struct{ Name string }

type orderableXML struct {
	Engine                            string
	EngineVersion                     string
	DBInstanceClass                   string
	LicenseModel                      string
	AvailabilityZones                 []azXML `xml:"AvailabilityZones>AvailabilityZone"`
	MultiAZCapable                    bool
	ReadReplicaCapable                bool
	Vpc                               bool
	SupportsStorageEncryption         bool
	StorageType                       string
	SupportsIops                      bool
	SupportsStorageThroughput         bool
	SupportsEnhancedMonitoring        bool
	SupportsIAMDatabaseAuthentication bool
	SupportsPerformanceInsights       bool
	MinStorageSize                    int
	MaxStorageSize                    int
	MinIopsPerDbInstance              int      `xml:",omitempty"`
	MaxIopsPerDbInstance              int      `xml:",omitempty"`
	MinStorageThroughputPerDbInstance int      `xml:",omitempty"`
	MaxStorageThroughputPerDbInstance int      `xml:",omitempty"`
	MinStorageThroughputPerIops       float64  `xml:",omitempty"`
	MaxStorageThroughputPerIops       float64  `xml:",omitempty"`
	SupportedEngineModes              []string `xml:"SupportedEngineModes>member"`
	SupportsStorageAutoscaling        bool
	SupportsKerberosAuthentication    bool
	OutpostCapable                    bool
	SupportsGlobalDatabases           bool
	SupportedNetworkTypes             []string `xml:"SupportedNetworkTypes>member"`
	SupportsClusters                  bool
	SupportsDedicatedLogVolume        bool
	SupportsHttpEndpoint              bool
}

// describeOrderableDBInstanceOptions lists, for Engine, one option per
// version, class and storage type the fake offers (gp2 and gp3), in the
// catalog's order, narrowed by EngineVersion, DBInstanceClass,
// LicenseModel and Vpc. Every option is a VPC one: Vpc false lists none,
// as no EC2-Classic offering is left.
func (b *Backend) describeOrderableDBInstanceOptions(r *fake.Request, a *account) (any, error) {
	p := r.Params
	name, err := required(p, "Engine")
	if err != nil {
		return nil, err
	}
	if err := refuseUnmodelled(name); err != nil {
		return nil, err
	}
	e, err := b.catalog.engineOf(name)
	if err != nil {
		return nil, err
	}
	vpc, err := boolParam(p, "Vpc", true)
	if err != nil {
		return nil, err
	}
	var out []orderableXML
	if vpc && (p.Get("LicenseModel") == "" || p.Get("LicenseModel") == e.License) {
		out = orderable(b.zones(a), e, p)
	}
	out, marker, err := pageUpTo(p, out, 1000)
	if err != nil {
		return nil, err
	}
	return done(struct {
		OrderableDBInstanceOptions []orderableXML `xml:"OrderableDBInstanceOptions>OrderableDBInstanceOption"`
		Marker                     string         `xml:",omitempty"`
	}{out, marker})
}

func orderable(zoneNames []string, e *engine, p url.Values) []orderableXML {
	var zones []azXML
	for _, z := range zoneNames {
		zones = append(zones, azXML{z})
	}
	var out []orderableXML
	for _, m := range e.Majors {
		for _, v := range m.Versions {
			if want := p.Get("EngineVersion"); want != "" && want != v && want != m.Version {
				continue
			}
			for _, class := range m.Classes {
				if want := p.Get("DBInstanceClass"); want != "" && want != class {
					continue
				}
				for _, st := range []string{"gp2", "gp3"} {
					o := orderableXML{Engine: e.name, EngineVersion: v, DBInstanceClass: class, LicenseModel: e.License,
						AvailabilityZones: zones, MultiAZCapable: true, ReadReplicaCapable: true, Vpc: true,
						SupportsStorageEncryption: true, StorageType: st, SupportsEnhancedMonitoring: true,
						SupportsIAMDatabaseAuthentication: true, SupportsPerformanceInsights: true,
						MinStorageSize: e.minStorage, MaxStorageSize: e.maxStorage, SupportedEngineModes: []string{"provisioned"},
						SupportsStorageAutoscaling: true, SupportsKerberosAuthentication: e.name != "mariadb",
						SupportedNetworkTypes: []string{"IPV4", "DUAL"}}
					if st == "gp3" {
						// RDS User Guide, gp3 storage: 12000-64000 IOPS and
						// 500-4000 MiBps from the striping threshold, at
						// most 0.25 MiBps per IOPS.
						o.SupportsIops, o.SupportsStorageThroughput = true, true
						o.MinIopsPerDbInstance, o.MaxIopsPerDbInstance = 12000, 64000
						o.MinStorageThroughputPerDbInstance, o.MaxStorageThroughputPerDbInstance = 500, 4000
						o.MaxStorageThroughputPerIops = 0.25
					}
					out = append(out, o)
				}
			}
		}
	}
	return out
}
