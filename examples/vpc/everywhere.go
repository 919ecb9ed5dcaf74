package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/regions"
)

// network is what one region holds.
type network struct {
	vpcs      []string // "10.0.0.0/16 goboto-vpcex", "172.31.0.0/16 default"
	subnets   int
	gateways  int // attached internet gateways
	instances int // not terminated
	databases []string
}

func (n network) String() string {
	s := strings.Join(n.vpcs, ", ") + "; " + count(n.subnets, "subnet")
	if n.gateways > 0 {
		s += ", " + count(n.gateways, "internet gateway")
	}
	if n.instances > 0 {
		s += ", " + count(n.instances, "instance")
	}
	if len(n.databases) > 0 {
		s += ", DB instances " + strings.Join(n.databases, ", ")
	}
	return s
}

// everywhere lists the VPCs, subnets, gateways, instances and DB
// instances of every region the account has enabled, all regions at once.
func (d *demo) everywhere(ctx context.Context) error {
	d.printf("\nEvery region at once:\n")
	d.call("cat := regions.NewCatalog(); conn.RefreshCatalog(ctx, cat)   // the regions enabled for the account")
	cat := regions.NewCatalog()
	if err := d.ec2.RefreshCatalog(ctx, cat); err != nil {
		return err
	}
	d.call("set, err := regions.NewServiceSet(cfg, regions.EC2, ec2.NewConn, regions.WithCatalog(cat))")
	set, err := regions.NewServiceSet(d.env.Config, regions.EC2, ec2.NewConn,
		regions.WithCatalog(cat), regions.WithRegionTimeout(time.Minute))
	if err != nil {
		return err
	}
	d.result("%d regions (of %d in the catalog before the refresh)", set.Len(), len(regions.NewCatalog().Regions(regions.EC2, "aws")))
	d.call("dbs, err := regions.NewServiceSet(cfg, regions.RDS, rds.NewConn, regions.WithRegions(set.Regions()...))")
	dbs, err := regions.NewServiceSet(d.env.Config, regions.RDS, rds.NewConn,
		regions.WithRegions(set.Regions()...), regions.WithRegionTimeout(time.Minute))
	if err != nil {
		return err
	}
	d.call("res := regions.Map(ctx, set, func(ctx context.Context, region string, c *ec2.Conn) (network, error) { ... })")
	res := regions.Map(ctx, set, func(ctx context.Context, region string, c *ec2.Conn) (network, error) {
		n, err := describe(ctx, c)
		if err != nil {
			return n, err
		}
		r, _ := dbs.Conn(region)
		for db, err := range r.DBInstances(ctx) {
			if err != nil {
				return n, err
			}
			n.databases = append(n.databases, db.ID)
		}
		return n, nil
	})
	for _, r := range res {
		if r.Err != nil {
			d.result("%-15s %s", r.Region, shortError(r.Err))
			continue
		}
		d.result("%-15s %s", r.Region, r.Value)
	}
	if failed := res.Failed(); len(failed) > 0 {
		d.result("%d regions could not be listed; the others' lists are complete", len(failed))
	}
	return nil
}

// describe lists one region's network.
func describe(ctx context.Context, c *ec2.Conn) (network, error) {
	var n network
	for v, err := range c.VPCs(ctx, nil) {
		if err != nil {
			return n, err
		}
		what := v.Tags["Name"]
		if v.IsDefault {
			what = "default"
		}
		n.vpcs = append(n.vpcs, strings.TrimSpace(v.CIDR+" "+what))
	}
	slices.Sort(n.vpcs)
	for _, err := range c.Subnets(ctx, nil) {
		if err != nil {
			return n, err
		}
		n.subnets++
	}
	for g, err := range c.InternetGateways(ctx, nil) {
		if err != nil {
			return n, err
		}
		if g.VPCID != "" {
			n.gateways++
		}
	}
	for _, err := range c.Instances(ctx, ec2.Filter{"instance-state-name": {"pending", "running", "stopping", "stopped"}}) {
		if err != nil {
			return n, err
		}
		n.instances++
	}
	return n, nil
}

// count says "1 subnet", "3 subnets".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// shortError keeps the listing to one line per region.
func shortError(err error) string {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return fmt.Sprintf("error %s (HTTP %d)", ae.Code, ae.StatusCode)
	}
	return "error " + err.Error()
}
