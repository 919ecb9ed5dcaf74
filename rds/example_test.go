package rds_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// exampleConn starts a fake RDS whose state changes finish before the next
// request, and returns a connection to it with a function to stop it.
func exampleConn() (*rds.Conn, func()) {
	srv, err := rdstest.New(rdstest.WithTransitionDelay(0))
	if err != nil {
		log.Fatal(err)
	}
	return rds.New(srv.Config("")), func() { srv.Close() }
}

func ExampleParameter_Set() {
	p := &rds.Parameter{Name: "max_allowed_packet", DataType: "integer",
		AllowedValues: "1024-1073741824", IsModifiable: true, ApplyType: rds.ApplyTypeDynamic}
	fmt.Println(p.Set("-5"))
	fmt.Println(p.Set("2048"), p.Value, p.Changed())

	// Formulas are RDS's to work out, per instance.
	fmt.Println(p.Set("{DBInstanceClassMemory*3/4}"))
	// Output:
	// max_allowed_packet: -5 out of range 1024-1073741824
	// <nil> 2048 true
	// <nil>
}

func ExampleParseAllowedValues() {
	a, err := rds.ParseAllowedValues("integer", "-1-2147483647")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Ranges)
	fmt.Printf("%q %q\n", a.Check("-1"), a.Check("-2"))
	// Output:
	// [{-1 2.147483647e+09}]
	// "" "out of range -1-2147483647"
}

func ExampleParameterGroup_Apply() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "tuned", Family: "mysql8.0", Description: "tuned MySQL"})
	if err != nil {
		log.Fatal(err)
	}
	if err := pg.Load(ctx); err != nil { // every page, by Marker
		log.Fatal(err)
	}
	fmt.Println(len(pg.Parameters()) > 100)
	fmt.Println(pg.Set("max_allowed_packet", "-5"))
	if err := pg.Set("max_allowed_packet", "2048"); err != nil {
		log.Fatal(err)
	}
	if err := pg.Apply(ctx, rds.ApplyImmediate); err != nil {
		log.Fatal(err)
	}
	if err := pg.Load(ctx, rds.Source(rds.ParameterSourceUser)); err != nil {
		log.Fatal(err)
	}
	for _, p := range pg.Parameters() {
		fmt.Println(p.Name, p.Value, p.Source)
	}
	// Output:
	// true
	// max_allowed_packet: -5 out of range 1024-1073741824
	// max_allowed_packet 2048 user
}

func ExampleConn_CreateDBInstance() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: "mydb", Engine: rds.EngineMySQL, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "admin", MasterPassword: "correct-horse-battery",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Status)
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Status, db.Endpoint.Port)

	// Bad input never leaves the machine.
	_, err = conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: "my--db", Engine: rds.EngineMySQL, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "admin", MasterPassword: "correct-horse-battery",
	})
	fmt.Println(err)
	// Output:
	// creating
	// available 3306
	// DBInstanceIdentifier: my--db must not contain two consecutive hyphens
}

func ExampleDBSnapshot_Share() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: "mydb", Engine: rds.EnginePostgres, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "postgres", MasterPassword: "correct-horse-battery",
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "mydb-nightly"})
	if err != nil {
		log.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	if err := snap.Share(ctx, goboto.Accounts(fake.OtherAccountID)); err != nil {
		log.Fatal(err)
	}
	perms, err := snap.Permissions(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(perms)
	// Output:
	// 444455556666
}

func ExampleDBSecurityGroup_Authorize() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "web-db", Description: "databases of the web tier"})
	if err != nil {
		log.Fatal(err)
	}
	if err := g.Authorize(ctx, rds.EC2Group("web", fake.TestAccountID)); err != nil {
		log.Fatal(err)
	}
	if err := g.Authorize(ctx, rds.CIDR("203.0.113.0/24")); err != nil {
		log.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	for _, s := range g.EC2SecurityGroups {
		fmt.Println(s.Name, s.OwnerID, s.Status)
	}
	for _, r := range g.IPRanges {
		fmt.Println(r.CIDR, r.Status)
	}
	fmt.Println(g.Authorize(ctx, rds.CIDR("203.0.113.7/24")))
	// Output:
	// web 111122223333 authorized
	// 203.0.113.0/24 authorized
	// CIDRIP: 203.0.113.7/24 has host bits set; use 203.0.113.0/24
}
