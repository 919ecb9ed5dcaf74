// Command dynamicsite puts CloudFront in front of a dynamic site and
// "pokes holes" in its cache, after the Cloud Developer Tips post
// "Poking Holes in CloudFront-Based Sites for Dynamic Content": the
// admin pages (/wp-admin/*), the login page (/wp-login.php) and the form
// action (POST /comment) always go to the origin, uncached, with the
// viewer's cookies and query strings, while everything else is cached.
// The transcript shows which requests CloudFront answered from its cache
// and which reached the origin (the origin counts them), a page gone
// stale after a comment, and an invalidation that makes it fresh again.
//
// The origin is a small stand-in for WordPress that the example serves
// itself.
//
//	go run ./examples/dynamicsite          # on the local cloud
//	go run ./examples/dynamicsite -aws -origin www.example.com -listen :8080
//
// On the local cloud the origin listens on 127.0.0.1 and CloudFront's
// local edge reaches it as localhost. On AWS, CloudFront must reach the
// origin over the internet: run the example on a host whose public name
// (-origin) leads to the address it listens on (-listen; port 80 or
// 1024-65535, plain HTTP). It creates one distribution and deletes it at
// the end; deploying, then disabling and deleting it take CloudFront
// 5-15 minutes each, and the invalidation a minute or two. It costs a
// few cents at most.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"log"
	"os"

	"github.com/goboto/goboto/examples/exenv"
)

// options are the example's own flags.
type options struct {
	// origin is the domain name CloudFront reaches the origin by.
	origin string
	// listen is the address the origin listens on.
	listen string
}

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	var o options
	flag.StringVar(&o.origin, "origin", "", "with -aws: the public domain name CloudFront reaches this example's origin by (default localhost on the local cloud)")
	flag.StringVar(&o.listen, "listen", "", "the address the origin listens on (default 127.0.0.1:0, a free loopback port)")
	flag.Parse()
	if f.AWS && o.origin == "" {
		log.Fatal(errors.New("with -aws, CloudFront must reach the origin from the internet: give -origin (a public domain name of this host) and -listen (an address it leads to)"))
	}
	o.origin = cmp.Or(o.origin, "localhost")
	o.listen = cmp.Or(o.listen, "127.0.0.1:0")

	ctx := context.Background()
	env, err := exenv.Setup(ctx, f)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	if err := run(ctx, os.Stdout, env, o, newOrigin()); err != nil {
		log.Fatal(err)
	}
}
