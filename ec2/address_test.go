package ec2_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2"
)

func TestAddressLifecycle(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)
	a, err := conn.AllocateAddress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := netip.ParseAddr(a.PublicIP); err != nil || a.Domain != "vpc" {
		t.Fatalf("allocated %+v", a)
	}
	b, err := conn.AllocateAddress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a.PublicIP == b.PublicIP || a.AllocationID == b.AllocationID {
		t.Errorf("two allocations share an address: %v %v", a, b)
	}

	const inst = "i-0123456789abcdef0" // the compute fake need not know it
	if err := a.Associate(ctx, inst); err != nil {
		t.Fatal(err)
	}
	got := conn.Address(a.AllocationID)
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got.InstanceID != inst || got.AssociationID != a.AssociationID || got.PublicIP != a.PublicIP {
		t.Errorf("after Associate: %+v; want instance %s, association %s", got, inst, a.AssociationID)
	}
	netWantCode(t, a.Release(ctx), "InvalidIPAddress.InUse")

	// An instance holds one Elastic IP: b takes it from a.
	if err := b.Associate(ctx, inst); err != nil {
		t.Fatal(err)
	}
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got.AssociationID != "" || got.InstanceID != "" {
		t.Errorf("a is still associated after b took its instance: %+v", got)
	}
	var ips []string
	for x, err := range conn.Addresses(ctx, ec2.Filter{"instance-id": {inst}}) {
		if err != nil {
			t.Fatal(err)
		}
		ips = append(ips, x.PublicIP)
	}
	if diff := cmp.Diff([]string{b.PublicIP}, ips); diff != "" {
		t.Errorf("addresses of %s (-want +got):\n%s", inst, diff)
	}

	// a's handle still holds the association b took away.
	netWantCode(t, a.Disassociate(ctx), "InvalidAssociationID.NotFound")
	if err := b.Disassociate(ctx); err != nil {
		t.Fatal(err)
	}
	if b.AssociationID != "" {
		t.Errorf("Disassociate left AssociationID %q", b.AssociationID)
	}
	for _, x := range []*ec2.Address{a, b} {
		if err := x.Release(ctx); err != nil {
			t.Fatal(err)
		}
	}
	netWantCode(t, a.Release(ctx), "InvalidAllocationID.NotFound")
	netWantCode(t, got.Refresh(ctx), "InvalidAllocationID.NotFound")
}

func TestAddressLimit(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)
	var all []string
	for range 5 {
		a, err := conn.AllocateAddress(ctx)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, a.AllocationID)
	}
	_, err := conn.AllocateAddress(ctx)
	netWantCode(t, err, "AddressLimitExceeded")
	var listed []string
	for x, err := range conn.Addresses(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, x.AllocationID)
	}
	slices.Sort(all)
	slices.Sort(listed)
	if diff := cmp.Diff(all, listed); diff != "" {
		t.Errorf("Addresses (-want +got):\n%s", diff)
	}
}

func TestAddressValidation(t *testing.T) {
	for _, tt := range []struct {
		name  string
		call  func(*ec2.Conn) error
		field string
	}{
		{"associate bad instance", func(c *ec2.Conn) error {
			return c.Address("eipalloc-0123456789abcdef0").Associate(t.Context(), "web-1")
		}, "InstanceId"},
		{"associate bad allocation", func(c *ec2.Conn) error {
			return c.Address("203.0.113.7").Associate(t.Context(), "i-0123456789abcdef0")
		}, "AllocationId"},
		{"disassociate unassociated", func(c *ec2.Conn) error {
			return c.Address("eipalloc-0123456789abcdef0").Disassociate(t.Context())
		}, "AssociationId"},
		{"release empty", func(c *ec2.Conn) error { return c.Address("").Release(t.Context()) }, "AllocationId"},
		{"refresh malformed", func(c *ec2.Conn) error { return c.Address("eipalloc-XYZ").Refresh(t.Context()) }, "AllocationId"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := netConn(t)
			netWantInvalid(t, srv, tt.call(conn), tt.field)
		})
	}
}
