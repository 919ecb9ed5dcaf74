package rdstest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

func TestServerTLSFaultsAndCalls(t *testing.T) {
	srv := rdstest.Start(t, fakes.WithTLS(true))
	if u := srv.URL(); len(u) < 8 || u[:8] != "https://" {
		t.Fatalf("URL %s", u)
	}
	c := awsrds.NewFromConfig(srv.Config(""), func(o *awsrds.Options) { o.RetryMaxAttempts = 1 })
	ctx := t.Context()
	remove := srv.Faults().Add(fake.Fault{Service: "rds", Operation: "DescribeDBInstances", Kind: fake.Throttle, Times: 1})
	_, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{})
	if code(err) != "Throttling" {
		t.Errorf("throttled call: %v", err)
	}
	remove()
	srv.ResetCalls()
	if _, err := c.DescribeDBParameterGroups(ctx, &awsrds.DescribeDBParameterGroupsInput{DBParameterGroupName: aws.String("default.mysql8.0")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("none")})
	if code(err) != "DBInstanceNotFound" {
		t.Errorf("missing instance: %v", err)
	}
	var got []string
	for _, call := range srv.Calls() {
		got = append(got, call.Service+" "+call.Operation+" "+call.Region+" "+call.Account+" "+call.Code)
	}
	want := []string{
		"rds DescribeDBParameterGroups us-east-1 111122223333 ",
		"rds DescribeDBInstances us-east-1 111122223333 DBInstanceNotFound",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestRegionsAreSeparate(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithTransitionDelay(0))
	east := client(t, srv)
	west := awsrds.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[0], "us-west-2"), oneAttempt)
	createInstance(t, east, "only-east", nil)
	_, err := west.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("only-east")})
	if code(err) != "DBInstanceNotFound" {
		t.Errorf("west sees east's instance: %v", err)
	}
	out, err := west.DescribeDBParameterGroups(t.Context(), &awsrds.DescribeDBParameterGroupsInput{})
	if err != nil || len(out.DBParameterGroups) != 10 {
		t.Errorf("west's default groups: %v", err)
	}
}
