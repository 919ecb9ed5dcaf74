package rdstest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The shapes RDS accepts, compiled once. They are never written after
// initialisation, and a *regexp.Regexp is safe for concurrent use.
var (
	classPattern             = regexp.MustCompile(`^db\.[a-z][a-z0-9-]*\.(micro|small|medium|large|metal|[0-9]*xlarge)$`)
	backupWindowPattern      = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$`)
	maintenanceWindowPattern = regexp.MustCompile(`^(?i)(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$`)
	vpcGroupPattern          = regexp.MustCompile(`^sg-[0-9a-f]{8}([0-9a-f]{9})?$`)
	accountPattern           = regexp.MustCompile(`^\d{12}$`)
)

// engineOf returns the engine named name (RDS engine names are lower case).
func (c *catalog) engineOf(name string) (*engine, error) {
	if e, ok := c.engines[strings.ToLower(name)]; ok {
		return e, nil
	}
	return nil, invalidValue("Invalid DB engine: %s", name)
}

// checkVersion returns the minor version a request's EngineVersion
// means: the engine's default when it is empty, the major version's
// default for a major version alone (RDS for PostgreSQL release notes:
// "If you specify the major version but not the minor version, Amazon RDS
// defaults to a recent release of the major version"), or the version
// itself when RDS offers it. Any other is refused as RDS refuses it.
func (e *engine) checkVersion(version string) (string, error) {
	v, _, ok := e.Resolve(version)
	if !ok {
		return "", invalidCombination("Cannot find version %s for %s", version, e.name)
	}
	return v, nil
}

// checkClass refuses a class that is not shaped like one
// (db.<family>.<size>) with InvalidParameterValue, and one RDS does not
// offer for the engine version (DescribeOrderableDBInstanceOptions) with
// InvalidParameterCombination, as RDS does.
func (c *catalog) checkClass(class string, e *engine, version string) error {
	if !classPattern.MatchString(class) {
		return invalidValue("Invalid DB Instance class: %s", class)
	}
	if _, m, ok := e.Resolve(version); !ok || !slices.Contains(m.Classes, class) {
		return invalidCombination("RDS does not support creating a DB instance with the following combination: DBInstanceClass=%s, Engine=%s, EngineVersion=%s, LicenseModel=%s. For supported combinations of instance class and database engine version, see the documentation.",
			class, e.name, version, licenseModel(e.name))
	}
	return nil
}

// checkStorage applies the engine's storage range, which RDS gives gp2
// and gp3 alike for MySQL and PostgreSQL.
func (e *engine) checkStorage(storageType string, gib int) error {
	if gib < e.minStorage || gib > e.maxStorage {
		return invalidCombination("Invalid storage size for engine name %s and storage type %s: %d", e.name, storageType, gib)
	}
	return nil
}

// checkPassword applies the engine's master password rules: its length
// range, printable ASCII, and none of / " @ or space.
func (e *engine) checkPassword(pw string) error {
	if pw == "" {
		return invalidValue("The parameter MasterUserPassword must be provided and must not be blank.")
	}
	if len(pw) < e.minPass {
		return invalidValue("The parameter MasterUserPassword is not a valid password because it is shorter than %d characters.", e.minPass)
	}
	if len(pw) > e.maxPass {
		return invalidValue("The parameter MasterUserPassword is not a valid password because it is longer than %d characters.", e.maxPass)
	}
	for i := 0; i < len(pw); i++ {
		if c := pw[i]; c < 0x21 || c > 0x7e || c == '/' || c == '"' || c == '@' {
			return invalidValue("The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.")
		}
	}
	return nil
}

// checkUser applies the engine's master user name rules: a letter, then
// letters, digits or underscores, up to the engine's length, and not a
// name RDS reserves.
func (e *engine) checkUser(user string) error {
	if user == "" {
		return invalidValue("The parameter MasterUsername must be provided and must not be blank.")
	}
	ok := len(user) <= e.maxUser && isLetter(user[0])
	for i := 0; ok && i < len(user); i++ {
		c := user[i]
		ok = isLetter(c) || c >= '0' && c <= '9' || c == '_'
	}
	if !ok {
		return invalidValue("The parameter MasterUsername is not a valid identifier: it must begin with a letter, contain only letters, digits and underscores, and be at most %d characters long.", e.maxUser)
	}
	if slices.Contains([]string{"rdsadmin", "rdsrepladmin", "rds_superuser"}, strings.ToLower(user)) {
		return invalidValue("MasterUsername %s cannot be used as it is a reserved word used by the engine", user)
	}
	return nil
}

func checkPort(port int) error {
	if port < 1150 || port > 65535 {
		return invalidValue("Invalid port %d: must be between 1150 and 65535.", port)
	}
	return nil
}

func checkRetention(days int) error {
	if days < 0 || days > 35 {
		return invalidValue("Invalid backup retention period %d: must be between 0 and 35 days.", days)
	}
	return nil
}

// checkWindow validates a backup window (hh24:mi-hh24:mi, at least 30
// minutes) or, with day set, a maintenance window
// (ddd:hh24:mi-ddd:hh24:mi).
func checkWindow(param, v string, day bool) error {
	re := backupWindowPattern
	if day {
		re = maintenanceWindowPattern
	}
	if !re.MatchString(v) {
		return invalidValue("Invalid %s format: %s", param, v)
	}
	if !day {
		from, to, _ := strings.Cut(v, "-")
		d := minutes(to) - minutes(from)
		if d < 0 {
			d += 24 * 60
		}
		if d < 30 {
			return invalidValue("The backup window must be at least 30 minutes.")
		}
	}
	return nil
}

func minutes(hhmm string) int {
	h, _ := strconv.Atoi(hhmm[:2])
	m, _ := strconv.Atoi(hhmm[3:5])
	return h*60 + m
}

// checkVpcGroups validates VPC security group IDs' shape.
func checkVpcGroups(ids []string) error {
	for _, id := range ids {
		if !vpcGroupPattern.MatchString(id) {
			return invalidValue("Invalid security group , groupId= %s", id)
		}
	}
	return nil
}
