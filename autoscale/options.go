package autoscale

import (
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of every AutoScaling listing. A listing
// refuses, with a *goboto.ValidationError, a setting it does not take:
//
//	listing                         takes
//	Conn.Groups                     PageSize, Names, Tags
//	Conn.Instances                  PageSize (at most 50), InstanceIDs
//	Conn.LaunchConfigurations       PageSize, Names
//	Group.Activities                PageSize, ActivityIDs, IncludeDeleted
//	Conn.Tags, Group.Tags           PageSize, Tags
type ListOptions struct {
	// PageSize is how many items one call asks for (MaxRecords, 1-100);
	// 0 asks for AutoScaling's default. The iterator yields items one by
	// one either way.
	PageSize int
	// Names keeps the resources with these names
	// (AutoScalingGroupNames, LaunchConfigurationNames); at most 50 for
	// launch configurations, 50 for groups.
	Names []string
	// Tags keeps the groups (or tags) with a tag of each key, whose
	// value is one of those listed, or any value when none is (the
	// Filters tag:<key> and tag-key).
	Tags map[string][]string
	// InstanceIDs keeps these instances (InstanceIds, at most 50).
	InstanceIDs []string
	// ActivityIDs keeps these activities (ActivityIds, at most 50).
	ActivityIDs []string
	// IncludeDeleted lists the activities of deleted groups too
	// (IncludeDeletedGroups).
	IncludeDeleted bool
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call (MaxRecords,
// 1-100).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// Names keeps the groups or launch configurations with these names.
func Names(names ...string) ListOption {
	return func(o *ListOptions) { o.Names = append(o.Names, names...) }
}

// WithTag keeps the groups (or tags) with a tag key whose value is one of
// values, or any value when none are given.
func WithTag(key string, values ...string) ListOption {
	return func(o *ListOptions) {
		if o.Tags == nil {
			o.Tags = map[string][]string{}
		}
		o.Tags[key] = append(o.Tags[key], values...)
	}
}

// InstanceIDs keeps these instances (Conn.Instances).
func InstanceIDs(ids ...string) ListOption {
	return func(o *ListOptions) { o.InstanceIDs = append(o.InstanceIDs, ids...) }
}

// ActivityIDs keeps these activities (Group.Activities).
func ActivityIDs(ids ...string) ListOption {
	return func(o *ListOptions) { o.ActivityIDs = append(o.ActivityIDs, ids...) }
}

// IncludeDeleted lists the activities of a deleted group too
// (Group.Activities).
func IncludeDeleted() ListOption { return func(o *ListOptions) { o.IncludeDeleted = true } }

// applyOpts folds opts, skipping nil ones, into the zero settings.
func applyOpts[O any, F ~func(*O)](opts []F) O {
	var o O
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// The ListOptions fields a listing may take, named as listOptions's
// takes argument names them.
const (
	takesNames          = "Names"
	takesTags           = "Tags"
	takesInstanceIDs    = "InstanceIDs"
	takesActivityIDs    = "ActivityIDs"
	takesIncludeDeleted = "IncludeDeleted"
)

// maxIDs is the most names or IDs one Describe call takes (the model's
// list limits of 50 for InstanceIds and ActivityIds; groups and launch
// configurations are held to the same, which AWS documents as its
// limit for names per call).
const maxIDs = 50

// listOptions applies opts, checking PageSize against max, the model's
// MaxRecords limit for the caller's operation (100 for most; 50 for
// DescribeAutoScalingInstances), and refusing every field but PageSize
// and those takes names, so a listing never ignores a setting silently.
func listOptions(opts []ListOption, max int, takes ...string) (ListOptions, error) {
	o := applyOpts(opts)
	if o.PageSize != 0 && (o.PageSize < 1 || o.PageSize > max) {
		return o, goboto.Invalid("MaxRecords", strconv.Itoa(o.PageSize), "out of range 1-"+strconv.Itoa(max))
	}
	set := map[string]int{
		takesNames: len(o.Names), takesTags: len(o.Tags), takesInstanceIDs: len(o.InstanceIDs),
		takesActivityIDs: len(o.ActivityIDs),
	}
	if o.IncludeDeleted {
		set[takesIncludeDeleted] = 1
	}
	for _, field := range []string{takesNames, takesTags, takesInstanceIDs, takesActivityIDs, takesIncludeDeleted} {
		n := set[field]
		if n == 0 {
			continue
		}
		if !slices.Contains(takes, field) {
			return o, goboto.Invalid(field, "", "is not taken by this listing")
		}
		if field != takesTags && field != takesIncludeDeleted && n > maxIDs {
			return o, goboto.Invalid(field, strconv.Itoa(n), "more than 50 in one listing")
		}
	}
	for _, name := range o.Names {
		if err := checkName(takesNames, name); err != nil {
			return o, err
		}
	}
	for key := range o.Tags {
		if err := checkTagKey("Tags", key); err != nil {
			return o, err
		}
	}
	for _, list := range [][]string{o.InstanceIDs, o.ActivityIDs} {
		for _, id := range list {
			if id == "" {
				return o, goboto.Invalid("IDs", id, "is empty")
			}
		}
	}
	return o, nil
}

// maxRecords is PageSize as MaxRecords: nil for AutoScaling's default.
func (o ListOptions) maxRecords() *int32 {
	if o.PageSize == 0 {
		return nil
	}
	return aws.Int32(int32(o.PageSize))
}
