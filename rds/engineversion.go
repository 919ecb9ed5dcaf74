package rds

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
)

// EngineVersion is one version of a DB engine that RDS offers, as
// DescribeDBEngineVersions describes it.
type EngineVersion struct {
	Engine             string // mysql, postgres, mariadb, ...
	Version            string // 8.0.43, 16.8, 10.11.14
	MajorVersion       string // 8.0, 16, 10.11
	Family             string // DBParameterGroupFamily: mysql8.0, postgres16, ...
	Description        string // DBEngineDescription: "MySQL Community Edition"
	VersionDescription string // DBEngineVersionDescription: "MySQL 8.0.43"
	Status             string // available, deprecated
	LogTypes           []string
	UpgradeTargets     []UpgradeTarget
}

// UpgradeTarget is a version an engine version can be upgraded to.
type UpgradeTarget struct {
	Engine  string
	Version string
	Major   bool // a major version upgrade
	Auto    bool // RDS's automatic minor upgrade target
}

// EngineVersionFilter narrows EngineVersions. Zero fields do not narrow.
type EngineVersionFilter struct {
	Engine  string // mysql, postgres, mariadb, ...
	Version string // a version (8.0.43) or a major version (8.0)
	Family  string // a parameter-group family (mysql8.0)
	// DefaultOnly keeps only the default version: the engine's, or with
	// Version the major version's.
	DefaultOnly bool
}

// EngineVersions lists the engine versions RDS offers in the region
// (DescribeDBEngineVersions), narrowed by f, fetching pages as the loop
// needs them. An error is yielded once, last. It takes PageSize.
func (c *Conn) EngineVersions(ctx context.Context, f EngineVersionFilter, opts ...ListOption) iter.Seq2[*EngineVersion, error] {
	return func(yield func(*EngineVersion, error) bool) {
		o, client, err := c.listClient("EngineVersions", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &rds.DescribeDBEngineVersionsInput{MaxRecords: o.maxRecords(), Engine: optionalString(f.Engine),
			EngineVersion: optionalString(f.Version), DBParameterGroupFamily: optionalString(f.Family)}
		if f.DefaultOnly {
			in.DefaultOnly = aws.Bool(true)
		}
		p := rds.NewDescribeDBEngineVersionsPaginator(client, in)
		each(ctx, yield, p, func(o *rds.DescribeDBEngineVersionsOutput) []types.DBEngineVersion { return o.DBEngineVersions },
			engineVersion)
	}
}

func engineVersion(x types.DBEngineVersion) *EngineVersion {
	v := &EngineVersion{Engine: aws.ToString(x.Engine), Version: aws.ToString(x.EngineVersion),
		MajorVersion: aws.ToString(x.MajorEngineVersion), Family: aws.ToString(x.DBParameterGroupFamily),
		Description: aws.ToString(x.DBEngineDescription), VersionDescription: aws.ToString(x.DBEngineVersionDescription),
		Status: aws.ToString(x.Status), LogTypes: x.ExportableLogTypes}
	for _, u := range x.ValidUpgradeTarget {
		v.UpgradeTargets = append(v.UpgradeTargets, UpgradeTarget{Engine: aws.ToString(u.Engine), Version: aws.ToString(u.EngineVersion),
			Major: aws.ToBool(u.IsMajorVersionUpgrade), Auto: aws.ToBool(u.AutoUpgrade)})
	}
	return v
}

// OrderableOption is one combination of engine version, instance class
// and storage type RDS offers, as DescribeOrderableDBInstanceOptions
// describes it.
type OrderableOption struct {
	Engine             string
	EngineVersion      string
	Class              string
	LicenseModel       string
	StorageType        string
	AvailabilityZones  []string
	MultiAZCapable     bool
	ReadReplicaCapable bool
	VPC                bool
	SupportsEncryption bool
	SupportsIops       bool
	SupportsThroughput bool
	MinStorage         int32 // GiB
	MaxStorage         int32
	MinIops            int32 // provisioned IOPS per instance, where SupportsIops
	MaxIops            int32
	MinThroughput      int32 // MiBps per instance, where SupportsThroughput
	MaxThroughput      int32
}

// OrderableFilter narrows OrderableOptions; Engine is required.
type OrderableFilter struct {
	Engine        string // required
	EngineVersion string // a version or a major version
	Class         string // db.t3.micro, ...
	LicenseModel  string // general-public-license, postgresql-license, ...
}

// OrderableOptions lists what can be ordered for an engine in the region
// (DescribeOrderableDBInstanceOptions), narrowed by f, fetching pages as
// the loop needs them. An error is yielded once, last. It takes PageSize.
func (c *Conn) OrderableOptions(ctx context.Context, f OrderableFilter, opts ...ListOption) iter.Seq2[*OrderableOption, error] {
	return func(yield func(*OrderableOption, error) bool) {
		if f.Engine == "" {
			yield(nil, goboto.Invalid("Engine", "", "is required"))
			return
		}
		if f.Class != "" {
			if err := ValidInstanceClass(f.Class); err != nil {
				yield(nil, err)
				return
			}
		}
		o, client, err := c.listClient("OrderableOptions", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeOrderableDBInstanceOptionsPaginator(client, &rds.DescribeOrderableDBInstanceOptionsInput{
			Engine: aws.String(f.Engine), EngineVersion: optionalString(f.EngineVersion), DBInstanceClass: optionalString(f.Class),
			LicenseModel: optionalString(f.LicenseModel), MaxRecords: o.maxRecords()})
		each(ctx, yield, p, func(o *rds.DescribeOrderableDBInstanceOptionsOutput) []types.OrderableDBInstanceOption {
			return o.OrderableDBInstanceOptions
		}, orderableOption)
	}
}

func orderableOption(x types.OrderableDBInstanceOption) *OrderableOption {
	o := &OrderableOption{Engine: aws.ToString(x.Engine), EngineVersion: aws.ToString(x.EngineVersion),
		Class: aws.ToString(x.DBInstanceClass), LicenseModel: aws.ToString(x.LicenseModel), StorageType: aws.ToString(x.StorageType),
		MultiAZCapable: aws.ToBool(x.MultiAZCapable), ReadReplicaCapable: aws.ToBool(x.ReadReplicaCapable), VPC: aws.ToBool(x.Vpc),
		SupportsEncryption: aws.ToBool(x.SupportsStorageEncryption), SupportsIops: aws.ToBool(x.SupportsIops),
		SupportsThroughput: aws.ToBool(x.SupportsStorageThroughput),
		MinStorage:         aws.ToInt32(x.MinStorageSize), MaxStorage: aws.ToInt32(x.MaxStorageSize),
		MinIops: aws.ToInt32(x.MinIopsPerDbInstance), MaxIops: aws.ToInt32(x.MaxIopsPerDbInstance),
		MinThroughput: aws.ToInt32(x.MinStorageThroughputPerDbInstance), MaxThroughput: aws.ToInt32(x.MaxStorageThroughputPerDbInstance)}
	for _, z := range x.AvailabilityZones {
		o.AvailabilityZones = append(o.AvailabilityZones, aws.ToString(z.Name))
	}
	return o
}
