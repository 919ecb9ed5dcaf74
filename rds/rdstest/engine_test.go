package rdstest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

func versions(t *testing.T, c *awsrds.Client, in *awsrds.DescribeDBEngineVersionsInput) []string {
	t.Helper()
	var out []string
	p := awsrds.NewDescribeDBEngineVersionsPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.DBEngineVersions {
			out = append(out, aws.ToString(v.Engine)+" "+aws.ToString(v.EngineVersion)+" "+aws.ToString(v.DBParameterGroupFamily))
		}
	}
	return out
}

// TestDescribeDBEngineVersions pins the catalog's answers to
// DescribeDBEngineVersions' selectors (RDS API Reference): Engine,
// EngineVersion (a major version selects its minors), the family,
// DefaultOnly (the engine's default, or the major's), the documented
// filters, and Marker paging.
func TestDescribeDBEngineVersions(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	for _, tc := range []struct {
		name string
		in   awsrds.DescribeDBEngineVersionsInput
		want []string
	}{
		{"mysql 8.4", awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("mysql"), EngineVersion: aws.String("8.4")},
			[]string{"mysql 8.4.3 mysql8.4", "mysql 8.4.4 mysql8.4", "mysql 8.4.5 mysql8.4", "mysql 8.4.6 mysql8.4"}},
		{"one version", awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("postgres"), EngineVersion: aws.String("15.13")},
			[]string{"postgres 15.13 postgres15"}},
		{"default", awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("postgres"), DefaultOnly: aws.Bool(true)},
			[]string{"postgres 17.6 postgres17"}},
		{"major's default", awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("mariadb"), EngineVersion: aws.String("10.6"), DefaultOnly: aws.Bool(true)},
			[]string{"mariadb 10.6.22 mariadb10.6"}},
		{"family", awsrds.DescribeDBEngineVersionsInput{DBParameterGroupFamily: aws.String("mariadb11.4")},
			[]string{"mariadb 11.4.4 mariadb11.4", "mariadb 11.4.5 mariadb11.4", "mariadb 11.4.7 mariadb11.4", "mariadb 11.4.8 mariadb11.4"}},
		{"filters", awsrds.DescribeDBEngineVersionsInput{Filters: []types.Filter{
			{Name: aws.String("engine"), Values: []string{"postgres"}},
			{Name: aws.String("engine-version"), Values: []string{"13.22", "14.19"}}}},
			[]string{"postgres 13.22 postgres13", "postgres 14.19 postgres14"}},
		{"not in the catalog", awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("mysql"), EngineVersion: aws.String("5.7.44")}, nil},
	} {
		if diff := cmp.Diff(tc.want, versions(t, c, &tc.in)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// Every version of the ten families, paged 20 at a time.
	srv.ResetCalls()
	all := versions(t, c, &awsrds.DescribeDBEngineVersionsInput{MaxRecords: aws.Int32(20)})
	if len(all) != 41 || len(srv.Calls()) != 3 {
		t.Errorf("%d versions in %d pages; want 41 in 3", len(all), len(srv.Calls()))
	}

	out, err := c.DescribeDBEngineVersions(t.Context(), &awsrds.DescribeDBEngineVersionsInput{Engine: aws.String("mysql"), EngineVersion: aws.String("8.0.42")})
	if err != nil {
		t.Fatal(err)
	}
	v := out.DBEngineVersions[0]
	var targets []string
	for _, u := range v.ValidUpgradeTarget {
		targets = append(targets, aws.ToString(u.EngineVersion)+map[bool]string{true: " major", false: ""}[aws.ToBool(u.IsMajorVersionUpgrade)])
	}
	if diff := cmp.Diff([]string{"8.0.43", "8.4.6 major"}, targets); diff != "" {
		t.Errorf("8.0.42's upgrade targets (-want +got):\n%s", diff)
	}
	if aws.ToString(v.Status) != "available" || aws.ToString(v.MajorEngineVersion) != "8.0" || aws.ToString(v.DBEngineDescription) != "MySQL Community Edition" {
		t.Errorf("8.0.42: status %s major %s description %s", aws.ToString(v.Status), aws.ToString(v.MajorEngineVersion), aws.ToString(v.DBEngineDescription))
	}

	for name, in := range map[string]*awsrds.DescribeDBEngineVersionsInput{
		"unknown filter": {Filters: []types.Filter{{Name: aws.String("vpc"), Values: []string{"x"}}}},
		"unmodelled":     {Engine: aws.String("oracle-ee")},
	} {
		_, err := c.DescribeDBEngineVersions(t.Context(), in)
		if want := map[string]string{"unknown filter": "InvalidParameterValue", "unmodelled": "InvalidParameterCombination"}[name]; code(err) != want {
			t.Errorf("%s: %v; want %s", name, err, want)
		}
	}
}

// TestDescribeOrderableDBInstanceOptions: one option per version, class
// and storage type; EngineVersion and DBInstanceClass narrow it; Engine
// is required; MaxRecords runs to 1000 (RDS API Reference).
func TestDescribeOrderableDBInstanceOptions(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	out, err := c.DescribeOrderableDBInstanceOptions(ctx, &awsrds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String("postgres"), EngineVersion: aws.String("17.6"), DBInstanceClass: aws.String("db.r8g.large")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range out.OrderableDBInstanceOptions {
		got = append(got, aws.ToString(o.StorageType))
		if len(o.AvailabilityZones) != 3 || !aws.ToBool(o.Vpc) || aws.ToString(o.LicenseModel) != "postgresql-license" {
			t.Errorf("option %+v", o)
		}
	}
	if diff := cmp.Diff([]string{"gp2", "gp3"}, got); diff != "" {
		t.Errorf("storage types (-want +got):\n%s", diff)
	}
	// PostgreSQL 13 is not offered on Graviton4.
	out, err = c.DescribeOrderableDBInstanceOptions(ctx, &awsrds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String("postgres"), EngineVersion: aws.String("13"), DBInstanceClass: aws.String("db.r8g.large")})
	if err != nil || len(out.OrderableDBInstanceOptions) != 0 {
		t.Errorf("postgres 13 on db.r8g.large: %d options, %v", len(out.OrderableDBInstanceOptions), err)
	}
	// And creating one is refused as RDS refuses a combination it lacks.
	_, err = c.CreateDBInstance(ctx, &awsrds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("pg13"), Engine: aws.String("postgres"),
		EngineVersion: aws.String("13.22"), DBInstanceClass: aws.String("db.r8g.large"), AllocatedStorage: aws.Int32(20),
		MasterUsername: aws.String("pg"), MasterUserPassword: aws.String("s3cret-pass")})
	if code(err) != "InvalidParameterCombination" {
		t.Errorf("postgres 13 on db.r8g.large: %v", err)
	}
	n, pages := 0, 0
	p := awsrds.NewDescribeOrderableDBInstanceOptionsPaginator(c, &awsrds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String("mysql"), EngineVersion: aws.String("8.4.6"), MaxRecords: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, pages = n+len(page.OrderableDBInstanceOptions), pages+1
	}
	if n < 100 || pages != 1 {
		t.Errorf("mysql 8.4.6: %d options in %d pages; want them all in one page of up to 1000", n, pages)
	}
	if _, err := c.DescribeOrderableDBInstanceOptions(ctx, &awsrds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String("mysql"), MaxRecords: aws.Int32(1001)}); code(err) != "InvalidParameterValue" {
		t.Errorf("MaxRecords 1001: %v", err)
	}
	if _, err := c.DescribeOrderableDBInstanceOptions(ctx, &awsrds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String("cassandra")}); code(err) != "InvalidParameterValue" {
		t.Errorf("an engine RDS lacks: %v", err)
	}
	// Vpc false asks for EC2-Classic offerings, of which none are left.
	out, err = c.DescribeOrderableDBInstanceOptions(ctx, &awsrds.DescribeOrderableDBInstanceOptionsInput{Engine: aws.String("mysql"), Vpc: aws.Bool(false)})
	if err != nil || len(out.OrderableDBInstanceOptions) != 0 {
		t.Errorf("non-VPC offerings: %d, %v", len(out.OrderableDBInstanceOptions), err)
	}
}

// TestCreateInEveryFamily: an instance of each engine's major version,
// asked for by major version alone, gets the major's default minor and
// its family's default parameter group.
func TestCreateInEveryFamily(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	for _, tc := range []struct{ engine, major, version, group string }{
		{"mysql", "8.4", "8.4.6", "default.mysql8.4"},
		{"mariadb", "10.11", "10.11.14", "default.mariadb10.11"},
		{"postgres", "13", "13.22", "default.postgres13"},
		{"mariadb", "", "11.4.8", "default.mariadb11.4"},
	} {
		id := tc.engine + "-" + map[bool]string{true: "default", false: "v"}[tc.major == ""]
		createInstance(t, c, id, func(in *awsrds.CreateDBInstanceInput) {
			in.Engine = aws.String(tc.engine)
			if tc.major != "" {
				in.EngineVersion = aws.String(tc.major)
			}
		})
		out, err := c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		x := out.DBInstances[0]
		if got := aws.ToString(x.EngineVersion) + " " + aws.ToString(x.DBParameterGroups[0].DBParameterGroupName); got != tc.version+" "+tc.group {
			t.Errorf("%s %s: %s", tc.engine, tc.major, got)
		}
	}
}
