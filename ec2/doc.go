// Package ec2 is goboto's Amazon EC2 connection, in the style boto users
// know: a connection per region, and handles on instances, volumes,
// snapshots and images that know their connection and do no I/O until a
// method asks.
// It wraps aws-sdk-go-v2's EC2 client, reachable through Client for what
// goboto does not wrap; WithClientOptions passes aws-sdk-go-v2's own
// per-client options to it.
//
//	conn := ec2.New(cfg) // cfg from config.LoadDefaultConfig
//	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: "ami-...", InstanceType: "t3.micro"})
//	inst := res.Instances[0]
//	err = inst.Wait(ctx, ec2.InstanceRunning, goboto.Progress(func(s string, d time.Duration) { ... }))
//	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 10, Zone: inst.Placement})
//	err = vol.Attach(ctx, inst.ID, "/dev/sdh")
//	snap, err := vol.CreateSnapshot(ctx, "nightly") // copies the volume's Name tag
//	err = snap.Share(ctx, goboto.Accounts("123456789012"))
//
// Handles (Conn.Instance, Conn.Reservation, Conn.Volume, Conn.Snapshot,
// Conn.Image, Conn.SecurityGroup, Conn.KeyPair, Conn.Address,
// Conn.RegionInfo, Conn.Zone, Conn.ReservedInstancesOffering,
// Conn.SpotPrices, Conn.VPC, Conn.Subnet, Conn.InternetGateway,
// Conn.RouteTable, Conn.SecurityGroupRule, ...) hold a
// snapshot of the resource as EC2 last described it; Refresh reads it
// again, and the verbs (Start, Stop, Attach, Share, ...) update what their
// answer tells. Every method that calls EC2 takes a context first and
// names the action. Lists (Instances, Reservations, Volumes, Snapshots,
// Images) are iter.Seq2 iterators that fetch pages as the loop needs them
// and stop fetching when it breaks. Filter narrows them, including by tag.
//
// RunInstances sends a client token, made up once per call when
// RunOptions.ClientToken is empty, so a launch the SDK retries after a
// lost answer never launches twice.
//
// A BlockDeviceMapping says what each device of an instance or image is:
// an EBS volume, an instance store (ephemeral0...) or no device. The same
// type serves RunInstances, RegisterImage (an EBS-backed image whose root
// comes from a snapshot; or an instance-store image from its S3 manifest
// with Location), Instance.CreateImage, and Instance.ModifyBlockDevices
// (DeleteOnTermination on a running instance: DeleteVolumeOnTermination,
// KeepVolumeOnTermination).
//
// # Elastic Volumes
//
// Volume.Modify grows a volume or changes its type, IOPS, throughput or
// Multi-Attach in place, attached or not (ModifyVolume). The changes are
// VolumeChanges, apart from the Volume they change; only the fields set
// are sent, and they are checked first as for CreateVolume, against the
// volume's current type and size: a volume only grows.
//
//	mod, err := vol.Modify(ctx, ec2.VolumeChanges{Size: 200, Type: "gp3"})
//	err = vol.WaitModification(ctx, ec2.ModificationOptimizing)
//	err = vol.Refresh(ctx) // vol.Size is 200
//
// A modification is modifying, then optimizing (the new size is there to
// use), then completed, or, rarely, failed. Volume.Modification reads the
// latest one and Conn.VolumeModifications lists them
// (DescribeVolumesModifications). EC2 refuses a new modification while
// the last one is modifying or optimizing (IncorrectModificationState),
// and more than its daily allowance per volume
// (VolumeModificationRateExceeded).
//
// # Groups, keys and addresses
//
// Security groups take rules built in Go or parsed from boto's strings:
//
//	sg, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
//	err = sg.Authorize(ctx, ec2.TCP(22).From("0.0.0.0/0"))
//	rule, err := ec2.ParseRule("tcp 8000-8080 from sg-0123456789abcdef0")
//
// Outbound rules are the same Rule, its address range or group the
// destination: AuthorizeEgress and RevokeEgress
// (AuthorizeSecurityGroupEgress, RevokeSecurityGroupEgress) take them,
// and EgressRules lists them. A new group allows all traffic out to
// 0.0.0.0/0 until that rule is revoked:
//
//	err = sg.AuthorizeEgress(ctx, ec2.TCP(443).To("0.0.0.0/0"))
//	err = sg.RevokeEgress(ctx, ec2.AllTraffic().To("0.0.0.0/0"))
//
// CreateKeyPair returns the private key once; KeyPair.PrivateKey prints as
// [REDACTED] under every fmt verb, in slog and in JSON, so it never lands
// in a log by accident. Elastic IPs are allocated, associated with an
// instance, disassociated and released through Address.
//
// # VPCs
//
// Every region of an account has a default VPC (DefaultVPC) with a
// default subnet per zone, where launches without a SubnetID go. CreateVPC
// makes others; VPC.CreateSubnet and VPC.CreateSubnets check each block
// before anything is sent (an IPv4 /16 to /28 given by its network
// address, inside the VPC's block when the handle knows it, apart from the
// others of the call), and EC2 answers InvalidSubnet.Range or
// InvalidSubnet.Conflict for what only it knows. InternetGateway.Attach,
// VPC.CreateRouteTable, RouteTable.CreateRoute and RouteTable.Associate
// make a subnet public; VPC.MainRouteTable is the table of every other
// subnet. VPC.Attributes and VPC.Update read and change its DNS settings,
// Subnet.Update whether it gives instances public addresses.
// SecurityGroupRules lists rules one by one with their sgr- IDs.
//
// # Instance types, status checks and launch templates
//
// InstanceTypes lists EC2's instance types with their vCPUs, memory,
// architectures, instance store and network (DescribeInstanceTypes).
// RunOptions and Image.Run check a type against goboto's catalog of
// common types, the one ec2test serves: a size its family does not have,
// an instance-store device the type does not have ("ephemeral2" on a
// type with one) and, for a described image, an architecture the type
// does not run are refused before anything is sent; a family outside the
// catalog is left to EC2. Instance.Status and InstanceStatuses read the
// system and instance status checks (DescribeInstanceStatus);
// Instance.WaitStatus waits until both are ok.
//
//	lt, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web",
//		Data: ec2.LaunchTemplateData{ImageID: "ami-...", InstanceType: "t3.micro"}})
//	v2, err := lt.CreateVersion(ctx, ec2.VersionOptions{Source: "1", Data: ec2.LaunchTemplateData{InstanceType: "m6i.large"}})
//	err = lt.SetDefaultVersion(ctx, v2.Number)
//	res, err := lt.Run(ctx, ec2.LatestVersion, ec2.RunOptions{Zone: "us-east-1b"}) // overrides the template's zone
//	err = res.Instances[0].WaitStatus(ctx, ec2.InstanceStatusOK)
//
// # AWS Marketplace product codes
//
// Image.ProductCodes and Instance.ProductCodes come with their
// descriptions; Volume.LoadProductCodes and Snapshot.LoadProductCodes read
// a volume's or snapshot's (DescribeVolumeAttribute,
// DescribeSnapshotAttribute). A volume with a Marketplace code can be
// attached only as a stopped instance's root device; once its codes are
// loaded, Volume.Attach refuses a secondary device before sending.
//
// # Reserved and Spot Instances
//
// ReservedInstancesOfferings lists offerings by type, zone, product,
// tenancy, offering type and duration. Purchase buys nothing unless
// PurchaseOptions.Confirm is set; without it the answer is a
// *ConfirmationRequiredError carrying the price that would have been
// charged. ReservedInstances lists what was bought. SpotPriceHistory (or
// a SpotPrices handle) reads the Spot market, RequestSpotInstances bids,
// SpotInstanceRequest.Wait(ctx, SpotInstanceRequestActive) waits for the
// instance, and Cancel
// withdraws the bid.
//
// # Options, listings and sharing
//
// Calls with many settings take a struct (RunOptions, VolumeOptions,
// CopyOptions, ...); calls with a few optional ones take functional
// options (Stop(ctx, ec2.Force())). Every listing takes ListOption values:
// PageSize, and where the action has them Owners, RestorableBy,
// ExecutableBy, AllZones or AllRegions; a listing refuses, with a
// *goboto.ValidationError, an option it does not take and a page size
// outside its documented range. Snapshots and images are shared with a
// goboto.Audience:
//
//	err := img.Share(ctx, goboto.Everyone())
//	who, err := snap.Permissions(ctx) // goboto.Audience
//
// # Waiting
//
// Instance.Wait, Volume.Wait, Volume.WaitModification, Snapshot.Wait,
// Image.Wait, ReservedInstances.Wait, SpotInstanceRequest.Wait, VPC.Wait
// and Subnet.Wait poll
// until the resource reaches a state, one of the typed constants
// (ec2.InstanceRunning, ec2.VolumeAvailable, ...). The first look happens
// at once. They honour the context, give up after goboto.Timeout (10
// minutes by default) with a *goboto.WaitTimeoutError, which matches
// context.DeadlineExceeded under errors.Is, and stop early with a
// *goboto.StateError when the resource reaches a state from which the
// wanted one cannot follow (an instance waited for to run that
// terminates, a modification that failed). goboto.Progress reports each
// state seen; goboto.Interval sets the longest pause between polls.
//
// # Regions
//
// The live list of regions (DescribeRegions) keeps a
// regions.Catalog current as AWS opens regions and accounts opt in to
// them.
//
//	cat := regions.NewCatalog()
//	if err := conn.RefreshCatalog(ctx, cat); err != nil { ... }
//	set, err := regions.NewServiceSet(cfg, regions.EC2, ec2.NewConn, regions.WithCatalog(cat))
//
// The package regions never imports this one, so programs that only use
// the catalog or a ServiceSet of another service do not compile EC2's
// large client.
//
// Handles in boto's style are there too: conn.RegionInfo(name) (Refresh;
// Connect returns a connection to that region with the same settings),
// conn.Zone(name) (Refresh), and conn.Zones(ctx, filter) lists the
// region's availability, Local and Wavelength zones.
//
// # Errors
//
// Errors that EC2 answers come back as *goboto.APIError with Service "EC2",
// the operation, EC2's code (e.g. "UnauthorizedOperation"), the message,
// the request ID and the HTTP status. Match them with errors.As,
// goboto.IsNotFound (InvalidInstanceID.NotFound, InvalidVolume.NotFound,
// InvalidSnapshot.NotFound, InvalidAMIID.NotFound, ...) or
// goboto.IsThrottled. A Refresh whose Describe answer lacks the resource
// reports the same NotFound code EC2 uses, with the Describe call's HTTP
// status and request ID. A zero Conn, or a handle not made by one, fails
// with a *goboto.ValidationError rather than panicking.
//
// Input EC2 would refuse is refused first, before any request, with a
// *goboto.ValidationError naming the parameter, the value and the rule:
// resource IDs not shaped like i-, vol-, snap- or ami- and 8 or 17 hex
// digits (EC2's *.Malformed), zones outside the connection's region,
// block-device mappings breaking a rule of BlockDeviceMapping (one kind
// per device, device names, sizes, IOPS and throughput per volume type,
// no negative sizes), instance counts, user data over 16 KiB, tag keys
// and values, account IDs to share with, page sizes. Whether a volume is
// at least as large as its snapshot, or a zone exists, only EC2 knows.
//
// # Retrying
//
// Calls retry under goboto's shared policy (see package goboto): EC2's
// RequestLimitExceeded counts as throttling and is retried with backoff, up
// to the attempts set by goboto.WithRetry. A retry repeats the same
// request, which is safe for every call here: reads, state changes that
// EC2 treats as idempotent (stopping a stopping instance succeeds), and
// RunInstances and CreateVolume, whose client token (goboto's for
// RunInstances, the SDK's for CreateVolume) makes EC2 answer a repeat
// with the first result. CreateSnapshot and CopySnapshot take no token,
// so a retry after a lost answer can make a second snapshot. Volume.Modify
// takes none either; a retry after a lost answer finds the first
// modification running and fails with IncorrectModificationState.
//
// Lists retry each page separately, and waiters each poll, so a throttle
// late in a long walk does not repeat earlier work.
//
// # Testing
//
// Package ec2test is an in-process fake of EC2 to run code against.
package ec2
