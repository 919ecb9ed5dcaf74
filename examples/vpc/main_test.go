package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/rds"
)

// TestVPC runs the example on the local fakes, checks its transcript, and
// that it left nothing behind in the home region.
func TestVPC(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	if err := run(ctx, &out, env, options{instanceType: "t3.micro"}); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	conn := ec2.New(env.Config)
	def, err := conn.DefaultVPC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for v, err := range conn.VPCs(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if !v.IsDefault {
			t.Errorf("VPC %s (%s) left behind", v.ID, v.CIDR)
		}
	}
	for s, err := range conn.Subnets(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if !s.DefaultForZone {
			t.Errorf("subnet %s (%s) left behind", s.ID, s.CIDR)
		}
	}
	for g, err := range conn.InternetGateways(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if g.VPCID != def.ID { // the default VPC has its own
			t.Errorf("internet gateway %s left behind", g.ID)
		}
	}
	for g, err := range conn.SecurityGroups(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if g.Name != "default" {
			t.Errorf("security group %s (%s) left behind", g.ID, g.Name)
		}
	}
	for i, err := range conn.Instances(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if i.State != ec2.InstanceTerminated {
			t.Errorf("instance %s left %s", i.ID, i.State)
		}
	}
	rc := rds.New(env.Config)
	for db, err := range rc.DBInstances(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("DB instance %s left behind", db.ID)
	}
	for g, err := range rc.DBSubnetGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("DB subnet group %s left behind", g.Name)
	}
}
