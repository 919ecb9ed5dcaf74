package rds

import (
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// RDS names its resources by identifiers the caller picks. Instances,
// snapshots, DB security groups and parameter groups share one rule: 1 to
// a limit of letters, digits and hyphens, starting with a letter, not
// ending with a hyphen and without two hyphens in a row. RDS stores them
// in lower case. Checking the rule locally turns what RDS would answer
// with InvalidParameterValue into a *goboto.ValidationError before
// anything is sent.
const (
	maxInstanceID      = 63
	maxSnapshotID      = 255
	maxSecurityGroup   = 255
	maxParameterGroup  = 255
	maxMasterUsername  = 16
	maxExistingNameLen = 1024 // ARNs of shared snapshots run long
)

// validName checks id against RDS's identifier rule with at most max
// characters.
func validName(field, id string, max int) error {
	switch {
	case id == "":
		return goboto.Invalid(field, "", "is required")
	case len(id) > max:
		return goboto.Invalid(field, id, "is longer than "+strconv.Itoa(max)+" characters")
	case !isLetter(id[0]):
		return goboto.Invalid(field, id, "must start with a letter")
	case id[len(id)-1] == '-':
		return goboto.Invalid(field, id, "must not end with a hyphen")
	case strings.Contains(id, "--"):
		return goboto.Invalid(field, id, "must not contain two consecutive hyphens")
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' {
			return goboto.Invalid(field, id, "must contain only letters, digits and hyphens")
		}
	}
	return nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// validExisting checks a name that refers to an existing resource, which
// may be older than today's rules (default.mysql8.0), automated
// (rds:mydb-2026-11-23-00-00) or another account's ARN: it must only be
// present and of a sane length.
func validExisting(field, id string) error {
	switch {
	case id == "":
		return goboto.Invalid(field, "", "is required")
	case len(id) > maxExistingNameLen:
		return goboto.Invalid(field, id, "is longer than "+strconv.Itoa(maxExistingNameLen)+" characters")
	}
	return nil
}

// ValidInstanceID reports whether id may name a new DB instance: 1 to 63
// letters, digits or hyphens, starting with a letter, not ending with a
// hyphen, no two hyphens in a row.
func ValidInstanceID(id string) error { return validName("DBInstanceIdentifier", id, maxInstanceID) }

// ValidSnapshotID is ValidInstanceID for DB snapshot identifiers, which
// may be up to 255 characters long.
func ValidSnapshotID(id string) error { return validName("DBSnapshotIdentifier", id, maxSnapshotID) }

// ValidSecurityGroupName is ValidInstanceID for DB security group names,
// up to 255 characters; "default" is RDS's own and cannot be created.
func ValidSecurityGroupName(name string) error {
	if err := validName("DBSecurityGroupName", name, maxSecurityGroup); err != nil {
		return err
	}
	if strings.EqualFold(name, "default") {
		return goboto.Invalid("DBSecurityGroupName", name, "is reserved by RDS")
	}
	return nil
}

// ValidParameterGroupName is ValidInstanceID for new parameter group
// names, up to 255 characters. RDS's default groups (default.mysql8.0)
// break the rule with their dots; they cannot be created, only used.
func ValidParameterGroupName(name string) error {
	return validName("DBParameterGroupName", name, maxParameterGroup)
}

// validMasterUsername checks the master user name: 1 to 16 letters,
// digits or underscores, starting with a letter. Each engine reserves
// some words too; RDS refuses those itself.
func validMasterUsername(name string) error {
	switch {
	case name == "":
		return goboto.Invalid("MasterUsername", "", "is required")
	case len(name) > maxMasterUsername:
		return goboto.Invalid("MasterUsername", name, "is longer than 16 characters")
	case !isLetter(name[0]):
		return goboto.Invalid("MasterUsername", name, "must start with a letter")
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '_' {
			return goboto.Invalid("MasterUsername", name, "must contain only letters, digits and underscores")
		}
	}
	return nil
}
