package suite

// Differences are the places a backend is known to answer otherwise than
// RDS. Each flag says which answer matches AWS and on what evidence.
type Differences struct {
	// InstantStates: CreateDBInstance, RestoreDBInstanceFromDBSnapshot
	// and StartDBInstance answer "available", StopDBInstance "stopped",
	// RebootDBInstance "available" and CreateDBSnapshot a snapshot
	// "available": every change is done when it is answered. RDS answers
	// the transient status and gets there later (API Reference,
	// DBInstance, DBInstanceStatus, and User Guide, "Viewing Amazon RDS
	// DB instance status": creating, rebooting, stopping, starting;
	// CreateDBSnapshot's example answer has <Status>creating</Status>).
	// moto differs (moto/rds/models.py, DBInstance.__init__: self.status
	// = "available"; stop_db_instance sets "stopped").
	InstantStates bool
	// ModifyAppliesAtOnce: ModifyDBInstance without ApplyImmediately
	// changes the instance at once and reports no
	// PendingModifiedValues. RDS holds the change for the maintenance
	// window (API Reference, ModifyDBInstance, ApplyImmediately: "If
	// this parameter is disabled, changes to the DB instance are applied
	// during the next maintenance window"). moto differs
	// (models.py, modify_db_instance ignores ApplyImmediately).
	ModifyAppliesAtOnce bool
	// GroupsAlwaysInSync: an instance moved to another parameter group
	// reports it "in-sync" at once. RDS reports "pending-reboot" until
	// the instance reboots (API Reference, ModifyDBInstance,
	// DBParameterGroupName: "The DB instance isn't rebooted automatically,
	// and the parameter changes aren't applied during the next
	// maintenance window ... the parameter group is pending-reboot";
	// DBParameterGroupStatus, ParameterApplyStatus). moto differs.
	GroupsAlwaysInSync bool
	// RebootsStopped: RebootDBInstance of a stopped instance succeeds.
	// RDS refuses it with InvalidDBInstanceState (User Guide, "Rebooting
	// a DB instance": "Your DB instance must be in the available state
	// for it to be rebooted"; API Reference, RebootDBInstance, Errors:
	// InvalidDBInstanceState). moto differs (models.py,
	// reboot_db_instance checks no state).
	RebootsStopped bool
	// SnapshotsStopped: CreateDBSnapshot of a stopped instance succeeds.
	// RDS refuses it with InvalidDBInstanceState (API Reference,
	// CreateDBSnapshot: "The source DB instance must be in the available
	// or storage-optimization state"; Errors: InvalidDBInstanceState).
	// moto differs (models.py, create_db_snapshot checks no state).
	SnapshotsStopped bool
	// FinalSnapshotOfStopped: DeleteDBInstance of a stopped instance with
	// FinalDBSnapshotIdentifier deletes it after the snapshot. RDS
	// refuses it with InvalidDBInstanceState (User Guide, "Deleting a DB
	// instance": "You can't create a final DB snapshot of your DB
	// instance if it isn't in the Available state"; API Reference,
	// DeleteDBInstance, Errors: InvalidDBInstanceState). moto differs.
	FinalSnapshotOfStopped bool
	// DeletesWithoutFinalChoice: DeleteDBInstance with neither
	// SkipFinalSnapshot nor FinalDBSnapshotIdentifier deletes the
	// instance. RDS refuses it (API Reference, DeleteDBInstance,
	// SkipFinalSnapshot: "If you don't enable this parameter, you must
	// specify the FinalDBSnapshotIdentifier parameter"), with
	// InvalidParameterCombination, "FinalDBSnapshotIdentifier is required
	// unless SkipFinalSnapshot is specified" (AWS CLI transcript,
	// pastebin.com/xtDZjvPp). moto differs.
	DeletesWithoutFinalChoice bool
	// AcceptsAnyEngineVersion: CreateDBInstance takes an engine version
	// RDS does not offer (mysql 5.1.1). RDS refuses it with
	// InvalidParameterCombination, "Cannot find version 5.1.1 for mysql"
	// (API Reference, CreateDBInstance, EngineVersion: "For a list of
	// valid engine versions, use the DescribeDBEngineVersions
	// operation"). moto differs (models.py keeps whatever is sent).
	AcceptsAnyEngineVersion bool
	// AcceptsAnyClass: CreateDBInstance takes a class RDS does not offer
	// for the engine version (db.t2.micro for MySQL 8.0.43). RDS refuses it
	// with InvalidParameterCombination (API Reference, CreateDBInstance,
	// DBInstanceClass: "Not all DB instance classes are available in all
	// Amazon Web Services Regions, or for all database engines";
	// DescribeOrderableDBInstanceOptions lists those it offers). moto
	// differs.
	AcceptsAnyClass bool
	// AcceptsAnyStorage: CreateDBInstance takes 5 GiB of gp2 for MySQL.
	// RDS refuses it (API Reference, CreateDBInstance, AllocatedStorage,
	// Amazon RDS for MySQL, General Purpose (SSD) storage (gp2): "Must be
	// an integer from 20 to 65536") with InvalidParameterCombination,
	// "Invalid storage size for engine name postgres and storage type
	// gp2: 10" as users report it (convox/rack#2846). moto differs.
	AcceptsAnyStorage bool

	// DeletesDefaultParameterGroup: DeleteDBParameterGroup deletes a
	// family's default group (default.mysql8.0). RDS refuses (API
	// Reference, DeleteDBParameterGroup: "You can't delete a default DB
	// parameter group"; Errors: InvalidDBParameterGroupState). moto
	// differs (models.py, delete_db_parameter_group pops any group; it
	// makes default.<family> again when an instance of the family is
	// next described, DBInstance.db_parameter_groups).
	DeletesDefaultParameterGroup bool
	// DescribeMissingGroupEmpty: DescribeDBParameterGroups of a group
	// that does not exist answers an empty list. RDS answers
	// DBParameterGroupNotFound (API Reference, DescribeDBParameterGroups,
	// Errors: "DBParameterGroupName doesn't refer to an existing DB
	// parameter group"). moto differs (models.py,
	// describe_db_parameter_groups filters the groups by name).
	DescribeMissingGroupEmpty bool
	// AcceptsAnyFamily: CreateDBParameterGroup takes a family RDS does
	// not have (mysql4.1). RDS refuses it with InvalidParameterValue
	// (API Reference, CreateDBParameterGroup, DBParameterGroupFamily: "To
	// list all of the available parameter group families for a DB engine,
	// use the following command: aws rds describe-db-engine-versions
	// --query ..."). moto differs (create_db_parameter_group checks only
	// that it is not blank).
	AcceptsAnyFamily bool
	// ParametersOnlyUserSet: DescribeDBParameters lists only the values
	// ModifyDBParameterGroup set, never the engine's defaults, and in one
	// page whatever MaxRecords says. RDS lists every parameter of the
	// family, in pages joined by Marker (API Reference,
	// DescribeDBParameters, Source: "Parameter types can be user, system,
	// engine-default"; MaxRecords: "If more records exist than the
	// specified MaxRecords value, a pagination token called a marker is
	// included"). moto differs (moto/rds/responses.py,
	// describe_db_parameters answers the group's parameters dict).
	ParametersOnlyUserSet bool
	// NoParameterValidation: ModifyDBParameterGroup takes any value for
	// any name, a static parameter applied immediately and more than 20
	// parameters at once. RDS refuses them (API Reference, Parameter,
	// ApplyMethod: "you can use immediate only with dynamic parameters";
	// ModifyDBParameterGroup, Parameters: "You can modify up to 20
	// parameters in a single request"; AllowedValues, IsModifiable).
	// moto differs (models.py, update_parameters stores each dict).
	NoParameterValidation bool
	// NoParameterReset: ResetDBParameterGroup is not implemented (moto
	// answers HTTP 500). RDS resets named parameters or all (API
	// Reference, ResetDBParameterGroup). moto differs (responses.py has
	// no reset_db_parameter_group).
	NoParameterReset bool
	// NoEngineDefaults: DescribeEngineDefaultParameters is not
	// implemented (HTTP 500). RDS lists a family's defaults (API
	// Reference, DescribeEngineDefaultParameters). moto differs
	// (responses.py has no describe_engine_default_parameters).
	NoEngineDefaults bool

	// NoDefaultSubnetGroup: an instance created without
	// DBSubnetGroupName reports no DBSubnetGroup. RDS puts it in the
	// default VPC's subnet group "default" and reports it (User Guide,
	// "Working with a DB instance in a VPC": "If you don't specify a DB
	// subnet group when you create a DB instance, Amazon RDS uses the
	// default ... DB subnet group"; the default is named "default").
	// moto differs.
	NoDefaultSubnetGroup bool
	// RecreatesSubnetGroup: CreateDBSubnetGroup of a name taken replaces
	// the group. RDS answers DBSubnetGroupAlreadyExists (API Reference,
	// CreateDBSubnetGroup, Errors: "DBSubnetGroupName is already used by
	// an existing DB subnet group"). moto differs (models.py,
	// create_subnet_group assigns self.subnet_groups[name]).
	RecreatesSubnetGroup bool
	// OneZoneSubnetGroups: CreateDBSubnetGroup takes subnets of one zone.
	// RDS refuses it with DBSubnetGroupDoesNotCoverEnoughAZs (API
	// Reference, CreateDBSubnetGroup, Errors: "Subnets in the DB subnet
	// group should cover at least two Availability Zones unless there is
	// only one Availability Zone"). moto differs.
	OneZoneSubnetGroups bool
	// UnknownSubnetEC2Code: a subnet that does not exist is EC2's
	// InvalidSubnetID.NotFound. RDS answers InvalidSubnet (API
	// Reference, CreateDBSubnetGroup, Errors: InvalidSubnet, "The
	// requested subnet is invalid"). moto differs (responses.py looks the
	// subnets up in its EC2 backend, whose error goes out as it is).
	UnknownSubnetEC2Code bool
	// DeletesSubnetGroupInUse: DeleteDBSubnetGroup deletes a group an
	// instance runs in. RDS refuses with InvalidDBSubnetGroupStateFault
	// (API Reference, DeleteDBSubnetGroup: "The specified database
	// subnet group must not be associated with any DB instances";
	// Errors). moto differs (models.py, delete_subnet_group pops it).
	DeletesSubnetGroupInUse bool
	// ModifyLosesSubnetGroup: ModifyDBSubnetGroup answers the changed
	// group but forgets it: the group is gone afterwards. RDS keeps the
	// group with its new subnets (API Reference, ModifyDBSubnetGroup).
	// moto differs (models.py, modify_db_subnet_group:
	// self.subnet_groups.pop(subnet_name), never put back).
	ModifyLosesSubnetGroup bool

	// NoEngineVersions: DescribeDBEngineVersions is not implemented
	// (moto answers HTTP 500). RDS lists the engine versions it offers
	// (API Reference, DescribeDBEngineVersions). moto differs
	// (responses.py has no describe_db_engine_versions).
	NoEngineVersions bool
	// NoOrderableOptions: DescribeOrderableDBInstanceOptions lists
	// nothing for MySQL. RDS lists each combination of version, class
	// and storage it offers (API Reference,
	// DescribeOrderableDBInstanceOptions). moto differs (models.py,
	// describe_orderable_db_instance_options: "Only the
	// Aurora-Postgresql and Neptune-engine is currently implemented";
	// others answer []).
	NoOrderableOptions bool

	// CopyTakesInstanceTags: CopyDBSnapshot without CopyTags or Tags gives
	// the copy the tags of the source's instance when that instance has
	// CopyTagsToSnapshot. RDS copies no tags then (API Reference,
	// CopyDBSnapshot, CopyTags: "By default, tags aren't copied";
	// CopyTagsToSnapshot concerns snapshots of the instance, not copies
	// of them). moto differs (models.py, DBSnapshot.__init__: without
	// tags, "elif database.copy_tags_to_snapshot and database.tags:
	// self.tags = database.tags", for copies too).
	CopyTakesInstanceTags bool
	// TagsMissingResources: AddTagsToResource and ListTagsForResource of
	// an instance that does not exist succeed. RDS answers
	// DBInstanceNotFound (API Reference, AddTagsToResource and
	// ListTagsForResource, Errors: DBInstanceNotFound "DBInstanceIdentifier
	// doesn't refer to an existing DB instance"). moto differs.
	TagsMissingResources bool
	// AcceptsReservedTagKeys: AddTagsToResource takes a key starting
	// "aws:". RDS refuses it (API Reference, Tag, Key: "The string can't
	// be prefixed with aws: or rds:"), with InvalidParameterValue. moto
	// differs.
	AcceptsReservedTagKeys bool
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{InstantStates: true, ModifyAppliesAtOnce: true, GroupsAlwaysInSync: true, RebootsStopped: true, SnapshotsStopped: true, FinalSnapshotOfStopped: true,
		DeletesWithoutFinalChoice: true, AcceptsAnyEngineVersion: true, AcceptsAnyClass: true, AcceptsAnyStorage: true,
		DeletesDefaultParameterGroup: true, DescribeMissingGroupEmpty: true, AcceptsAnyFamily: true, ParametersOnlyUserSet: true,
		NoParameterValidation: true, NoParameterReset: true, NoEngineDefaults: true,
		NoDefaultSubnetGroup: true, RecreatesSubnetGroup: true, OneZoneSubnetGroups: true, UnknownSubnetEC2Code: true,
		DeletesSubnetGroupInUse: true, ModifyLosesSubnetGroup: true,
		NoEngineVersions: true, NoOrderableOptions: true, CopyTakesInstanceTags: true, TagsMissingResources: true, AcceptsReservedTagKeys: true}
}
