package suite

import (
	"context"
	"net/netip"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	goec2 "github.com/goboto/goboto/ec2"
)

// launch runs count instances of env.ImageID with o's other options,
// tagged with a fresh name, and terminates them when t ends.
func launch(t *testing.T, env Env, count int, o goec2.RunOptions) []*goec2.Instance {
	t.Helper()
	o.ImageID, o.Count, o.Tags = env.ImageID, count, goec2.Tags{tagKey: env.Names()}
	if o.InstanceType == "" {
		o.InstanceType = "t3.micro"
	}
	r, err := env.Conn.RunInstances(t.Context(), o)
	must(t, env, "RunInstances", err)
	var ids []string
	for _, i := range r.Instances {
		ids = append(ids, i.ID)
	}
	cleanup(t, func(ctx context.Context) error {
		_, err := env.Conn.Client().TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids})
		return err
	})
	if len(r.Instances) != count {
		t.Fatalf("%s: RunInstances launched %d instances, want %d", env.Name, len(r.Instances), count)
	}
	return r.Instances
}

// Instances launched into a subnet are in its VPC and zone and take
// distinct private addresses from its block, never one of the five AWS
// keeps (Amazon VPC User Guide, "Subnet CIDR blocks": "The first four IP
// addresses and the last IP address in each subnet CIDR block are not
// available"); the subnet's available count drops by one for each (EC2
// API Reference, Subnet, AvailableIpAddressCount: "The number of unused
// private IPv4 addresses in the subnet"); no public address unless the
// subnet maps one on launch (Subnet, MapPublicIpOnLaunch); and a subnet
// with instances cannot be deleted (DependencyViolation).
func testInstancesInSubnet(t *testing.T, env Env) {
	ctx := t.Context()
	v := newVPC(t, env, "10.70.0.0/16")
	s := newSubnet(t, env, v, "10.70.1.0/28", "us-east-1a")
	g := newGroup(t, env, env.Names(), v.ID)
	insts := launch(t, env, 2, goec2.RunOptions{SubnetID: s.ID, SecurityGroupIDs: []string{g.ID}})
	block := netip.MustParsePrefix(s.CIDR)
	reserved := []string{"10.70.1.0", "10.70.1.1", "10.70.1.2", "10.70.1.3", "10.70.1.15"}
	var ips []string
	for _, i := range insts {
		ip, err := netip.ParseAddr(i.PrivateIP)
		if err != nil || !block.Contains(ip) || slices.Contains(reserved, i.PrivateIP) {
			t.Errorf("%s: instance %s has private address %q, want one of %s that AWS does not keep", env.Name, i.ID, i.PrivateIP, s.CIDR)
		}
		ips = append(ips, i.PrivateIP)
		if i.VPCID != v.ID || i.SubnetID != s.ID || i.Placement != "us-east-1a" {
			t.Errorf("%s: instance %s in VPC %q subnet %q zone %q, want %s %s us-east-1a", env.Name, i.ID, i.VPCID, i.SubnetID, i.Placement, v.ID, s.ID)
		}
		if !slices.Contains(i.SecurityGroups, goec2.GroupRef{ID: g.ID, Name: g.Name}) {
			t.Errorf("%s: instance %s is in groups %v, want %s", env.Name, i.ID, i.SecurityGroups, g.ID)
		}
	}
	if len(ips) == 2 && ips[0] == ips[1] {
		t.Errorf("%s: both instances have the private address %s", env.Name, ips[0])
	}
	h := env.Conn.Instance(insts[0].ID)
	must(t, env, "Instance.Refresh", h.Refresh(ctx))
	if h.PublicIP != "" {
		t.Errorf("%s: an instance in a subnet without MapPublicIpOnLaunch has public address %q", env.Name, h.PublicIP)
	}
	listed := collect(t, env, "Instances(subnet-id)", env.Conn.Instances(ctx, goec2.Filter{"subnet-id": {s.ID}}))
	if len(listed) != 2 {
		t.Errorf("%s: Instances in the subnet = %v, want %d", env.Name, listed, 2)
	}

	must(t, env, "Subnet.Refresh", s.Refresh(ctx))
	if want := 16 - 5 - 2; s.AvailableIPs != want {
		t.Errorf("%s: the subnet has %d available addresses with 2 instances, want %d", env.Name, s.AvailableIPs, want)
	}
	if err := s.Delete(ctx); env.Diff.DeletesSubnetInUse {
		wantOK(t, env, "DeleteSubnet with instances (DeletesSubnetInUse)", err)
	} else {
		wantCode(t, env, "DeleteSubnet with instances", err, "DependencyViolation")
	}

	for _, i := range insts {
		must(t, env, "TerminateInstances", i.Terminate(ctx))
	}
	for _, i := range insts {
		wantOK(t, env, "Instance.Wait terminated", i.Wait(ctx, goec2.InstanceTerminated, poll()...))
	}
}
