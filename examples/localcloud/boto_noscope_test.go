package main

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// startCloudIn is startCloud with another default region, so a test can
// tell requests served in the default region from ones served in the
// region a client named.
func startCloudIn(t *testing.T, region string) *fake.Server {
	t.Helper()
	return fake.ServerOf(localcloud.Start(t, fakes.WithRegion(region), fakes.WithTLS(false)).Server)
}

// botoNoScope is what testdata/boto_noscope.py prints.
type botoNoScope struct {
	EC2 struct {
		Zones   [][]string // name, region
		Regions []string
	}
	RDS struct {
		Created   []string   // id, status, engine, class, storage
		Instances [][]string // id, engine, master user
		Groups    []string
		Missing   botoError
	}
	S3SigV2 struct {
		Status  int
		Code    string
		Message string
	} `json:"s3_sigv2"`
}

// TestBotoNoScopeHints drives EC2 and RDS with boto 2.49 at 127.0.0.1
// with no auth_service_name or auth_region_name: boto signs them for the
// scope ".../0/127/aws4_request" it guesses from the address. The local
// cloud routes them by Version, checks the signature against that scope,
// and serves them in its default region, as "0" is no region. boto's S3
// connection signs with Signature Version 2 by default and gets S3's own
// refusal: 400 InvalidRequest, "Please use AWS4-HMAC-SHA256" (Amazon S3
// API Reference, "Authenticating Requests (AWS Signature Version 2)":
// Signature Version 2 is turned off for buckets created since June 2020
// and in regions launched since 2014).
func TestBotoNoScopeHints(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	const region = "eu-west-3" // neither "0" nor boto's us-east-1
	srv := startCloudIn(t, region)
	var got botoNoScope
	runBoto(t, srv, "boto_noscope.py", &got)

	var want botoNoScope
	for _, z := range defaultZones(t, region) {
		want.EC2.Zones = append(want.EC2.Zones, []string{z.Name, z.Region})
	}
	for _, r := range ec2test.DefaultRegions() {
		if r.OptInStatus != ec2test.NotOptedIn {
			want.EC2.Regions = append(want.EC2.Regions, r.Name)
		}
	}
	slices.Sort(want.EC2.Regions)
	want.RDS.Created = []string{"boto-noscope", "creating", "mysql", "db.t3.micro", "20"}
	want.RDS.Instances = [][]string{{"boto-noscope", "mysql", "admin"}}
	// Every family of the fake's engine catalog has its default group.
	want.RDS.Groups = []string{"default.mariadb10.11", "default.mariadb10.6", "default.mariadb11.4", "default.mysql8.0",
		"default.mysql8.4", "default.postgres13", "default.postgres14", "default.postgres15", "default.postgres16", "default.postgres17"}
	want.RDS.Missing = botoError{Status: 404, Error: "DBInstanceNotFound"}
	want.S3SigV2.Status, want.S3SigV2.Code = 400, "InvalidRequest"
	want.S3SigV2.Message = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("boto_noscope.py (-want +got):\n%s", diff)
	}

	// Every EC2 and RDS call was SigV4, routed by Version, and served in
	// the default region; S3 saw one SigV2 request, which it refused.
	type call struct {
		Service, Operation, Region string
		Sig, Status                int
		Code                       string
	}
	var calls []call
	for _, c := range srv.Calls() {
		calls = append(calls, call{c.Service, c.Operation, c.Region, c.SigVersion, c.Status, c.Code})
	}
	wantCalls := []call{
		{"ec2", "DescribeAvailabilityZones", region, 4, 200, ""},
		{"ec2", "DescribeRegions", region, 4, 200, ""},
		{"rds", "CreateDBInstance", region, 4, 200, ""},
		{"rds", "DescribeDBInstances", region, 4, 200, ""},
		{"rds", "DescribeDBParameterGroups", region, 4, 200, ""},
		{"rds", "DescribeDBInstances", region, 4, 404, "DBInstanceNotFound"},
		{"s3", "ListBuckets", region, 2, 400, "InvalidRequest"},
	}
	if diff := cmp.Diff(wantCalls, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}

	// What boto made is where the SDK, signing for the default region,
	// looks.
	sdk := awsrds.NewFromConfig(srv.Config(region, fake.DefaultCredentials()[0]))
	out, err := sdk.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("boto-noscope")})
	if err != nil {
		t.Fatalf("SDK DescribeDBInstances boto-noscope in %s: %v", region, err)
	}
	if len(out.DBInstances) != 1 || aws.ToString(out.DBInstances[0].MasterUsername) != "admin" {
		t.Errorf("SDK sees %+v, want boto-noscope with master user admin", out.DBInstances)
	}
}
