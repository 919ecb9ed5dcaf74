package ec2

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SnapshotState is a snapshot's state, as EC2 names it.
type SnapshotState string

// EC2's snapshot states.
const (
	SnapshotPending   SnapshotState = "pending"
	SnapshotCompleted SnapshotState = "completed"
	SnapshotError     SnapshotState = "error"
)

// Snapshot is a handle on an EBS snapshot. Conn.Snapshot makes one that
// knows only its ID; Refresh, Volume.CreateSnapshot, Copy and Snapshots
// fill in the rest. Like Instance, a handle is not safe for concurrent use
// while a method updates it.
type Snapshot struct {
	conn *Conn

	ID          string
	VolumeID    string
	VolumeSize  int32 // GiB
	State       SnapshotState
	Progress    string // "100%"
	StartTime   time.Time
	OwnerID     string
	OwnerAlias  string
	Description string
	Encrypted   bool
	KMSKeyID    string
	Tags        Tags
	// ProductCodes are the snapshot's product codes, nil until
	// LoadProductCodes reads them (DescribeSnapshots does not report
	// them), or as inherited from a volume whose codes were loaded.
	ProductCodes []ProductCode

	codesKnown bool // ProductCodes has been read
}

// Snapshot returns a handle on the snapshot id in the connection's
// region. It does no I/O.
func (c *Conn) Snapshot(id string) *Snapshot { return &Snapshot{conn: c, ID: id} }

// Conn returns the connection the snapshot belongs to; for a copy made in
// another region, a connection to that region.
func (s *Snapshot) Conn() *Conn { return s.conn }

// String returns "Snapshot:<id>", as boto prints snapshots.
func (s *Snapshot) String() string { return "Snapshot:" + s.ID }

func (s *Snapshot) set(x types.Snapshot) {
	// A snapshot's product codes never change, so a Refresh keeps them.
	codes, known := s.ProductCodes, s.codesKnown && s.ID == aws.ToString(x.SnapshotId)
	*s = Snapshot{conn: s.conn, ProductCodes: codes, codesKnown: known,
		ID:          aws.ToString(x.SnapshotId),
		VolumeID:    aws.ToString(x.VolumeId),
		VolumeSize:  aws.ToInt32(x.VolumeSize),
		State:       SnapshotState(x.State),
		Progress:    aws.ToString(x.Progress),
		StartTime:   aws.ToTime(x.StartTime),
		OwnerID:     aws.ToString(x.OwnerId),
		OwnerAlias:  aws.ToString(x.OwnerAlias),
		Description: aws.ToString(x.Description),
		Encrypted:   aws.ToBool(x.Encrypted),
		KMSKeyID:    aws.ToString(x.KmsKeyId),
		Tags:        tagsFromV2(x.Tags),
	}
}

// Refresh reads the snapshot's current description into s
// (DescribeSnapshots). An unknown ID, or one of another account's
// snapshots not shared with this one, fails with InvalidSnapshot.NotFound.
func (s *Snapshot) Refresh(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	out, err := s.conn.client.DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{SnapshotIds: []string{s.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Snapshots {
		if aws.ToString(x.SnapshotId) == s.ID {
			s.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeSnapshots", "InvalidSnapshot.NotFound", "snapshot", s.ID)
}

// Delete deletes the snapshot (DeleteSnapshot).
func (s *Snapshot) Delete(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	_, err := s.conn.client.DeleteSnapshot(ctx, &ec2.DeleteSnapshotInput{SnapshotId: aws.String(s.ID)})
	return core.Error(err)
}

// Wait polls the snapshot (DescribeSnapshots, through Refresh) until it is
// in state, usually completed. Waiting for completed fails with a
// *goboto.StateError if the snapshot goes to error, and a *goboto.WaitTimeoutError when
// time runs out.
func (s *Snapshot) Wait(ctx context.Context, state SnapshotState, opts ...goboto.WaitOption) error {
	if err := s.check(); err != nil {
		return err
	}
	w := core.Wait{Resource: "snapshot", ID: s.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := s.Refresh(ctx); err != nil {
				return "", err
			}
			return string(s.State), nil
		},
	}
	switch state {
	case SnapshotCompleted:
		w.Failure = []string{string(SnapshotError)}
	case SnapshotPending, SnapshotError:
	default:
		return goboto.Invalid("State", string(state), "is not a snapshot state")
	}
	return wait(ctx, w, opts)
}

// AddTag sets the tag key to value on the snapshot (CreateTags) and in
// s.Tags.
func (s *Snapshot) AddTag(ctx context.Context, key, value string) error {
	if err := s.check(); err != nil {
		return err
	}
	return addTag(ctx, s.conn, s.ID, &s.Tags, key, value)
}

// RemoveTag removes the tag key from the snapshot (DeleteTags) and s.Tags.
func (s *Snapshot) RemoveTag(ctx context.Context, key string) error {
	if err := s.check(); err != nil {
		return err
	}
	return removeTag(ctx, s.conn, s.ID, &s.Tags, key)
}

// Snapshots lists the snapshots that match f and opts
// (DescribeSnapshots), fetching pages as the loop needs them; breaking out
// of the loop stops fetching. An error is yielded once, last. It takes
// Owners, RestorableBy and PageSize, at least 5; EC2 answers at most
// 1,000 snapshots a page, however many more are asked for.
//
// Without Owners or RestorableBy EC2 lists every snapshot the account may
// use, public ones included, of which there are a great many in AWS
// regions; Owners("self") lists the account's own.
func (c *Conn) Snapshots(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Snapshot, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSnapshots", lo: 5, hi: 1000, capped: true,
		owners: true, restorableBy: true}, opts)
	if err != nil {
		return fail[*Snapshot](err)
	}
	return func(yield func(*Snapshot, error) bool) {
		in := &ec2.DescribeSnapshotsInput{Filters: f.v2(), OwnerIds: o.Owners, RestorableByUserIds: o.RestorableBy,
			MaxResults: o.maxResults()}
		p := ec2.NewDescribeSnapshotsPaginator(client, in)
		each(ctx, yield, p, func(o *ec2.DescribeSnapshotsOutput) []types.Snapshot { return o.Snapshots },
			func(x types.Snapshot) *Snapshot { s := c.Snapshot(""); s.set(x); return s })
	}
}

// Share lets the audience create volumes from the snapshot
// (ModifySnapshotAttribute, createVolumePermission add):
//
//	err := snap.Share(ctx, goboto.Accounts("123456789012"))
//
// Sharing with goboto.Everyone() makes the snapshot public. EC2 refuses to
// share an encrypted snapshot publicly, and one encrypted with the default
// key at all.
func (s *Snapshot) Share(ctx context.Context, a goboto.Audience) error {
	return s.modifyPermission(ctx, true, a)
}

// Unshare withdraws what Share granted (ModifySnapshotAttribute,
// createVolumePermission remove). Unsharing with an account the snapshot
// is not shared with succeeds.
func (s *Snapshot) Unshare(ctx context.Context, a goboto.Audience) error {
	return s.modifyPermission(ctx, false, a)
}

func (s *Snapshot) modifyPermission(ctx context.Context, add bool, a goboto.Audience) error {
	if err := s.check(); err != nil {
		return err
	}
	return createVolumePermissions().modify(ctx, add, a, func(ctx context.Context, add, remove []types.CreateVolumePermission) error {
		_, err := s.conn.client.ModifySnapshotAttribute(ctx, &ec2.ModifySnapshotAttributeInput{
			SnapshotId:             aws.String(s.ID),
			Attribute:              types.SnapshotAttributeNameCreateVolumePermission,
			CreateVolumePermission: &types.CreateVolumePermissionModifications{Add: add, Remove: remove},
		})
		return err
	})
}

// Permissions reports who besides its owner may create volumes from the
// snapshot (DescribeSnapshotAttribute, createVolumePermission); a zero
// Audience when nobody may.
func (s *Snapshot) Permissions(ctx context.Context) (goboto.Audience, error) {
	if err := s.check(); err != nil {
		return goboto.Audience{}, err
	}
	out, err := s.conn.client.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{
		SnapshotId: aws.String(s.ID),
		Attribute:  types.SnapshotAttributeNameCreateVolumePermission,
	})
	if err != nil {
		return goboto.Audience{}, core.Error(err)
	}
	return createVolumePermissions().audience(out.CreateVolumePermissions), nil
}

// ResetPermissions withdraws every share, leaving the snapshot private
// (ResetSnapshotAttribute, createVolumePermission).
func (s *Snapshot) ResetPermissions(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	_, err := s.conn.client.ResetSnapshotAttribute(ctx, &ec2.ResetSnapshotAttributeInput{
		SnapshotId: aws.String(s.ID),
		Attribute:  types.SnapshotAttributeNameCreateVolumePermission,
	})
	return core.Error(err)
}

// CopyOptions describe a Snapshot.Copy.
type CopyOptions struct {
	// DestinationRegion is where the copy is made; "" means the
	// snapshot's own region.
	DestinationRegion string
	Description       string
	// Encrypted encrypts the copy, with KMSKeyID or the destination
	// region's default EBS key.
	Encrypted bool
	KMSKeyID  string
}

// Copy copies the snapshot (CopySnapshot) and returns a handle on the
// copy, usually pending, whose Conn is a connection to the region it was
// made in.
//
// CopySnapshot is called in the destination region with the snapshot's
// region as SourceRegion, as EC2 requires; the connection to the
// destination is derived from this one's configuration (credentials,
// retry policy, endpoint override, logging).
func (s *Snapshot) Copy(ctx context.Context, o CopyOptions) (*Snapshot, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	if len(o.Description) > 255 {
		return nil, goboto.Invalid("Description", o.Description, "is longer than 255 characters")
	}
	if o.KMSKeyID != "" && !o.Encrypted {
		return nil, goboto.Invalid("KMSKeyID", o.KMSKeyID, "needs Encrypted")
	}
	dest := s.conn
	if o.DestinationRegion != "" && o.DestinationRegion != s.conn.region {
		if err := validRegionName(o.DestinationRegion); err != nil {
			return nil, err
		}
		dest = s.conn.inRegion(o.DestinationRegion)
	}
	in := &ec2.CopySnapshotInput{SourceRegion: aws.String(s.conn.region), SourceSnapshotId: aws.String(s.ID)}
	if o.Description != "" {
		in.Description = aws.String(o.Description)
	}
	if o.Encrypted {
		in.Encrypted = aws.Bool(true)
	}
	if o.KMSKeyID != "" {
		in.KmsKeyId = aws.String(o.KMSKeyID)
	}
	out, err := dest.client.CopySnapshot(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	cp := dest.Snapshot(aws.ToString(out.SnapshotId))
	cp.Tags = tagsFromV2(out.Tags)
	return cp, nil
}

// inRegion returns a connection like c to region: the same client
// options (credentials, retryer, endpoint override, middleware), another
// region.
func (c *Conn) inRegion(region string) *Conn {
	client := ec2.New(c.client.Options(), func(o *ec2.Options) { o.Region = region })
	return &Conn{client: client, region: region}
}

// validRegionName checks the shape of a region name: lower-case letters,
// digits and dashes, such as eu-west-1 or us-gov-west-1.
func validRegionName(r string) error {
	ok := len(r) >= 4 && len(r) <= 32 && r[0] >= 'a' && r[0] <= 'z'
	for i := 0; ok && i < len(r); i++ {
		c := r[i]
		ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
	}
	if !ok || r[len(r)-1] < '0' || r[len(r)-1] > '9' {
		return goboto.Invalid("DestinationRegion", r, "is not a region name such as eu-west-1")
	}
	return nil
}
