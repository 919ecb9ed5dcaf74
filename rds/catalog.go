package rds

import (
	"slices"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds/internal/catalog"
)

// checkOrderable refuses, for the engines goboto's catalog covers (MySQL
// 8.0 and 8.4, PostgreSQL 13 to 17, MariaDB 10.6, 10.11 and 11.4), an
// engine version RDS does not offer and an instance class RDS does not
// offer for that version (DescribeOrderableDBInstanceOptions); version
// may be empty (the engine's default) or a major version alone (8.0, 16),
// as RDS takes it. Other engines pass, for RDS to judge.
func checkOrderable(engine, version, class string) error {
	e, ok := catalog.Lookup(engine)
	if !ok {
		return nil
	}
	resolved, m, ok := e.Resolve(version)
	if !ok {
		return goboto.Invalid("EngineVersion", version, "is not a version RDS offers for "+e.Name+" ("+majorList(e)+")")
	}
	if class != "" && !slices.Contains(m.Classes, class) {
		return goboto.Invalid("DBInstanceClass", class, "is not offered for "+e.Name+" "+resolved)
	}
	return nil
}

// checkClassFor refuses a class RDS does not offer for an existing
// instance's or snapshot's engine version, where the catalog has that
// version; a version it lacks (older than the catalog) is left to RDS.
func checkClassFor(engine, version, class string) error {
	e, ok := catalog.Lookup(engine)
	if !ok || class == "" {
		return nil
	}
	if _, _, ok := e.Resolve(version); !ok || version == "" {
		return nil
	}
	return checkOrderable(engine, version, class)
}

// majorList names an engine's major versions with their newest minor:
// "8.0 to 8.0.43, 8.4 to 8.4.6".
func majorList(e catalog.Engine) string {
	var parts []string
	for _, m := range e.Majors {
		parts = append(parts, m.Version+" to "+m.Default())
	}
	return strings.Join(parts, ", ")
}

// validSubnetGroupUse checks an instance's DBSubnetGroupName: a name RDS
// could have, and not with DB security groups, which are for instances
// outside a VPC.
func validSubnetGroupUse(group string, dbSecurityGroups []string) error {
	if group == "" {
		return nil
	}
	if err := validExisting("DBSubnetGroupName", group); err != nil {
		return err
	}
	if len(dbSecurityGroups) > 0 {
		return goboto.Invalid("DBSubnetGroupName", group, "cannot be given with DB security groups, which are for instances outside a VPC")
	}
	return nil
}

// validVPCGroups checks that each VPC security group ID is shaped
// sg-<8 or 17 hex digits>.
func validVPCGroups(ids []string) error {
	for _, id := range ids {
		hex, ok := strings.CutPrefix(id, "sg-")
		if !ok || len(hex) != 8 && len(hex) != 17 || strings.Trim(hex, "0123456789abcdef") != "" {
			return goboto.Invalid("VpcSecurityGroupIds", id, "is not a security group ID (sg-<hex>)")
		}
	}
	return nil
}
