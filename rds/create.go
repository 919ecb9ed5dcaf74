package rds

import (
	"context"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// InstanceOptions describe a new DB instance for CreateDBInstance.
type InstanceOptions struct {
	ID               string // DBInstanceIdentifier, required
	AllocatedStorage int32  // GiB, required; the range depends on Engine and StorageType
	Class            string // db.t3.micro, ...; required
	Engine           string // mysql, postgres, mariadb, ...; required
	EngineVersion    string // "" for RDS's default version
	// StorageType is gp2, gp3, io1, io2 or standard; "" lets RDS choose:
	// io1 when Iops is given, gp3 otherwise. Say gp3 to provision gp3's
	// Iops or StorageThroughput.
	StorageType string
	// Iops provisions IOPS: required for io1 and io2; for gp3 only from
	// the engine's striping threshold (400 GiB for MySQL, MariaDB and
	// PostgreSQL, 200 for Oracle; 12000-64000 there), any size for SQL
	// Server (3000-16000). 0 leaves RDS's baseline.
	Iops int32
	// StorageThroughput provisions gp3 throughput in MiBps: 500-4000 from
	// the threshold (125-1000 for SQL Server), at most 0.25 MiBps per
	// IOPS. 0 leaves RDS's baseline.
	StorageThroughput int32
	MasterUsername    string // required
	MasterPassword    Password
	DBName            string // a database to create; "" for none
	Port              int32  // 1150-65535 but SQL Server's reserved ports; 0 for the engine's default (3306, 5432, ...)
	AvailabilityZone  string
	MultiAZ           bool
	ParameterGroup    string // "" for the engine's default group
	// SubnetGroup is the DB subnet group (DBSubnetGroupName) whose VPC
	// and zones the instance runs in; "" for the default VPC's.
	SubnetGroup string
	// SecurityGroups are DB security groups, which only accounts without
	// a default VPC (EC2-Classic) can use; today's instances take
	// VPCSecurityGroupIDs.
	SecurityGroups      []string
	VPCSecurityGroupIDs []string
	// BackupRetentionDays keeps automated backups that many days (0-35);
	// nil leaves RDS's default of one day, 0 turns backups off.
	BackupRetentionDays *int32
	BackupWindow        string // "hh24:mi-hh24:mi" UTC
	MaintenanceWindow   string // "ddd:hh24:mi-ddd:hh24:mi" UTC
	// Tags are put on the instance as it is created (at most 50; keys
	// 1-128 characters, values up to 256, neither starting with aws: or
	// rds:).
	Tags Tags
	// CopyTagsToSnapshot copies the instance's tags to its snapshots.
	CopyTagsToSnapshot bool
}

// check refuses what RDS would refuse, before anything is sent.
func (o InstanceOptions) check() error {
	if err := ValidInstanceID(o.ID); err != nil {
		return err
	}
	if err := validEngine(o.Engine); err != nil {
		return err
	}
	if err := ValidInstanceClass(o.Class); err != nil {
		return err
	}
	if err := checkOrderable(o.Engine, o.EngineVersion, o.Class); err != nil {
		return err
	}
	kind := storageKind(o.StorageType, o.Iops)
	if err := validStorage(o.Engine, kind, o.AllocatedStorage); err != nil {
		return err
	}
	if (kind == "io1" || kind == "io2") && o.Iops == 0 {
		return goboto.Invalid("Iops", "", "is required for "+kind+" storage")
	}
	if err := validPerformance(o.Engine, kind, o.AllocatedStorage, o.Iops, o.StorageThroughput, 0); err != nil {
		return err
	}
	if err := validMasterUsername(o.MasterUsername); err != nil {
		return err
	}
	if err := validPassword(o.Engine, string(o.MasterPassword)); err != nil {
		return err
	}
	if o.ParameterGroup != "" {
		if err := validExisting("DBParameterGroupName", o.ParameterGroup); err != nil {
			return err
		}
	}
	if len(o.SecurityGroups) > 0 && len(o.VPCSecurityGroupIDs) > 0 {
		return goboto.Invalid("DBSecurityGroups", "", "cannot be given with VpcSecurityGroupIds")
	}
	if err := validSubnetGroupUse(o.SubnetGroup, o.SecurityGroups); err != nil {
		return err
	}
	if err := validVPCGroups(o.VPCSecurityGroupIDs); err != nil {
		return err
	}
	if err := validPort(o.Engine, o.Port); err != nil {
		return err
	}
	if o.BackupRetentionDays != nil && (*o.BackupRetentionDays < 0 || *o.BackupRetentionDays > 35) {
		return goboto.Invalid("BackupRetentionPeriod", strconv.Itoa(int(*o.BackupRetentionDays)), "out of range 0-35")
	}
	if err := validBackupWindow(o.BackupWindow); err != nil {
		return err
	}
	if err := validMaintenanceWindow(o.MaintenanceWindow); err != nil {
		return err
	}
	return validTags("Tags", o.Tags)
}

// validPort refuses a port RDS would refuse: outside 1150-65535 for every
// engine, and the ports SQL Server keeps for itself when engine (which may
// be unknown, "") is SQL Server. 0 means the engine's default
// (CreateDBInstance) or the snapshot's port (Restore).
func validPort(engine string, port int32) error {
	if port == 0 {
		return nil
	}
	if port < 1150 || port > 65535 {
		return goboto.Invalid("Port", strconv.Itoa(int(port)), "out of range 1150-65535")
	}
	if isSQLServer(engine) &&
		(slices.Contains([]int32{1234, 1434, 3260, 3343, 3389, 47001}, port) || port >= 49152 && port <= 49156) {
		return goboto.Invalid("Port", strconv.Itoa(int(port)), "is reserved by SQL Server")
	}
	return nil
}

// CreateDBInstance starts a new DB instance (CreateDBInstance). The answer
// comes while the instance is still "creating"; Wait for
// InstanceAvailable before using its Endpoint. The identifier, storage,
// class, engine, master user and password, windows and port are checked
// against RDS's rules first, and a *goboto.ValidationError is returned
// without sending anything when one is broken. The password never appears
// in an error.
func (c *Conn) CreateDBInstance(ctx context.Context, o InstanceOptions) (*DBInstance, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in := &rds.CreateDBInstanceInput{
		DBInstanceIdentifier:       aws.String(o.ID),
		AllocatedStorage:           aws.Int32(o.AllocatedStorage),
		DBInstanceClass:            aws.String(o.Class),
		Engine:                     aws.String(o.Engine),
		MasterUsername:             aws.String(o.MasterUsername),
		MasterUserPassword:         aws.String(string(o.MasterPassword)),
		MultiAZ:                    aws.Bool(o.MultiAZ),
		DBSecurityGroups:           o.SecurityGroups,
		VpcSecurityGroupIds:        o.VPCSecurityGroupIDs,
		BackupRetentionPeriod:      o.BackupRetentionDays,
		EngineVersion:              optionalString(o.EngineVersion),
		StorageType:                optionalString(o.StorageType),
		DBName:                     optionalString(o.DBName),
		AvailabilityZone:           optionalString(o.AvailabilityZone),
		DBParameterGroupName:       optionalString(o.ParameterGroup),
		DBSubnetGroupName:          optionalString(o.SubnetGroup),
		PreferredBackupWindow:      optionalString(o.BackupWindow),
		PreferredMaintenanceWindow: optionalString(o.MaintenanceWindow),
	}
	in.Port, in.Iops, in.StorageThroughput = optionalInt32(o.Port), optionalInt32(o.Iops), optionalInt32(o.StorageThroughput)
	in.Tags = o.Tags.v2()
	if o.CopyTagsToSnapshot {
		in.CopyTagsToSnapshot = aws.Bool(true)
	}
	out, err := client.CreateDBInstance(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	i := c.DBInstance(o.ID)
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return i, nil
}

// ModifyOptions are changes to a DB instance for Modify. Zero fields are
// left as they are.
type ModifyOptions struct {
	Class               string
	AllocatedStorage    int32 // GiB; RDS only grows storage
	StorageType         string
	Iops                int32 // gp3 (by InstanceOptions' rules), io1 or io2
	StorageThroughput   int32 // gp3 only, MiBps
	ParameterGroup      string
	MasterPassword      Password
	MultiAZ             *bool
	SecurityGroups      []string // DB security groups, replacing the current ones
	VPCSecurityGroupIDs []string
	BackupWindow        string
	MaintenanceWindow   string
	// ApplyImmediately applies the changes now, at the cost of an outage
	// for some (class, storage type); without it RDS holds them as
	// PendingValues until the next maintenance window. A new parameter
	// group always waits for a reboot.
	ApplyImmediately bool
}

// Modify changes the instance (ModifyDBInstance). Storage (its size,
// type, and the gp3 IOPS and throughput asked for) and password are
// checked against the engine's rules, which a bare handle learns with
// one DescribeDBInstances first; storage smaller than the current size is
// refused, as RDS cannot shrink it.
func (i *DBInstance) Modify(ctx context.Context, o ModifyOptions) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	if o.Class != "" {
		if err := ValidInstanceClass(o.Class); err != nil {
			return err
		}
	}
	if err := checkClassFor(i.Engine, i.EngineVersion, o.Class); err != nil {
		return err
	}
	if err := validVPCGroups(o.VPCSecurityGroupIDs); err != nil {
		return err
	}
	if len(o.SecurityGroups) > 0 && len(o.VPCSecurityGroupIDs) > 0 {
		return goboto.Invalid("DBSecurityGroups", "", "cannot be given with VpcSecurityGroupIds")
	}
	if err := validBackupWindow(o.BackupWindow); err != nil {
		return err
	}
	if err := validMaintenanceWindow(o.MaintenanceWindow); err != nil {
		return err
	}
	storage := o.AllocatedStorage != 0 || o.StorageType != "" || o.Iops != 0 || o.StorageThroughput != 0
	if (storage || o.MasterPassword != "") && i.Engine == "" {
		if err := i.Refresh(ctx); err != nil {
			return err
		}
	}
	if storage {
		gib := o.AllocatedStorage
		if gib == 0 {
			gib = i.AllocatedStorage
		}
		if err := validStorageChange(i.Engine, i.StorageType, i.Iops, gib, o.StorageType, o.Iops, o.StorageThroughput); err != nil {
			return err
		}
		if gib < i.AllocatedStorage {
			return goboto.Invalid("AllocatedStorage", strconv.Itoa(int(gib)),
				"is below the current "+strconv.Itoa(int(i.AllocatedStorage))+" GiB; RDS cannot shrink storage")
		}
	}
	if o.MasterPassword != "" {
		if err := validPassword(i.Engine, string(o.MasterPassword)); err != nil {
			return err
		}
	}
	in := &rds.ModifyDBInstanceInput{
		DBInstanceIdentifier:       aws.String(i.ID),
		ApplyImmediately:           aws.Bool(o.ApplyImmediately),
		MultiAZ:                    o.MultiAZ,
		DBSecurityGroups:           o.SecurityGroups,
		VpcSecurityGroupIds:        o.VPCSecurityGroupIDs,
		DBInstanceClass:            optionalString(o.Class),
		StorageType:                optionalString(o.StorageType),
		DBParameterGroupName:       optionalString(o.ParameterGroup),
		MasterUserPassword:         optionalString(string(o.MasterPassword)),
		PreferredBackupWindow:      optionalString(o.BackupWindow),
		PreferredMaintenanceWindow: optionalString(o.MaintenanceWindow),
	}
	in.AllocatedStorage = optionalInt32(o.AllocatedStorage)
	in.Iops, in.StorageThroughput = optionalInt32(o.Iops), optionalInt32(o.StorageThroughput)
	out, err := client.ModifyDBInstance(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return nil
}
