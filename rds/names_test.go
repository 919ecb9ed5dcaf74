package rds_test

import (
	"strings"
	"testing"

	"github.com/goboto/goboto/rds"
)

func TestValidNames(t *testing.T) {
	long := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	tests := []struct {
		name  string
		check func(string) error
		id    string
		want  string // error text; "" for none
	}{
		{"instance", rds.ValidInstanceID, "mydb", ""},
		{"instance upper", rds.ValidInstanceID, "MyDB-1", ""},
		{"instance 63", rds.ValidInstanceID, long(63), ""},
		{"instance 64", rds.ValidInstanceID, long(64), "DBInstanceIdentifier: " + long(64) + " is longer than 63 characters"},
		{"instance empty", rds.ValidInstanceID, "", "DBInstanceIdentifier: is required"},
		{"instance digit first", rds.ValidInstanceID, "1db", "DBInstanceIdentifier: 1db must start with a letter"},
		{"instance hyphen first", rds.ValidInstanceID, "-db", "DBInstanceIdentifier: -db must start with a letter"},
		{"instance trailing hyphen", rds.ValidInstanceID, "db-", "DBInstanceIdentifier: db- must not end with a hyphen"},
		{"instance double hyphen", rds.ValidInstanceID, "my--db", "DBInstanceIdentifier: my--db must not contain two consecutive hyphens"},
		{"instance underscore", rds.ValidInstanceID, "my_db", "DBInstanceIdentifier: my_db must contain only letters, digits and hyphens"},
		{"instance dot", rds.ValidInstanceID, "my.db", "DBInstanceIdentifier: my.db must contain only letters, digits and hyphens"},
		{"snapshot 255", rds.ValidSnapshotID, long(255), ""},
		{"snapshot 256", rds.ValidSnapshotID, long(256), "DBSnapshotIdentifier: " + long(61) + "... is longer than 255 characters"},
		{"snapshot colon", rds.ValidSnapshotID, "rds:mydb", "DBSnapshotIdentifier: rds:mydb must contain only letters, digits and hyphens"},
		{"security group", rds.ValidSecurityGroupName, "web-db", ""},
		{"security group default", rds.ValidSecurityGroupName, "Default", "DBSecurityGroupName: Default is reserved by RDS"},
		{"security group space", rds.ValidSecurityGroupName, "web db", "DBSecurityGroupName: web db must contain only letters, digits and hyphens"},
		{"parameter group", rds.ValidParameterGroupName, "tuned-mysql8", ""},
		{"parameter group dots", rds.ValidParameterGroupName, "default.mysql8.0", "DBParameterGroupName: default.mysql8.0 must contain only letters, digits and hyphens"},
		{"class", rds.ValidInstanceClass, "db.t3.micro", ""},
		{"class graviton", rds.ValidInstanceClass, "db.r6g.2xlarge", ""},
		{"class boto era", rds.ValidInstanceClass, "db.m1.small", ""},
		{"class empty", rds.ValidInstanceClass, "", "DBInstanceClass: is required"},
		{"class ec2", rds.ValidInstanceClass, "t3.micro", "DBInstanceClass: t3.micro is not db.<family>.<size>"},
		{"class family", rds.ValidInstanceClass, "db.q9.micro", "DBInstanceClass: db.q9.micro is not a known DB instance class"},
		{"class size", rds.ValidInstanceClass, "db.t3.huge", "DBInstanceClass: db.t3.huge is not a known DB instance class"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := tt.check(tt.id); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("check(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}
