package rdstest_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

// client returns an RDS client of the server's first account.
func client(t *testing.T, srv *rdstest.Server) *awsrds.Client {
	t.Helper()
	return awsrds.NewFromConfig(srv.Config(""), oneAttempt)
}

// otherClient is client for the server's second account.
func otherClient(t *testing.T, srv *rdstest.Server) *awsrds.Client {
	t.Helper()
	return awsrds.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[1], fake.DefaultRegion), oneAttempt)
}

// oneAttempt turns the SDK's retries off: every test sees the fake's
// first answer.
func oneAttempt(o *awsrds.Options) { o.RetryMaxAttempts = 1 }

// code returns err's AWS error code, "" for nil, or err's text when it
// carries no code.
func code(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return err.Error()
}

// status returns the HTTP status of err's response, 0 when it has none.
func status(err error) int {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// createInstance creates a mysql instance with valid settings; in may
// override them.
func createInstance(t *testing.T, c *awsrds.Client, id string, edit func(*awsrds.CreateDBInstanceInput)) {
	t.Helper()
	in := mysqlInput(id)
	if edit != nil {
		edit(in)
	}
	if _, err := c.CreateDBInstance(t.Context(), in); err != nil {
		t.Fatalf("CreateDBInstance(%s): %v", id, err)
	}
}

func mysqlInput(id string) *awsrds.CreateDBInstanceInput {
	return &awsrds.CreateDBInstanceInput{
		DBInstanceIdentifier: aws.String(id), DBInstanceClass: aws.String("db.t3.micro"), Engine: aws.String("mysql"),
		AllocatedStorage: aws.Int32(20), MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("s3cret-pass"),
	}
}

// instanceStatus describes one instance and returns its status.
func instanceStatus(t *testing.T, c *awsrds.Client, id string) string {
	t.Helper()
	out, err := c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil {
		t.Fatalf("DescribeDBInstances(%s): %v", id, err)
	}
	return aws.ToString(out.DBInstances[0].DBInstanceStatus)
}
