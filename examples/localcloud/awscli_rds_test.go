package main

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/internal/fake"
)

// The aws CLI's JSON for RDS's parameter and instance answers.
type (
	cliParameter struct {
		ParameterName        string
		ParameterValue       string
		Description          string
		Source               string
		ApplyType            string
		DataType             string
		AllowedValues        string
		IsModifiable         bool
		MinimumEngineVersion string
		ApplyMethod          string
	}
	cliParameters struct{ Parameters []cliParameter }
	cliParamGroup struct {
		DBParameterGroupName   string
		DBParameterGroupFamily string
		Description            string
		DBParameterGroupArn    string
	}
	cliParamGroups   struct{ DBParameterGroups []cliParamGroup }
	cliCreatedGroup  struct{ DBParameterGroup cliParamGroup }
	cliModifiedGroup struct{ DBParameterGroupName string }
	cliInstances     struct {
		DBInstances []struct{ DBInstanceIdentifier, DBInstanceStatus string }
	}
)

// TestAWSCLIRDS drives the fake RDS's parameter groups with the aws CLI
// (botocore, API 2014-10-31, SigV4): the CLI follows DescribeDBParameters'
// Marker itself, so the whole family must come back in pages of 100, the
// same parameters aws-sdk-go-v2 reads.
func TestAWSCLIRDS(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())

	// What aws-sdk-go-v2 reads from the same server, to compare with.
	sdk := awsrds.NewFromConfig(srv.Config(srv.DefaultRegion(), cred))
	var want []cliParameter
	pager := awsrds.NewDescribeDBParametersPaginator(sdk, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("default.mysql8.0")})
	for pager.HasMorePages() {
		out, err := pager.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range out.Parameters {
			want = append(want, cliParameter{aws.ToString(p.ParameterName), aws.ToString(p.ParameterValue), aws.ToString(p.Description),
				aws.ToString(p.Source), aws.ToString(p.ApplyType), aws.ToString(p.DataType), aws.ToString(p.AllowedValues),
				aws.ToBool(p.IsModifiable), aws.ToString(p.MinimumEngineVersion), string(p.ApplyMethod)})
		}
	}
	if len(want) <= 150 {
		t.Fatalf("the SDK read %d parameters; the seed has more than 150", len(want))
	}

	t.Run("describe-db-parameters pages", func(t *testing.T) {
		srv.ResetCalls()
		var got cliParameters
		awsJSON(t, srv, env, &got, "rds", "describe-db-parameters", "--db-parameter-group-name", "default.mysql8.0")
		if diff := cmp.Diff(want, got.Parameters); diff != "" {
			t.Errorf("parameters (-want +got):\n%s", diff)
		}
		var pages int
		for _, c := range srv.Calls() {
			if c.Service == "rds" && c.Operation == "DescribeDBParameters" && c.SigVersion == 4 && c.Status == 200 {
				pages++
			}
		}
		if wantPages := (len(want) + 99) / 100; pages != wantPages {
			t.Errorf("the CLI fetched %d pages, want %d", pages, wantPages)
		}
	})

	t.Run("parameter groups", func(t *testing.T) {
		arn := func(name string) string {
			return "arn:aws:rds:" + srv.DefaultRegion() + ":" + cred.AccountID + ":pg:" + name
		}
		var created cliCreatedGroup
		awsJSON(t, srv, env, &created, "rds", "create-db-parameter-group", "--db-parameter-group-name", "cli-params",
			"--db-parameter-group-family", "mysql8.0", "--description", "made by the aws CLI")
		cliGroup := cliParamGroup{"cli-params", "mysql8.0", "made by the aws CLI", arn("cli-params")}
		if diff := cmp.Diff(cliCreatedGroup{cliGroup}, created); diff != "" {
			t.Errorf("create-db-parameter-group (-want +got):\n%s", diff)
		}
		var groups cliParamGroups
		awsJSON(t, srv, env, &groups, "rds", "describe-db-parameter-groups")
		wantGroups := []cliParamGroup{cliGroup}
		// Every family of the fake's engine catalog has its default group.
		for _, f := range []string{"mariadb10.11", "mariadb10.6", "mariadb11.4", "mysql8.0", "mysql8.4",
			"postgres13", "postgres14", "postgres15", "postgres16", "postgres17"} {
			wantGroups = append(wantGroups, cliParamGroup{"default." + f, f, "Default parameter group for " + f, arn("default." + f)})
		}
		if diff := cmp.Diff(wantGroups, groups.DBParameterGroups); diff != "" {
			t.Errorf("describe-db-parameter-groups (-want +got):\n%s", diff)
		}

		// The fake checks values itself: -5 is out of max_allowed_packet's range.
		_, stderr, err := awsCLI(t, srv, env, "rds", "modify-db-parameter-group", "--db-parameter-group-name", "cli-params",
			"--parameters", "ParameterName=max_allowed_packet,ParameterValue=-5,ApplyMethod=immediate")
		if err == nil || !strings.Contains(string(stderr), "InvalidParameterValue") || !strings.Contains(string(stderr), "1024-1073741824") {
			t.Errorf("modify with -5: err %v, stderr %s", err, stderr)
		}
		var modified cliModifiedGroup
		awsJSON(t, srv, env, &modified, "rds", "modify-db-parameter-group", "--db-parameter-group-name", "cli-params",
			"--parameters", "ParameterName=max_allowed_packet,ParameterValue=2048,ApplyMethod=immediate",
			"ParameterName=innodb_log_file_size,ParameterValue=268435456,ApplyMethod=pending-reboot")
		if diff := cmp.Diff(cliModifiedGroup{"cli-params"}, modified); diff != "" {
			t.Errorf("modify-db-parameter-group (-want +got):\n%s", diff)
		}
		var user cliParameters
		awsJSON(t, srv, env, &user, "rds", "describe-db-parameters", "--db-parameter-group-name", "cli-params", "--source", "user")
		var got []string
		for _, p := range user.Parameters {
			got = append(got, p.ParameterName+"="+p.ParameterValue+" "+p.ApplyMethod)
		}
		if diff := cmp.Diff([]string{"innodb_log_file_size=268435456 pending-reboot", "max_allowed_packet=2048 immediate"}, got); diff != "" {
			t.Errorf("user parameters (-want +got):\n%s", diff)
		}
	})

	t.Run("describe-db-instances", func(t *testing.T) {
		var got cliInstances
		awsJSON(t, srv, env, &got, "rds", "describe-db-instances")
		if diff := cmp.Diff(cliInstances{}, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("describe-db-instances (-want +got):\n%s", diff)
		}
		_, stderr, err := awsCLI(t, srv, env, "rds", "describe-db-instances", "--db-instance-identifier", "nothing-here")
		if err == nil || !strings.Contains(string(stderr), "DBInstanceNotFound") {
			t.Errorf("describe a missing instance: err %v, stderr %s", err, stderr)
		}
	})

	// The CLI's --tags used to be accepted and dropped; now they are kept,
	// and a parameter the fake does not implement is refused, not dropped.
	t.Run("tags", func(t *testing.T) {
		create := []string{"rds", "create-db-instance", "--db-instance-identifier", "cli-tagged", "--db-instance-class", "db.t3.micro",
			"--engine", "mysql", "--allocated-storage", "20", "--master-username", "admin", "--master-user-password", "s3cret-pass"}
		_, stderr, err := awsCLI(t, srv, env, append(create, "--storage-encrypted")...)
		if err == nil || !strings.Contains(string(stderr), "InvalidParameterCombination") || !strings.Contains(string(stderr), "StorageEncrypted") {
			t.Errorf("create with --storage-encrypted: err %v, stderr %s", err, stderr)
		}
		var created struct {
			DBInstance struct{ DBInstanceArn string }
		}
		awsJSON(t, srv, env, &created, append(create, "--tags", "Key=team,Value=data", "Key=env,Value=")...)
		var listed struct{ TagList []struct{ Key, Value string } }
		awsJSON(t, srv, env, &listed, "rds", "list-tags-for-resource", "--resource-name", created.DBInstance.DBInstanceArn)
		want := []struct{ Key, Value string }{{"team", "data"}, {"env", ""}}
		if diff := cmp.Diff(want, listed.TagList); diff != "" {
			t.Errorf("list-tags-for-resource (-want +got):\n%s", diff)
		}
	})
}
