package rds

import (
	"context"
	"iter"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SnapshotState is a DB snapshot's status, as DBSnapshot.Status holds
// it and DBSnapshot.Wait waits for it.
type SnapshotState string

// DB snapshot statuses goboto's waits know; Status holds whatever RDS
// says.
const (
	SnapshotCreating  SnapshotState = "creating"
	SnapshotAvailable SnapshotState = "available"
	SnapshotFailed    SnapshotState = "failed"
	SnapshotDeleting  SnapshotState = "deleting"
	// SnapshotDeleted is no status RDS reports: it is what Wait calls a
	// snapshot RDS no longer knows.
	SnapshotDeleted SnapshotState = "deleted"
)

// SnapshotType is the kind of a DB snapshot: who made it, or how this
// account sees it.
type SnapshotType string

// The snapshot types RDS reports and DescribeDBSnapshots filters by.
const (
	SnapshotManual    SnapshotType = "manual"
	SnapshotAutomated SnapshotType = "automated"
	SnapshotShared    SnapshotType = "shared"
	SnapshotPublic    SnapshotType = "public"
)

// DBSnapshot is a handle on a DB snapshot. Conn.DBSnapshot makes one that
// knows only its identifier (for another account's shared snapshot, its
// ARN); Refresh, DBInstance.CreateSnapshot, Copy and DBSnapshots fill in
// the rest. A handle is not safe for concurrent use while a method
// updates it.
type DBSnapshot struct {
	conn *Conn

	ID                string
	ARN               string
	InstanceID        string
	Status            SnapshotState
	Type              SnapshotType // manual, automated; shared in another account's listing
	Engine            string
	EngineVersion     string
	AllocatedStorage  int32
	StorageType       string
	Iops              int32
	StorageThroughput int32
	Port              int32
	AvailabilityZone  string
	MasterUsername    string
	Encrypted         bool
	PercentProgress   int32
	CreateTime        time.Time
	SourceID          string // the snapshot this one was copied from
}

// DBSnapshot returns a handle on the snapshot id in the connection's
// region. It does no I/O.
func (c *Conn) DBSnapshot(id string) *DBSnapshot { return &DBSnapshot{conn: c, ID: id} }

// Conn returns the connection the snapshot belongs to.
func (s *DBSnapshot) Conn() *Conn { return s.conn }

// String returns "DBSnapshot:<id>", as boto prints snapshots.
func (s *DBSnapshot) String() string { return "DBSnapshot:" + s.ID }

func (s *DBSnapshot) set(x types.DBSnapshot) {
	*s = DBSnapshot{conn: s.conn,
		ID:                aws.ToString(x.DBSnapshotIdentifier),
		ARN:               aws.ToString(x.DBSnapshotArn),
		InstanceID:        aws.ToString(x.DBInstanceIdentifier),
		Status:            SnapshotState(aws.ToString(x.Status)),
		Type:              SnapshotType(aws.ToString(x.SnapshotType)),
		Engine:            aws.ToString(x.Engine),
		EngineVersion:     aws.ToString(x.EngineVersion),
		AllocatedStorage:  aws.ToInt32(x.AllocatedStorage),
		StorageType:       aws.ToString(x.StorageType),
		Iops:              aws.ToInt32(x.Iops),
		StorageThroughput: aws.ToInt32(x.StorageThroughput),
		Port:              aws.ToInt32(x.Port),
		AvailabilityZone:  aws.ToString(x.AvailabilityZone),
		MasterUsername:    aws.ToString(x.MasterUsername),
		Encrypted:         aws.ToBool(x.Encrypted),
		PercentProgress:   aws.ToInt32(x.PercentProgress),
		CreateTime:        aws.ToTime(x.SnapshotCreateTime),
		SourceID:          aws.ToString(x.SourceDBSnapshotIdentifier),
	}
}

// SnapshotOptions describe the manual snapshot DBInstance.CreateSnapshot
// takes.
type SnapshotOptions struct {
	ID string // DBSnapshotIdentifier, required
	// Tags are put on the snapshot; without any, an instance with
	// CopyTagsToSnapshot gives it its own.
	Tags Tags
}

// CreateSnapshot takes a manual snapshot of the instance
// (CreateDBSnapshot), which starts "creating"; Wait for SnapshotAvailable.
func (i *DBInstance) CreateSnapshot(ctx context.Context, o SnapshotOptions) (*DBSnapshot, error) {
	if err := ValidInstanceID(i.ID); err != nil {
		return nil, err
	}
	if err := ValidSnapshotID(o.ID); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := i.conn.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateDBSnapshot(ctx, &rds.CreateDBSnapshotInput{
		DBInstanceIdentifier: aws.String(i.ID), DBSnapshotIdentifier: aws.String(o.ID), Tags: o.Tags.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	s := i.conn.DBSnapshot(o.ID)
	if out.DBSnapshot != nil {
		s.set(*out.DBSnapshot)
	}
	return s, nil
}

// isARN reports whether id is an ARN, how another account's shared
// snapshot is named.
func isARN(id string) bool { return strings.HasPrefix(id, "arn:") }

// Refresh reads the snapshot's current description into s
// (DescribeDBSnapshots). A snapshot shared by another account is found by
// its ARN. A snapshot RDS does not know, or no longer shares with this
// account, is a *goboto.APIError DBSnapshotNotFound, for which
// goboto.IsNotFound is true.
func (s *DBSnapshot) Refresh(ctx context.Context) error {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return err
	}
	client, err := s.conn.api()
	if err != nil {
		return err
	}
	in := &rds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String(s.ID)}
	if isARN(s.ID) {
		in.IncludeShared = aws.Bool(true)
	}
	out, err := client.DescribeDBSnapshots(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.DBSnapshots {
		if !strings.EqualFold(aws.ToString(x.DBSnapshotIdentifier), s.ID) && aws.ToString(x.DBSnapshotArn) != s.ID {
			continue
		}
		id := s.ID
		s.set(x)
		if isARN(id) && s.ARN == "" {
			s.ARN = id
		}
		return nil
	}
	return core.NotFound(out.ResultMetadata, "RDS", "DescribeDBSnapshots", "DBSnapshotNotFound",
		"DBSnapshot "+s.ID+" not found.")
}

// SnapshotFilter narrows DBSnapshots. Zero fields do not filter.
type SnapshotFilter struct {
	InstanceID string       // snapshots of this instance
	Type       SnapshotType // SnapshotManual, SnapshotAutomated, SnapshotShared, SnapshotPublic
	// IncludeShared adds snapshots other accounts shared with this one.
	IncludeShared bool
	IncludePublic bool
}

// DBSnapshots lists the snapshots that match f (DescribeDBSnapshots),
// fetching pages as the loop needs them. An error is yielded once, last.
// It takes PageSize.
func (c *Conn) DBSnapshots(ctx context.Context, f SnapshotFilter, opts ...ListOption) iter.Seq2[*DBSnapshot, error] {
	return func(yield func(*DBSnapshot, error) bool) {
		o, err := listOptions("DBSnapshots", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &rds.DescribeDBSnapshotsInput{MaxRecords: o.maxRecords()}
		if f.InstanceID != "" {
			if err := validExisting("DBInstanceIdentifier", f.InstanceID); err != nil {
				yield(nil, err)
				return
			}
			in.DBInstanceIdentifier = aws.String(f.InstanceID)
		}
		if f.Type != "" {
			in.SnapshotType = aws.String(string(f.Type))
		}
		if f.IncludeShared {
			in.IncludeShared = aws.Bool(true)
		}
		if f.IncludePublic {
			in.IncludePublic = aws.Bool(true)
		}
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeDBSnapshotsPaginator(client, in)
		each(ctx, yield, p, func(o *rds.DescribeDBSnapshotsOutput) []types.DBSnapshot { return o.DBSnapshots },
			func(x types.DBSnapshot) *DBSnapshot { s := c.DBSnapshot(""); s.set(x); return s })
	}
}

// Delete deletes the snapshot (DeleteDBSnapshot). RDS refuses while it is
// still being created.
func (s *DBSnapshot) Delete(ctx context.Context) error {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return err
	}
	client, err := s.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DeleteDBSnapshot(ctx, &rds.DeleteDBSnapshotInput{DBSnapshotIdentifier: aws.String(s.ID)})
	if err != nil {
		return core.Error(err)
	}
	if out.DBSnapshot != nil {
		s.set(*out.DBSnapshot)
	}
	return nil
}

// CopyOptions describe the snapshot Copy makes.
type CopyOptions struct {
	ID string // TargetDBSnapshotIdentifier, required
	// Tags are put on the copy.
	Tags Tags
	// CopyTags copies the source snapshot's tags to the copy when Tags
	// is empty; RDS never merges the two, so Tags given replace them.
	CopyTags bool
}

// Copy copies the snapshot, in the same region, to a new manual snapshot
// (CopyDBSnapshot). A snapshot shared by another account is copied by its
// ARN, which makes it this account's own.
func (s *DBSnapshot) Copy(ctx context.Context, o CopyOptions) (*DBSnapshot, error) {
	if err := validExisting("SourceDBSnapshotIdentifier", s.ID); err != nil {
		return nil, err
	}
	if err := ValidSnapshotID(o.ID); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := s.conn.api()
	if err != nil {
		return nil, err
	}
	in := &rds.CopyDBSnapshotInput{
		SourceDBSnapshotIdentifier: aws.String(s.ID), TargetDBSnapshotIdentifier: aws.String(o.ID), Tags: o.Tags.v2()}
	if o.CopyTags {
		in.CopyTags = aws.Bool(true)
	}
	out, err := client.CopyDBSnapshot(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	c := s.conn.DBSnapshot(o.ID)
	if out.DBSnapshot != nil {
		c.set(*out.DBSnapshot)
	}
	return c, nil
}

// RestoreOptions describe the instance Restore makes. Zero fields take
// the snapshot's settings or RDS's defaults.
type RestoreOptions struct {
	ID    string // DBInstanceIdentifier of the new instance, required
	Class string
	// Port is 1150-65535, and not one SQL Server reserves when the handle
	// knows the snapshot's engine (after Refresh, or from DBSnapshots); 0
	// keeps the port of the instance the snapshot was taken from.
	Port                int32
	AvailabilityZone    string
	MultiAZ             bool
	ParameterGroup      string
	VPCSecurityGroupIDs []string
	// SubnetGroup is the DB subnet group the new instance runs in; ""
	// for the default VPC's.
	SubnetGroup string
	// StorageType, Iops and StorageThroughput change the snapshot's
	// storage; "" and 0 keep it. When the handle knows the snapshot's
	// engine and size, they are checked as InstanceOptions' are.
	StorageType       string
	Iops              int32
	StorageThroughput int32
	// Tags are put on the new instance; without any, RDS gives it the
	// tags of the snapshot's source.
	Tags Tags
}

// Restore creates a new instance from the snapshot
// (RestoreDBInstanceFromDBSnapshot); it starts "creating", so Wait for
// InstanceAvailable. Another account's shared snapshot is restored by its
// ARN. The new identifier, class, port and storage are checked first, by
// the rules CreateDBInstance applies, and a *goboto.ValidationError is
// returned without sending anything when one is broken.
func (s *DBSnapshot) Restore(ctx context.Context, o RestoreOptions) (*DBInstance, error) {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return nil, err
	}
	if err := ValidInstanceID(o.ID); err != nil {
		return nil, err
	}
	if o.Class != "" {
		if err := ValidInstanceClass(o.Class); err != nil {
			return nil, err
		}
	}
	if err := checkClassFor(s.Engine, s.EngineVersion, o.Class); err != nil {
		return nil, err
	}
	if err := validSubnetGroupUse(o.SubnetGroup, nil); err != nil {
		return nil, err
	}
	if err := validVPCGroups(o.VPCSecurityGroupIDs); err != nil {
		return nil, err
	}
	if err := validPort(s.Engine, o.Port); err != nil {
		return nil, err
	}
	if err := o.checkStorage(s); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := s.conn.api()
	if err != nil {
		return nil, err
	}
	in := &rds.RestoreDBInstanceFromDBSnapshotInput{
		DBSnapshotIdentifier: aws.String(s.ID),
		DBInstanceIdentifier: aws.String(o.ID),
		VpcSecurityGroupIds:  o.VPCSecurityGroupIDs,
		DBInstanceClass:      optionalString(o.Class),
		AvailabilityZone:     optionalString(o.AvailabilityZone),
		DBParameterGroupName: optionalString(o.ParameterGroup),
		DBSubnetGroupName:    optionalString(o.SubnetGroup),
		StorageType:          optionalString(o.StorageType),
		Tags:                 o.Tags.v2(),
	}
	if o.MultiAZ {
		in.MultiAZ = aws.Bool(true)
	}
	in.Port, in.Iops, in.StorageThroughput = optionalInt32(o.Port), optionalInt32(o.Iops), optionalInt32(o.StorageThroughput)
	out, err := client.RestoreDBInstanceFromDBSnapshot(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	inst := s.conn.DBInstance(o.ID)
	if out.DBInstance != nil {
		inst.set(*out.DBInstance)
	}
	return inst, nil
}

// checkStorage checks the storage o asks of a restore of s, where s
// knows its engine, size and type (after Refresh or from DBSnapshots).
func (o RestoreOptions) checkStorage(s *DBSnapshot) error {
	// Unlike Modify, a restore whose storage type is unknown is left to RDS.
	if o.StorageType == "" && s.StorageType == "" || s.AllocatedStorage == 0 || s.Engine == "" {
		return nil
	}
	return validStorageChange(s.Engine, s.StorageType, s.Iops, s.AllocatedStorage, o.StorageType, o.Iops, o.StorageThroughput)
}

// Wait polls the snapshot (DescribeDBSnapshots, through Refresh) until it
// is in state: SnapshotAvailable, SnapshotDeleted, or any status RDS
// reports. Waiting for available fails with a *goboto.StateError if the
// snapshot fails or disappears.
func (s *DBSnapshot) Wait(ctx context.Context, state SnapshotState, opts ...goboto.WaitOption) error {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return err
	}
	if state == "" {
		return goboto.Invalid("State", "", "is required")
	}
	if _, err := s.conn.api(); err != nil {
		return err
	}
	w := core.Wait{Resource: "DB snapshot", ID: s.ID, Want: string(state), Gone: string(SnapshotDeleted),
		Poll: func(ctx context.Context) (string, error) {
			if err := s.Refresh(ctx); err != nil {
				return "", err
			}
			return string(s.Status), nil
		},
	}
	if state == SnapshotAvailable {
		w.Failure = []string{string(SnapshotFailed), string(SnapshotDeleting), string(SnapshotDeleted)}
	}
	return wait(ctx, w, opts)
}
