package ec2

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ProductCode is a product code on an image and on what is made from it:
// an AWS Marketplace code (Type "marketplace") or a DevPay one.
//
// EC2 User Guide, "Paid AMIs in the AWS Marketplace": the code passes
// from the AMI to its instances' root volumes, and on to snapshots of
// them and volumes made from those. A volume with a Marketplace code can
// be attached only as the root device of a stopped instance (EC2 API
// Reference, AttachVolume); elsewhere EC2 answers OperationNotPermitted.
type ProductCode struct {
	ID   string
	Type string
}

func productCodesFromV2(xs []types.ProductCode) []ProductCode {
	var out []ProductCode
	for _, x := range xs {
		out = append(out, ProductCode{ID: aws.ToString(x.ProductCodeId), Type: string(x.ProductCodeType)})
	}
	return out
}

// marketplace reports whether codes hold an AWS Marketplace code.
func marketplace(codes []ProductCode) bool {
	return slices.ContainsFunc(codes, func(c ProductCode) bool { return c.Type == string(types.ProductCodeValuesMarketplace) })
}

// LoadProductCodes reads the volume's product codes into v.ProductCodes
// (DescribeVolumeAttribute, productCodes): DescribeVolumes does not
// report them. Once they are known, Attach refuses locally what EC2
// would refuse of a Marketplace volume.
func (v *Volume) LoadProductCodes(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	out, err := v.conn.client.DescribeVolumeAttribute(ctx, &ec2.DescribeVolumeAttributeInput{
		VolumeId: aws.String(v.ID), Attribute: types.VolumeAttributeNameProductCodes})
	if err != nil {
		return core.Error(err)
	}
	v.ProductCodes, v.codesKnown = productCodesFromV2(out.ProductCodes), true
	return nil
}

// LoadProductCodes reads the snapshot's product codes into s.ProductCodes
// (DescribeSnapshotAttribute, productCodes): DescribeSnapshots does not
// report them.
func (s *Snapshot) LoadProductCodes(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	out, err := s.conn.client.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{
		SnapshotId: aws.String(s.ID), Attribute: types.SnapshotAttributeNameProductCodes})
	if err != nil {
		return core.Error(err)
	}
	s.ProductCodes, s.codesKnown = productCodesFromV2(out.ProductCodes), true
	return nil
}

// rootDevice reports whether device is a name EC2's images give their
// root device (/dev/sda1 or /dev/xvda, /dev/sda for some): the only
// place a Marketplace volume may go. Any other name is a secondary
// device on every image.
func rootDevice(device string) bool {
	switch device {
	case "/dev/sda1", "/dev/xvda", "/dev/sda", "xvda", "sda1":
		return true
	}
	return false
}

// checkMarketplaceAttach refuses, when v's codes are known, to attach a
// Marketplace volume anywhere but a root device.
func (v *Volume) checkMarketplaceAttach(device string) error {
	if v.codesKnown && marketplace(v.ProductCodes) && !rootDevice(device) {
		return goboto.Invalid("Device", device, "is a secondary device, and "+v.ID+
			" has AWS Marketplace product codes, so it can be attached only as an instance's root device")
	}
	return nil
}
