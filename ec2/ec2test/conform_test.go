package ec2test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// ec2DocumentedCodes are error codes from the EC2 API Reference, "Error
// codes for the Amazon EC2 API"
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html):
// its common client errors, the client errors for specific actions of the
// resources the fake models, and its server errors. EC2's model declares
// no errors per operation, so this list stands in for it.
var ec2DocumentedCodes = []string{
	// Common client errors.
	"AuthFailure", "Blocked", "DryRunOperation", "IdempotentParameterMismatch", "IncompleteSignature",
	"InvalidAction", "InvalidCharacter", "InvalidClientTokenId", "InvalidPaginationToken", "InvalidParameter",
	"InvalidParameterCombination", "InvalidParameterDependency", "InvalidParameterValue", "InvalidQueryParameter",
	"MalformedQueryString", "MissingAction", "MissingAuthenticationToken", "MissingParameter", "OptInRequired",
	"PendingVerification", "RequestExpired", "UnauthorizedOperation", "UnknownParameter",
	"UnsupportedInstanceAttribute", "UnsupportedOperation", "UnsupportedProtocol", "ValidationError",
	// Client errors for specific actions: instances, images, volumes,
	// snapshots, tags, security groups, key pairs, addresses, Reserved
	// and Spot Instances.
	"AddressLimitExceeded", "AttachmentLimitExceeded", "BootForVolumeTypeUnsupported", "CannotDelete", "DependencyViolation",
	"IncorrectInstanceState", "IncorrectModificationState", "IncorrectState", "InstanceLimitExceeded",
	"InvalidAddress.Locked", "InvalidAddress.Malformed", "InvalidAddress.NotFound", "InvalidAddressID.NotFound",
	"InvalidAllocationID.NotFound", "InvalidAMIAttributeItemValue", "InvalidAMIID.Malformed", "InvalidAMIID.NotFound",
	"InvalidAMIID.Unavailable", "InvalidAMIName.Duplicate", "InvalidAMIName.Malformed", "InvalidAssociationID.NotFound",
	"InvalidAttachment.NotFound", "InvalidAvailabilityZone", "InvalidBlockDeviceMapping", "InvalidDevice.InUse",
	"InvalidFilter", "InvalidGroup.Duplicate", "InvalidGroup.InUse", "InvalidGroup.NotFound", "InvalidGroup.Reserved",
	"InvalidGroupId.Malformed", "InvalidID", "InvalidInput", "InvalidInstanceAttributeValue", "InvalidInstanceID",
	"InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "InvalidInstanceState", "InvalidInstanceType",
	"InvalidIPAddress.InUse", "InvalidKey.Format", "InvalidKeyPair.Duplicate", "InvalidKeyPair.Format",
	"InvalidKeyPair.NotFound", "InvalidMaxResults", "InvalidNetworkInterfaceID.NotFound",
	"InvalidNetworkInterfaceId.Malformed", "InvalidNextToken",
	"InvalidPermission.Duplicate", "InvalidPermission.Malformed", "InvalidPermission.NotFound", "InvalidRegion",
	"InvalidRequest", "InvalidReservationID.Malformed", "InvalidReservationID.NotFound",
	"InvalidReservedInstancesId", "InvalidReservedInstancesOfferingId", "InvalidSecurityGroupID.NotFound",
	"InvalidSnapshot.InUse", "InvalidSnapshot.NotFound", "InvalidSnapshotID.Malformed",
	"InvalidSpotInstanceRequestID.Malformed", "InvalidSpotInstanceRequestID.NotFound", "InvalidState",
	"InvalidStateTransition", "InvalidTagKey.Malformed", "InvalidUserID.Malformed", "InvalidVolume.NotFound",
	"InvalidVolume.ZoneMismatch", "InvalidVolumeID.Duplicate", "InvalidVolumeID.Malformed",
	"InvalidVolumeID.ZoneMismatch", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "InvalidZone.NotFound",
	"KeyPairLimitExceeded", "LegacySecurityGroup", "MaxIOPSLimitExceeded", "MaxSpotInstanceCountExceeded",
	"OperationNotPermitted", "PendingSnapshotLimitExceeded", "ReservedInstancesLimitExceeded",
	"ReservedInstancesUnavailable", "Resource.AlreadyAssigned", "Resource.AlreadyAssociated",
	"ResourceCountExceeded", "ResourceLimitExceeded", "RulesPerSecurityGroupLimitExceeded",
	"SecurityGroupLimitExceeded", "SecurityGroupsPerInstanceLimitExceeded", "SnapshotCopyUnsupported.InterRegion",
	"SnapshotCreationPerVolumeRateExceeded", "SnapshotLimitExceeded", "TagLimitExceeded", "UnknownVolumeType",
	"Unsupported", "VolumeInUse", "VolumeIOPSLimit", "VolumeLimitExceeded", "VolumeModificationSizeLimitExceeded",
	"VolumeTypeNotAvailableInZone",
	// Client errors for VPCs, subnets, internet gateways, route tables and
	// security group rules, from the same page.
	"Gateway.NotAttached", "InsufficientFreeAddressesInSubnet", "InvalidGatewayID.NotFound",
	"InvalidInternetGatewayId.Malformed", "InvalidInternetGatewayID.NotFound", "InvalidRoute.NotFound",
	"InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound", "InvalidSecurityGroupRuleId.Malformed",
	"InvalidSecurityGroupRuleId.NotFound", "InvalidSubnet.Conflict", "InvalidSubnet.Range", "InvalidSubnetID.Malformed",
	"InvalidSubnetID.NotFound", "InvalidVpc.Range", "RouteAlreadyExists", "VPCIdNotSpecified", "VpcLimitExceeded",
	// Client errors for launch templates, from the same page.
	"InvalidLaunchTemplateId.Malformed", "InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateId.VersionNotFound",
	"InvalidLaunchTemplateName.AlreadyExistsException", "InvalidLaunchTemplateName.MalformedException",
	"InvalidLaunchTemplateName.NotFoundException",
	// Server errors.
	"InsufficientAddressCapacity", "InsufficientCapacity", "InsufficientInstanceCapacity",
	"InsufficientVolumeCapacity", "InternalError", "InternalFailure", "RequestLimitExceeded", "ServiceUnavailable",
	"Unavailable",
}

// ec2OperationErrors are codes EC2 documents for one action outside the
// error-code page.
var ec2OperationErrors = map[string][]string{
	// EC2 API Reference, DescribeVolumesModifications: a volume that was
	// never modified has no modification record; EC2 answers
	// InvalidVolumeModification.NotFound ("Modification for volume ... does
	// not exist"), the code aws-sdk-go's and boto3's callers match on.
	"DescribeVolumesModifications": {"InvalidVolumeModification.NotFound"},
	// EC2 User Guide, "Modify a volume": after a modification a volume
	// must wait before the next one; EC2 answers
	// VolumeModificationRateExceeded.
	"ModifyVolume": {"VolumeModificationRateExceeded"},
}

// conformSeed is what seedConform made: the IDs the requests point at.
type conformSeed struct {
	instance, volume, snapshot, image, group, allocation, publicIP, spot, offering, reserved string
	// The VPC world: vpc holds subnet (associated with rtbAssoc's table
	// by assoc) and subnet2 and the free table rtb; vpc2 is empty; igw
	// and igw2 are detached; rule is one of group's rules.
	vpc, vpc2, subnet, subnet2, igw, igw2, rtb, assoc, rule string
	// template is a launch template with one version, of the EBS image.
	template string
}

// seedConform makes one of each resource the fake models, settled, in
// the first test account's us-east-1.
func seedConform(t *testing.T, srv *Server) conformSeed {
	t.Helper()
	c := awsec2.NewFromConfig(srv.Config("us-east-1"))
	ctx := t.Context()
	var s conformSeed
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seeding: %v", err)
		}
	}
	run, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(DefaultEBSImage), MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	must(err)
	s.instance = *run.Instances[0].InstanceId
	vol, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{Size: aws.Int32(8), AvailabilityZone: aws.String("us-east-1a")})
	must(err)
	s.volume = *vol.VolumeId
	srv.Settle()
	snap, err := c.CreateSnapshot(ctx, &awsec2.CreateSnapshotInput{VolumeId: vol.VolumeId})
	must(err)
	s.snapshot = *snap.SnapshotId
	img, err := c.CreateImage(ctx, &awsec2.CreateImageInput{InstanceId: aws.String(s.instance), Name: aws.String("conform")})
	must(err)
	s.image = *img.ImageId
	g, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("conform"), Description: aws.String("conform")})
	must(err)
	s.group = *g.GroupId
	_, err = c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("conform")})
	must(err)
	addr, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	must(err)
	s.allocation, s.publicIP = *addr.AllocationId, *addr.PublicIp
	spot, err := c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{
		LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(DefaultEBSImage)}})
	must(err)
	s.spot = *spot.SpotInstanceRequests[0].SpotInstanceRequestId
	offs, err := c.DescribeReservedInstancesOfferings(ctx, &awsec2.DescribeReservedInstancesOfferingsInput{MaxResults: aws.Int32(5)})
	must(err)
	s.offering = *offs.ReservedInstancesOfferings[0].ReservedInstancesOfferingId
	ri, err := c.PurchaseReservedInstancesOffering(ctx, &awsec2.PurchaseReservedInstancesOfferingInput{
		ReservedInstancesOfferingId: aws.String(s.offering), InstanceCount: aws.Int32(1)})
	must(err)
	s.reserved = *ri.ReservedInstancesId
	seedVPCWorld(t, c, &s)
	lt, err := c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("conform"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{ImageId: aws.String(DefaultEBSImage), InstanceType: types.InstanceTypeT3Micro}})
	must(err)
	s.template = *lt.LaunchTemplate.LaunchTemplateId
	srv.Settle()
	return s
}

// seedVPCWorld adds seedConform's VPC world (see conformSeed).
func seedVPCWorld(t *testing.T, c *awsec2.Client, s *conformSeed) {
	t.Helper()
	ctx := t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seeding the VPC world: %v", err)
		}
	}
	vpc, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	s.vpc = *vpc.Vpc.VpcId
	vpc2, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")})
	must(err)
	s.vpc2 = *vpc2.Vpc.VpcId
	for i, dst := range []*string{&s.subnet, &s.subnet2} {
		sub, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId,
			CidrBlock: aws.String("10.0." + string(rune('1'+i)) + ".0/24"), AvailabilityZone: aws.String("us-east-1a")})
		must(err)
		*dst = *sub.Subnet.SubnetId
	}
	for _, dst := range []*string{&s.igw, &s.igw2} {
		igw, err := c.CreateInternetGateway(ctx, &awsec2.CreateInternetGatewayInput{})
		must(err)
		*dst = *igw.InternetGateway.InternetGatewayId
	}
	rtb, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	must(err)
	s.rtb = *rtb.RouteTable.RouteTableId
	other, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	must(err)
	assoc, err := c.AssociateRouteTable(ctx, &awsec2.AssociateRouteTableInput{RouteTableId: other.RouteTable.RouteTableId,
		SubnetId: aws.String(s.subnet)})
	must(err)
	s.assoc = *assoc.AssociationId
	rules, err := c.DescribeSecurityGroupRules(ctx, &awsec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{s.group}}}})
	must(err)
	s.rule = *rules.SecurityGroupRules[0].SecurityGroupRuleId
}

// seedFor adds what op needs beyond seedConform: a state to leave or a
// record to read.
func seedFor(t *testing.T, srv *Server, op string, s conformSeed) {
	t.Helper()
	c := awsec2.NewFromConfig(srv.Config("us-east-1"))
	ctx := t.Context()
	var err error
	switch op {
	case "DetachVolume":
		_, err = c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(s.volume), InstanceId: aws.String(s.instance), Device: aws.String("/dev/sdf")})
	case "DescribeVolumesModifications":
		_, err = c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(s.volume), Size: aws.Int32(16)})
	case "StartInstances":
		_, err = c.StopInstances(ctx, &awsec2.StopInstancesInput{InstanceIds: []string{s.instance}})
	case "DeleteTags":
		_, err = c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{s.volume}, Tags: []types.Tag{{Key: aws.String("goboto"), Value: aws.String("x")}}})
	case "DisassociateAddress":
		_, err = c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: aws.String(s.allocation), InstanceId: aws.String(s.instance)})
	case "ResetImageAttribute":
		_, err = c.ModifyImageAttribute(ctx, &awsec2.ModifyImageAttributeInput{ImageId: aws.String(s.image),
			LaunchPermission: &types.LaunchPermissionModifications{Add: []types.LaunchPermission{{UserId: aws.String("123456789012")}}}})
	case "DetachInternetGateway", "CreateRoute":
		_, err = c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(s.igw), VpcId: aws.String(s.vpc)})
	case "DeleteRoute", "ReplaceRoute":
		_, err = c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(s.igw), VpcId: aws.String(s.vpc)})
		if err == nil {
			_, err = c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: aws.String(s.rtb),
				DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(s.igw)})
		}
		// ReplaceRoute moves the route from the gateway, since detached,
		// to igw2, attached in its place.
		if err == nil && op == "ReplaceRoute" {
			_, err = c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(s.igw), VpcId: aws.String(s.vpc)})
		}
		if err == nil && op == "ReplaceRoute" {
			_, err = c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(s.igw2), VpcId: aws.String(s.vpc)})
		}
	case "ModifyLaunchTemplate", "DeleteLaunchTemplateVersions":
		_, err = c.CreateLaunchTemplateVersion(ctx, &awsec2.CreateLaunchTemplateVersionInput{LaunchTemplateId: aws.String(s.template),
			LaunchTemplateData: &types.RequestLaunchTemplateData{InstanceType: types.InstanceTypeT3Small}})
	case "RevokeSecurityGroupIngress":
		_, err = c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(s.group),
			IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), CidrIp: aws.String("10.0.0.0/8")})
	}
	if err != nil {
		t.Fatalf("seeding for %s: %v", op, err)
	}
	srv.Settle()
}

// values points every operation at what seedConform made.
func (s conformSeed) values() awsmodel.Values {
	return awsmodel.Values{
		"*.InstanceId":                  s.instance,
		"*.InstanceIds.1":               s.instance,
		"*.VolumeId":                    s.volume,
		"*.VolumeIds.1":                 s.volume,
		"*.SnapshotId":                  s.snapshot,
		"*.SourceSnapshotId":            s.snapshot,
		"*.ImageId":                     s.image,
		"*.GroupId":                     s.group,
		"*.KeyName":                     "conform",
		"*.AllocationId":                s.allocation,
		"*.SpotInstanceRequestIds.1":    s.spot,
		"*.Resources.1":                 s.volume,
		"*.SourceRegion":                "us-east-1",
		"*.ReservedInstancesOfferingId": s.offering,
		// Each action's own needs.
		"AttachVolume.Device":                                            "/dev/sdf",
		"CreateImage.Name":                                               "conform-2",
		"CreateKeyPair.KeyName":                                          "conform-2",
		"CreateSecurityGroup.GroupName":                                  "conform-2",
		"ImportKeyPair.KeyName":                                          "conform-2",
		"ImportKeyPair.PublicKeyMaterial":                                testPublicKey,
		"RegisterImage.Name":                                             "conform-2",
		"RegisterImage.RootDeviceName":                                   "/dev/xvda",
		"RegisterImage.BlockDeviceMappings.1.DeviceName":                 "/dev/xvda",
		"RegisterImage.BlockDeviceMappings.1.Ebs.SnapshotId":             s.snapshot,
		"ModifyVolume.Size":                                              "16",
		"CreateVolume.AvailabilityZone":                                  "us-east-1a",
		"CreateVolume.Size":                                              "1",
		"CreateTags.Tags.1.Key":                                          "team",
		"CreateTags.Tags.1.Value":                                        "data",
		"ModifyInstanceAttribute.DisableApiTermination.Value":            "true",
		"CreateVolume.SnapshotId":                                        awsmodel.Omit,
		"ResetSnapshotAttribute.Attribute":                               "createVolumePermission",
		"RevokeSecurityGroupIngress.GroupId":                             s.group,
		"RevokeSecurityGroupIngress.IpProtocol":                          "tcp",
		"RevokeSecurityGroupIngress.FromPort":                            "22",
		"RevokeSecurityGroupIngress.ToPort":                              "22",
		"RevokeSecurityGroupIngress.CidrIp":                              "10.0.0.0/8",
		"ModifyImageAttribute.Description.Value":                         "described",
		"ModifySnapshotAttribute.Attribute":                              "createVolumePermission",
		"ModifySnapshotAttribute.OperationType":                          "add",
		"ModifySnapshotAttribute.UserIds.1":                              "123456789012",
		"AuthorizeSecurityGroupIngress.GroupId":                          s.group,
		"AuthorizeSecurityGroupIngress.IpProtocol":                       "tcp",
		"AuthorizeSecurityGroupIngress.FromPort":                         "22",
		"AuthorizeSecurityGroupIngress.ToPort":                           "22",
		"AuthorizeSecurityGroupIngress.CidrIp":                           "10.0.0.0/8",
		"AuthorizeSecurityGroupEgress.IpPermissions.1.IpProtocol":        "tcp",
		"AuthorizeSecurityGroupEgress.IpPermissions.1.FromPort":          "443",
		"AuthorizeSecurityGroupEgress.IpPermissions.1.ToPort":            "443",
		"AuthorizeSecurityGroupEgress.IpPermissions.1.IpRanges.1.CidrIp": "10.0.0.0/8",
		// The default egress rule every group starts with.
		"RevokeSecurityGroupEgress.IpPermissions.1.IpProtocol":        "-1",
		"RevokeSecurityGroupEgress.IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0",
		"PurchaseReservedInstancesOffering.InstanceCount":             "1",
		"RunInstances.ImageId":                                        DefaultEBSImage,
		"RunInstances.InstanceType":                                   "t3.micro",
		"RequestSpotInstances.LaunchSpecification.ImageId":            DefaultEBSImage,
		"CopySnapshot.SourceRegion":                                   "us-east-1",
		"DeleteSecurityGroup.GroupId":                                 s.group,
		"AssociateAddress.InstanceId":                                 s.instance,
		"DisassociateAddress.PublicIp":                                s.publicIP,
		// The VPC world.
		"*.VpcId":                s.vpc,
		"*.VpcIds.1":             s.vpc,
		"*.SubnetId":             s.subnet2,
		"*.SubnetIds.1":          s.subnet,
		"*.InternetGatewayId":    s.igw,
		"*.InternetGatewayIds.1": s.igw,
		"*.RouteTableId":         s.rtb,
		"*.RouteTableIds.1":      s.rtb,
		"DescribeSecurityGroupRules.SecurityGroupRuleIds.1": s.rule,
		"DisassociateRouteTable.AssociationId":              s.assoc, "ReplaceRouteTableAssociation.AssociationId": s.assoc,
		"CreateVpc.CidrBlock":                             "10.1.0.0/16",
		"DeleteVpc.VpcId":                                 s.vpc2,
		"DescribeVpcAttribute.Attribute":                  "enableDnsSupport",
		"ModifyVpcAttribute.EnableDnsHostnames.Value":     "true",
		"CreateSubnet.CidrBlock":                          "10.0.3.0/24",
		"ModifySubnetAttribute.MapPublicIpOnLaunch.Value": "true",
		"CreateRoute.DestinationCidrBlock":                "0.0.0.0/0",
		"CreateRoute.GatewayId":                           s.igw,
		"CreateRoute.InstanceId":                          awsmodel.Omit,
		"ReplaceRoute.DestinationCidrBlock":               "0.0.0.0/0",
		"ReplaceRoute.GatewayId":                          s.igw2,
		"ReplaceRoute.InstanceId":                         awsmodel.Omit,
		"DeleteRoute.DestinationCidrBlock":                "0.0.0.0/0",
		// Launch templates: the seeded one, and version 2 made by seedFor.
		"*.LaunchTemplateId":                                          s.template,
		"*.LaunchTemplateName":                                        awsmodel.Omit,
		"CreateLaunchTemplate.LaunchTemplateName":                     "conform-2",
		"CreateLaunchTemplate.LaunchTemplateData.ImageId":             DefaultEBSImage,
		"CreateLaunchTemplateVersion.LaunchTemplateData.InstanceType": "t3.large",
		"ModifyLaunchTemplate.DefaultVersion":                         "2",
		"DeleteLaunchTemplateVersions.Versions.1":                     "2",
	}
}

// ec2Conform is the EC2 case for awsmodel.Conform against srv.
func ec2Conform(t *testing.T, m *awsmodel.Model, srv *Server) awsmodel.Case {
	t.Helper()
	c := awsmodel.NewCase(t, m, srv, "us-east-1", srv.digest)
	c.Implemented = func(op string) bool { return srv.actions[op] != nil }
	// An action EC2 has but the fake does not serve is
	// UnsupportedOperation; one EC2 does not have is InvalidAction
	// (see handle).
	c.NotImplementedCodes = []string{"UnsupportedOperation", "InvalidAction"}
	c.ExtraErrorCodes = ec2DocumentedCodes
	c.OperationErrors = ec2OperationErrors
	return c
}

// TestConformModel sends every action of EC2's API model to the fake.
// Each action the package doc lists runs against a freshly seeded fake
// (one instance, volume, snapshot, image, group, key pair, address, Spot
// request and Reserved Instance) and must succeed or answer a documented
// code without changing anything; every other action, and actions EC2
// does not have, must be refused (UnsupportedOperation, InvalidAction)
// with the state unchanged.
func TestConformModel(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "ec2")
	b, _ := NewBackend()
	implemented := slices.Sorted(func(yield func(string) bool) {
		for op := range b.actions {
			if !yield(op) {
				return
			}
		}
	})
	// Operations that must answer 2xx when pointed at the seeded
	// resources: all but these, which answer a documented refusal.
	refusals := map[string]string{}
	got := map[string]string{}
	for _, op := range implemented {
		t.Run(op, func(t *testing.T) {
			srv := Start(t)
			seed := seedConform(t, srv)
			seedFor(t, srv, op, seed)
			c := ec2Conform(t, m, srv)
			c.Only = []string{op}
			c.Overrides = seed.values()
			c.Check = checkReadWrite
			for _, r := range awsmodel.Conform(t, c) {
				got[r.Operation] = r.Code
			}
		})
	}
	if diff := cmp.Diff(refusals, filterCodes(got)); diff != "" {
		t.Errorf("implemented actions that did not succeed (-want +got):\n%s", diff)
	}
	t.Run("not implemented", func(t *testing.T) {
		srv := Start(t)
		seedConform(t, srv)
		c := ec2Conform(t, m, srv)
		c.Implemented = func(string) bool { return false }
		c.Skip = map[string]string{}
		for _, op := range implemented {
			c.Skip[op] = "implemented: sent above"
		}
		c.NotImplementedCodes = []string{"UnsupportedOperation"}
		results := awsmodel.Conform(t, c)
		if got, want := len(results), len(m.Operations)-len(implemented); got != want {
			t.Errorf("sent %d unimplemented actions; want %d", got, want)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		srv := Start(t)
		seedConform(t, srv)
		c := ec2Conform(t, m, srv)
		c.Only = []string{"DescribeRegions"}
		c.Unknown = []string{"FrobnicateInstances", "DescribeUnicorns"}
		c.Implemented = func(op string) bool { return op == "DescribeRegions" }
		c.NotImplementedCodes = []string{"InvalidAction"}
		awsmodel.Conform(t, c)
	})
}

// unchangedWrites are the actions that succeed without changing any
// state the fake keeps: EC2 API Reference, RebootInstances "queues a
// request to reboot" (the instance stays running), and
// ResetSnapshotAttribute on a snapshot shared with no one.
var unchangedWrites = []string{"RebootInstances", "ResetSnapshotAttribute"}

// checkReadWrite requires a successful Describe or Get to change nothing
// and any other successful action to change the state, but those in
// unchangedWrites.
func checkReadWrite(r awsmodel.Result) error {
	if r.Code != "" || !r.Implemented {
		return nil
	}
	read := strings.HasPrefix(r.Operation, "Describe") || strings.HasPrefix(r.Operation, "Get")
	switch {
	case read && r.Changed():
		return errors.New("a read changed the state")
	case !read && !r.Changed() && !slices.Contains(unchangedWrites, r.Operation):
		return errors.New("succeeded but changed nothing")
	}
	return nil
}

// filterCodes keeps the operations that answered an error.
func filterCodes(m map[string]string) map[string]string {
	out := map[string]string{}
	for op, code := range m {
		if code != "" {
			out[op] = code
		}
	}
	return out
}

// The fake's list of EC2's actions is the model's, so a known action it
// does not serve is told apart from one EC2 does not have.
func TestKnownActionsAreTheModels(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "ec2")
	if diff := cmp.Diff(m.OperationNames(), strings.Fields(ec2ActionNames)); diff != "" {
		t.Errorf("ec2ActionNames (-model +fake):\n%s", diff)
	}
	b, _ := NewBackend()
	for op := range b.actions {
		if !knownAction(op) {
			t.Errorf("the fake serves %s, which EC2's model does not have", op)
		}
	}
	if knownAction("") || knownAction("FrobnicateInstances") {
		t.Error("knownAction accepts an action EC2 does not have")
	}
}

// testPublicKey is an OpenSSH ed25519 public key line, as ImportKeyPair
// takes it.
var testPublicKey = func() string {
	field := func(b []byte) []byte { return append(binary.BigEndian.AppendUint32(nil, uint32(len(b))), b...) }
	blob := append(field([]byte("ssh-ed25519")), field(bytes.Repeat([]byte{7}, ed25519.PublicKeySize))...)
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " conform"
}()

// TestConformModelMinimal sends each implemented action's minimal request
// (placeholder IDs such as "goboto", which are malformed) to an empty
// fake: every answer must be an EC2 documented code (EC2 lists its codes
// for all actions together, so any may answer any action) and an error
// must change nothing.
func TestConformModelMinimal(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "ec2")
	srv := Start(t)
	// Each family makes an account's store for a region on its first
	// request, as every region exists for every account in EC2; make
	// them now so that is no change.
	ec := awsec2.NewFromConfig(srv.Config("us-east-1"))
	for _, err := range []error{
		func() error {
			_, err := ec.DescribeInstances(t.Context(), &awsec2.DescribeInstancesInput{})
			return err
		}(),
		func() error {
			_, err := ec.DescribeSpotInstanceRequests(t.Context(), &awsec2.DescribeSpotInstanceRequestsInput{})
			return err
		}(),
		func() error {
			_, err := ec.DescribeSecurityGroups(t.Context(), &awsec2.DescribeSecurityGroupsInput{})
			return err
		}(),
		func() error {
			_, err := ec.DescribeLaunchTemplates(t.Context(), &awsec2.DescribeLaunchTemplatesInput{})
			return err
		}(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	c := ec2Conform(t, m, srv)
	c.OperationErrors = map[string][]string{}
	for op := range srv.actions {
		c.Only = append(c.Only, op)
		c.OperationErrors[op] = slices.Concat(ec2DocumentedCodes, ec2OperationErrors[op])
	}
	awsmodel.CheckSomeRefused(t, awsmodel.Conform(t, c))
}

// Every error code written in the fake's source is a documented one, so
// the paths the conformance runs do not reach are held to the same list.
func TestSourceCodesAreDocumented(t *testing.T) {
	re := regexp.MustCompile(`(?:ec2Error|checkIDs)\("([A-Za-z.]+)"|[Cc]ode:\s*"([A-Za-z.]+)"`)
	documented := slices.Concat(awsmodel.CommonErrorCodes, ec2DocumentedCodes)
	for _, codes := range ec2OperationErrors {
		documented = append(documented, codes...)
	}
	seen := 0
	for _, f := range awsmodel.Source(t) {
		for _, m := range re.FindAllStringSubmatch(f.Text, -1) {
			code := m[1] + m[2]
			if code == "USD" { // a currency code, not an error
				continue
			}
			seen++
			if !slices.Contains(documented, code) {
				t.Errorf("%s: error code %s is not documented by EC2", f.Name, code)
			}
		}
	}
	if seen < 50 {
		t.Errorf("found only %d error codes in the source; the pattern is stale", seen)
	}
}
