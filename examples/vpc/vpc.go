package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/rds"
)

// name tags and names everything the example makes, so that what a killed
// run leaves behind can be found.
const name = "goboto-vpcex"

type options struct {
	ami          string
	instanceType string
}

// demo is what every step needs.
type demo struct {
	*transcript
	env  *exenv.Env
	ec2  *ec2.Conn
	rds  *rds.Conn
	undo *teardown
	// quick is for EC2's waiters, slow for RDS's.
	quick, slow []goboto.WaitOption
}

// subnetPlan is one of the four subnets: a public and a private one in
// each of two zones.
type subnetPlan struct {
	label  string
	cidr   string
	zone   int // which of the two zones
	public bool
}

var plan = []subnetPlan{
	{"public-a", "10.0.0.0/24", 0, true},
	{"public-b", "10.0.1.0/24", 1, true},
	{"private-a", "10.0.10.0/24", 0, false},
	{"private-b", "10.0.11.0/24", 1, false},
}

func run(ctx context.Context, w io.Writer, env *exenv.Env, o options) (err error) {
	if o.ami == "" {
		if !env.Local {
			return errors.New("-ami is required with -aws")
		}
		o.ami = ec2test.DefaultEBSImage
	}
	d := &demo{transcript: &transcript{w: w}, env: env, ec2: ec2.New(env.Config), rds: rds.New(env.Config),
		quick: []goboto.WaitOption{goboto.Timeout(10 * time.Minute), goboto.Interval(10 * time.Second)},
		slow:  []goboto.WaitOption{goboto.Timeout(40 * time.Minute), goboto.Interval(30 * time.Second)},
	}
	if env.Local {
		d.quick = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
		d.slow = d.quick
	}
	d.undo = &teardown{transcript: d.transcript, patient: !env.Local, wait: d.quick}
	// Whatever happens, what was made is deleted, in AWS's order.
	defer func() { err = errors.Join(err, d.undo.run(context.Background())) }()

	d.call("conn, rdsConn := ec2.New(cfg), rds.New(cfg)   // %s", d.ec2.Region())
	zones, err := d.twoZones(ctx)
	if err != nil {
		return err
	}
	vpc, subnets, err := d.network(ctx, zones)
	if err != nil {
		return err
	}
	web, db, err := d.securityGroups(ctx, vpc)
	if err != nil {
		return err
	}
	if err := d.launch(ctx, o, subnets["public-a"], web); err != nil {
		return err
	}
	if err := d.database(ctx, subnets, db); err != nil {
		return err
	}
	return d.everywhere(ctx)
}

// twoZones picks the region's first two available zones.
func (d *demo) twoZones(ctx context.Context) ([]string, error) {
	var zones []string
	for z, err := range d.ec2.Zones(ctx, ec2.Filter{"state": {"available"}, "zone-type": {"availability-zone"}}) {
		if err != nil {
			return nil, err
		}
		zones = append(zones, z.Name)
	}
	if len(zones) < 2 {
		return nil, fmt.Errorf("%s has %d available zones; the example needs two", d.ec2.Region(), len(zones))
	}
	return zones[:2], nil
}

// network makes the VPC, its subnets, the internet gateway and the public
// route table.
func (d *demo) network(ctx context.Context, zones []string) (*ec2.VPC, map[string]*ec2.Subnet, error) {
	d.call("vpc, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: \"10.0.0.0/16\", Tags: ec2.Tags{\"Name\": %q}})", name)
	vpc, err := d.ec2.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16", Tags: ec2.Tags{"Name": name}})
	if err != nil {
		return nil, nil, err
	}
	d.undo.add(phaseVPC, "vpc.Delete(ctx)", vpc.Delete)
	d.result("%s %s, %s", hide(vpc.ID), vpc.CIDR, vpc.State)
	d.call("vpc.Wait(ctx, ec2.VPCAvailable, goboto.Progress(...))")
	p := progress()
	if err := vpc.Wait(ctx, ec2.VPCAvailable, append(d.quick, p.option())...); err != nil {
		return nil, nil, err
	}
	d.result("%s", p)

	var opts []ec2.SubnetOptions
	for _, s := range plan {
		opts = append(opts, ec2.SubnetOptions{CIDR: s.cidr, Zone: zones[s.zone], Tags: ec2.Tags{"Name": name + "-" + s.label}})
	}
	d.printf("\nA public and a private subnet in each of %s and %s:\n", zones[0], zones[1])
	d.call("subnets, err := vpc.CreateSubnets(ctx,%s)", describePlan(zones))
	made, err := vpc.CreateSubnets(ctx, opts...)
	for _, s := range made {
		d.undo.add(phaseSubnets, fmt.Sprintf("subnets[%q].Delete(ctx)", label(s)), s.Delete)
	}
	if err != nil {
		return nil, nil, err
	}
	subnets := map[string]*ec2.Subnet{}
	for _, s := range made {
		p := progress()
		if err := s.Wait(ctx, ec2.SubnetAvailable, append(d.quick, p.option())...); err != nil {
			return nil, nil, err
		}
		subnets[label(s)] = s
		d.result("%-9s %s %-12s in %s: %s, %d addresses free", label(s), hide(s.ID), s.CIDR, s.Zone, p, s.AvailableIPs)
	}

	d.printf("\nBad blocks are refused before anything is sent:\n")
	sent := d.env.CountCalls("")
	_, err = vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.1.0.0/24", Zone: zones[0]})
	d.call("vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: \"10.1.0.0/24\"})")
	d.result("%v", err)
	_, err = vpc.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.0.20.0/24"}, ec2.SubnetOptions{CIDR: "10.0.20.128/25"})
	d.call("vpc.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: \"10.0.20.0/24\"}, ec2.SubnetOptions{CIDR: \"10.0.20.128/25\"})")
	d.result("%v", err)
	_, err = d.ec2.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/12"})
	d.call("conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: \"10.0.0.0/12\"})")
	d.result("%v", err)
	if n, ok := sent(); ok {
		d.result("requests sent: %d", n)
	}

	d.printf("\nThe way out for the public subnets:\n")
	d.call("gw, err := conn.CreateInternetGateway(ctx)")
	gw, err := d.ec2.CreateInternetGateway(ctx)
	if err != nil {
		return nil, nil, err
	}
	d.undo.add(phaseGateway, "gw.Delete(ctx)", gw.Delete)
	d.call("gw.Attach(ctx, vpc.ID)")
	if err := gw.Attach(ctx, vpc.ID); err != nil {
		return nil, nil, err
	}
	d.undo.add(phaseGateway, "gw.Detach(ctx, vpc.ID)", func(ctx context.Context) error { return gw.Detach(ctx, vpc.ID) })
	d.call("rt, err := vpc.CreateRouteTable(ctx)")
	rt, err := vpc.CreateRouteTable(ctx)
	if err != nil {
		return nil, nil, err
	}
	d.undo.add(phaseRoutes, "rt.Delete(ctx)", rt.Delete)
	d.call("rt.CreateRoute(ctx, \"0.0.0.0/0\", gw.ID)")
	if err := rt.CreateRoute(ctx, "0.0.0.0/0", gw.ID); err != nil {
		return nil, nil, err
	}
	on := true
	for _, s := range plan {
		if !s.public {
			continue
		}
		d.call("rt.Associate(ctx, subnets[%q].ID)", s.label)
		if _, err := rt.Associate(ctx, subnets[s.label].ID); err != nil {
			return nil, nil, err
		}
		d.call("subnets[%q].Update(ctx, ec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: &on})", s.label)
		if err := subnets[s.label].Update(ctx, ec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: &on}); err != nil {
			return nil, nil, err
		}
	}
	d.call("rt.Refresh(ctx)")
	if err := rt.Refresh(ctx); err != nil {
		return nil, nil, err
	}
	d.routes(rt)
	d.call("main, err := vpc.MainRouteTable(ctx)   // the private subnets'")
	main, err := vpc.MainRouteTable(ctx)
	if err != nil {
		return nil, nil, err
	}
	d.routes(main)
	return vpc, subnets, nil
}

// routes prints a table's routes and the subnets it serves.
func (d *demo) routes(rt *ec2.RouteTable) {
	for _, r := range rt.Routes {
		d.result("route %-11s -> %s (%s)", r.Destination, hide(r.GatewayID), r.State)
	}
	n := 0
	for _, a := range rt.Associations {
		if a.SubnetID != "" {
			n++
		}
	}
	if rt.Main {
		d.result("main table, serving every subnet without a table of its own")
		return
	}
	d.result("associated with %d subnets", n)
}

// securityGroups makes the web tier's group, open on port 80, and the
// database's, open on 5432 to the web tier only.
func (d *demo) securityGroups(ctx context.Context, vpc *ec2.VPC) (web, db *ec2.SecurityGroup, err error) {
	d.printf("\nSecurity groups of the VPC:\n")
	d.call("web, err := conn.CreateSecurityGroup(ctx, %q, \"web tier\", vpc.ID)", name+"-web")
	web, err = d.ec2.CreateSecurityGroup(ctx, name+"-web", "web tier", vpc.ID)
	if err != nil {
		return nil, nil, err
	}
	d.undo.add(phaseGroups, "web.Delete(ctx)", web.Delete)
	d.call("web.Authorize(ctx, ec2.TCP(80).From(\"0.0.0.0/0\"))")
	if err := web.Authorize(ctx, ec2.TCP(80).From("0.0.0.0/0")); err != nil {
		return nil, nil, err
	}
	d.call("dbGroup, err := conn.CreateSecurityGroup(ctx, %q, \"database tier\", vpc.ID)", name+"-db")
	db, err = d.ec2.CreateSecurityGroup(ctx, name+"-db", "database tier", vpc.ID)
	if err != nil {
		return nil, nil, err
	}
	// Registered after web's, so deleted before it: its rule names web.
	d.undo.add(phaseGroups, "dbGroup.Delete(ctx)", db.Delete)
	d.call("dbGroup.Authorize(ctx, ec2.TCP(5432).FromGroup(web))")
	if err := db.Authorize(ctx, ec2.TCP(5432).FromGroup(web)); err != nil {
		return nil, nil, err
	}
	d.result("%s and %s, both in %s", hide(web.ID), hide(db.ID), hide(web.VPCID))
	return web, db, nil
}

// launch runs an instance in a public subnet.
func (d *demo) launch(ctx context.Context, o options, public *ec2.Subnet, web *ec2.SecurityGroup) error {
	d.printf("\nAn instance in a public subnet:\n")
	d.call("res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: %q, InstanceType: %q, SubnetID: subnets[\"public-a\"].ID, SecurityGroupIDs: []string{web.ID}})",
		showAMI(d.env, o.ami), o.instanceType)
	res, err := d.ec2.RunInstances(ctx, ec2.RunOptions{ImageID: o.ami, InstanceType: o.instanceType, SubnetID: public.ID,
		SecurityGroupIDs: []string{web.ID}, Tags: ec2.Tags{"Name": name}})
	if err != nil {
		return err
	}
	inst := res.Instances[0]
	d.undo.add(phaseDelete, "inst.Terminate(ctx)", inst.Terminate)
	d.undo.add(phaseWait, "inst.Wait(ctx, ec2.InstanceTerminated, goboto.Progress(...))", func(ctx context.Context) error {
		p := progress()
		if err := inst.Wait(ctx, ec2.InstanceTerminated, append(d.quick, p.option())...); err != nil {
			return err
		}
		d.result("%s", p)
		return nil
	})
	d.result("%s %s", hide(inst.ID), inst.State)
	d.call("inst.Wait(ctx, ec2.InstanceRunning, goboto.Progress(...))")
	p := progress()
	if err := inst.Wait(ctx, ec2.InstanceRunning, append(d.quick, p.option())...); err != nil {
		return err
	}
	d.result("%s in %s, subnet %s of %s", p, inst.Placement, label(public), hide(inst.VPCID))
	block := netip.MustParsePrefix(public.CIDR)
	addr, err := netip.ParseAddr(inst.PrivateIP)
	if err != nil {
		return fmt.Errorf("instance %s has private IP %q: %w", inst.ID, inst.PrivateIP, err)
	}
	d.result("private IP %s, from the subnet's block %s: %t", addr, block, block.Contains(addr))
	if inst.PublicIP == "" {
		return fmt.Errorf("instance %s in a subnet that maps public IPs has none", inst.ID)
	}
	d.result("public IP %s, because the subnet maps public IPs on launch", showIP(d.env, inst.PublicIP))
	return nil
}

// database puts a PostgreSQL instance into a DB subnet group over the two
// private subnets.
func (d *demo) database(ctx context.Context, subnets map[string]*ec2.Subnet, sg *ec2.SecurityGroup) error {
	d.printf("\nA database in the private subnets of both zones:\n")
	var members []rds.Subnet
	for _, l := range []string{"private-a", "private-b"} {
		members = append(members, rds.Subnet{ID: subnets[l].ID, AvailabilityZone: subnets[l].Zone})
	}
	sent := d.env.CountCalls("")
	_, err := d.rds.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: name, Description: "one zone", Subnets: members[:1]})
	d.call("rdsConn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{..., Subnets: []rds.Subnet{private-a}})")
	// The error names the subnet, whose ID differs from run to run.
	d.result("%s", strings.ReplaceAll(fmt.Sprint(err), members[0].ID, hide(members[0].ID)))
	if n, ok := sent(); ok {
		d.result("requests sent: %d", n)
	}
	d.call("group, err := rdsConn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: %q, Subnets: []rds.Subnet{private-a, private-b}, ...})", name)
	group, err := d.rds.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: name, Description: "the example's private subnets", Subnets: members})
	if err != nil {
		return err
	}
	d.undo.add(phaseGroups, "group.Delete(ctx)", group.Delete)
	d.result("%s in %s, zones %v: %s", group.Name, hide(group.VPCID), group.Zones(), group.Status)

	// A password nobody needs to know: the example never connects, and
	// rds.Password keeps it out of logs.
	password := rds.Password(rand.Text())
	d.call("db, err := rdsConn.CreateDBInstance(ctx, rds.InstanceOptions{ID: %q, Engine: \"postgres\", Class: \"db.t4g.micro\", AllocatedStorage: 20,\n      SubnetGroup: %q, VPCSecurityGroupIDs: []string{dbGroup.ID}, ...})", name, name)
	db, err := d.rds.CreateDBInstance(ctx, rds.InstanceOptions{ID: name, Engine: rds.EnginePostgres, Class: "db.t4g.micro",
		AllocatedStorage: 20, StorageType: "gp3", MasterUsername: "app", MasterPassword: password,
		SubnetGroup: name, VPCSecurityGroupIDs: []string{sg.ID},
		// No automated backups: nothing outlives the example, and RDS
		// skips the first backup, which saves minutes on AWS.
		BackupRetentionDays: new(int32), Tags: rds.Tags{"Name": name}})
	if err != nil {
		return err
	}
	d.undo.add(phaseDelete, "db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})", func(ctx context.Context) error {
		return db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
	})
	d.undo.add(phaseWait, "db.Wait(ctx, rds.InstanceDeleted, goboto.Progress(...))", func(ctx context.Context) error {
		p := progress()
		if err := db.Wait(ctx, rds.InstanceDeleted, append(d.slow, p.option())...); err != nil {
			return err
		}
		d.result("%s", p)
		return nil
	})
	d.result("%s", db.Status)
	d.call("db.Wait(ctx, rds.InstanceAvailable, goboto.Progress(...))")
	p := progress()
	if err := db.Wait(ctx, rds.InstanceAvailable, append(d.slow, p.option())...); err != nil {
		return err
	}
	d.result("%s", p)
	d.result("PostgreSQL %s in %s, subnet group %s", db.EngineVersion, db.AvailabilityZone, db.SubnetGroup.Name)
	for _, g := range db.VPCSecurityGroups {
		d.result("VPC security group %s: %s", hide(g.Name), g.Status)
	}
	d.result("endpoint %s", hideEndpoint(db.Endpoint.String()))
	return nil
}

// label is a subnet's place in the plan, from its Name tag.
func label(s *ec2.Subnet) string { return strings.TrimPrefix(s.Tags["Name"], name+"-") }

// describePlan shows the CreateSubnets arguments.
func describePlan(zones []string) string {
	var lines []string
	for _, s := range plan {
		lines = append(lines, fmt.Sprintf("      ec2.SubnetOptions{CIDR: %q, Zone: %q, Tags: ec2.Tags{\"Name\": %q}}", s.cidr, zones[s.zone], name+"-"+s.label))
	}
	return "\n" + strings.Join(lines, ",\n")
}
