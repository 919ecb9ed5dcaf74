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

// The states of an Elastic Volumes modification. The new size applies
// once it is optimizing; performance reaches the target when it is
// completed.
const (
	ModificationModifying  ModificationState = "modifying"
	ModificationOptimizing ModificationState = "optimizing"
	ModificationCompleted  ModificationState = "completed"
	ModificationFailed     ModificationState = "failed"
)

// ModificationState is the state of an Elastic Volumes modification.
type ModificationState string

// VolumeChanges are the changes Volume.Modify asks for. Zero fields (and
// a nil MultiAttach) are left as they are; at least one must be set.
type VolumeChanges struct {
	Size        int32  // GiB; a volume only grows
	Type        string // gp2, gp3, io1, io2, st1, sc1, standard
	IOPS        int32  // io1, io2 and gp3
	Throughput  int32  // MiB/s, gp3 only
	MultiAttach *bool  // io1 and io2 only
}

// VolumeConfig is a volume's size, type and performance before or after a
// modification.
type VolumeConfig struct {
	Size        int32
	Type        string
	IOPS        int32
	Throughput  int32
	MultiAttach bool
}

// VolumeModification is the state of a volume's latest modification, as
// ModifyVolume or DescribeVolumesModifications reported it.
type VolumeModification struct {
	VolumeID      string
	State         ModificationState
	StatusMessage string
	Progress      int64 // percent
	StartTime     time.Time
	EndTime       time.Time // zero until completed or failed
	Original      VolumeConfig
	Target        VolumeConfig
}

func modificationFromV2(m *types.VolumeModification) *VolumeModification {
	if m == nil {
		return nil
	}
	return &VolumeModification{
		VolumeID:      aws.ToString(m.VolumeId),
		State:         ModificationState(m.ModificationState),
		StatusMessage: aws.ToString(m.StatusMessage),
		Progress:      aws.ToInt64(m.Progress),
		StartTime:     aws.ToTime(m.StartTime),
		EndTime:       aws.ToTime(m.EndTime),
		Original: VolumeConfig{Size: aws.ToInt32(m.OriginalSize), Type: string(m.OriginalVolumeType),
			IOPS: aws.ToInt32(m.OriginalIops), Throughput: aws.ToInt32(m.OriginalThroughput),
			MultiAttach: aws.ToBool(m.OriginalMultiAttachEnabled)},
		Target: VolumeConfig{Size: aws.ToInt32(m.TargetSize), Type: string(m.TargetVolumeType),
			IOPS: aws.ToInt32(m.TargetIops), Throughput: aws.ToInt32(m.TargetThroughput),
			MultiAttach: aws.ToBool(m.TargetMultiAttachEnabled)},
	}
}

// target works out the configuration c asks of a volume now described by
// v, filling in what EC2 defaults to: the current IOPS and throughput when
// the type stays, 3000 IOPS when it changes to io1, io2 or gp3.
func (c VolumeChanges) target(v *Volume) (typ string, size, iops, throughput int32) {
	typ, size, iops, throughput = c.Type, c.Size, c.IOPS, c.Throughput
	if typ == "" {
		typ = v.Type
	}
	if size == 0 {
		size = v.Size
	}
	if _, takesIOPS := iopsLimits(typ); takesIOPS && iops == 0 {
		iops = 3000
		if typ == v.Type {
			iops = v.IOPS
		}
	}
	if typ == "gp3" && throughput == 0 && v.Type == "gp3" {
		throughput = v.Throughput
	}
	return typ, size, iops, throughput
}

// validate checks c against v, the volume as last described.
func (c VolumeChanges) validate(v *Volume) error {
	if c.Size == 0 && c.Type == "" && c.IOPS == 0 && c.Throughput == 0 && c.MultiAttach == nil {
		return goboto.Invalid("VolumeChanges", "", "needs at least one change")
	}
	if c.Size != 0 && c.Size < v.Size {
		return goboto.Invalid("VolumeChanges.Size", itoa(c.Size), "is smaller than the volume's "+itoa(v.Size)+" GiB; a volume only grows")
	}
	typ, size, iops, throughput := c.target(v)
	if err := validVolumeShape("VolumeChanges", typ, size, iops, throughput); err != nil {
		return err
	}
	if c.MultiAttach != nil && *c.MultiAttach && typ != "io1" && typ != "io2" {
		return goboto.Invalid("VolumeChanges.MultiAttach", "true", "is only for io1 and io2 volumes, not "+typ)
	}
	return nil
}

// Modify changes the volume's size, type or performance in place
// (ModifyVolume, Elastic Volumes) and returns the modification just
// started, usually modifying. Only the fields set in c are sent.
//
// The changes are checked before the request against the volume as the
// handle last described it (a handle never refreshed is refreshed first,
// DescribeVolumes): a volume only grows, and the resulting type, size,
// IOPS and throughput must fit as for CreateVolume. v itself is not
// updated; the new size shows in Refresh once the modification is
// optimizing. EC2 refuses a volume whose previous modification is still
// modifying or optimizing (IncorrectModificationState), and more
// modifications than it allows a volume in a day
// (VolumeModificationRateExceeded).
func (v *Volume) Modify(ctx context.Context, c VolumeChanges) (*VolumeModification, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		n    int32
	}{{"Size", c.Size}, {"IOPS", c.IOPS}, {"Throughput", c.Throughput}} {
		if f.n < 0 {
			return nil, goboto.Invalid("VolumeChanges."+f.name, itoa(f.n), "must not be negative")
		}
	}
	if c.Type != "" {
		if _, ok := volumeSizes(c.Type); !ok {
			return nil, goboto.Invalid("VolumeChanges.Type", c.Type, "is not one of gp2, gp3, io1, io2, st1, sc1, standard")
		}
	}
	if !v.loaded {
		if err := v.Refresh(ctx); err != nil {
			return nil, err
		}
	}
	if err := c.validate(v); err != nil {
		return nil, err
	}
	in := &ec2.ModifyVolumeInput{VolumeId: aws.String(v.ID), MultiAttachEnabled: c.MultiAttach}
	if c.Size != 0 {
		in.Size = aws.Int32(c.Size)
	}
	if c.Type != "" {
		in.VolumeType = types.VolumeType(c.Type)
	}
	if c.IOPS != 0 {
		in.Iops = aws.Int32(c.IOPS)
	}
	if c.Throughput != 0 {
		in.Throughput = aws.Int32(c.Throughput)
	}
	out, err := v.conn.client.ModifyVolume(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	return modificationFromV2(out.VolumeModification), nil
}

// Modification reads the state of the volume's latest modification
// (DescribeVolumesModifications). A volume never modified fails with
// InvalidVolumeModification.NotFound, which goboto.IsNotFound matches.
func (v *Volume) Modification(ctx context.Context) (*VolumeModification, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	out, err := v.conn.client.DescribeVolumesModifications(ctx, &ec2.DescribeVolumesModificationsInput{VolumeIds: []string{v.ID}})
	if err != nil {
		return nil, core.Error(err)
	}
	for i := range out.VolumesModifications {
		if m := &out.VolumesModifications[i]; aws.ToString(m.VolumeId) == v.ID {
			return modificationFromV2(m), nil
		}
	}
	return nil, core.NotFound(out.ResultMetadata, "EC2", "DescribeVolumesModifications",
		"InvalidVolumeModification.NotFound", "Modification for volume '"+v.ID+"' does not exist.")
}

// WaitModification polls the volume's latest modification
// (DescribeVolumesModifications, through Modification) until it is in
// state: optimizing, when the new size can be used (a modification
// already completed counts), or completed. A modification that fails
// ends the wait with a *goboto.StateError; time running out gives a
// *goboto.WaitTimeoutError.
func (v *Volume) WaitModification(ctx context.Context, state ModificationState, opts ...goboto.WaitOption) error {
	if err := v.check(); err != nil {
		return err
	}
	if state != ModificationOptimizing && state != ModificationCompleted {
		return goboto.Invalid("State", string(state), "must be optimizing or completed")
	}
	w := core.Wait{Resource: "volume modification", ID: v.ID, Want: string(state), Failure: []string{string(ModificationFailed)},
		Poll: func(ctx context.Context) (string, error) {
			m, err := v.Modification(ctx)
			if err != nil {
				return "", err
			}
			// Optimizing may pass between two polls; what it promises,
			// the new size, holds from then on.
			if state == ModificationOptimizing && m.State == ModificationCompleted {
				return string(ModificationOptimizing), nil
			}
			return string(m.State), nil
		},
	}
	return wait(ctx, w, opts)
}

// VolumeModifications lists the latest modification of each volume that
// has one, narrowed by f (DescribeVolumesModifications; filters include
// volume-id, modification-state, target-size, target-volume-type and
// start-time), fetching pages as the loop needs them. It takes PageSize,
// 5-500. An error is yielded once, last.
func (c *Conn) VolumeModifications(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*VolumeModification, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeVolumesModifications", lo: 5, hi: 500}, opts)
	if err != nil {
		return fail[*VolumeModification](err)
	}
	return func(yield func(*VolumeModification, error) bool) {
		p := ec2.NewDescribeVolumesModificationsPaginator(client,
			&ec2.DescribeVolumesModificationsInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeVolumesModificationsOutput) []types.VolumeModification {
			return o.VolumesModifications
		},
			func(x types.VolumeModification) *VolumeModification { return modificationFromV2(&x) })
	}
}
