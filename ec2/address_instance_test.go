package ec2_test

import (
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// TestAddressFrontsInstance checks that an associated Elastic IP becomes
// the instance's public address, and that on disassociation the instance
// gets an automatic public address back, as EC2 reports them.
func TestAddressFrontsInstance(t *testing.T) {
	srv := ec2test.Start(t)
	conn := ec2.New(srv.Config(""))
	ctx := context.Background()
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	launched := inst.PublicIP
	if launched == "" {
		t.Fatal("running instance has no public address")
	}
	addr, err := conn.AllocateAddress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := addr.Associate(ctx, inst.ID); err != nil {
		t.Fatal(err)
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.PublicIP != addr.PublicIP {
		t.Errorf("public IP after Associate = %s, want the Elastic IP %s", inst.PublicIP, addr.PublicIP)
	}
	if err := addr.Disassociate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.PublicIP == "" || inst.PublicIP == addr.PublicIP {
		t.Errorf("public IP after Disassociate = %q, want a fresh automatic address", inst.PublicIP)
	}
}
