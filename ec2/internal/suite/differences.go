package suite

// Differences are the places a backend is known to answer otherwise than
// EC2. Each flag says which answer matches AWS and on what evidence;
// moto's lines are in moto 5.2.1's source (moto/ec2/...).
type Differences struct {
	// ListsDisabledRegions: DescribeRegions without AllRegions lists the
	// regions the account has not opted in to too. EC2 lists only the
	// enabled ones (the model, DescribeRegions: "Describes the Regions
	// that are enabled for your account, or all Regions"; AllRegions:
	// "Indicates whether to display all Regions, including Regions that
	// are disabled for your account"). moto differs
	// (models/availability_zones_and_regions.py, describe_regions
	// answers self.regions and never reads AllRegions).
	ListsDisabledRegions bool
	// ZoneFiltersExact: DescribeAvailabilityZones' filters take no
	// wildcards, so zone-name=us-east-1? matches nothing. EC2's filter
	// values take * and ? (Amazon EC2 User Guide, "List and filter your
	// resources"). moto differs (describe_availability_zones filters
	// through filter_resources, an equality test).
	ZoneFiltersExact bool
	// UnknownZoneListsNothing: DescribeAvailabilityZones with a zone name
	// that does not exist answers an empty list. EC2 answers
	// InvalidParameterValue, "Invalid availability zone: [us-west-2a]"
	// (as AWS answers CloudFormation and the SDKs; the API Reference's
	// common errors: InvalidParameterValue, "A value specified in a
	// parameter is not valid"). moto differs (describe_availability_zones
	// keeps the zones whose names were asked for, and no others).
	UnknownZoneListsNothing bool
	// DefaultVPCWithoutGateway: the default VPC has no internet gateway
	// and its main route table no route to one. EC2 makes both (Amazon VPC
	// User Guide, "Default VPCs": "Create an internet gateway and connect
	// it to your default VPC" and "Add a route to the main route table
	// that points all traffic (0.0.0.0/0) to the internet gateway").
	// moto differs (models/vpcs.py creates the default VPC and its
	// subnets only).
	DefaultVPCWithoutGateway bool
	// CreatedAvailable: CreateVpc answers an available VPC, CreateVolume
	// an available volume and CreateSnapshot a completed snapshot. EC2
	// answers pending, creating and pending, which later become
	// available and completed (EC2 API Reference, the example responses
	// of CreateVpc, <state>pending</state>, CreateVolume,
	// <status>creating</status>, and CreateSnapshot,
	// <status>pending</status>). moto differs (its models start in the
	// final state).
	CreatedAvailable bool
	// AcceptsAnySubnetSize: CreateSubnet takes a /29. EC2 answers
	// InvalidSubnet.Range (Amazon VPC User Guide, "Subnet CIDR blocks":
	// "The allowed block size is between a /28 netmask and /16
	// netmask"). moto differs (models/subnets.py, create_subnet checks
	// only that the block is inside the VPC's and overlaps no subnet).
	AcceptsAnySubnetSize bool
	// SecondGatewayAttaches: AttachInternetGateway attaches a second
	// gateway to a VPC that has one. EC2 answers
	// Resource.AlreadyAssociated (Amazon VPC User Guide, "Internet
	// gateways": "You can attach only one internet gateway to a VPC").
	// moto differs (models/internet_gateways.py, attach_internet_gateway
	// checks only that the gateway is unattached).
	SecondGatewayAttaches bool
	// DeletesVPCInUse: DeleteVpc deletes a VPC with an internet gateway
	// attached, or with a security group of its own. EC2 answers
	// DependencyViolation (the model, DeleteVpc: "You must detach or
	// delete all gateways and resources that are associated with the VPC
	// before you can delete it. For example, you must terminate all
	// instances running in the VPC, delete all security groups associated
	// with the VPC (except the default one)"). moto
	// differs (models/vpcs.py, delete_vpc refuses only for subnets, VPN
	// gateways and peering).
	DeletesVPCInUse bool
	// DeletesMainRouteTable: DeleteRouteTable deletes a VPC's main table.
	// EC2 answers DependencyViolation (the model, DeleteRouteTable: "You
	// must disassociate the route table from any
	// subnets before you can delete it. You can't delete the main route
	// table."). moto differs (models/route_tables.py, delete_route_table
	// checks only its subnet associations).
	DeletesMainRouteTable bool
	// AssociateAnswersExisting: AssociateRouteTable with a subnet that
	// another table of its VPC has answers that association's ID and
	// changes nothing. EC2 answers Resource.AlreadyAssociated, "the
	// specified association for route table rtb-... conflicts with an
	// existing association" (as AWS answered Terraform, whose
	// aws_route_table_association import docs quote it). moto differs
	// (models/route_tables.py, associate_route_table: "Idempotent if
	// association already exists", whichever table it is with).
	AssociateAnswersExisting bool
	// NoBlackholes: a route to a detached internet gateway stays active.
	// EC2 marks it blackhole (the model, Route, State: "The blackhole
	// state indicates that the route's target isn't available (for
	// example, the specified gateway isn't attached to the VPC").
	// moto differs (its routes have no state but active).
	NoBlackholes bool
	// RulesWithoutOwner: DescribeSecurityGroupRules answers rules without
	// GroupOwnerId. EC2 answers it (the model, SecurityGroupRule,
	// GroupOwnerId: "The ID of the Amazon Web Services account that owns
	// the security group"). moto differs (its rule template has no
	// groupOwnerId).
	RulesWithoutOwner bool
	// DeletesGroupInUse: DeleteSecurityGroup deletes a group that
	// another group's rule names. EC2 answers DependencyViolation (the
	// model, DeleteSecurityGroup: "If you attempt to delete a
	// security group that is associated with an instance or network
	// interface, is referenced by another security group in the same
	// VPC, or has a VPC association, the operation fails with
	// DependencyViolation"). moto differs
	// (models/security_groups.py, delete_security_group looks for no
	// references).
	DeletesGroupInUse bool
	// DeletesSubnetInUse: DeleteSubnet deletes a subnet with instances in
	// it. EC2 answers DependencyViolation (the model, DeleteSubnet: "You must terminate all running instances in the
	// subnet before you can delete the subnet"). moto differs
	// (models/subnets.py, delete_subnet checks nothing).
	DeletesSubnetInUse bool
	// IgnoresCreateVolumePermission: ModifySnapshotAttribute with
	// CreateVolumePermission.Add/Remove succeeds and changes nothing;
	// only the flat OperationType and UserId.N form shares. EC2 takes
	// both (the model, ModifySnapshotAttributeRequest,
	// CreateVolumePermission: "A JSON representation of the snapshot
	// attribute modification"). moto differs
	// (responses/elastic_block_store.py, modify_snapshot_attribute reads
	// OperationType, UserIds and GroupNames only).
	IgnoresCreateVolumePermission bool
	// SharedSnapshotsInvisible: a snapshot shared with another account is
	// InvalidSnapshot.NotFound to it. EC2 shows it and lets it create
	// volumes from it (EBS User Guide, "Share an Amazon EBS snapshot":
	// the accounts it is shared with can "create volumes from the
	// snapshot"; DescribeSnapshots, RestorableByUserIds). moto differs
	// (models/elastic_block_store.py, describe_snapshots looks only in
	// the caller's account).
	SharedSnapshotsInvisible bool
	// DetachNeedsInstance: DetachVolume without InstanceId fails with an
	// HTTP 500. EC2 detaches the volume from its instance (the model,
	// DetachVolumeRequest, InstanceId: "If you are detaching a
	// Multi-Attach enabled volume, you must specify an instance ID", so
	// it is optional otherwise). moto differs
	// (models/elastic_block_store.py, detach_volume looks the instance
	// up by the ID it was not given).
	DetachNeedsInstance bool
	// FilterBrackets: [a] in a filter value is a character class, so
	// tag:k=[a] matches the value "a". EC2's only wildcards are * and ?,
	// which a backslash escapes (Amazon EC2 User Guide, "List and filter
	// your resources"); every other character stands for itself. moto
	// differs (utils.py,
	// tag_filter_matches: fnmatch.translate).
	FilterBrackets bool
	// FilterBackslashLiteral: \\ in a tag filter value is two
	// backslashes, so tag:k=x\\y misses the value x\y. EC2 reads a
	// backslash as escaping *, ? and itself (Amazon EC2 User Guide, "List
	// and filter your resources": "a filter value of \*amazon\?\\
	// searches for the literal string *amazon?\"). moto differs
	// (utils.py, simple_aws_filter_to_re escapes \* and \? only).
	FilterBackslashLiteral bool
	// MalformedIsNotFound: DescribeInstances with i-not-an-id answers
	// InvalidInstanceID.NotFound. EC2 answers
	// InvalidInstanceID.Malformed (EC2 API Reference, "Error codes":
	// "The specified instance ID is malformed. Ensure that you provide
	// the full instance ID"). moto differs (it checks no ID's shape).
	MalformedIsNotFound bool
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{
		ListsDisabledRegions: true, ZoneFiltersExact: true, UnknownZoneListsNothing: true,
		DefaultVPCWithoutGateway: true, CreatedAvailable: true, AcceptsAnySubnetSize: true,
		SecondGatewayAttaches: true, DeletesVPCInUse: true, DeletesMainRouteTable: true, AssociateAnswersExisting: true,
		NoBlackholes: true, RulesWithoutOwner: true, DeletesGroupInUse: true, DeletesSubnetInUse: true,
		IgnoresCreateVolumePermission: true, SharedSnapshotsInvisible: true, DetachNeedsInstance: true,
		FilterBrackets: true, FilterBackslashLiteral: true, MalformedIsNotFound: true,
	}
}
