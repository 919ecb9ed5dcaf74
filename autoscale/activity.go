package autoscale

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

// ActivityStatus is a scaling activity's StatusCode.
type ActivityStatus string

// The activity status codes. Successful, Failed and Cancelled end an
// activity; every other code is an activity still running.
const (
	ActivityPendingSpotBidPlacement         ActivityStatus = "PendingSpotBidPlacement"
	ActivityWaitingForSpotInstanceRequestID ActivityStatus = "WaitingForSpotInstanceRequestId"
	ActivityWaitingForSpotInstanceID        ActivityStatus = "WaitingForSpotInstanceId"
	ActivityWaitingForInstanceID            ActivityStatus = "WaitingForInstanceId"
	ActivityPreInService                    ActivityStatus = "PreInService"
	ActivityInProgress                      ActivityStatus = "InProgress"
	ActivityWaitingForELBConnectionDraining ActivityStatus = "WaitingForELBConnectionDraining"
	ActivityMidLifecycleAction              ActivityStatus = "MidLifecycleAction"
	ActivityWaitingForInstanceWarmup        ActivityStatus = "WaitingForInstanceWarmup"
	ActivitySuccessful                      ActivityStatus = "Successful"
	ActivityFailed                          ActivityStatus = "Failed"
	ActivityCancelled                       ActivityStatus = "Cancelled"
	ActivityWaitingForConnectionDraining    ActivityStatus = "WaitingForConnectionDraining"
)

// Done reports whether the activity has ended: Successful, Failed or
// Cancelled. Codes AWS adds later count as running, so a waiter waits
// rather than declaring a group stable too soon.
func (s ActivityStatus) Done() bool {
	return s == ActivitySuccessful || s == ActivityFailed || s == ActivityCancelled
}

// Activity is a scaling activity: a launch or a termination, with AWS's
// account of why (Cause) and what (Description).
type Activity struct {
	ID            string
	GroupName     string
	Cause         string
	Description   string
	Details       string // JSON
	StatusCode    ActivityStatus
	StatusMessage string
	// Progress is a percentage, 0-100.
	Progress   int
	Start, End time.Time
}

func (c *Conn) activityFrom(x types.Activity) *Activity {
	return &Activity{ID: aws.ToString(x.ActivityId), GroupName: aws.ToString(x.AutoScalingGroupName), Cause: aws.ToString(x.Cause),
		Description: aws.ToString(x.Description), Details: aws.ToString(x.Details), StatusCode: ActivityStatus(x.StatusCode),
		StatusMessage: aws.ToString(x.StatusMessage), Progress: int(aws.ToInt32(x.Progress)),
		Start: aws.ToTime(x.StartTime), End: aws.ToTime(x.EndTime)}
}

func (c *Conn) activitiesFrom(xs []types.Activity) []*Activity {
	as := make([]*Activity, 0, len(xs))
	for _, x := range xs {
		as = append(as, c.activityFrom(x))
	}
	return as
}

// Activities lists the group's scaling activities, newest first
// (DescribeScalingActivities), lazily, a page of PageSize (at most 100)
// at a time. AWS keeps six weeks of them. It takes ActivityIDs and
// IncludeDeleted.
func (g *Group) Activities(ctx context.Context, opts ...ListOption) iter.Seq2[*Activity, error] {
	return paged(ctx, g.namedAPI, listing{max: 100, takes: []string{takesActivityIDs, takesIncludeDeleted}}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeScalingActivitiesOutput], error) {
			in := &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String(g.Name), ActivityIds: o.ActivityIDs,
				MaxRecords: o.maxRecords()}
			if o.IncludeDeleted {
				in.IncludeDeletedGroups = aws.Bool(true)
			}
			return autoscaling.NewDescribeScalingActivitiesPaginator(client, in), nil
		},
		func(out *autoscaling.DescribeScalingActivitiesOutput) []types.Activity { return out.Activities },
		// g.conn is read only once g is known not to be nil.
		func(x types.Activity) *Activity { return g.conn.activityFrom(x) })
}
