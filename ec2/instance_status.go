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

// CheckStatus is the result of a status check, as EC2 names it.
type CheckStatus string

// EC2's status check results. An instance that is not running has none
// (not-applicable).
const (
	InstanceStatusOK               CheckStatus = "ok"
	InstanceStatusImpaired         CheckStatus = "impaired"
	InstanceStatusInitializing     CheckStatus = "initializing"
	InstanceStatusInsufficientData CheckStatus = "insufficient-data"
	InstanceStatusNotApplicable    CheckStatus = "not-applicable"
)

// InstanceStatus is what DescribeInstanceStatus says of an instance: its
// state and its two status checks. The system check watches the AWS
// systems the instance runs on, the instance check the instance's own
// software and network configuration (EC2 User Guide, "Status checks for
// Amazon EC2 instances").
type InstanceStatus struct {
	InstanceID string
	Zone       string
	State      InstanceState
	System     CheckStatus
	Instance   CheckStatus
	// ImpairedSince is when a failing check started failing, zero when
	// none fails.
	ImpairedSince time.Time
}

// OK reports whether both checks pass.
func (s *InstanceStatus) OK() bool {
	return s != nil && s.System == InstanceStatusOK && s.Instance == InstanceStatusOK
}

func statusFromV2(x types.InstanceStatus) *InstanceStatus {
	s := &InstanceStatus{InstanceID: aws.ToString(x.InstanceId), Zone: aws.ToString(x.AvailabilityZone)}
	if x.InstanceState != nil {
		s.State = InstanceState(x.InstanceState.Name)
	}
	check := func(sum *types.InstanceStatusSummary) CheckStatus {
		if sum == nil {
			return InstanceStatusNotApplicable
		}
		for _, d := range sum.Details {
			if d.ImpairedSince != nil && (s.ImpairedSince.IsZero() || d.ImpairedSince.Before(s.ImpairedSince)) {
				s.ImpairedSince = *d.ImpairedSince
			}
		}
		return CheckStatus(sum.Status)
	}
	s.System, s.Instance = check(x.SystemStatus), check(x.InstanceStatus)
	return s
}

// InstanceStatuses lists the status checks of running instances that
// match f, every running instance when f is empty
// (DescribeInstanceStatus), fetching pages as the loop needs them.
// AllInstances adds instances in other states, whose checks are
// not-applicable. Filters are EC2's: "instance-status.status",
// "system-status.status", "instance-state-name", "availability-zone", ...
// It takes PageSize, 5-1000, and AllInstances.
func (c *Conn) InstanceStatuses(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*InstanceStatus, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeInstanceStatus", lo: 5, hi: 1000, all: true}, opts)
	if err != nil {
		return fail[*InstanceStatus](err)
	}
	return func(yield func(*InstanceStatus, error) bool) {
		in := &ec2.DescribeInstanceStatusInput{Filters: f.v2(), MaxResults: o.maxResults()}
		if o.All {
			in.IncludeAllInstances = aws.Bool(true)
		}
		p := ec2.NewDescribeInstanceStatusPaginator(client, in)
		each(ctx, yield, p, func(o *ec2.DescribeInstanceStatusOutput) []types.InstanceStatus { return o.InstanceStatuses },
			statusFromV2)
	}
}

// Status reads the instance's status checks (DescribeInstanceStatus, all
// instances included, so a stopped instance answers not-applicable
// rather than nothing).
func (i *Instance) Status(ctx context.Context) (*InstanceStatus, error) {
	if err := i.check(); err != nil {
		return nil, err
	}
	out, err := i.conn.client.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{
		InstanceIds: []string{i.ID}, IncludeAllInstances: aws.Bool(true)})
	if err != nil {
		return nil, core.Error(err)
	}
	for _, x := range out.InstanceStatuses {
		if aws.ToString(x.InstanceId) == i.ID {
			return statusFromV2(x), nil
		}
	}
	return nil, notFound(out.ResultMetadata, "DescribeInstanceStatus", "InvalidInstanceID.NotFound", "instance", i.ID)
}

// WaitStatus polls the instance's status checks (DescribeInstanceStatus)
// until both are status, usually InstanceStatusOK, as the AWS CLI's
// "wait instance-status-ok" and "wait system-status-ok" do together. The
// state Progress sees is the instance's state until it runs ("pending"),
// then the worse of its two checks ("initializing", "ok"). Waiting for ok
// fails with a *goboto.StateError when a check is impaired or the
// instance stops or terminates; an ID EC2 does not know yet is polled
// again, as the instance may be too new to describe.
func (i *Instance) WaitStatus(ctx context.Context, status CheckStatus, opts ...goboto.WaitOption) error {
	if err := i.check(); err != nil {
		return err
	}
	var failure []string
	switch status {
	case InstanceStatusOK:
		failure = append([]string{string(InstanceStatusImpaired)},
			strs([]InstanceState{InstanceStopping, InstanceStopped, InstanceShuttingDown, InstanceTerminated})...)
	case InstanceStatusImpaired, InstanceStatusInitializing, InstanceStatusInsufficientData:
		failure = strs([]InstanceState{InstanceShuttingDown, InstanceTerminated})
	default:
		return goboto.Invalid("Status", string(status), "is not a status check result to wait for")
	}
	return wait(ctx, core.Wait{
		Resource: "instance status", ID: i.ID, Want: string(status), Failure: failure, RetryNotFound: true,
		Poll: func(ctx context.Context) (string, error) {
			s, err := i.Status(ctx)
			if err != nil {
				return "", err
			}
			if s.State != InstanceRunning {
				return string(s.State), nil
			}
			return string(worse(s.System, s.Instance)), nil
		},
	}, opts)
}

// worse returns the check result further from ok: impaired, then
// insufficient-data, then initializing.
func worse(a, b CheckStatus) CheckStatus {
	rank := func(c CheckStatus) int {
		switch c {
		case InstanceStatusOK:
			return 0
		case InstanceStatusInitializing:
			return 1
		case InstanceStatusInsufficientData:
			return 2
		case InstanceStatusImpaired:
			return 3
		}
		return 4
	}
	if rank(a) >= rank(b) {
		return a
	}
	return b
}
