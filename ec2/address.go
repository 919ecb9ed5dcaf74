package ec2

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Address is a handle on an Elastic IP address, and after AllocateAddress,
// Refresh or a listing a snapshot of it.
type Address struct {
	conn *Conn

	PublicIP           string
	AllocationID       string // "eipalloc-..."
	Domain             string // "vpc" or, in EC2-Classic, "standard"
	AssociationID      string // "eipassoc-...", while associated
	InstanceID         string // the instance it is associated with, if any
	NetworkInterfaceID string
	PrivateIP          string
	Tags               Tags
}

// Address returns a handle on the address with allocationID
// ("eipalloc-..."). It does no I/O.
func (c *Conn) Address(allocationID string) *Address {
	return &Address{conn: c, AllocationID: allocationID}
}

// Conn returns the connection the address belongs to.
func (a *Address) Conn() *Conn { return a.conn }

// String returns "Address:<public IP>", as boto prints addresses.
func (a *Address) String() string {
	if a.PublicIP != "" {
		return "Address:" + a.PublicIP
	}
	return "Address:" + a.AllocationID
}

// AllocateAddress allocates an Elastic IP address for use in a VPC
// (AllocateAddress). An account holds five per region unless its quota
// was raised; beyond that EC2 answers AddressLimitExceeded.
func (c *Conn) AllocateAddress(ctx context.Context) (*Address, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	if err != nil {
		return nil, core.Error(err)
	}
	return &Address{conn: c, PublicIP: aws.ToString(out.PublicIp), AllocationID: aws.ToString(out.AllocationId),
		Domain: string(out.Domain)}, nil
}

// Addresses lists the account's Elastic IP addresses that match f
// (DescribeAddresses, which returns them all at once, so it takes no
// ListOption). Filters include allocation-id, association-id,
// instance-id, public-ip and tag:<key>.
func (c *Conn) Addresses(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Address, error] {
	client, _, err := c.start(ctx, listing{action: "DescribeAddresses"}, opts)
	if err != nil {
		return fail[*Address](err)
	}
	return func(yield func(*Address, error) bool) {
		out, err := client.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{Filters: f.v2()})
		if err != nil {
			yield(nil, core.Error(err))
			return
		}
		for _, x := range out.Addresses {
			a := &Address{conn: c}
			a.set(x)
			if !yield(a, nil) {
				return
			}
		}
	}
}

func (a *Address) set(x types.Address) {
	a.PublicIP = aws.ToString(x.PublicIp)
	a.AllocationID = aws.ToString(x.AllocationId)
	a.Domain = string(x.Domain)
	a.AssociationID = aws.ToString(x.AssociationId)
	a.InstanceID = aws.ToString(x.InstanceId)
	a.NetworkInterfaceID = aws.ToString(x.NetworkInterfaceId)
	a.PrivateIP = aws.ToString(x.PrivateIpAddress)
	a.Tags = tagsFromV2(x.Tags)
}

func validAllocationID(id string) error { return validID("AllocationId", "eipalloc", id) }

// check refuses a handle without a well-formed allocation ID or a
// connection.
func (a *Address) check() error {
	return a.conn.ready(validAllocationID(a.AllocationID))
}

// Refresh reloads the address's association and tags (DescribeAddresses).
// A released address fails with InvalidAllocationID.NotFound.
func (a *Address) Refresh(ctx context.Context) error {
	if err := a.check(); err != nil {
		return err
	}
	out, err := a.conn.client.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{a.AllocationID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Addresses {
		if aws.ToString(x.AllocationId) == a.AllocationID {
			a.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeAddresses", "InvalidAllocationID.NotFound",
		"The allocation ID '"+a.AllocationID+"' does not exist")
}

// Associate points the address at an instance (AssociateAddress), moving
// it from any instance it pointed at before, and records the new
// association ID on the handle. An instance that already had an Elastic
// IP address loses it to this one.
func (a *Address) Associate(ctx context.Context, instanceID string) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := validID("InstanceId", "i", instanceID); err != nil {
		return err
	}
	out, err := a.conn.client.AssociateAddress(ctx, &ec2.AssociateAddressInput{
		AllocationId: aws.String(a.AllocationID), InstanceId: aws.String(instanceID), AllowReassociation: aws.Bool(true),
	})
	if err != nil {
		return core.Error(err)
	}
	a.AssociationID, a.InstanceID = aws.ToString(out.AssociationId), instanceID
	return nil
}

// Disassociate unhooks the address from its instance
// (DisassociateAddress), by the association ID the handle holds from
// Associate, Refresh or a listing. An address that is not associated
// is a *goboto.ValidationError, since there is nothing to send.
func (a *Address) Disassociate(ctx context.Context) error {
	if a.AssociationID == "" {
		return goboto.Invalid("AssociationId", "", "is empty: the address is not associated (Refresh first?)")
	}
	if err := validID("AssociationId", "eipassoc", a.AssociationID); err != nil {
		return err
	}
	if _, err := a.conn.api(); err != nil {
		return err
	}
	_, err := a.conn.client.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{AssociationId: aws.String(a.AssociationID)})
	if err != nil {
		return core.Error(err)
	}
	a.AssociationID, a.InstanceID, a.NetworkInterfaceID, a.PrivateIP = "", "", "", ""
	return nil
}

// Release gives the address back to AWS (ReleaseAddress). An associated
// address fails with InvalidIPAddress.InUse: Disassociate it first.
func (a *Address) Release(ctx context.Context) error {
	if err := a.check(); err != nil {
		return err
	}
	_, err := a.conn.client.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(a.AllocationID)})
	return core.Error(err)
}
