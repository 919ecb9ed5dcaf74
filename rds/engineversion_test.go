package rds_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2 "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/internal/catalog"
)

func TestEngineVersions(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	var got []string
	for v, err := range conn.EngineVersions(ctx, rds.EngineVersionFilter{Engine: "postgres", DefaultOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.Engine+" "+v.Version+" "+v.MajorVersion+" "+v.Family+" "+v.Status)
	}
	if diff := cmp.Diff([]string{"postgres 17.6 17 postgres17 available"}, got); diff != "" {
		t.Errorf("default postgres (-want +got):\n%s", diff)
	}
	// Every family of the catalog is listed, each with its versions.
	families := map[string]int{}
	srv.ResetCalls()
	for v, err := range conn.EngineVersions(ctx, rds.EngineVersionFilter{}, rds.PageSize(20)) {
		if err != nil {
			t.Fatal(err)
		}
		families[v.Family]++
	}
	want := map[string]int{}
	for _, f := range catalog.Families() {
		_, m, _ := catalog.FamilyEngine(f)
		want[f] = len(m.Versions)
	}
	if diff := cmp.Diff(want, families); diff != "" {
		t.Errorf("versions per family (-want +got):\n%s", diff)
	}
	if n := count(srv, "DescribeDBEngineVersions"); n < 2 {
		t.Errorf("%d pages of 20; the catalog needs more", n)
	}
	// Breaking out of the loop stops fetching.
	srv.ResetCalls()
	for range conn.EngineVersions(ctx, rds.EngineVersionFilter{}, rds.PageSize(20)) {
		break
	}
	if n := count(srv, "DescribeDBEngineVersions"); n != 1 {
		t.Errorf("fetched %d pages for one item", n)
	}
	var targets []rds.UpgradeTarget
	for v, err := range conn.EngineVersions(ctx, rds.EngineVersionFilter{Engine: "mariadb", Version: "10.11.13"}) {
		if err != nil {
			t.Fatal(err)
		}
		targets = v.UpgradeTargets
	}
	wantTargets := []rds.UpgradeTarget{{Engine: "mariadb", Version: "10.11.14"}, {Engine: "mariadb", Version: "11.4.8", Major: true}}
	if diff := cmp.Diff(wantTargets, targets); diff != "" {
		t.Errorf("upgrade targets (-want +got):\n%s", diff)
	}
}

func TestOrderableOptions(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	var got []string
	for o, err := range conn.OrderableOptions(ctx, rds.OrderableFilter{Engine: "mysql", EngineVersion: "8.4.6", Class: "db.t4g.micro"}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, o.EngineVersion+" "+o.Class+" "+o.StorageType)
		if !o.VPC || len(o.AvailabilityZones) == 0 || o.MinStorage != 20 {
			t.Errorf("option %+v", o)
		}
	}
	if diff := cmp.Diff([]string{"8.4.6 db.t4g.micro gp2", "8.4.6 db.t4g.micro gp3"}, got); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	srv.ResetCalls()
	for _, err := range conn.OrderableOptions(ctx, rds.OrderableFilter{}) {
		wantInvalid(t, err, "Engine: is required")
	}
	for _, err := range conn.OrderableOptions(ctx, rds.OrderableFilter{Engine: "mysql", Class: "m5.large"}) {
		wantInvalid(t, err, "")
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}

// TestCreateChecksCatalog: an engine version not in the catalog, and a
// class not orderable for the version, are refused before anything is
// sent; the same requests sent past the checks are refused by the fake
// with RDS's InvalidParameterCombination, so both sides agree.
func TestCreateChecksCatalog(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	for _, tc := range []struct {
		name, engine, version, class, text string
	}{
		{"mysql 5.7", "mysql", "5.7.44", "db.t3.micro",
			"EngineVersion: 5.7.44 is not a version RDS offers for mysql (8.0 to 8.0.43, 8.4 to 8.4.6)"},
		{"postgres 12", "postgres", "12", "db.t3.micro", ""},
		{"mariadb 10.5", "mariadb", "10.5.27", "db.t3.micro", ""},
		{"graviton4 on postgres 13", "postgres", "13.22", "db.r8g.large",
			"DBInstanceClass: db.r8g.large is not offered for postgres 13.22"},
		{"t2 on mysql 8.4", "mysql", "8.4", "db.t2.micro", "DBInstanceClass: db.t2.micro is not offered for mysql 8.4.6"},
	} {
		o := mysqlOptions("checked")
		o.Engine, o.EngineVersion, o.Class = tc.engine, tc.version, tc.class
		_, err := conn.CreateDBInstance(ctx, o)
		wantInvalid(t, err, tc.text)
		if n := len(srv.Calls()); n != 0 {
			t.Fatalf("%s: %d calls reached the fake", tc.name, n)
		}
		in := rawCreate(o)
		_, err = conn.Client().CreateDBInstance(ctx, in)
		wantCode(t, coreError(err), "InvalidParameterCombination")
		srv.ResetCalls()
	}
	// What the catalog has goes through: every family's default version,
	// by major version alone, on db.t3.micro.
	for _, f := range catalog.Families() {
		e, m, _ := catalog.FamilyEngine(f)
		o := mysqlOptions("v-" + fmtID(f))
		o.Engine, o.EngineVersion = e.Name, m.Version
		db, err := conn.CreateDBInstance(ctx, o)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
			t.Fatal(err)
		}
		if db.EngineVersion != m.Default() || db.ParameterGroups[0].Name != "default."+f {
			t.Errorf("%s: version %s group %v", f, db.EngineVersion, db.ParameterGroups)
		}
	}
}

// rawCreate is o as an aws-sdk-go-v2 input, to send past goboto's checks.
func rawCreate(o rds.InstanceOptions) *v2.CreateDBInstanceInput {
	return &v2.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(o.ID), Engine: aws.String(o.Engine),
		EngineVersion: aws.String(o.EngineVersion), DBInstanceClass: aws.String(o.Class), AllocatedStorage: aws.Int32(o.AllocatedStorage),
		MasterUsername: aws.String(o.MasterUsername), MasterUserPassword: aws.String(string(o.MasterPassword))}
}

func coreError(err error) error { return core.Error(err) }

// fmtID makes a family name an instance identifier: mysql8.0 is mysql8-0.
func fmtID(family string) string { return strings.ReplaceAll(family, ".", "-") }
