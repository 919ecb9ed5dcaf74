package rds

import (
	"context"
	"iter"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// InstanceState is a DB instance's status, as DBInstance.Status holds
// it and DBInstance.Wait waits for it.
type InstanceState string

// DB instance statuses goboto's waits know. RDS has more (storage-full,
// upgrading, ...); Status holds whatever it says, and any of them can be
// waited for.
const (
	InstanceCreating  InstanceState = "creating"
	InstanceBackingUp InstanceState = "backing-up"
	InstanceAvailable InstanceState = "available"
	InstanceModifying InstanceState = "modifying"
	InstanceRebooting InstanceState = "rebooting"
	InstanceDeleting  InstanceState = "deleting"
	InstanceFailed    InstanceState = "failed"
	InstanceStopping  InstanceState = "stopping"
	InstanceStopped   InstanceState = "stopped"
	InstanceStarting  InstanceState = "starting"
	// InstanceDeleted is no status RDS reports: it is what Wait calls an
	// instance RDS no longer knows.
	InstanceDeleted InstanceState = "deleted"
)

// Endpoint is where a DB instance accepts connections.
type Endpoint struct {
	Address string // e.g. mydb.c9akciq32.us-east-1.rds.amazonaws.com
	Port    int32
}

// String returns "host:port", "" before RDS has assigned an address.
func (e Endpoint) String() string {
	if e.Address == "" {
		return ""
	}
	return net.JoinHostPort(e.Address, strconv.Itoa(int(e.Port)))
}

// GroupStatus is a group an instance belongs to and how far RDS has got
// with it: a parameter group "in-sync" or "pending-reboot", a security
// group "active" or "adding".
type GroupStatus struct {
	Name   string // group name; for VPC security groups the sg- ID
	Status string
}

// PendingValues are modifications RDS holds for the next maintenance
// window (or is applying now). Zero fields are not pending.
type PendingValues struct {
	Class             string
	AllocatedStorage  int32
	StorageType       string
	Iops              int32
	StorageThroughput int32
	EngineVersion     string
	MultiAZ           *bool
	MasterPassword    bool // a new master password is pending; RDS never says which
}

// DBInstance is a handle on a DB instance. Conn.DBInstance makes one that
// knows only its identifier; Refresh, CreateDBInstance and DBInstances
// fill in the rest. A handle is not safe for concurrent use while a
// method updates it.
type DBInstance struct {
	conn *Conn

	ID                        string
	ARN                       string
	Status                    InstanceState
	Class                     string
	Engine                    string
	EngineVersion             string
	AllocatedStorage          int32 // GiB
	StorageType               string
	Iops                      int32 // gp3's baseline or provisioned IOPS, io1's and io2's; 0 for gp2
	StorageThroughput         int32 // gp3's throughput in MiBps
	MasterUsername            string
	DBName                    string
	Endpoint                  Endpoint
	AvailabilityZone          string
	SecondaryAvailabilityZone string
	MultiAZ                   bool
	ParameterGroups           []GroupStatus
	SecurityGroups            []GroupStatus // DB security groups
	VPCSecurityGroups         []GroupStatus
	// SubnetGroup is the DB subnet group the instance runs in, with its
	// VPC and subnets as DescribeDBInstances reports them; nil for an
	// instance outside a VPC.
	SubnetGroup                *DBSubnetGroup
	BackupRetentionPeriod      int32 // days
	PreferredBackupWindow      string
	PreferredMaintenanceWindow string
	CreateTime                 time.Time
	Pending                    PendingValues
}

// DBInstance returns a handle on the DB instance id in the connection's
// region. It does no I/O.
func (c *Conn) DBInstance(id string) *DBInstance { return &DBInstance{conn: c, ID: id} }

// Conn returns the connection the instance belongs to.
func (i *DBInstance) Conn() *Conn { return i.conn }

// String returns "DBInstance:<id>", as boto prints instances.
func (i *DBInstance) String() string { return "DBInstance:" + i.ID }

func (i *DBInstance) set(x types.DBInstance) {
	*i = DBInstance{conn: i.conn,
		ID:                         aws.ToString(x.DBInstanceIdentifier),
		ARN:                        aws.ToString(x.DBInstanceArn),
		Status:                     InstanceState(aws.ToString(x.DBInstanceStatus)),
		Class:                      aws.ToString(x.DBInstanceClass),
		Engine:                     aws.ToString(x.Engine),
		EngineVersion:              aws.ToString(x.EngineVersion),
		AllocatedStorage:           aws.ToInt32(x.AllocatedStorage),
		StorageType:                aws.ToString(x.StorageType),
		Iops:                       aws.ToInt32(x.Iops),
		StorageThroughput:          aws.ToInt32(x.StorageThroughput),
		MasterUsername:             aws.ToString(x.MasterUsername),
		DBName:                     aws.ToString(x.DBName),
		AvailabilityZone:           aws.ToString(x.AvailabilityZone),
		SecondaryAvailabilityZone:  aws.ToString(x.SecondaryAvailabilityZone),
		MultiAZ:                    aws.ToBool(x.MultiAZ),
		BackupRetentionPeriod:      aws.ToInt32(x.BackupRetentionPeriod),
		PreferredBackupWindow:      aws.ToString(x.PreferredBackupWindow),
		PreferredMaintenanceWindow: aws.ToString(x.PreferredMaintenanceWindow),
		CreateTime:                 aws.ToTime(x.InstanceCreateTime),
	}
	if x.Endpoint != nil {
		i.Endpoint = Endpoint{Address: aws.ToString(x.Endpoint.Address), Port: aws.ToInt32(x.Endpoint.Port)}
	}
	for _, g := range x.DBParameterGroups {
		i.ParameterGroups = append(i.ParameterGroups, GroupStatus{aws.ToString(g.DBParameterGroupName), aws.ToString(g.ParameterApplyStatus)})
	}
	for _, g := range x.DBSecurityGroups {
		i.SecurityGroups = append(i.SecurityGroups, GroupStatus{aws.ToString(g.DBSecurityGroupName), aws.ToString(g.Status)})
	}
	for _, g := range x.VpcSecurityGroups {
		i.VPCSecurityGroups = append(i.VPCSecurityGroups, GroupStatus{aws.ToString(g.VpcSecurityGroupId), aws.ToString(g.Status)})
	}
	if x.DBSubnetGroup != nil {
		i.SubnetGroup = i.conn.DBSubnetGroup("")
		i.SubnetGroup.set(*x.DBSubnetGroup)
	}
	if p := x.PendingModifiedValues; p != nil {
		i.Pending = PendingValues{
			Class:             aws.ToString(p.DBInstanceClass),
			AllocatedStorage:  aws.ToInt32(p.AllocatedStorage),
			StorageType:       aws.ToString(p.StorageType),
			Iops:              aws.ToInt32(p.Iops),
			StorageThroughput: aws.ToInt32(p.StorageThroughput),
			EngineVersion:     aws.ToString(p.EngineVersion),
			MultiAZ:           p.MultiAZ,
			MasterPassword:    p.MasterUserPassword != nil,
		}
	}
}

// Refresh reads the instance's current description into i
// (DescribeDBInstances): status, endpoint, groups, pending changes. An
// instance RDS does not know is a *goboto.APIError DBInstanceNotFound,
// for which goboto.IsNotFound is true.
func (i *DBInstance) Refresh(ctx context.Context) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(i.ID)})
	if err != nil {
		return core.Error(err)
	}
	// RDS keeps identifiers in lower case and takes an ARN too, so
	// either may name the instance asked for.
	for _, x := range out.DBInstances {
		if strings.EqualFold(aws.ToString(x.DBInstanceIdentifier), i.ID) || aws.ToString(x.DBInstanceArn) == i.ID {
			i.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "RDS", "DescribeDBInstances", "DBInstanceNotFound",
		"DBInstance "+i.ID+" not found.")
}

// DBInstances lists the account's DB instances in the region
// (DescribeDBInstances), fetching pages as the loop needs them; breaking
// out of the loop stops fetching. An error is yielded once, last. It
// takes PageSize.
func (c *Conn) DBInstances(ctx context.Context, opts ...ListOption) iter.Seq2[*DBInstance, error] {
	return func(yield func(*DBInstance, error) bool) {
		o, client, err := c.listClient("DBInstances", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeDBInstancesPaginator(client, &rds.DescribeDBInstancesInput{MaxRecords: o.maxRecords()})
		each(ctx, yield, p, func(o *rds.DescribeDBInstancesOutput) []types.DBInstance { return o.DBInstances },
			func(x types.DBInstance) *DBInstance { i := c.DBInstance(""); i.set(x); return i })
	}
}

// Reboot restarts the instance (RebootDBInstance); it goes through
// "rebooting" back to "available", picking up pending-reboot parameters.
func (i *DBInstance) Reboot(ctx context.Context) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	out, err := client.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String(i.ID)})
	if err != nil {
		return core.Error(err)
	}
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return nil
}

// DeleteOptions say what becomes of an instance's data when it is
// deleted. RDS insists on a choice: one of the two must be set.
type DeleteOptions struct {
	// FinalSnapshotID names a snapshot RDS takes before deleting.
	FinalSnapshotID string
	// SkipFinalSnapshot deletes without a final snapshot.
	SkipFinalSnapshot bool
}

// Delete deletes the instance (DeleteDBInstance), after a final snapshot
// unless o.SkipFinalSnapshot. Wait for InstanceDeleted to see it go.
func (i *DBInstance) Delete(ctx context.Context, o DeleteOptions) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	in := &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String(i.ID)}
	switch {
	case o.SkipFinalSnapshot && o.FinalSnapshotID != "":
		return goboto.Invalid("FinalDBSnapshotIdentifier", o.FinalSnapshotID, "cannot be given with SkipFinalSnapshot")
	case o.SkipFinalSnapshot:
		in.SkipFinalSnapshot = aws.Bool(true)
	case o.FinalSnapshotID != "":
		if err := ValidSnapshotID(o.FinalSnapshotID); err != nil {
			return err
		}
		in.FinalDBSnapshotIdentifier = aws.String(o.FinalSnapshotID)
	default:
		return goboto.Invalid("FinalDBSnapshotIdentifier", "", "is required unless SkipFinalSnapshot is set")
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DeleteDBInstance(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return nil
}

// Wait polls the instance (DescribeDBInstances, through Refresh) until it
// is in state: InstanceAvailable, InstanceDeleted, or any status RDS
// reports. Waiting for available fails with a *goboto.StateError when the
// instance fails, is deleted or is being deleted; waiting for deleted
// succeeds once RDS no longer knows the instance; waiting for stopped
// fails as waiting for available does on failed, deleting or deleted.
// Progress reports each status seen.
func (i *DBInstance) Wait(ctx context.Context, state InstanceState, opts ...goboto.WaitOption) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	if state == "" {
		return goboto.Invalid("State", "", "is required")
	}
	if _, err := i.conn.api(); err != nil {
		return err
	}
	w := core.Wait{Resource: "DB instance", ID: i.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := i.Refresh(ctx); err != nil {
				return "", err
			}
			return string(i.Status), nil
		},
	}
	switch state {
	case InstanceAvailable:
		w.Failure = []string{string(InstanceFailed), string(InstanceDeleting), string(InstanceDeleted), "incompatible-restore",
			"incompatible-parameters", "inaccessible-encryption-credentials"}
		w.Gone = string(InstanceDeleted)
	case InstanceDeleted:
		w.Gone = string(InstanceDeleted)
	case InstanceStopped:
		w.Failure = []string{string(InstanceFailed), string(InstanceDeleting), string(InstanceDeleted)}
		w.Gone = string(InstanceDeleted)
	}
	return wait(ctx, w, opts)
}

// Events lists the instance's events of the last duration (at most 14
// days; 0 means RDS's default, the last hour), oldest first
// (DescribeEvents). It takes PageSize.
func (i *DBInstance) Events(ctx context.Context, duration time.Duration, opts ...ListOption) iter.Seq2[*Event, error] {
	if err := ValidInstanceID(i.ID); err != nil {
		return fail[*Event](err)
	}
	return i.conn.Events(ctx, EventFilter{SourceType: SourceInstance, SourceID: i.ID, Duration: duration}, opts...)
}
