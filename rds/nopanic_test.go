package rds_test

import (
	"testing"

	"github.com/goboto/goboto/internal/testutil/nopanic"
	"github.com/goboto/goboto/rds"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t)
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listings that need no argument.
			new(rds.Conn),
			conn.DBInstance(""), new(rds.DBInstance),
			conn.DBSnapshot(""), new(rds.DBSnapshot),
			conn.ParameterGroup(""), new(rds.ParameterGroup),
			conn.DBSecurityGroup(""), new(rds.DBSecurityGroup),
			conn.DBSubnetGroup(""), new(rds.DBSubnetGroup),
			new(rds.Parameter),
			// A handle built as a literal has a name but no connection.
			&rds.DBInstance{ID: "literal"}, &rds.DBSnapshot{ID: "literal"},
			&rds.ParameterGroup{Name: "literal"}, &rds.DBSecurityGroup{Name: "literal"}, &rds.DBSubnetGroup{Name: "literal"},
			rds.Endpoint{}, rds.Password(""), rds.Ingress{}, rds.AllowedValues{},
		},
		Funcs: map[string]any{
			"New": rds.New, "NewConn": rds.NewConn, "WithClientOptions": rds.WithClientOptions,
			"PageSize": rds.PageSize, "Source": rds.Source,
			"CIDR": rds.CIDR, "EC2Group": rds.EC2Group,
			"ParseAllowedValues": rds.ParseAllowedValues, "IsFormula": rds.IsFormula,
			"ValidInstanceID": rds.ValidInstanceID, "ValidSnapshotID": rds.ValidSnapshotID,
			"ValidSecurityGroupName": rds.ValidSecurityGroupName, "ValidParameterGroupName": rds.ValidParameterGroupName,
			"ValidInstanceClass": rds.ValidInstanceClass, "ValidSubnetGroupName": rds.ValidSubnetGroupName,
			"SnapshotBeforeStop": rds.SnapshotBeforeStop,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
