package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

// The aws CLI's JSON for the answers below, as much as the test reads.
type (
	cliEngineVersions struct {
		DBEngineVersions []struct{ Engine, EngineVersion, DBParameterGroupFamily, MajorEngineVersion string }
	}
	cliOrderable struct {
		OrderableDBInstanceOptions []struct {
			EngineVersion, DBInstanceClass, StorageType string
			AvailabilityZones                           []struct{ Name string }
		}
	}
	cliSubnetGroup struct {
		DBSubnetGroupName, VpcId, SubnetGroupStatus string
		Subnets                                     []struct {
			SubnetIdentifier       string
			SubnetAvailabilityZone struct{ Name string }
		}
	}
	cliSubnetGroups struct{ DBSubnetGroups []cliSubnetGroup }
	cliInstance     struct {
		DBInstance struct {
			DBInstanceIdentifier, DBInstanceStatus string
			DBSubnetGroup                          cliSubnetGroup
		}
	}
)

// TestAWSCLIRDSVPC drives the fake RDS's engine catalog, DB subnet
// groups and stop/start with the aws CLI (botocore, API 2014-10-31)
// through the local cloud: the CLI pages describe-db-engine-versions and
// describe-orderable-db-instance-options itself, and reads subnet groups
// and instances in their VPC.
func TestAWSCLIRDSVPC(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	cloud := localcloud.Start(t, fakes.WithTLS(false))
	srv := fake.ServerOf(cloud.Server)
	cred := fake.DefaultCredentials()[0]
	region := srv.DefaultRegion()
	env := clientEnv(t, cred, region)

	t.Run("describe-db-engine-versions", func(t *testing.T) {
		var out cliEngineVersions
		awsJSON(t, srv, env, &out, "rds", "describe-db-engine-versions", "--engine", "postgres", "--page-size", "20")
		families := map[string]bool{}
		for _, v := range out.DBEngineVersions {
			families[v.DBParameterGroupFamily] = true
		}
		want := map[string]bool{"postgres13": true, "postgres14": true, "postgres15": true, "postgres16": true, "postgres17": true}
		if diff := cmp.Diff(want, families); diff != "" {
			t.Errorf("postgres families (-want +got):\n%s", diff)
		}
		awsJSON(t, srv, env, &out, "rds", "describe-db-engine-versions", "--engine", "mysql", "--default-only")
		if len(out.DBEngineVersions) != 1 || out.DBEngineVersions[0].DBParameterGroupFamily != "mysql8.0" {
			t.Errorf("default mysql: %+v", out.DBEngineVersions)
		}
		awsJSON(t, srv, env, &out, "rds", "describe-db-engine-versions", "--engine", "mariadb", "--engine-version", "11.4")
		if len(out.DBEngineVersions) == 0 || out.DBEngineVersions[0].MajorEngineVersion != "11.4" {
			t.Errorf("mariadb 11.4: %+v", out.DBEngineVersions)
		}
	})

	t.Run("describe-orderable-db-instance-options", func(t *testing.T) {
		var out cliOrderable
		awsJSON(t, srv, env, &out, "rds", "describe-orderable-db-instance-options", "--engine", "mysql",
			"--engine-version", "8.4.6", "--db-instance-class", "db.m7g.large")
		var got []string
		for _, o := range out.OrderableDBInstanceOptions {
			got = append(got, o.EngineVersion+" "+o.DBInstanceClass+" "+o.StorageType)
			if len(o.AvailabilityZones) != 3 {
				t.Errorf("zones %v", o.AvailabilityZones)
			}
		}
		if diff := cmp.Diff([]string{"8.4.6 db.m7g.large gp2", "8.4.6 db.m7g.large gp3"}, got); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		// All of MySQL 8.4's options, in the CLI's own pages.
		srv.ResetCalls()
		awsJSON(t, srv, env, &out, "rds", "describe-orderable-db-instance-options", "--engine", "mysql",
			"--engine-version", "8.4", "--page-size", "100")
		if len(out.OrderableDBInstanceOptions) <= 100 || len(srv.Calls()) < 2 {
			t.Errorf("%d options in %d calls", len(out.OrderableDBInstanceOptions), len(srv.Calls()))
		}
	})

	t.Run("subnet groups and stop-start", func(t *testing.T) {
		// The local cloud's RDS sees its EC2 fake's subnets: the default
		// VPC has one per zone.
		var sn []rdstest.Subnet
		for _, s := range cloud.EC2().Subnets(cred.AccountID, region) {
			if s.DefaultForZone {
				sn = append(sn, rdstest.Subnet{ID: s.ID, VPCID: s.VPCID, AvailabilityZone: s.Zone})
			}
		}
		if len(sn) < 2 {
			t.Fatalf("the EC2 fake's default VPC has %d default subnets", len(sn))
		}
		var created struct{ DBSubnetGroup cliSubnetGroup }
		awsJSON(t, srv, env, &created, "rds", "create-db-subnet-group", "--db-subnet-group-name", "cli-private",
			"--db-subnet-group-description", "made by the aws CLI", "--subnet-ids", sn[0].ID, sn[1].ID)
		if g := created.DBSubnetGroup; g.VpcId != sn[0].VPCID || g.SubnetGroupStatus != "Complete" || len(g.Subnets) != 2 ||
			g.Subnets[1].SubnetAvailabilityZone.Name != sn[1].AvailabilityZone {
			t.Errorf("create-db-subnet-group: %+v", g)
		}
		_, stderr, err := awsCLI(t, srv, env, "rds", "create-db-subnet-group", "--db-subnet-group-name", "cli-one-zone",
			"--db-subnet-group-description", "d", "--subnet-ids", sn[0].ID)
		if err == nil || !strings.Contains(string(stderr), "DBSubnetGroupDoesNotCoverEnoughAZs") {
			t.Errorf("one zone: err %v, stderr %s", err, stderr)
		}
		var groups cliSubnetGroups
		awsJSON(t, srv, env, &groups, "rds", "describe-db-subnet-groups", "--db-subnet-group-name", "cli-private")
		if len(groups.DBSubnetGroups) != 1 || groups.DBSubnetGroups[0].DBSubnetGroupName != "cli-private" {
			t.Errorf("describe-db-subnet-groups: %+v", groups)
		}

		var inst cliInstance
		awsJSON(t, srv, env, &inst, "rds", "create-db-instance", "--db-instance-identifier", "cli-vpc", "--db-instance-class", "db.t4g.micro",
			"--engine", "postgres", "--engine-version", "17", "--allocated-storage", "20", "--master-username", "pgadmin",
			"--master-user-password", "s3cret-pass", "--db-subnet-group-name", "cli-private", "--vpc-security-group-ids", "sg-0123456789abcdef0")
		if inst.DBInstance.DBSubnetGroup.DBSubnetGroupName != "cli-private" {
			t.Errorf("create-db-instance's subnet group: %+v", inst.DBInstance.DBSubnetGroup)
		}
		_, stderr, err = awsCLI(t, srv, env, "rds", "delete-db-subnet-group", "--db-subnet-group-name", "cli-private")
		if err == nil || !strings.Contains(string(stderr), "InvalidDBSubnetGroupStateFault") {
			t.Errorf("deleting a group in use: err %v, stderr %s", err, stderr)
		}
		// The local cloud finishes each change before the next request.
		awsJSON(t, srv, env, &inst, "rds", "stop-db-instance", "--db-instance-identifier", "cli-vpc")
		if inst.DBInstance.DBInstanceStatus != "stopping" {
			t.Errorf("stop-db-instance answered %s", inst.DBInstance.DBInstanceStatus)
		}
		_, stderr, err = awsCLI(t, srv, env, "rds", "stop-db-instance", "--db-instance-identifier", "cli-vpc")
		if err == nil || !strings.Contains(string(stderr), "InvalidDBInstanceState") {
			t.Errorf("stopping a stopped instance: err %v, stderr %s", err, stderr)
		}
		awsJSON(t, srv, env, &inst, "rds", "start-db-instance", "--db-instance-identifier", "cli-vpc")
		if inst.DBInstance.DBInstanceStatus != "starting" {
			t.Errorf("start-db-instance answered %s", inst.DBInstance.DBInstanceStatus)
		}
		awsJSON(t, srv, env, nil, "rds", "delete-db-instance", "--db-instance-identifier", "cli-vpc", "--skip-final-snapshot")
		awsJSON(t, srv, env, nil, "rds", "describe-db-instances") // lets the deletion finish
		awsJSON(t, srv, env, nil, "rds", "delete-db-subnet-group", "--db-subnet-group-name", "cli-private")
		_, stderr, err = awsCLI(t, srv, env, "rds", "describe-db-subnet-groups", "--db-subnet-group-name", "cli-private")
		if err == nil || !strings.Contains(string(stderr), "DBSubnetGroupNotFoundFault") {
			t.Errorf("describing a deleted group: err %v, stderr %s", err, stderr)
		}
	})
}
