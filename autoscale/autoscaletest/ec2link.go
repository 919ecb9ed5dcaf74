package autoscaletest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// The fake reaches EC2 as AutoScaling does, through EC2's own API on the
// account's behalf (ec2test.Backend.Call): it launches with RunInstances,
// terminates with TerminateInstances, and reads instances with
// DescribeInstances, so EC2's checks and errors are the real ones.

// ec2Instance is what the engine reads of an EC2 instance.
type ec2Instance struct {
	ID       string `xml:"instanceId"`
	ImageID  string `xml:"imageId"`
	Type     string `xml:"instanceType"`
	State    string `xml:"instanceState>name"`
	Zone     string `xml:"placement>availabilityZone"`
	SubnetID string `xml:"subnetId"`
	VpcID    string `xml:"vpcId"`
}

// ec2Error returns err's message as EC2 gave it.
func ec2Message(err error) string {
	var fe *fake.Error
	if errors.As(err, &fe) {
		return fe.Message
	}
	return err.Error()
}

// call runs one EC2 action for account in region.
func (b *Backend) call(account, region string, now time.Time, action string, p url.Values) ([]byte, error) {
	return b.EC2().Call(account, region, now, action, p)
}

// ec2Instances reads account's instances in region, by ID; nil when EC2
// did not answer (an injected fault), so that nothing is judged on a
// missing answer. Asking EC2 is also what lets its transitions (pending
// → running, shutting-down → terminated) finish, as a client's
// DescribeInstances would.
func (b *Backend) ec2Instances(account, region string, now time.Time) map[string]ec2Instance {
	body, err := b.call(account, region, now, "DescribeInstances", url.Values{})
	if err != nil {
		return nil
	}
	out := map[string]ec2Instance{}
	var resp struct {
		Reservations []struct {
			Instances []ec2Instance `xml:"instancesSet>item"`
		} `xml:"reservationSet>item"`
	}
	if xml.Unmarshal(body, &resp) != nil {
		return nil
	}
	for _, r := range resp.Reservations {
		for _, i := range r.Instances {
			out[i.ID] = i
		}
	}
	return out
}

// resolveTemplate checks that spec names a launch template and version
// that exist in EC2, and returns the template's ID and name and the
// version's number. EC2's refusal becomes AutoScaling's ValidationError.
func (b *Backend) resolveTemplate(account, region string, now time.Time, spec templateRef) (id, name, version string, err error) {
	p := url.Values{}
	switch {
	case spec.LaunchTemplateId != "" && spec.LaunchTemplateName != "":
		return "", "", "", errValidation("You must use a valid fully-formed launch template. You cannot use both a launch template ID and a launch template name in the same request.")
	case spec.LaunchTemplateId != "":
		p.Set("LaunchTemplateId", spec.LaunchTemplateId)
	case spec.LaunchTemplateName != "":
		p.Set("LaunchTemplateName", spec.LaunchTemplateName)
	default:
		return "", "", "", errValidation("You must use a valid fully-formed launch template. A launch template ID or name is required.")
	}
	p.Set("LaunchTemplateVersion.1", cmpOr(spec.Version, "$Default"))
	body, err := b.call(account, region, now, "DescribeLaunchTemplateVersions", p)
	if err != nil {
		return "", "", "", errValidation("You must use a valid fully-formed launch template. %s", ec2Message(err))
	}
	var resp struct {
		Versions []struct {
			ID      string `xml:"launchTemplateId"`
			Name    string `xml:"launchTemplateName"`
			Version int    `xml:"versionNumber"`
		} `xml:"launchTemplateVersionSet>item"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil || len(resp.Versions) == 0 {
		return "", "", "", errValidation("You must use a valid fully-formed launch template. Could not find launch template version %s.", spec.Version)
	}
	v := resp.Versions[0]
	return v.ID, v.Name, strconv.Itoa(v.Version), nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// placement checks a group's zones and subnets against EC2 and returns
// the zones it spans and each subnet's zone. Subnets must exist and be
// in one VPC; zones must be the region's; given both, the zones must be
// exactly the subnets' (API Reference, CreateAutoScalingGroup: "If you
// specify VPCZoneIdentifier with AvailabilityZones, the subnets that you
// specify must reside in those Availability Zones").
func (b *Backend) placement(account, region string, zones []string, vpcZoneIdentifier string) ([]string, []string, map[string]string, error) {
	var subnets []string
	for s := range strings.SplitSeq(vpcZoneIdentifier, ",") {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(subnets, s) {
			subnets = append(subnets, s)
		}
	}
	if len(zones) == 0 && len(subnets) == 0 {
		return nil, nil, nil, errValidation("At least one Availability Zone or VPC Subnet is required.")
	}
	known := map[string]bool{}
	for _, z := range b.EC2().Zones(region) {
		known[z.Name] = true
	}
	for _, z := range zones {
		if !known[z] {
			return nil, nil, nil, errValidation("Invalid Availability Zone: %s", z)
		}
	}
	if len(subnets) == 0 {
		return slices.Compact(slices.Clone(zones)), nil, nil, nil
	}
	all := map[string][2]string{} // id -> zone, vpc
	for _, s := range b.EC2().Subnets(account, region) {
		all[s.ID] = [2]string{s.Zone, s.VPCID}
	}
	subnetZone := map[string]string{}
	var fromSubnets []string
	vpc := ""
	for _, s := range subnets {
		info, ok := all[s]
		if !ok {
			return nil, nil, nil, errValidation("The subnet ID '%s' does not exist", s)
		}
		if vpc != "" && info[1] != vpc {
			return nil, nil, nil, errValidation("The subnets %s and %s are in different VPCs; a group's subnets must be in one VPC.", subnets[0], s)
		}
		vpc = info[1]
		subnetZone[s] = info[0]
		if !slices.Contains(fromSubnets, info[0]) {
			fromSubnets = append(fromSubnets, info[0])
		}
	}
	for _, z := range slices.Concat(zones, fromSubnets) {
		if len(zones) > 0 && (!slices.Contains(fromSubnets, z) || !slices.Contains(zones, z)) {
			// moto's models.py gives AWS's wording.
			return nil, nil, nil, errValidation("The availability zones of the specified subnets and the Auto Scaling group do not match")
		}
	}
	return fromSubnets, subnets, subnetZone, nil
}

// launchParams are RunInstances' parameters for one instance of g in
// zone (and subnet, when g has subnets), tagged with g's propagated tags
// and aws:autoscaling:groupName as AWS tags them (User Guide, "Tag Auto
// Scaling groups and instances").
func (b *Backend) launchParams(st *region, g *group, zone, subnet string) (url.Values, error) {
	p := url.Values{"MinCount": {"1"}, "MaxCount": {"1"}}
	switch {
	case g.template != nil:
		p.Set("LaunchTemplate.LaunchTemplateId", g.template.LaunchTemplateId)
		p.Set("LaunchTemplate.Version", cmpOr(g.template.Version, "$Default"))
	default:
		lc := st.launchConfigs[g.launchConfig]
		if lc == nil {
			return nil, fmt.Errorf("launch configuration %s does not exist", g.launchConfig)
		}
		in := lc.in
		p.Set("ImageId", in.ImageId)
		p.Set("InstanceType", in.InstanceType)
		if in.KeyName != "" {
			p.Set("KeyName", in.KeyName)
		}
		for i, sg := range in.SecurityGroups {
			if strings.HasPrefix(sg, "sg-") {
				p.Set(fmt.Sprintf("SecurityGroupId.%d", i+1), sg)
			} else {
				p.Set(fmt.Sprintf("SecurityGroup.%d", i+1), sg)
			}
		}
		if in.UserData != "" {
			p.Set("UserData", in.UserData)
		}
		for i, m := range in.BlockDeviceMappings {
			k := fmt.Sprintf("BlockDeviceMapping.%d.", i+1)
			p.Set(k+"DeviceName", m.DeviceName)
			if m.VirtualName != "" {
				p.Set(k+"VirtualName", m.VirtualName)
			}
			if deref(m.NoDevice) {
				p.Set(k+"NoDevice", "")
			}
			if e := m.Ebs; e != nil {
				setIf(p, k+"Ebs.SnapshotId", e.SnapshotId)
				setIf(p, k+"Ebs.VolumeType", e.VolumeType)
				if e.VolumeSize != nil {
					p.Set(k+"Ebs.VolumeSize", strconv.Itoa(int(*e.VolumeSize)))
				}
				if e.Iops != nil {
					p.Set(k+"Ebs.Iops", strconv.Itoa(int(*e.Iops)))
				}
				if e.Throughput != nil {
					p.Set(k+"Ebs.Throughput", strconv.Itoa(int(*e.Throughput)))
				}
				if e.DeleteOnTermination != nil {
					p.Set(k+"Ebs.DeleteOnTermination", strconv.FormatBool(*e.DeleteOnTermination))
				}
				if e.Encrypted != nil {
					p.Set(k+"Ebs.Encrypted", strconv.FormatBool(*e.Encrypted))
				}
			}
		}
		if in.InstanceMonitoring == nil || deref(in.InstanceMonitoring.Enabled) {
			p.Set("Monitoring.Enabled", "true")
		}
		if strings.HasPrefix(in.IamInstanceProfile, "arn:") {
			p.Set("IamInstanceProfile.Arn", in.IamInstanceProfile)
		} else if in.IamInstanceProfile != "" {
			p.Set("IamInstanceProfile.Name", in.IamInstanceProfile)
		}
		if deref(in.EbsOptimized) {
			p.Set("EbsOptimized", "true")
		}
	}
	if subnet != "" {
		p.Set("SubnetId", subnet)
	} else {
		p.Set("Placement.AvailabilityZone", zone)
	}
	p.Set("TagSpecification.1.ResourceType", "instance")
	setInstanceTags(p, "TagSpecification.1.", g)
	return p, nil
}

// setInstanceTags sets the tags g gives its instances, those that
// propagate at launch (by key) and aws:autoscaling:groupName, as EC2's
// prefix + "Tag.N.Key" and "Tag.N.Value" parameters.
func setInstanceTags(p url.Values, prefix string, g *group) {
	n := 1
	for _, k := range slices.Sorted(maps.Keys(g.tags)) {
		if t := g.tags[k]; t.propagate {
			p.Set(fmt.Sprintf("%sTag.%d.Key", prefix, n), k)
			p.Set(fmt.Sprintf("%sTag.%d.Value", prefix, n), t.value)
			n++
		}
	}
	p.Set(fmt.Sprintf("%sTag.%d.Key", prefix, n), "aws:autoscaling:groupName")
	p.Set(fmt.Sprintf("%sTag.%d.Value", prefix, n), g.name)
}

func setIf(p url.Values, k, v string) {
	if v != "" {
		p.Set(k, v)
	}
}

// runInstance launches one instance for g and returns what EC2 says of
// it.
func (b *Backend) runInstance(st *region, g *group, zone, subnet string, now time.Time) (ec2Instance, error) {
	p, err := b.launchParams(st, g, zone, subnet)
	if err != nil {
		return ec2Instance{}, err
	}
	body, err := b.call(st.account, st.name, now, "RunInstances", p)
	if err != nil {
		return ec2Instance{}, errors.New(ec2Message(err))
	}
	var resp struct {
		Instances []ec2Instance `xml:"instancesSet>item"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil || len(resp.Instances) != 1 {
		return ec2Instance{}, fmt.Errorf("RunInstances answered %d instances", len(resp.Instances))
	}
	return resp.Instances[0], nil
}

// tagAttached tags an attached instance as a launched one is tagged:
// the group's tags that propagate at launch and aws:autoscaling:groupName
// (User Guide, "Attach EC2 instances to your Auto Scaling group": the
// instance gets the group's tags).
func (b *Backend) tagAttached(st *region, g *group, id string, now time.Time) {
	p := url.Values{"ResourceId.1": {id}}
	setInstanceTags(p, "", g)
	_, _ = b.call(st.account, st.name, now, "CreateTags", p)
}

// terminateInstance asks EC2 to terminate id. An instance EC2 no longer
// has is as good as terminated.
func (b *Backend) terminateInstance(st *region, id string, now time.Time) {
	_, _ = b.call(st.account, st.name, now, "TerminateInstances", url.Values{"InstanceId.1": {id}})
}
