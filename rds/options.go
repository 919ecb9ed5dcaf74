package rds

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of every RDS listing: DBInstances,
// DBSnapshots, DBSecurityGroups, DBSubnetGroups, ParameterGroups,
// EngineDefaultParameters, EngineVersions, OrderableOptions, Events,
// DBInstance.Events and ParameterGroup.Load. A listing refuses, with a
// *goboto.ValidationError, a setting it does not take.
type ListOptions struct {
	// PageSize is how many items one call asks for (MaxRecords, 20-100);
	// 0 leaves RDS's default of 100. The iterator yields items one by one
	// either way.
	PageSize int
	// Source limits ParameterGroup.Load to the parameters of one source.
	// No other listing takes it.
	Source ParameterSource
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call (MaxRecords,
// 20-100).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// Source limits ParameterGroup.Load to parameters from one source:
// ParameterSourceUser (set in the group), ParameterSourceEngineDefault or
// ParameterSourceSystem.
func Source(s ParameterSource) ListOption { return func(o *ListOptions) { o.Source = s } }

// ParameterSource is where a parameter's value comes from.
type ParameterSource string

// The parameter sources RDS reports and DescribeDBParameters filters by.
const (
	ParameterSourceUser          ParameterSource = "user"
	ParameterSourceEngineDefault ParameterSource = "engine-default"
	ParameterSourceSystem        ParameterSource = "system"
)

// What a listing takes besides PageSize.
type takes struct{ source bool }

// listOptions folds opts and checks them for the listing named op,
// which takes what t says.
func listOptions(op string, t takes, opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.PageSize != 0 && (o.PageSize < 20 || o.PageSize > 100) {
		return o, goboto.Invalid("MaxRecords", strconv.Itoa(o.PageSize), "out of range 20-100")
	}
	if o.Source != "" {
		if !t.source {
			return o, goboto.Invalid("Source", string(o.Source), "is not taken by "+op+"; only ParameterGroup.Load takes it")
		}
		switch o.Source {
		case ParameterSourceUser, ParameterSourceEngineDefault, ParameterSourceSystem:
		default:
			return o, goboto.Invalid("Source", string(o.Source), "is not user, engine-default or system")
		}
	}
	return o, nil
}

// maxRecords is PageSize as MaxRecords: nil for RDS's default.
func (o ListOptions) maxRecords() *int32 {
	if o.PageSize == 0 {
		return nil
	}
	return aws.Int32(int32(o.PageSize))
}
