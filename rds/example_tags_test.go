package rds_test

import (
	"context"
	"fmt"
	"log"

	"github.com/goboto/goboto/rds"
)

func ExampleDBInstance_AddTags() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	db := exampleInstance(ctx, conn, "mydb")

	if err := db.AddTags(ctx, rds.Tags{"team": "data", "env": "staging"}); err != nil {
		log.Fatal(err)
	}
	if err := db.RemoveTags(ctx, "env"); err != nil {
		log.Fatal(err)
	}
	tags, err := db.Tags(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tags)

	// RDS keeps the aws: and rds: prefixes for itself.
	fmt.Println(db.AddTags(ctx, rds.Tags{"rds:owner": "me"}))
	// Output:
	// map[team:data]
	// Tags: rds:owner tag keys starting with aws: or rds: are reserved
}
