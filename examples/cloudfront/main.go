// Command cloudfront is boto's CloudFront walkthrough ("Private and
// Streaming Distributions in CloudFront", 2009) on today's AWS:
//
//  1. a public distribution on an S3 origin, an object added with
//     AddObject and fetched through CloudFront by its URL;
//  2. a streaming (RTMP) distribution and its rtmp:// URL;
//  3. going private: an origin access identity where the bucket still
//     takes ACLs, origin access control where it does not, AddObject
//     saying which it used, a key group with a fresh ECDSA P-256 key, a
//     signed URL served and then refused once expired, a signed cookie,
//     and the bucket refusing anyone who goes around CloudFront.
//
// What changed since boto's post: new buckets have ACLs disabled and
// public access blocked (April 2023), so access goes through the bucket
// policy; origin access control replaces the identity; key groups
// replace account key pairs as signers; and CloudFront stopped creating
// RTMP distributions on 2020-12-31.
//
//	go run ./examples/cloudfront          # on the local cloud
//	go run ./examples/cloudfront -aws     # on your account
//
// Locally the edge of the local cloud serves *.cloudfront.net, the
// fake's clock is moved past the signed URL's expiry, and CloudFront
// runs in legacy mode so that step 2 can create an RTMP distribution.
//
// With -aws it creates three S3 buckets with random names, two
// distributions, an origin access identity and control, a public key
// and a key group, and deletes them all at the end. Deploying and then
// deleting a distribution takes CloudFront 5-15 minutes each, so a run
// takes half an hour or more; it costs a few cents of requests. Step 1
// makes its bucket public: your account's Block Public Access must allow
// a public bucket policy, or the step fails with AccessDenied. Step 2 is
// refused by AWS, and the walkthrough says so and carries on. Step 3
// waits in real time for a signed URL to expire (a minute).
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
)

func main() {
	var f exenv.Flags
	f.Register(flag.CommandLine)
	flag.Parse()

	ctx := context.Background()
	clock := fakes.NewClock(time.Now())
	env, err := exenv.Setup(ctx, f, localOptions(clock)...)
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	var c timeline = realTime{}
	if env.Local {
		c = clock
	}
	if err := run(ctx, os.Stdout, env, c); err != nil {
		log.Fatal(err)
	}
}

// localOptions are the local cloud's settings: the clock the walkthrough
// moves, and CloudFront in legacy mode, creating RTMP distributions as
// it did before 2021.
func localOptions(clock *fakes.Clock) []fakes.Option {
	return []fakes.Option{fakes.WithClock(clock.Now), cloudfronttest.WithLegacyStreaming()}
}

// timeline is the clock signed URLs are made and checked against: the
// local cloud's, which the walkthrough moves, or the real one, which it
// waits for.
type timeline interface {
	Now() time.Time
	Advance(d time.Duration)
}

// realTime is AWS's clock: advancing it is waiting.
type realTime struct{}

func (realTime) Now() time.Time          { return time.Now() }
func (realTime) Advance(d time.Duration) { time.Sleep(d) }
