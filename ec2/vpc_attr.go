package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// VPCAttributes are a VPC's DNS settings (Amazon VPC User Guide, "DNS
// attributes for your VPC").
type VPCAttributes struct {
	// DNSSupport is whether the Amazon DNS server resolves names in the
	// VPC (enableDnsSupport).
	DNSSupport bool
	// DNSHostnames is whether instances with public addresses get public
	// DNS host names (enableDnsHostnames); it needs DNSSupport.
	DNSHostnames bool
}

// VPCAttributesToUpdate names the attributes Update changes; nil fields
// are left as they are.
type VPCAttributesToUpdate struct {
	DNSSupport   *bool
	DNSHostnames *bool
}

// Attributes reads the VPC's DNS attributes (DescribeVpcAttribute, once
// per attribute, since EC2 answers one at a time).
func (v *VPC) Attributes(ctx context.Context) (VPCAttributes, error) {
	if err := v.check(); err != nil {
		return VPCAttributes{}, err
	}
	var a VPCAttributes
	for _, name := range []types.VpcAttributeName{types.VpcAttributeNameEnableDnsSupport, types.VpcAttributeNameEnableDnsHostnames} {
		out, err := v.conn.client.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(v.ID), Attribute: name})
		if err != nil {
			return VPCAttributes{}, core.Error(err)
		}
		if out.EnableDnsSupport != nil {
			a.DNSSupport = aws.ToBool(out.EnableDnsSupport.Value)
		}
		if out.EnableDnsHostnames != nil {
			a.DNSHostnames = aws.ToBool(out.EnableDnsHostnames.Value)
		}
	}
	return a, nil
}

// Update changes the VPC's DNS attributes (ModifyVpcAttribute, one call
// per attribute, as EC2 takes one at a time). DNS support is changed
// first, so that turning both on in one Update works; turning host names
// on in a VPC without DNS support fails. An Update that names nothing is
// refused before anything is sent.
//
//	err := vpc.Update(ctx, ec2.VPCAttributesToUpdate{DNSHostnames: aws.Bool(true)})
func (v *VPC) Update(ctx context.Context, u VPCAttributesToUpdate) error {
	if err := v.check(); err != nil {
		return err
	}
	if u.DNSSupport == nil && u.DNSHostnames == nil {
		return goboto.Invalid("VPCAttributesToUpdate", "", "names no attribute")
	}
	var ins []*ec2.ModifyVpcAttributeInput
	if u.DNSSupport != nil {
		ins = append(ins, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(v.ID),
			EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(*u.DNSSupport)}})
	}
	if u.DNSHostnames != nil {
		ins = append(ins, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(v.ID),
			EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(*u.DNSHostnames)}})
	}
	// Turning support off goes after host names, which need it.
	if u.DNSSupport != nil && !*u.DNSSupport && len(ins) == 2 {
		ins[0], ins[1] = ins[1], ins[0]
	}
	for _, in := range ins {
		if _, err := v.conn.client.ModifyVpcAttribute(ctx, in); err != nil {
			return core.Error(err)
		}
	}
	return nil
}
