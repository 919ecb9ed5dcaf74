package rds_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

// exampleInstance creates an available MySQL instance id on conn.
func exampleInstance(ctx context.Context, conn *rds.Conn, id string) *rds.DBInstance {
	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: id, Engine: rds.EngineMySQL, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "admin", MasterPassword: "correct-horse-battery",
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	return db
}

func ExampleDBInstance_Modify() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	db := exampleInstance(ctx, conn, "mydb")

	// Held for the maintenance window...
	if err := db.Modify(ctx, rds.ModifyOptions{Class: "db.t3.small"}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Class, "pending", db.Pending.Class)

	// ...or applied now.
	if err := db.Modify(ctx, rds.ModifyOptions{AllocatedStorage: 50, ApplyImmediately: true}); err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.AllocatedStorage)

	// RDS cannot shrink storage, so goboto does not ask it to.
	fmt.Println(db.Modify(ctx, rds.ModifyOptions{AllocatedStorage: 20}))
	// Output:
	// db.t3.micro pending db.t3.small
	// 50
	// AllocatedStorage: 20 is below the current 50 GiB; RDS cannot shrink storage
}

func ExampleDBSnapshot_Restore() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	db := exampleInstance(ctx, conn, "mydb")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "mydb-before-upgrade"})
	if err != nil {
		log.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	copy, err := db.Conn().DBSnapshot(snap.ID).Restore(ctx, rds.RestoreOptions{ID: "mydb-copy"})
	if err != nil {
		log.Fatal(err)
	}
	if err := copy.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(copy.ID, copy.Engine, copy.AllocatedStorage, copy.Status)
	// Output:
	// mydb-copy mysql 20 available
}

func ExampleDBInstance_Delete() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	db := exampleInstance(ctx, conn, "mydb")

	fmt.Println(db.Delete(ctx, rds.DeleteOptions{})) // RDS wants a choice
	if err := db.Delete(ctx, rds.DeleteOptions{FinalSnapshotID: "mydb-final"}); err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceDeleted, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	final := conn.DBSnapshot("mydb-final")
	if err := final.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(final.InstanceID, final.Type)
	// Output:
	// FinalDBSnapshotIdentifier: is required unless SkipFinalSnapshot is set
	// mydb manual
}

func ExampleConn_Events() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	exampleInstance(ctx, conn, "mydb")

	for e, err := range conn.Events(ctx, rds.EventFilter{SourceType: rds.SourceInstance, SourceID: "mydb", Duration: time.Hour}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.SourceType, e.SourceID, e.Message)
	}
	// Output:
	// db-instance mydb Backing up DB instance
	// db-instance mydb Finished DB Instance backup
	// db-instance mydb DB instance created
}

func ExampleDBSecurityGroup_WaitIngress() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "web-db", Description: "databases of the web tier"})
	if err != nil {
		log.Fatal(err)
	}

	web := rds.EC2Group("web", "111122223333")
	if err := g.Authorize(ctx, web); err != nil {
		log.Fatal(err)
	}
	fmt.Println(web, g.EC2SecurityGroups[0].Status)
	if err := g.WaitIngress(ctx, web, rds.IngressAuthorized, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(web, g.EC2SecurityGroups[0].Status)

	if err := g.Revoke(ctx, web); err != nil {
		log.Fatal(err)
	}
	if err := g.WaitIngress(ctx, web, rds.IngressRevoked, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(g.EC2SecurityGroups), "EC2 security groups admitted")
	// Output:
	// EC2 security group web of 111122223333 authorizing
	// EC2 security group web of 111122223333 authorized
	// 0 EC2 security groups admitted
}

func ExampleDBInstance_Modify_storage() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	db := exampleInstance(ctx, conn, "mydb")
	fmt.Println(db.StorageType, db.AllocatedStorage, db.Iops, db.StorageThroughput)

	// gp3 under 400 GiB has a fixed baseline: more IOPS need more storage.
	fmt.Println(db.Modify(ctx, rds.ModifyOptions{Iops: 16000}))

	err := db.Modify(ctx, rds.ModifyOptions{AllocatedStorage: 400, Iops: 16000, StorageThroughput: 1000, ApplyImmediately: true})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.StorageType, db.AllocatedStorage, db.Iops, db.StorageThroughput)
	// Output:
	// gp3 20 3000 125
	// Iops: 16000 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps
	// gp3 400 16000 1000
}
