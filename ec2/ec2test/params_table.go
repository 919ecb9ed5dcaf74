package ec2test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// An action's parameter table lists every request parameter the fake
// reads for it, as a template: list indexes are "N"
// ("BlockDeviceMapping.N.Ebs.VolumeSize"), a trailing ".*" takes every
// parameter below ("Filter.*", which filters checks), and "=a|b" limits
// the parameter to values that ask for what the fake does anyway
// ("Hibernate=false"). A leading "~" marks a parameter the fake accepts
// without reading it, because no value of it changes what the fake does
// (each says why). A request that gives any other parameter is
// refused before anything changes (checkParams): a fake that dropped
// IamInstanceProfile or ValidUntil would launch something other than what
// was asked for and say nothing.
//

// commonParams are taken by every action: the query protocol's own and
// the signature's (EC2 API Reference, "Common query parameters"), and
// TagSpecification, which checkTagSpecs judges per action.
func commonParams() []string {
	return []string{
		"Action", "Version", "DryRun", "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
		"Timestamp", "Expires", "SecurityToken", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
		"X-Amz-Security-Token", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Expires", "TagSpecification.*",
	}
}

// ruleParams are the rule parameters of the four security-group rule
// actions: the flat form (boto 2) and IpPermissions.N. Rule descriptions,
// prefix lists and peered groups are not modelled.
func ruleParams() []string {
	return []string{
		"GroupId", "GroupName", "IpProtocol", "FromPort", "ToPort", "CidrIp", "SourceSecurityGroupName",
		"SourceSecurityGroupOwnerId", "IpPermissions.N.IpProtocol", "IpPermissions.N.FromPort", "IpPermissions.N.ToPort",
		"IpPermissions.N.IpRanges.N.CidrIp", "IpPermissions.N.Ipv6Ranges.N.CidrIpv6", "IpPermissions.N.Groups.N.GroupId",
		"IpPermissions.N.Groups.N.GroupName", "IpPermissions.N.Groups.N.UserId",
	}
}

// ebsMappingParams are the BlockDeviceMapping.N fields RunInstances and
// RegisterImage read.
func ebsMappingParams() []string {
	return []string{
		"BlockDeviceMapping.N.DeviceName", "BlockDeviceMapping.N.VirtualName", "BlockDeviceMapping.N.NoDevice",
		"BlockDeviceMapping.N.Ebs.SnapshotId", "BlockDeviceMapping.N.Ebs.VolumeSize", "BlockDeviceMapping.N.Ebs.VolumeType",
		"BlockDeviceMapping.N.Ebs.Iops", "BlockDeviceMapping.N.Ebs.Throughput", "BlockDeviceMapping.N.Ebs.Encrypted",
		"BlockDeviceMapping.N.Ebs.DeleteOnTermination",
	}
}

// permissionParams are the sharing parameters of ModifyImageAttribute
// (launchPermission) and ModifySnapshotAttribute (createVolumePermission):
// accounts and the group "all", not organizations.
func permissionParams(attr string) []string {
	return []string{"Attribute", "OperationType", "UserId.N", "UserGroup.N",
		attr + ".Add.N.UserId", attr + ".Add.N.Group", attr + ".Remove.N.UserId", attr + ".Remove.N.Group"}
}

// paramTable returns, for each action the fake serves, the parameters it
// reads besides commonParams.
func paramTable() map[string][]string {
	describe := func(ps ...string) []string { return append(ps, "Filter.*") }
	paged := func(ps ...string) []string { return append(describe(ps...), "MaxResults", "NextToken") }
	t := map[string][]string{
		"DescribeRegions":           describe("RegionName.N", "AllRegions"),
		"DescribeAvailabilityZones": describe("ZoneName.N", "ZoneId.N", "AllAvailabilityZones"),
		// Every type of the catalog is offered in every region of the fake.
		"DescribeInstanceTypes": paged("InstanceType.N", "~IncludeUnsupportedInRegion"),

		// Instances.
		"RunInstances": slices.Concat([]string{
			"ImageId", "MinCount", "MaxCount", "InstanceType", "KeyName", "SecurityGroupId.N", "SecurityGroup.N",
			"Placement.AvailabilityZone", "UserData", "Monitoring.Enabled", "EbsOptimized", "DisableApiTermination",
			"InstanceInitiatedShutdownBehavior", "ClientToken", "SubnetId",
			// Every instance of the fake is on shared hardware.
			"~Placement.Tenancy=default",
			"LaunchTemplate.LaunchTemplateId", "LaunchTemplate.LaunchTemplateName", "LaunchTemplate.Version",
		}, ebsMappingParams()),

		// Launch templates (launchtemplate.go). Templates resolve no
		// Systems Manager parameters, so ResolveAlias changes nothing.
		"CreateLaunchTemplate": slices.Concat([]string{"LaunchTemplateName", "VersionDescription", "ClientToken"},
			ltDataParams()),
		"CreateLaunchTemplateVersion": slices.Concat([]string{"LaunchTemplateId", "LaunchTemplateName", "SourceVersion",
			"VersionDescription", "ClientToken", "~ResolveAlias"}, ltDataParams()),
		"DescribeLaunchTemplates": paged("LaunchTemplateId.N", "LaunchTemplateName.N", "~IncludeManagedResources"),
		"DescribeLaunchTemplateVersions": paged("LaunchTemplateId", "LaunchTemplateName", "LaunchTemplateVersion.N",
			"MinVersion", "MaxVersion", "~ResolveAlias", "~IncludeManagedResources"),
		"ModifyLaunchTemplate":         {"LaunchTemplateId", "LaunchTemplateName", "SetDefaultVersion", "~ClientToken"},
		"DeleteLaunchTemplate":         {"LaunchTemplateId", "LaunchTemplateName"},
		"DeleteLaunchTemplateVersions": {"LaunchTemplateId", "LaunchTemplateName", "LaunchTemplateVersion.N"},
		// The fake has no managed instances or volumes (EC2 API Reference,
		// IncludeManagedResources), so either value lists the same.
		"DescribeInstances":      paged("InstanceId.N", "~IncludeManagedResources"),
		"DescribeInstanceStatus": paged("InstanceId.N", "IncludeAllInstances", "~IncludeManagedResources"),
		// EC2 API Reference, StartInstances: AdditionalInfo is "Reserved".
		"StartInstances": {"InstanceId.N", "~AdditionalInfo"},
		// A forced stop or one without an OS shutdown ends as any other
		// here; hibernation is not modelled.
		"StopInstances":      {"InstanceId.N", "~Force", "~SkipOsShutdown", "~Hibernate=false"},
		"RebootInstances":    {"InstanceId.N"},
		"TerminateInstances": {"InstanceId.N", "~Force", "~SkipOsShutdown"},
		"MonitorInstances":   {"InstanceId.N"},
		"UnmonitorInstances": {"InstanceId.N"},
		// The console output is made up, latest or not.
		"GetConsoleOutput":          {"InstanceId", "~Latest"},
		"DescribeInstanceAttribute": {"InstanceId", "Attribute"},
		"ModifyInstanceAttribute": {"InstanceId", "Attribute", "Value", "InstanceType.Value", "UserData.Value",
			"DisableApiTermination.Value", "InstanceInitiatedShutdownBehavior.Value", "EbsOptimized.Value",
			"SourceDestCheck.Value", "GroupId.N", "BlockDeviceMapping.N.DeviceName",
			"BlockDeviceMapping.N.Ebs.DeleteOnTermination", "BlockDeviceMapping.N.Ebs.VolumeId"},

		// Volumes.
		"CreateVolume": {"AvailabilityZone", "SnapshotId", "VolumeType", "Encrypted", "Size", "Iops", "Throughput",
			"MultiAttachEnabled", "ClientToken"},
		"DescribeVolumes":              paged("VolumeId.N", "~IncludeManagedResources"),
		"AttachVolume":                 {"VolumeId", "InstanceId", "Device"},
		"DetachVolume":                 {"VolumeId", "InstanceId", "Device", "Force"},
		"DeleteVolume":                 {"VolumeId"},
		"DescribeVolumeAttribute":      {"VolumeId", "Attribute"},
		"ModifyVolume":                 {"VolumeId", "Size", "VolumeType", "Iops", "Throughput", "MultiAttachEnabled"},
		"DescribeVolumesModifications": paged("VolumeId.N", "~IncludeManagedResources"),

		// Snapshots.
		"CreateSnapshot":    {"VolumeId", "Description"},
		"DescribeSnapshots": paged("SnapshotId.N", "Owner.N", "RestorableBy.N"),
		"DeleteSnapshot":    {"SnapshotId"},
		// The SDKs presign a copy from another region themselves (EC2 API
		// Reference, CopySnapshot: PresignedUrl and DestinationRegion are
		// for the presigned request); the fake copies from its own state.
		"CopySnapshot":              {"SourceRegion", "SourceSnapshotId", "Description", "Encrypted", "~PresignedUrl", "~DestinationRegion"},
		"ModifySnapshotAttribute":   append(permissionParams("CreateVolumePermission"), "SnapshotId"),
		"DescribeSnapshotAttribute": {"SnapshotId", "Attribute"},
		"ResetSnapshotAttribute":    {"SnapshotId", "Attribute"},

		// Images. Every image of the fake is hvm, and none is deprecated
		// or disabled.
		"RegisterImage": slices.Concat([]string{"Name", "Description", "Architecture", "ImageLocation", "RootDeviceName",
			"EnaSupport", "~VirtualizationType=hvm"}, ebsMappingParams()),
		// CreateImage never reboots the instance here, which NoReboot
		// true asks for and false only allows.
		"CreateImage":            {"InstanceId", "Name", "Description", "~NoReboot"},
		"DescribeImages":         paged("ImageId.N", "Owner.N", "ExecutableBy.N", "~IncludeDeprecated", "~IncludeDisabled"),
		"DeregisterImage":        {"ImageId", "~DeleteAssociatedSnapshots=false"},
		"ModifyImageAttribute":   append(permissionParams("LaunchPermission"), "ImageId", "Value", "Description.Value"),
		"DescribeImageAttribute": {"ImageId", "Attribute"},
		"ResetImageAttribute":    {"ImageId", "Attribute"},

		// Tags.
		"CreateTags":   {"ResourceId.N", "Tag.N.Key", "Tag.N.Value"},
		"DeleteTags":   {"ResourceId.N", "Tag.N.Key", "Tag.N.Value"},
		"DescribeTags": paged(),

		// Security groups, key pairs, addresses.
		"CreateSecurityGroup":           {"GroupName", "GroupDescription", "VpcId"},
		"DescribeSecurityGroups":        paged("GroupId.N", "GroupName.N"),
		"DeleteSecurityGroup":           {"GroupId", "GroupName"},
		"AuthorizeSecurityGroupIngress": ruleParams(),
		"RevokeSecurityGroupIngress":    ruleParams(),
		"AuthorizeSecurityGroupEgress":  ruleParams(),
		"RevokeSecurityGroupEgress":     ruleParams(),
		"CreateKeyPair":                 {"KeyName", "KeyType", "KeyFormat"},
		"ImportKeyPair":                 {"KeyName", "PublicKeyMaterial"},
		"DescribeKeyPairs":              describe("KeyName.N", "KeyPairId.N", "IncludePublicKey"),
		"DeleteKeyPair":                 {"KeyName", "KeyPairId"},
		"AllocateAddress":               {"Domain"},
		"DescribeAddresses":             describe("PublicIp.N", "AllocationId.N"),
		"AssociateAddress":              {"AllocationId", "PublicIp", "InstanceId", "AllowReassociation"},
		"DisassociateAddress":           {"AssociationId", "PublicIp"},
		"ReleaseAddress":                {"AllocationId", "PublicIp"},

		// Reserved and Spot Instances.
		"DescribeReservedInstancesOfferings": paged("ReservedInstancesOfferingId.N", "AvailabilityZone", "InstanceType",
			"InstanceTenancy", "OfferingType", "OfferingClass", "ProductDescription", "IncludeMarketplace", "MinDuration",
			"MaxDuration"),
		"PurchaseReservedInstancesOffering": {"ReservedInstancesOfferingId", "InstanceCount", "LimitPrice.Amount",
			"LimitPrice.CurrencyCode"},
		"DescribeReservedInstances": describe("ReservedInstancesId.N", "OfferingType", "OfferingClass"),
		// boto 2 sends one InstanceType and ProductDescription, unnumbered
		// (listOrOne).
		"DescribeSpotPriceHistory": paged("InstanceType.N", "InstanceType", "ProductDescription.N", "ProductDescription",
			"AvailabilityZone", "StartTime", "EndTime"),
		"RequestSpotInstances": {"SpotPrice", "InstanceCount", "Type", "LaunchSpecification.ImageId",
			"LaunchSpecification.InstanceType", "LaunchSpecification.KeyName",
			"LaunchSpecification.Placement.AvailabilityZone", "LaunchSpecification.SecurityGroup.N",
			"LaunchSpecification.SecurityGroupId.N",
			// A fulfilled request's instance is terminated when interrupted,
			// as the fake would do.
			"~InstanceInterruptionBehavior=terminate"},
		"DescribeSpotInstanceRequests": paged("SpotInstanceRequestId.N"),
		"CancelSpotInstanceRequests":   {"SpotInstanceRequestId.N"},
	}
	maps.Copy(t, vpcParamTable()) // vpc_actions.go
	return t
}

// paramRule is one parsed entry of a parameter table.
type paramRule struct {
	template string
	subtree  bool
	values   []string // nil: any value
}

// parseParamTable turns the table's entries into rules.
func parseParamTable(t map[string][]string) map[string][]paramRule {
	out := make(map[string][]paramRule, len(t))
	for action, entries := range t {
		for _, e := range slices.Concat(commonParams(), entries) {
			var r paramRule
			e, vals, ok := strings.Cut(strings.TrimPrefix(e, "~"), "=")
			if ok {
				r.values = strings.Split(vals, "|")
			}
			r.template, r.subtree = strings.CutSuffix(e, ".*")
			out[action] = append(out[action], r)
		}
	}
	return out
}

// paramTemplate turns a parameter name into its table form: every
// number between dots becomes "N".
func paramTemplate(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil && i > 0 {
			parts[i] = "N"
		}
	}
	return strings.Join(parts, ".")
}

// checkParams refuses a request that gives a parameter the action's table
// does not list, or a listed one with a value the fake cannot honour,
// with InvalidParameter (EC2 API Reference, "Error codes for the Amazon
// EC2 API": "A parameter specified in a request is not valid, is
// unsupported, or cannot be used") naming it. It runs before anything
// changes.
func checkParams(rules []paramRule, r *fake.Request) error {
	names := make([]string, 0, len(r.Params))
	for k := range r.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	// Every refused parameter is named, so a member whose required
	// sibling is refused too (VpcEncryptionControl.Mode) is still named.
	var refused *fake.Error
	for _, name := range names {
		if err := checkParam(rules, r.Operation, name, r.Params); err != nil {
			fe, ok := err.(*fake.Error)
			switch {
			case !ok:
				return err
			case refused == nil:
				refused = fe
			default:
				refused.Message += " " + fe.Message
			}
		}
	}
	if refused != nil {
		return refused
	}
	return nil
}

func checkParam(rules []paramRule, action, name string, params url.Values) error {
	tmpl := paramTemplate(name)
	for _, rule := range rules {
		switch {
		case rule.subtree && (tmpl == rule.template || strings.HasPrefix(tmpl, rule.template+".")):
			return nil
		case tmpl != rule.template:
			continue
		case rule.values == nil || slices.ContainsFunc(rule.values, func(v string) bool { return strings.EqualFold(v, params.Get(name)) }):
			return nil
		default:
			return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameter", Sender: true,
				Message: fmt.Sprintf("The fake EC2 (ec2test) supports %s only as %s for %s; it changed nothing.",
					name, strings.Join(rule.values, " or "), action)}
		}
	}
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameter", Sender: true,
		Message: fmt.Sprintf("The parameter %s is not supported by the fake EC2 (ec2test) for %s; it changed nothing.", name, action)}
}
