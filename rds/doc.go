// Package rds is goboto's Amazon RDS connection, in the style boto users
// know: a connection per region, and handles on DB instances, snapshots,
// DB security groups and parameter groups that know their connection and
// do no I/O until a method asks. It wraps aws-sdk-go-v2's RDS client,
// reachable through Conn.Client for what goboto does not wrap;
// WithClientOptions passes aws-sdk-go-v2's per-client options to it.
//
//	conn := rds.New(cfg) // cfg from config.LoadDefaultConfig
//	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
//		ID: "mydb", Engine: "mysql", Class: "db.t3.micro", AllocatedStorage: 20,
//		MasterUsername: "admin", MasterPassword: rds.Password(pw),
//	})
//	err = db.Wait(ctx, rds.InstanceAvailable, goboto.Progress(func(s string, d time.Duration) { ... }))
//	fmt.Println(db.Endpoint) // mydb.c9akciq32.us-east-1.rds.amazonaws.com:3306
//	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "mydb-nightly"})
//	err = snap.Share(ctx, goboto.Accounts("123456789012"))
//
// Every method that calls RDS takes a context first and names the
// action. Creates take an options struct (InstanceOptions,
// ParameterGroupOptions, DBSecurityGroupOptions, SnapshotOptions,
// CopyOptions, RestoreOptions), each with Tags for the new resource.
// Handles keep their connection behind Conn(); Refresh reads a handle's
// resource by its identifier, and a resource RDS does not know is its
// kind's not-found *goboto.APIError.
//
// Lists (DBInstances, DBSnapshots, DBSecurityGroups, DBSubnetGroups,
// ParameterGroups, EngineDefaultParameters, EngineVersions,
// OrderableOptions, Events) are iter.Seq2 iterators that fetch
// pages by Marker as the loop needs them and stop fetching when it
// breaks. They take ListOption values: PageSize for every one, and
// Source for ParameterGroup.Load only; a listing refuses a setting it
// does not take.
//
// # Parameter groups
//
// ParameterGroup.Load reads every parameter of a group, following Marker
// page after page (boto 2 stopped at the first 100). Each Parameter knows
// its data type and allowed values, and Set checks a value against them
// before anything is sent:
//
//	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{
//		Name: "tuned", Family: "mysql8.0", Description: "tuned MySQL"})
//	err = pg.Load(ctx)
//	err = pg.Set("max_allowed_packet", "-5")
//	// max_allowed_packet: -5 out of range 1024-1073741824
//	err = pg.Set("max_alowed_packet", "2048")
//	// max_alowed_packet: 2048 is not a parameter of tuned; did you mean max_allowed_packet?
//	err = pg.Set("max_allowed_packet", "2048")
//	err = pg.Apply(ctx, rds.ApplyImmediate)
//
// ParameterGroup.Parameter returns a parameter and whether the group has
// it; the methods of the nil Parameter it returns for a name the group
// lacks refuse with a *goboto.ValidationError rather than panic.
//
// Integers are checked against ranges with negative bounds
// ("-1-2147483647") and lists of ranges ("1-65535,131072"); floats
// against float ranges; booleans are 0 or 1; strings and list items
// against the allowed values. Formulas such as
// {DBInstanceClassMemory*3/4} or GREATEST({DBInstanceClassMemory/32768},131072)
// pass unchecked for integer, float and boolean parameters, for RDS to
// work out per instance; unbalanced or empty braces are no formula, and
// in a string or list parameter braces are only text. Parameters that are not modifiable are refused. Apply sends
// only what changed, 20 parameters to a call as RDS allows, and refuses
// before sending anything when a static parameter is to be applied
// immediately.
//
// # Tags
//
// Instances, snapshots, parameter groups and DB security groups have
// AddTags, RemoveTags and Tags (AddTagsToResource, RemoveTagsFromResource,
// ListTagsForResource); Conn has the same three by ARN. Every create's
// options take Tags to put on the new resource (CopyOptions.CopyTags
// copies the source snapshot's too), and
// CopyTagsToSnapshot carries an instance's tags to its snapshots. Tags
// are checked against RDS's rules first (at most 50; keys of 1 to 128
// characters, values up to 256; no aws: or rds: prefix):
//
//	err := db.AddTags(ctx, rds.Tags{"team": "data"})
//	tags, err := db.Tags(ctx)
//
// # VPCs and DB subnet groups
//
// Today's instances run in a VPC: in the subnets of a DB subnet group,
// which must cover at least two Availability Zones, behind VPC security
// groups. CreateDBSubnetGroup takes the subnets as Subnet values; give
// their zones (from the ec2 package's subnets) and a group covering one
// zone is refused before anything is sent. An instance created without
// InstanceOptions.SubnetGroup goes into the default VPC, whose group RDS
// calls "default"; DBInstance.SubnetGroup reports the group, its VPC and
// subnets.
//
//	g, err := conn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{
//		Name: "private", Description: "app databases",
//		Subnets: []rds.Subnet{{ID: "subnet-0a1b2c3d", AvailabilityZone: "us-east-1a"},
//			{ID: "subnet-4e5f6a7b", AvailabilityZone: "us-east-1b"}}})
//
// Stop and Start take an instance stopping → stopped and starting →
// available; RDS starts a stopped instance again by itself after seven
// days.
//
// # Engines
//
// goboto carries RDS's catalog of the engines people run today: MySQL 8.0
// and 8.4, PostgreSQL 13 to 17 and MariaDB 10.6, 10.11 and 11.4, with
// their minor versions, parameter-group families and instance classes.
// CreateDBInstance refuses, before anything is sent, a version of these
// engines that RDS does not offer (EngineVersion may be a major version
// alone, "16", for its newest minor) and a class RDS does not offer for
// the version; other engines are left for RDS to judge. EngineVersions
// and OrderableOptions list what RDS itself offers
// (DescribeDBEngineVersions, DescribeOrderableDBInstanceOptions).
//
// # DB security groups
//
// DBSecurityGroup is boto's firewall for instances outside a VPC; it
// admits CIDR ranges and EC2 security groups (by name and owner). AWS
// accounts made since 2013 have a default VPC and use VPC security groups
// (InstanceOptions.VPCSecurityGroupIDs) instead; AWS offers DB security
// groups only to accounts that still have EC2-Classic. A rule Authorize
// adds starts "authorizing"; WaitIngress waits until RDS applies it:
//
//	err := g.Authorize(ctx, rds.CIDR("203.0.113.0/24"))
//	err = g.WaitIngress(ctx, rds.CIDR("203.0.113.0/24"), rds.IngressAuthorized)
//
// # Storage
//
// New instances get gp3 storage unless InstanceOptions.StorageType says
// otherwise (RDS's default is io1 when Iops is given without a type, so
// say "gp3" to provision gp3). Below the engine's striping threshold
// (400 GiB for MySQL, MariaDB and PostgreSQL, 200 for Oracle) gp3 has a
// fixed 3000 IOPS and 125 MiBps and RDS refuses Iops and
// StorageThroughput; from the threshold up the baseline is 12000 IOPS and
// 500 MiBps, and Iops may be 12000-64000 and StorageThroughput 500-4000,
// at most 0.25 MiBps per IOPS. SQL Server's gp3 takes 3000-16000 IOPS and
// 125-1000 MiBps at any size, at most 500 IOPS per GiB. DBInstance and
// DBSnapshot report StorageType, Iops and StorageThroughput as RDS does;
// Modify switches between gp2 and gp3 and provisions gp3 by the same
// rules:
//
//	err := db.Modify(ctx, rds.ModifyOptions{StorageType: "gp3", AllocatedStorage: 400,
//		Iops: 16000, StorageThroughput: 1000, ApplyImmediately: true})
//
// # Errors
//
// Input RDS would refuse is refused first with a *goboto.ValidationError
// naming the field, the value and the rule, and nothing is sent:
// identifiers (1 to 63 letters, digits and hyphens for an instance,
// starting with a letter, no trailing hyphen, no "--"), storage out of
// the engine's range for its storage type, Iops and StorageThroughput
// that break the storage type's rules, unknown instance classes,
// master passwords that break the engine's rules (the password itself is
// never shown), parameter values. Errors from RDS are *goboto.APIError
// with RDS's code (DBInstanceNotFound, InvalidDBInstanceState,
// InvalidParameterValue, ...); goboto.IsNotFound matches the *NotFound
// codes.
//
// # Waiting
//
// DBInstance.Wait and DBSnapshot.Wait poll until the resource reaches a
// state, a typed constant (InstanceAvailable, InstanceStopped, or
// InstanceDeleted for an instance RDS no longer knows; SnapshotAvailable, SnapshotDeleted);
// DBSecurityGroup.WaitIngress polls until one rule of the group is
// IngressAuthorized or IngressRevoked. The first look happens at once,
// so a resource already in its state costs one call and no pause. They
// honour the context, give up after goboto.Timeout (30 minutes by
// default) with a *goboto.WaitTimeoutError, which matches
// context.DeadlineExceeded under errors.Is, and stop early with a
// *goboto.StateError when the wanted state cannot follow. goboto.Progress
// reports each state seen; goboto.Interval sets the longest pause
// between polls.
//
// # Sharing snapshots
//
// DBSnapshot.Share and Unshare take a goboto.Audience, accounts or
// everyone, and Permissions answers one:
//
//	err := snap.Share(ctx, goboto.Accounts("444455556666"))
//	who, err := snap.Permissions(ctx) // who.Accounts, who.Everyone
//
// # Retrying
//
// A connection keeps the aws.Config's own Retryer, or builds goboto's
// retry policy in the config's RetryMode; goboto.WithRetry replaces it.
// goboto's policy treats RDS's Throttling answers as throttling.
package rds
