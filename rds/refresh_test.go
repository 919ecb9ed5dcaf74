package rds_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// handleCase is one kind of resource handle: how to seed the resource in
// the fake, and how to make a handle on it by name.
type handleCase struct {
	kind   string
	code   string // RDS's not-found code for it
	op     string // the Describe call Refresh makes
	seed   func(t *testing.T, srv *rdstest.Server)
	handle func(c *rds.Conn, name string) interface{ Refresh(context.Context) error }
	name   string // the seeded resource's name
}

func handleCases() []handleCase {
	account, region := fakes.TestAccountID, fakes.DefaultRegion
	must := func(t *testing.T, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	return []handleCase{
		{kind: "DBInstance", code: "DBInstanceNotFound", op: "DescribeDBInstances", name: "seeded-db",
			seed: func(t *testing.T, srv *rdstest.Server) {
				_, err := srv.AddDBInstance(account, region, rdstest.DBInstanceSpec{ID: "seeded-db"})
				must(t, err)
			},
			handle: func(c *rds.Conn, n string) interface{ Refresh(context.Context) error } { return c.DBInstance(n) }},
		{kind: "DBSnapshot", code: "DBSnapshotNotFound", op: "DescribeDBSnapshots", name: "seeded-snap",
			seed: func(t *testing.T, srv *rdstest.Server) {
				_, err := srv.AddDBInstance(account, region, rdstest.DBInstanceSpec{ID: "seeded-db"})
				must(t, err)
				_, err = srv.AddDBSnapshot(account, region, "seeded-db", "seeded-snap", nil)
				must(t, err)
			},
			handle: func(c *rds.Conn, n string) interface{ Refresh(context.Context) error } { return c.DBSnapshot(n) }},
		{kind: "ParameterGroup", code: "DBParameterGroupNotFound", op: "DescribeDBParameterGroups", name: "seeded-pg",
			seed: func(t *testing.T, srv *rdstest.Server) {
				_, err := srv.AddParameterGroup(account, region, "seeded-pg", "mysql8.0", "seeded", nil)
				must(t, err)
			},
			handle: func(c *rds.Conn, n string) interface{ Refresh(context.Context) error } { return c.ParameterGroup(n) }},
		{kind: "DBSecurityGroup", code: "DBSecurityGroupNotFound", op: "DescribeDBSecurityGroups", name: "seeded-sg",
			seed: func(t *testing.T, srv *rdstest.Server) {
				_, err := srv.AddDBSecurityGroup(account, region, "seeded-sg", "seeded", nil)
				must(t, err)
			},
			handle: func(c *rds.Conn, n string) interface{ Refresh(context.Context) error } { return c.DBSecurityGroup(n) }},
	}
}

// wantNotFound checks err is RDS's not-found answer for a Describe call
// that got a response: the code, the operation, an HTTP status and a
// request ID, and goboto.IsNotFound.
func wantNotFound(t *testing.T, err error, code, op string, status int) {
	t.Helper()
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("Refresh = %v; want *goboto.APIError %s", err, code)
	}
	if ae.Code != code || ae.Operation != op || ae.Service != "RDS" {
		t.Errorf("Refresh = %s %s %s; want RDS %s %s", ae.Service, ae.Operation, ae.Code, op, code)
	}
	if ae.StatusCode != status {
		t.Errorf("StatusCode = %d; want %d", ae.StatusCode, status)
	}
	if ae.RequestID == "" {
		t.Error("no request ID")
	}
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
}

// TestRefreshMissing refreshes a handle on a resource RDS does not have:
// RDS answers its kind's not-found code (API Reference,
// DescribeDBInstances/DescribeDBSnapshots/DescribeDBParameterGroups/
// DescribeDBSecurityGroups, Errors: DBInstanceNotFound (404), ...), which
// Refresh passes on with the status and request ID.
func TestRefreshMissing(t *testing.T) {
	for _, c := range handleCases() {
		t.Run(c.kind, func(t *testing.T) {
			_, conn := startFake(t)
			wantNotFound(t, c.handle(conn, "nosuch").Refresh(t.Context()), c.code, c.op, 404)
		})
	}
}

// answerMiddleware changes decoded Describe answers: it renames every
// listed resource to "someone-else", or, with prepend, lists another
// resource of that name first.
func answerMiddleware(prepend bool) goboto.Option {
	other := aws.String("someone-else")
	mw := middleware.InitializeMiddlewareFunc("test-answers", func(ctx context.Context, in middleware.InitializeInput,
		next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		out, md, err := next.HandleInitialize(ctx, in)
		if err != nil {
			return out, md, err
		}
		switch o := out.Result.(type) {
		case *awsrds.DescribeDBInstancesOutput:
			if prepend {
				o.DBInstances = append([]types.DBInstance{{DBInstanceIdentifier: other, DBInstanceStatus: aws.String("failed")}}, o.DBInstances...)
			} else {
				for i := range o.DBInstances {
					o.DBInstances[i].DBInstanceIdentifier, o.DBInstances[i].DBInstanceArn = other, other
				}
			}
		case *awsrds.DescribeDBSnapshotsOutput:
			if prepend {
				o.DBSnapshots = append([]types.DBSnapshot{{DBSnapshotIdentifier: other, Status: aws.String("failed")}}, o.DBSnapshots...)
			} else {
				for i := range o.DBSnapshots {
					o.DBSnapshots[i].DBSnapshotIdentifier, o.DBSnapshots[i].DBSnapshotArn = other, other
				}
			}
		case *awsrds.DescribeDBParameterGroupsOutput:
			if prepend {
				o.DBParameterGroups = append([]types.DBParameterGroup{{DBParameterGroupName: other, Description: other}}, o.DBParameterGroups...)
			} else {
				for i := range o.DBParameterGroups {
					o.DBParameterGroups[i].DBParameterGroupName = other
				}
			}
		case *awsrds.DescribeDBSecurityGroupsOutput:
			if prepend {
				o.DBSecurityGroups = append([]types.DBSecurityGroup{{DBSecurityGroupName: other, DBSecurityGroupDescription: other}}, o.DBSecurityGroups...)
			} else {
				for i := range o.DBSecurityGroups {
					o.DBSecurityGroups[i].DBSecurityGroupName = other
				}
			}
		}
		return out, md, err
	})
	return rds.WithClientOptions(func(o *awsrds.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error { return s.Initialize.Add(mw, middleware.After) })
	})
}

// TestRefreshMatchesByID makes RDS's answer list something else, through
// WithClientOptions: an answer without the resource asked for is the
// kind's not-found error with the Describe call's 200 status and request
// ID, never another resource taken for it; an answer that lists it after
// another resource fills the handle from its own entry.
func TestRefreshMatchesByID(t *testing.T) {
	for _, c := range handleCases() {
		t.Run(c.kind, func(t *testing.T) {
			srv := rdstest.Start(t)
			c.seed(t, srv)
			renamed := rds.New(srv.Config(""), answerMiddleware(false))
			wantNotFound(t, c.handle(renamed, c.name).Refresh(t.Context()), c.code, c.op, 200)

			h := c.handle(rds.New(srv.Config(""), answerMiddleware(true)), c.name)
			if err := h.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			if got := refreshedName(h); got != c.name {
				t.Errorf("Refresh filled the handle from %q; want %q", got, c.name)
			}
		})
	}
}

// refreshedName is the name a handle holds after Refresh.
func refreshedName(h any) string {
	switch h := h.(type) {
	case *rds.DBInstance:
		return h.ID
	case *rds.DBSnapshot:
		return h.ID
	case *rds.ParameterGroup:
		return h.Name
	case *rds.DBSecurityGroup:
		return h.Name
	}
	return ""
}

// TestHandlesKnowTheirConn checks every handle's Conn accessor and the
// escape hatch.
func TestHandlesKnowTheirConn(t *testing.T) {
	_, conn := startFake(t)
	for name, got := range map[string]*rds.Conn{
		"DBInstance":      conn.DBInstance("a").Conn(),
		"DBSnapshot":      conn.DBSnapshot("a").Conn(),
		"ParameterGroup":  conn.ParameterGroup("a").Conn(),
		"DBSecurityGroup": conn.DBSecurityGroup("a").Conn(),
	} {
		if got != conn {
			t.Errorf("%s.Conn() = %p; want %p", name, got, conn)
		}
	}
	if conn.Client() == nil {
		t.Error("Client() = nil")
	}
	if got := new(rds.Conn).Client(); got != nil {
		t.Errorf("zero Conn's Client() = %v; want nil", got)
	}
}
