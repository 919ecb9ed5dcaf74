package sdb_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// The examples run against sdbtest, the in-process SimpleDB fake. With
// real AWS, build the connection from config.LoadDefaultConfig instead.

// fakeConn starts a fake with a "books" domain of three items.
func fakeConn() (*sdbtest.Server, *sdb.Conn) {
	srv, err := sdbtest.New()
	if err != nil {
		log.Fatal(err)
	}
	must(srv.CreateDomain(srv.Account(), "us-east-1", "books"))
	must(srv.Put(srv.Account(), "us-east-1", "books", "0385333498", map[string][]string{"Title": {"The Sirens of Titan"}, "Year": {"1959"}, "Author": {"Kurt Vonnegut"}}))
	must(srv.Put(srv.Account(), "us-east-1", "books", "0802131786", map[string][]string{"Title": {"Tropic of Cancer"}, "Year": {"1934"}, "Author": {"Henry Miller"}}))
	must(srv.Put(srv.Account(), "us-east-1", "books", "1579124585", map[string][]string{"Title": {"The Right Stuff"}, "Year": {"1979"}, "Author": {"Tom Wolfe"}}))
	return srv, sdb.New(srv.Config(""))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleNew() {
	srv, err := sdbtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	// srv.Config("") is an aws.Config like config.LoadDefaultConfig's, with
	// BaseEndpoint pointing at the fake.
	conn := sdb.New(srv.Config(""), goboto.WithRetry(5, 0))
	fmt.Println(conn.Region())
	// Output: us-east-1
}

// NewConn is the shape regions.NewServiceSet takes: one connection per
// SimpleDB region, no closure needed.
func ExampleNewConn() {
	srv, err := sdbtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	set, err := regions.NewServiceSet(srv.Config(""), regions.SDB, sdb.NewConn)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(set.Regions()[0], set.Len() > 1)
	// Output: ap-northeast-1 true
}

func ExampleConn_CreateDomain() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	dom, err := conn.CreateDomain(ctx, "users")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dom)
	// Output: Domain:users
}

func ExampleConn_Domains() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	must(srv.CreateDomain(srv.Account(), "us-east-1", "users"))

	for dom, err := range conn.Domains(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(dom.Name())
	}
	// Output:
	// books
	// users
}

func ExampleConn_Select() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	q, err := sdb.Selectf("select %n from %n where %n < %v order by %n", "Title", "books", "Year", "1960", "Year")
	if err != nil {
		log.Fatal(err)
	}
	for item, err := range conn.Select(ctx, q) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item.Name, item.Get("Title"))
	}
	// Output:
	// 0802131786 Tropic of Cancer
	// 0385333498 The Sirens of Titan
}

func ExampleSelectf() {
	userInput := "x' or Year > '0"
	q, err := sdb.Selectf("select * from %n where %n = %v", "books", "Author", userInput)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q)
	// Output: select * from books where Author = 'x'' or Year > ''0'
}

func ExampleDomain_Put() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	// Add a second value to Author, replace Year.
	err := dom.Put(ctx, "0385333498", sdb.Attributes{
		"Author": {"K. Vonnegut"},
		"Year":   {"1959-10"},
	}, sdb.Replace("Year"))
	if err != nil {
		log.Fatal(err)
	}
	item, err := dom.Get(ctx, "0385333498", sdb.Consistent())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(item.Attributes["Author"], item.Attributes["Year"])
	// Output: [Kurt Vonnegut K. Vonnegut] [1959-10]
}

func ExampleDomain_Put_conditional() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	// Create an item only if it is not there yet.
	err := dom.Put(ctx, "0802131786", sdb.Attributes{"Title": {"Another"}}, sdb.IfNotExists("Title"))
	fmt.Println(sdb.IsConditionFailed(err))
	// Output: true
}

func ExampleDomain_Get() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	item, err := dom.Get(ctx, "1579124585", sdb.Names("Title", "Year"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(item.Get("Title"), item.Get("Year"))

	// A missing item is an error goboto.IsNotFound matches.
	_, err = dom.Get(ctx, "no-such-isbn")
	fmt.Println(goboto.IsNotFound(err))
	// Output:
	// The Right Stuff 1979
	// true
}

func ExampleDomain_DeleteAttributes() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	// Delete every value of Year; nil instead of the map deletes the item.
	if err := dom.DeleteAttributes(ctx, "1579124585", sdb.Attributes{"Year": nil}); err != nil {
		log.Fatal(err)
	}
	item, err := dom.Get(ctx, "1579124585", sdb.Consistent())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(item.Attributes.Names())
	// Output: [Author Title]
}

func ExampleDomain_BatchPut() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	var items []sdb.Item
	for i := range 60 {
		items = append(items, sdb.Item{
			Name:       fmt.Sprintf("isbn-%02d", i),
			Attributes: sdb.Attributes{"Year": {fmt.Sprint(1950 + i)}},
		})
	}
	err := dom.BatchPut(ctx, items, sdb.Replace()) // three calls of at most 25
	var be *sdb.BatchError
	if errors.As(err, &be) {
		log.Fatalf("only the first %d items were written: %v", be.Done, be.Err)
	}
	n, err := dom.Count(ctx, sdb.Where("%n >= %v", "Year", "1950"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 62
}

func ExampleDomain_BatchDelete() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	err := dom.BatchDelete(ctx, []sdb.Item{{Name: "0385333498"}, {Name: "0802131786"}})
	if err != nil {
		log.Fatal(err)
	}
	n, err := dom.Count(ctx, sdb.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 1
}

func ExampleDomain_Select() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	for item, err := range dom.Select(ctx, sdb.Where("%n like %v", "Title", "The %")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item.Get("Title"))
	}
	// Output:
	// The Sirens of Titan
	// The Right Stuff
}

func ExampleDomain_Count() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	n, err := conn.Domain("books").Count(ctx, sdb.Where("%n > %v", "Year", "1950"), sdb.Consistent())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 2
}

func ExampleDomain_Refresh() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	dom := conn.Domain("books")
	if err := dom.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	md := dom.Metadata
	fmt.Println(md.ItemCount, md.AttributeNameCount, md.AttributeValueCount)

	err := conn.Domain("no-such-domain").Refresh(ctx)
	fmt.Println(goboto.IsNotFound(err))
	// Output:
	// 3 3 9
	// true
}

func ExampleItem_Refresh() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	item := conn.Domain("books").Item("0802131786") // no I/O
	if err := item.Refresh(ctx); err != nil {       // GetAttributes, consistent
		log.Fatal(err)
	}
	fmt.Println(item.Get("Title"))

	err := conn.Domain("books").Item("ghost").Refresh(ctx)
	var ae *goboto.APIError
	fmt.Println(errors.As(err, &ae) && ae.Code == sdb.NoSuchItem, goboto.IsNotFound(err))
	// Output:
	// Tropic of Cancer
	// true true
}

func ExampleItem_Save() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dom := conn.Domain("books")

	item, err := dom.Get(ctx, "0802131786")
	if err != nil {
		log.Fatal(err)
	}
	item.Set("Year", "1934-09")
	if err := item.Save(ctx); err != nil { // replaces the values of every attribute held
		log.Fatal(err)
	}
	again, err := dom.Get(ctx, "0802131786", sdb.Consistent())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(again.Get("Year"))
	// Output: 1934-09
}
