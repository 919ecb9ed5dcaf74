// Package ec2test is an in-process fake of Amazon EC2 for tests, built on
// goboto's shared fake machinery: it checks SigV4 (and, for old clients,
// SigV2) signatures against the fake's test accounts, records every call,
// and can be told to fail with Faults.
//
//	srv := ec2test.Start(t)
//	conn := ec2.New(srv.Config(""))
//	regions, err := conn.Regions(ctx, true)
//
// It answers the actions listed below in EC2's own XML, starting with
// DescribeRegions and DescribeAvailabilityZones (RegionName.N, ZoneName.N,
// ZoneId.N, AllRegions, AllAvailabilityZones, DryRun and their Filter.N
// parameters). Any other action of EC2's API is refused with
// UnsupportedOperation, and changes nothing; an action EC2 does not have
// is refused with InvalidAction, as EC2 refuses it.
//
// # Instances, volumes, snapshots and tags
//
// The compute family answers RunInstances, DescribeInstances,
// DescribeInstanceStatus, StartInstances, StopInstances, RebootInstances, TerminateInstances,
// MonitorInstances, UnmonitorInstances, GetConsoleOutput,
// DescribeInstanceAttribute, ModifyInstanceAttribute, CreateVolume,
// DescribeVolumes, DescribeVolumeAttribute, AttachVolume, DetachVolume,
// DeleteVolume, ModifyVolume,
// DescribeVolumesModifications,
// CreateSnapshot, DescribeSnapshots, DeleteSnapshot, CopySnapshot,
// ModifySnapshotAttribute, DescribeSnapshotAttribute,
// ResetSnapshotAttribute, RegisterImage, CreateImage, DescribeImages,
// DeregisterImage, ModifyImageAttribute, DescribeImageAttribute,
// ResetImageAttribute, CreateTags, DeleteTags and DescribeTags, for
// every API version the fake routes (2016-11-15 from current SDKs,
// 2014-10-01 from boto 2), echoing the request's version as the answer's
// namespace. State is kept per account and region.
//
// Resources move through EC2's transient states: instances pending →
// running, stopping → stopped, shutting-down → terminated; volumes
// creating → available, attachments attaching → attached and detaching →
// detached; snapshots pending (0%, 25%, 50%, 75%) → completed (100%),
// SnapshotSteps steps in all; images pending → available; the status
// checks of a running instance (DescribeInstanceStatus) initializing →
// ok, one step after it runs; monitoring
// pending
// → enabled and disabling → disabled. By default each move finishes before
// the next compute request is served, so RunInstances answers "pending"
// and the next DescribeInstances says "running". WithManualTransitions (or
// SetManualTransitions) holds every resource in its transient state until
// Step moves all of them one state forward; Settle finishes them all.
//
// Snapshots are shared through createVolumePermission: an account sees,
// describes, copies and creates volumes from another account's snapshot
// only while it is shared with that account or with the group "all"; for
// any other snapshot it gets InvalidSnapshot.NotFound, as from EC2.
// Images are shared the same way through launchPermission; an image not
// shared with the caller is InvalidAMIID.NotFound to it, for RunInstances
// too.
//
// # Security groups, key pairs and addresses
//
// The network family answers CreateSecurityGroup, DescribeSecurityGroups,
// DeleteSecurityGroup, AuthorizeSecurityGroupIngress,
// RevokeSecurityGroupIngress, AuthorizeSecurityGroupEgress and
// RevokeSecurityGroupEgress (IpPermissions.N and boto 2's flat form),
// CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair,
// AllocateAddress, DescribeAddresses, AssociateAddress,
// DisassociateAddress and ReleaseAddress, and DescribeSecurityGroupRules
// (each rule with its sgr- ID). Every VPC has its "default" group. Every
// group starts with EC2's outbound rule, all traffic to 0.0.0.0/0, which
// can be revoked. Its differences from EC2 are listed in network.go.
//
// # VPCs, subnets, internet gateways and route tables
//
// The VPC world answers CreateVpc, DescribeVpcs, DeleteVpc,
// DescribeVpcAttribute, ModifyVpcAttribute, CreateSubnet,
// DescribeSubnets, DeleteSubnet, ModifySubnetAttribute,
// CreateInternetGateway, DescribeInternetGateways, AttachInternetGateway,
// DetachInternetGateway, DeleteInternetGateway, CreateRouteTable,
// DescribeRouteTables, DeleteRouteTable, CreateRoute, ReplaceRoute,
// DeleteRoute, AssociateRouteTable, DisassociateRouteTable and
// ReplaceRouteTableAssociation. Every account and region starts, as in
// AWS, with a default VPC of 172.31.0.0/16, a default /20 subnet per
// Availability Zone (MapPublicIpOnLaunch on), an internet gateway
// attached to it and a main route table sending 0.0.0.0/0 there. Its
// differences from EC2 are listed in vpc_model.go.
//
// # Reserved and Spot Instances
//
// The market family answers DescribeReservedInstancesOfferings (seeded,
// realistic offerings; SetOfferings and AddOffering replace them),
// PurchaseReservedInstancesOffering, DescribeReservedInstances,
// DescribeSpotPriceHistory (SetSpotPrice fixes a price),
// RequestSpotInstances, DescribeSpotInstanceRequests and
// CancelSpotInstanceRequests. A fulfilled Spot request launches an
// ordinary instance. Its differences from EC2 are listed in market.go.
//
// Instances, Volumes and Snapshots let a test look at the state without a
// client; AddImage adds AMIs to launch; SetInstanceStatus impairs (or
// otherwise sets) a running instance's status checks, as AWS's
// monitoring would find them. Every region starts with two public Amazon
// images, DefaultEBSImage and DefaultInstanceStoreImage, and an AWS
// Marketplace image, MarketplaceImage, whose product code
// (MarketplaceProductCode) passes to its instances' root volumes, their
// snapshots and volumes made from those; such a volume may be attached
// only as the root device of a stopped instance, and elsewhere is
// answered with OperationNotPermitted ("'vol-…' with Marketplace codes
// may not be attached as a secondary device."), as EC2 answers it.
//
// # Instance types and launch templates
//
// DescribeInstanceTypes answers from a catalog of a few dozen common
// types (t3, t4g, m5, m5d, m6i, m7g, c5, c6i, c7g, r6i, i3, d3, and the
// previous generation's m1 and m3), the one the ec2 client checks
// locally. RunInstances refuses a type outside it, a type that does not
// run the image's architecture (InvalidParameterValue), and an
// instance-store device (ephemeralN) the type does not have
// (InvalidBlockDeviceMapping).
//
// The launch template family answers CreateLaunchTemplate,
// CreateLaunchTemplateVersion, DescribeLaunchTemplates,
// DescribeLaunchTemplateVersions, ModifyLaunchTemplate,
// DeleteLaunchTemplate and DeleteLaunchTemplateVersions, and RunInstances
// takes LaunchTemplate.LaunchTemplateId or .LaunchTemplateName and
// .Version (a number, $Latest or $Default): the request's own parameters
// override the template's, a list (security groups, block devices, tag
// specifications) as a whole.
//
// # Differences from EC2
//
//   - The region list is the same for every account and every region of the
//     server, and opting in is done with SetRegions, not through the
//     Account Management API.
//   - Unless SetZones says otherwise, every region has three available zones,
//     <region>a to <region>c, with zone IDs derived from the region name
//     (use1-az1 for us-east-1a); real zone IDs map to names per account.
//   - An unknown filter name, a filter without values, or an unknown region
//     or zone name is answered with InvalidParameterValue; EC2's wording of
//     these messages may differ.
//   - Filter values accept EC2's * and ? wildcards, and the \*, \? and \\
//     escapes, on every filter.
//   - A filter name EC2 documents for an action but the fake cannot
//     evaluate (image watermarks, Spot launch groups, ...) is refused with
//     UnsupportedOperation naming it, never ignored. Filters on fields the
//     fake's resources never have (kernel-id, IPv6 addresses, a Spot
//     request ID) are evaluated and match nothing. Each instance has one
//     network interface, made and deleted with it, and EC2's default
//     metadata, enclave, hibernation, maintenance, DNS-name and
//     capacity-reservation options, which RunInstances cannot change
//     here; DescribeInstances reports them and filters on them.
//   - Each action reads the parameters listed for it in params_table.go
//     (those EC2's API model gives it that the fake honours, and a few no
//     value of which changes what the fake does). Any other parameter, such
//     as RunInstances' IamInstanceProfile, NetworkInterface.N or
//     MetadataOptions, RequestSpotInstances' ValidUntil or
//     LaunchSpecification.BlockDeviceMapping.N, or a listed one with a
//     value the fake cannot honour (StopInstances' Hibernate true), is
//     refused with InvalidParameter naming it, before anything changes.
//   - TagSpecification.N for a resource type the action does not tag here
//     (RunInstances' network interfaces, CreateImage's snapshots, Spot
//     requests) is refused with InvalidParameter before anything changes.
//   - Resource IDs are random long-form IDs (i-, vol-, snap-, r- and 17 hex
//     digits); the short 8-digit form is accepted in requests. The default
//     AMIs have the same IDs in every region.
//   - Instances go into SubnetId, or else into the default subnet of
//     Placement.AvailabilityZone or of the region's first zone. Each takes
//     the lowest free private address of its subnet (after the four AWS
//     reserves at the start) and, while running in a subnet that maps
//     public addresses, a 54.x.x.x public one. RunInstances looks security groups (by name or ID) and KeyName up
//     in the network family's state (InvalidGroup.NotFound,
//     InvalidKeyPair.NotFound) and reports each group's ID and name, as
//     does ModifyInstanceAttribute's GroupId.N.
//   - Instance types are those of the catalog only, and every one is
//     offered in every region and zone of the fake. An ephemeralN mapping
//     past the type's instance-store volumes is refused; EC2's
//     documentation says only that a type with two volumes maps
//     ephemeral0 and ephemeral1, and does not give its answer.
//   - Status checks are the system and instance reachability checks
//     only; the fake has no scheduled events, EBS or application health
//     (their filters match nothing, or are refused as
//     UnsupportedOperation).
//   - Launch template data holds the RunInstances parameters the fake
//     honours (image, type, key pair, security groups, zone, user data,
//     monitoring, EBS optimisation, termination protection, shutdown
//     behaviour, block devices, instance and volume tags); any other
//     LaunchTemplateData member is refused with InvalidParameter. The
//     data is checked for shape only until a launch, as in EC2. Tags on a
//     template are set at creation only (CreateTags does not take lt-
//     IDs here), and there is no limit on the number of templates or
//     versions (EC2: 5,000 and 10,000). DescribeLaunchTemplateVersions
//     lists newest first.
//   - Product codes are kept for images, instances, volumes and
//     snapshots; a snapshot with a Marketplace code cannot be made public
//     (OperationNotPermitted). Subscriptions are not modelled: every
//     account may launch MarketplaceImage.
//   - A terminated instance stays listed for exactly TerminatedLifetime
//     (an hour) on the server's clock, counted from the last request
//     before it reached "terminated"; EC2 says "approximately one hour".
//     Then it is gone from every answer, with its tags.
//   - RunInstances honours ClientToken per account and region for the life
//     of the server (EC2: at least 24 hours after the instances
//     terminate), answering the original reservation even after its
//     instances expired. A reused token with different parameters is
//     IdempotentParameterMismatch; every parameter but the token, Action,
//     Version and DryRun counts, compared as sent (EC2 does not document
//     how it compares them). CreateVolume's ClientToken follows the same
//     rule.
//   - Volume type limits (size, IOPS, throughput) are checked against a
//     table taken from the EC2 API model's CreateVolume documentation
//     (gp3: 1-65,536 GiB, 3,000-80,000 IOPS, 125-2,000 MiB/s); the
//     per-GiB IOPS ratios are not checked. gp2 IOPS are 3 per GiB between
//     100 and 16000.
//   - A volume modification (ModifyVolume) moves modifying (0%) →
//     optimizing (50%; the new size, type and performance apply now) →
//     completed (100%), one step each. Its end time is when it was first
//     described as finished. Four modifications of a volume are allowed
//     in any 24 hours of the server's clock, each once the previous one
//     has completed or failed, as in EC2 since January 2026 (before, one
//     per 6 hours). FailVolumeModification makes one fail, as EC2 rarely
//     does. A request that changes nothing is accepted.
//   - Snapshots climb in equal steps (SnapshotSteps) whatever their size;
//     volumes created from a pending snapshot are allowed.
//   - A snapshot or image the caller can see but does not own (one shared
//     with it) cannot be modified, described for attributes, deleted or
//     deregistered: OperationNotPermitted. EC2's exact code for that case
//     is not documented.
//   - Images are kept per region, not per account, and are pending for one
//     step after RegisterImage or CreateImage; CreateImage does not reboot
//     the instance. Every image is "hvm" on "xen", "Linux/UNIX".
//   - CreateTags and DeleteTags take instances, volumes, snapshots, images,
//     security groups, Elastic IPs (eipalloc-), key pairs (key-), VPCs,
//     subnets, internet gateways and route tables; a missing resource is the resource's .NotFound code, a
//     malformed ID its .Malformed code, any other ID InvalidID. Tags are
//     kept per account and region; tags on a shared image or snapshot are
//     the caller's own. Deleting a resource (an expired instance too)
//     drops its tags in every account.
//   - Filters on every compute Describe accept tag:<key>, tag-key and
//     tag-value; unknown filter names are refused with
//     InvalidParameterValue. NextToken is an opaque offset.
//   - GetConsoleOutput answers a short, made-up boot log.
package ec2test
