// Package rdstest is an in-process fake of Amazon RDS for tests, built on
// goboto's shared fake machinery: it checks SigV4 signatures against the
// fake's test accounts, records every call, and can be told to fail with
// Faults. It speaks RDS's query protocol (API 2014-10-31), answering in
// RDS's XML and its errors in RDS's <ErrorResponse> shape with RDS's own
// codes (InvalidParameterValue, InvalidParameterCombination,
// DBInstanceNotFound, ... see the Code constants).
//
//	srv := rdstest.Start(t)
//	conn := rds.New(srv.Config(""))
//
// State is kept per account and region. The actions it answers:
//
//   - DB instances: CreateDBInstance, DescribeDBInstances (filters
//     db-instance-id, engine, dbi-resource-id), ModifyDBInstance,
//     RebootDBInstance, DeleteDBInstance, StopDBInstance (with
//     DBSnapshotIdentifier), StartDBInstance.
//   - DB subnet groups: CreateDBSubnetGroup, DescribeDBSubnetGroups,
//     ModifyDBSubnetGroup, DeleteDBSubnetGroup. See VPCs below.
//   - The engine catalog: DescribeDBEngineVersions (Engine, EngineVersion,
//     DBParameterGroupFamily, DefaultOnly, filters
//     db-parameter-group-family, engine, engine-mode, engine-version,
//     status) and DescribeOrderableDBInstanceOptions (Engine,
//     EngineVersion, DBInstanceClass, LicenseModel, Vpc; MaxRecords up to
//     1000).
//   - DB snapshots: CreateDBSnapshot, DescribeDBSnapshots (SnapshotType,
//     IncludeShared, IncludePublic, filters db-instance-id, db-snapshot-id,
//     dbi-resource-id, snapshot-type, engine), CopyDBSnapshot,
//     DeleteDBSnapshot, RestoreDBInstanceFromDBSnapshot,
//     ModifyDBSnapshotAttribute and DescribeDBSnapshotAttributes (attribute
//     "restore").
//   - DB security groups: CreateDBSecurityGroup, DescribeDBSecurityGroups,
//     DeleteDBSecurityGroup, AuthorizeDBSecurityGroupIngress,
//     RevokeDBSecurityGroupIngress (CIDRIP, or an EC2 security group by
//     name or ID and owner).
//   - Parameter groups: CreateDBParameterGroup, DescribeDBParameterGroups,
//     DeleteDBParameterGroup, ModifyDBParameterGroup, ResetDBParameterGroup,
//     DescribeDBParameters (Source user, engine-default or system),
//     DescribeEngineDefaultParameters.
//   - DescribeEvents (SourceType, SourceIdentifier, StartTime, EndTime,
//     Duration, EventCategories).
//   - Tags: AddTagsToResource, ListTagsForResource, RemoveTagsFromResource
//     by ARN (arn:aws:rds:<region>:<account>:db:<id>, snapshot:, pg:,
//     secgrp:), and Tags on CreateDBInstance, CreateDBSnapshot,
//     CopyDBSnapshot, RestoreDBInstanceFromDBSnapshot,
//     CreateDBParameterGroup and CreateDBSecurityGroup. See Tags below.
//
// Any other action is InvalidAction. A parameter of RDS's API model that
// the fake does not implement and that would change what a request means
// (StorageEncrypted true, KmsKeyId, DBSubnetGroupName, OptionGroupName,
// NewDBInstanceIdentifier, ManageMasterUserPassword, DeleteAutomatedBackups
// false, ...) is refused with InvalidParameterCombination, one of AWS's
// common errors, naming the parameter; the fake changes nothing then,
// rather than serve the request as if the parameter were not there.
//
// Every Describe pages with Marker and MaxRecords (20 to 100, 100 by
// default), so the seeded parameter families, more than 200 parameters
// each, take several pages.
//
// # Engines and parameters
//
// The fake knows the engines of rds/internal/catalog, the table goboto's
// client checks against too: mysql 8.0 and 8.4 (families mysql8.0 and
// mysql8.4, port 3306, master password 8 to 41 characters, user name up
// to 16), postgres 13 to 17 (postgres13 to postgres17, port 5432,
// password 8 to 128, user name up to 63) and mariadb 10.6, 10.11 and 11.4
// (mariadb10.6, mariadb10.11, mariadb11.4, as mysql), each major with
// four or five minor versions current in late 2025; the engine default is
// mysql 8.0's newest, postgres 17's and mariadb 11.4's. EngineVersion may
// be a major version alone ("16"), which means its newest minor; any
// version the catalog lacks is InvalidParameterCombination ("Cannot find
// version 5.7.44 for mysql"). Each major has its instance classes (db.t3
// and db.t4g micro to 2xlarge, and large to 16xlarge of db.m5, m6g, m6i,
// m7g, r5, r6g, r6i, r7g, plus m7i and r7i, and m8g and r8g for the
// newer majors). A class not shaped db.<family>.<size> is
// InvalidParameterValue; a well-formed class the major lacks
// (db.t2.micro, or db.r8g.large on PostgreSQL 13) is
// InvalidParameterCombination, as for a combination RDS does not offer.
// Storage is gp2 or gp3 of 20 to 65536 GiB (see Storage below). Every
// account and region has each family's default group
// (default.mysql8.0, ...), and the DB security group "default".
//
// The parameter seed (seed/*.txt) is written for this fake after RDS's
// documented parameters: names, data types (integer, float, boolean,
// string, list), allowed values ("1024-1073741824", "-1-2147483647",
// "0,1,2", "ON,OFF", ...), apply types, modifiability, sources and
// formulas such as {DBInstanceClassMemory*3/4} as values. It is not a
// copy of RDS's full tables. mysql8.0 and postgres16 are written out in
// full; every other family's seed starts "@base <family>" and lists only
// its documented differences from that family ("-name" drops a
// parameter, a full line adds or replaces one), with its sources in its
// header: mysql8.4 from mysql8.0 (MySQL 8.4's removed and renamed
// variables and new defaults), postgres17 and postgres15 from
// postgres16, postgres14 from postgres15 and postgres13 from postgres14
// (each major's release notes), mariadb10.6 from mysql8.0 (MariaDB's
// system variable pages), mariadb10.11 from mariadb10.6 and mariadb11.4
// from mariadb10.11.
//
// ModifyDBParameterGroup checks each value against the parameter's data
// type and allowed values itself, and does not trust the client: a value
// out of range or not allowed, or an unknown or non-modifiable parameter
// is InvalidParameterValue; more than 20 parameters in one request, and
// ApplyMethod immediate for a static parameter, are
// InvalidParameterCombination; a default group cannot be modified
// (InvalidParameterValue) or deleted (InvalidDBParameterGroupState).
// Formula values (balanced, non-empty braces, or GREATEST, LEAST, SUM
// or IF) pass as they are for integer, float and boolean parameters; in
// strings and lists braces are only text.
//
// # Storage
//
// New instances get gp3 unless StorageType says gp2; Iops without
// StorageType means io1, as on RDS, which the fake refuses. gp3 follows
// RDS's rules for MySQL and PostgreSQL: under 400 GiB it has 3000 IOPS
// and 125 MiBps, and Iops or StorageThroughput is InvalidParameterCombination
// ("You can't specify IOPS or storage throughput for engine mysql and a
// storage size less than 400."); from 400 GiB the baseline is 12000 IOPS
// and 500 MiBps, Iops may be 12000 to 64000 and StorageThroughput 500 to
// 4000, at most 0.25 MiBps per IOPS. DescribeDBInstances and
// DescribeDBSnapshots report StorageType, and Iops and StorageThroughput
// for gp3. ModifyDBInstance changes AllocatedStorage, StorageType (gp2 to
// gp3 and back), Iops and StorageThroughput by the same rules; values it
// leaves out keep what was provisioned while the storage still allows
// it, and otherwise take the baseline of the new size. Pending storage
// changes show in PendingModifiedValues. A snapshot keeps its instance's
// storage, and RestoreDBInstanceFromDBSnapshot restores it unless the
// request gives StorageType, Iops or StorageThroughput.
//
// # VPCs
//
// Instances run in a DB subnet group's subnets. A group's subnets must
// be ones the fake knows, all in one VPC (InvalidSubnet otherwise), in at
// least two zones (DBSubnetGroupDoesNotCoverEnoughAZs), at most 20
// (DBSubnetQuotaExceededFault); an account has at most 50 groups
// (DBSubnetGroupQuotaExceeded). Names are kept in lower case and
// "default" cannot be created. Deleting a group an instance uses is
// InvalidDBSubnetGroupStateFault, and ModifyDBSubnetGroup dropping the
// subnet an instance runs in is SubnetAlreadyInUse. An instance created
// or restored without DBSubnetGroupName goes into the default VPC's
// subnets, whose group "default" appears with it, as on RDS; with DB
// security groups it is outside any VPC and has no subnet group.
// AvailabilityZone must be a zone of the group; without it the instance
// takes the group's first zone, and a Multi-AZ standby the next.
// DescribeDBInstances reports DBSubnetGroup with its subnets, and
// VpcSecurityGroups.
//
// Which subnets exist comes from WithSubnets, through which a local cloud
// answers from its EC2 fake. Without it every account and region has a
// default VPC, StandaloneDefaultVPC ("vpc-0" and 16 hex digits derived
// from the account and region, standing for AWS's 172.31.0.0/16), with
// one subnet per zone <region>a to <region>c (StandaloneDefaultSubnets),
// and no other subnets.
//
// # State transitions
//
// DB instances move creating → backing-up → available on creation and
// restore; modifying → available (ModifyDBInstance with
// ApplyImmediately); rebooting → available; deleting → gone, through the
// final snapshot when one is asked for; stopping → stopped
// (StopDBInstance, through its snapshot when one is asked for) and
// starting → available (StartDBInstance). A stopped instance starts again
// by itself MaxStoppedTime (seven days) after it stopped, on the
// server's clock, when the next request arrives, as RDS documents
// ("The instance restarts automatically after 7 days"). CreateDBSnapshot holds the
// instance in backing-up while the snapshot is creating. DB security group
// rules move authorizing → authorized and revoking → gone. An instance's
// parameter group status is in-sync, applying (an immediate change, one
// step), or pending-reboot (a pending-reboot change or a new group) until
// RebootDBInstance.
//
// By default a change finishes before the next request is served, as in
// ec2test: CreateDBInstance answers "creating" and the next
// DescribeDBInstances "available", so a waiter returns on its first look.
// WithTransitionDelay makes each step take that long on the server's
// clock; steps happen when the next request arrives, so no goroutine runs
// behind the test. With
// WithManualTransitions resources stay where they are until Step moves
// every transition one step, or Settle finishes them. Modifications without ApplyImmediately wait in
// PendingModifiedValues until RunMaintenance, the fake's maintenance
// window.
//
// WithAutomatedSnapshots adds RDS's automated snapshot
// (rds:<id>-<yyyy-mm-dd-hh-mm>) to every new instance whose backup
// retention period is not zero.
//
// Events are recorded as resources change state, and parameter group
// changes are recorded as "Updated parameter NAME to VALUE with apply
// method METHOD".
//
// # Tags
//
// Tags follow RDS's rules (API Reference, Tag; User Guide, "Tagging Amazon
// RDS resources"): at most 50 a resource, keys of 1 to 128 characters and
// values of up to 256, neither starting with aws: or rds:, made of
// letters, digits, white space and _.:/=+-@; anything else is
// InvalidParameterValue. DescribeDBInstances and DescribeDBSnapshots show
// them in TagList (a snapshot shared by another account shows none). A
// missing resource, or one of another account or region, is its kind's
// not-found error (DBInstanceNotFound, DBSnapshotNotFound,
// DBParameterGroupNotFound, DBSecurityGroupNotFound; DBClusterNotFoundFault
// for clusters, which the fake has none of).
//
// CopyTagsToSnapshot copies an instance's tags to its snapshots (manual,
// final and automated) unless CreateDBSnapshot gives tags of its own;
// CopyDBSnapshot copies the source's tags only with CopyTags and no tags
// of its own (the request's replace them, as on AWS); a restored instance
// gets the request's tags, or else the snapshot's. DeletionProtection (DeleteDBInstance answers
// InvalidParameterCombination while it is on) and
// EnableIAMDatabaseAuthentication are kept and reported.
//
// # Seeding and inspection
//
// Tests can make resources without a client and look at what clients
// did, with arguments in the order account, region, name: AddDBInstance
// (available at once), AddDBSnapshot, AddParameterGroup,
// AddDBSecurityGroup and AddTags go through the actions' own checks;
// DBInstances, DBInstance, DBSnapshots, DBSnapshot, ParameterGroups,
// ParameterGroup, ParameterValues, DBSecurityGroups, DBSecurityGroup and
// Tags read the state.
//
// # Sharing snapshots
//
// A manual snapshot is shared through its restore attribute with account
// IDs or "all". Another account in the same region then sees it by ARN:
// DescribeDBSnapshots lists it with IncludeShared (or SnapshotType shared;
// "all" makes it public), and CopyDBSnapshot and
// RestoreDBInstanceFromDBSnapshot accept its ARN. Anything else an
// account tries on a snapshot it does not own (describing it by name,
// deleting it, reading or changing its attributes) is DBSnapshotNotFound,
// and so is every use of a snapshot not shared with it.
//
// # Differences from RDS
//
//   - Only the catalog's mysql, postgres and mariadb versions exist;
//     DescribeDBEngineVersions and DescribeOrderableDBInstanceOptions
//     refuse the engines RDS has and the fake lacks (Oracle, SQL Server,
//     Db2, Aurora, custom engines) with InvalidParameterCombination rather
//     than answer that RDS has none. Orderable options list gp2 and gp3
//     only. Clusters, option groups,
//     the storage types io1, io2 and standard (InvalidParameterValue),
//     encryption and read replicas are not modelled. Automated snapshots
//     are taken only WithAutomatedSnapshots, once, when an instance is
//     created or restored; they go with the instance
//     (DeleteAutomatedBackups false is refused).
//   - Storage changes take one transition step, not hours; RDS's six-hour
//     wait between storage modifications is not enforced, and
//     RestoreDBInstanceFromDBSnapshot refuses AllocatedStorage. gp3 follows
//     the RDS User Guide where RDS's API model disagrees with it: the model
//     says gp3 needs Iops (StorageType) and that growing gp3 storage needs
//     Iops (ModifyDBInstance), which RDS refuses under 400 GiB. The model's
//     Iops rule of 0.5 to 50 times the storage is not applied to gp3: RDS's
//     own gp3 baselines break it (3000 IOPS at 20 GiB is 150 times).
//   - Where RDS's exact error message is not documented the fake's own
//     wording is used; the codes and HTTP statuses are RDS's. Codes for
//     some rare cases are guesses: storage decreases
//     (InvalidParameterCombination, as for increases under 10%); gp3 Iops
//     or StorageThroughput out of range or over 0.25 MiBps per IOPS, and
//     either on gp2 (InvalidParameterCombination, like IOPS under 400 GiB,
//     which is RDS's answer as users report it, message and all); an
//     unknown storage type (InvalidParameterValue); ForceFailover without
//     Multi-AZ (InvalidParameterCombination), an unknown parameter family
//     (InvalidParameterValue).
//   - VPC security group IDs are checked for shape, not looked up in EC2,
//     nor matched to the subnet group's VPC. Moving an instance to
//     another DB subnet group (ModifyDBInstance DBSubnetGroupName) is
//     refused as not implemented. Subnets of different VPCs are
//     InvalidSubnet, and an AvailabilityZone the group lacks
//     InvalidParameterCombination, with the fake's own wording; an
//     instance without a group in an account without a default VPC is
//     InvalidParameterCombination.
//   - DB security groups work in every account, as on EC2-Classic; RDS
//     refuses them (DBSecurityGroupNotSupported) in accounts created since
//     EC2-Classic was retired. DB and VPC security groups cannot be mixed.
//     VPC security group IDs are checked for shape only; instances naming
//     none get a default group ID derived from the account and region.
//   - Endpoints are <id>.c<11 hex digits>.<region>.rds.amazonaws.com with
//     the hex digits derived from the account and region; they resolve
//     nowhere.
//   - Master passwords are checked but not kept; a changed password shows
//     as "****" in PendingModifiedValues until it is applied.
//   - Engine upgrades are allowed within a parameter family only.
//   - Events are kept for the life of the server, not 14 days.
//   - Markers are opaque offsets; they stay valid however the list changes.
//   - One lock covers the whole fake, since nearly every action reads
//     several resource families; answers are rendered under it and
//     written after it is released, so a client that reads slowly holds
//     up no one.
package rdstest
