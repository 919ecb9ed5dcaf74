package autoscaletest

import (
	"slices"

	"github.com/goboto/goboto/internal/fake"
)

// activityOps are DescribeScalingActivities.
func (b *Backend) activityOps() map[string]op {
	return map[string]op{"DescribeScalingActivities": b.describeActivities}
}

type describeActivitiesInput struct {
	ActivityIds          []string
	AutoScalingGroupName string
	IncludeDeletedGroups *bool
	MaxRecords           *int32
	NextToken            string
	Filters              any
}

type describeActivitiesOutput struct {
	Activities []activityOut
	NextToken  *string
}

// describeActivities answers DescribeScalingActivities: newest first,
// 100 a page at most (API Reference: MaxRecords "The default value is
// 100 and the maximum value is 100"); a deleted group's activities only
// with IncludeDeletedGroups.
func (b *Backend) describeActivities(r *fake.Request) (any, error) {
	var in describeActivitiesInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if len(in.ActivityIds) > 50 {
		return nil, errValidation("The number of activity IDs (%d) exceeds the limit of 50.", len(in.ActivityIds))
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []*activity
	for _, a := range slices.Backward(st.activities) {
		switch {
		case a.deleted && !deref(in.IncludeDeletedGroups):
		case in.AutoScalingGroupName != "" && a.group != in.AutoScalingGroupName:
		case len(in.ActivityIds) > 0 && !slices.Contains(in.ActivityIds, a.id):
		default:
			all = append(all, a)
		}
	}
	pg, next, err := page(all, func(a *activity) string { return a.id }, in.NextToken, in.MaxRecords, 100, 100)
	if err != nil {
		return nil, err
	}
	out := &describeActivitiesOutput{Activities: []activityOut{}, NextToken: next}
	for _, a := range pg {
		out.Activities = append(out.Activities, a.out())
	}
	return out, nil
}
