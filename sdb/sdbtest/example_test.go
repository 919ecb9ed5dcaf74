package sdbtest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// A test starts the fake, seeds it, and points the sdb client at it.
func Example() {
	srv, err := sdbtest.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	srv.CreateDomain(srv.Account(), "us-east-1", "users")
	srv.Put(srv.Account(), "us-east-1", "users", "alice", map[string][]string{"age": {"042"}})

	ctx := context.Background()
	item, err := sdb.New(srv.Config("")).Domain("users").Get(ctx, "alice", sdb.Consistent())
	if err != nil {
		panic(err)
	}
	fmt.Println(item.Name, item.Attributes.Get("age"))

	// What the code under test sent is on record.
	for _, c := range srv.Calls() {
		fmt.Println(c.Operation, c.Region, c.SigVersion, c.Status)
	}
	// Output:
	// alice 042
	// GetAttributes us-east-1 2 200
}

// Faults make chosen requests misbehave: here the first two Selects are
// throttled, and goboto's retry policy rides them out.
func ExampleServer_Faults() {
	srv, _ := sdbtest.New()
	defer srv.Close()
	srv.CreateDomain(srv.Account(), "us-east-1", "users")
	srv.Faults().Add(fakes.Fault{Operation: "Select", Kind: fakes.Throttle, Times: 2})

	ctx := context.Background()
	db := sdb.New(srv.Config(""), goboto.WithRetry(3, 10*time.Millisecond))
	n := 0
	for _, err := range db.Select(ctx, "select * from users") {
		if err != nil {
			panic(err)
		}
		n++
	}
	for _, c := range srv.Calls() {
		fmt.Println(c.Operation, c.Status, c.Code != "")
	}
	fmt.Println("items:", n)

	// With retries off, the throttle reaches the caller.
	srv.Faults().Add(fakes.Fault{Operation: "Select", Kind: fakes.Throttle, Times: 1})
	for _, err := range sdb.New(srv.Config(""), goboto.WithRetry(1, 0)).Select(ctx, "select * from users") {
		fmt.Println("throttled:", goboto.IsThrottled(err))
	}
	// Output:
	// Select 503 true
	// Select 503 true
	// Select 200 false
	// items: 0
	// throttled: true
}

// With eventual consistency on, a plain read may miss a fresh write; a
// consistent read never does.
func ExampleWithEventualConsistency() {
	srv, _ := sdbtest.New(sdbtest.WithEventualConsistency(0)) // writes show only after Settle
	defer srv.Close()
	ctx := context.Background()
	dom, _ := sdb.New(srv.Config("")).CreateDomain(ctx, "users")
	dom.Put(ctx, "bob", sdb.Attributes{"age": {"031"}})

	_, err := dom.Get(ctx, "bob")
	fmt.Println("plain read finds bob:", err == nil)
	item, _ := dom.Get(ctx, "bob", sdb.Consistent())
	fmt.Println("consistent read:", item.Attributes.Get("age"))
	srv.Settle()
	_, err = dom.Get(ctx, "bob")
	fmt.Println("after Settle, not found:", goboto.IsNotFound(err))
	// Output:
	// plain read finds bob: false
	// consistent read: 031
	// after Settle, not found: false
}
