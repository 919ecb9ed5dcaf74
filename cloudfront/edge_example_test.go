package cloudfront_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
)

// The examples in this file fetch through the fake's local edge, which
// serves every distribution's *.cloudfront.net URLs at the fake's
// address (cloudfronttest.EdgeClient).

// edgeGet fetches rawURL through the edge and prints the status, X-Cache
// and the body, or an error document's code.
func edgeGet(edge *http.Client, rawURL string, cookies ...*http.Cookie) {
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := edge.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	text := string(body)
	if _, rest, ok := strings.Cut(text, "<Code>"); ok && resp.StatusCode >= 400 {
		text, _, _ = strings.Cut(rest, "</Code>")
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Cache")+":", text)
}

// boto's private distribution: an origin access identity, and AddObject
// granting it READ with boto's replace semantics, on a bucket that still
// takes ACLs (Object Ownership other than BucketOwnerEnforced).
func ExampleDistribution_AddObject_originAccessIdentity() {
	srv, err := cloudfronttest.New(fakes.WithTLS(true))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	conn := cloudfront.New(srv.Config(""))
	bucket, err := s3.New(srv.Config("")).CreateBucket(ctx, "media")
	if err != nil {
		log.Fatal(err)
	}
	if err := bucket.SetObjectOwnership(ctx, s3.ObjectWriter); err != nil { // ACLs on
		log.Fatal(err)
	}

	oai, err := conn.CreateOriginAccessIdentity(ctx, "media")
	if err != nil {
		log.Fatal(err)
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins: []cloudfront.Origin{{ID: "media", DomainName: "media.s3.amazonaws.com",
			S3: &cloudfront.S3Origin{OriginAccessIdentity: oai.Path()}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "media", CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"}})
	if err != nil {
		log.Fatal(err)
	}
	obj, err := d.AddObject(ctx, "intro.mp4", strings.NewReader("video"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(obj.Access)
	acl, err := bucket.Key("intro.mp4").ACL(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range acl.Grants {
		fmt.Println(g.Grantee.ID == oai.S3CanonicalUserID, g.Permission)
	}
	edgeGet(cloudfronttest.EdgeClient(srv.Server), obj.URL())
	// Output:
	// OAI READ grant
	// false FULL_CONTROL
	// true READ
	// 200 Miss from cloudfront: video
}

// A signed URL on a behaviour that trusts a key group: served until it
// expires, refused after. The fake's clock is moved past the expiry.
func ExampleSigner_SignURL() {
	clock := fakes.NewClock(time.Now())
	srv, err := cloudfronttest.New(fakes.WithTLS(true), fakes.WithClock(clock.Now))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	conn := cloudfront.New(srv.Config(""))
	if _, err := s3.New(srv.Config("")).CreateBucket(ctx, "reports"); err != nil {
		log.Fatal(err)
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		log.Fatal(err)
	}
	pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "reports",
		EncodedKey: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	if err != nil {
		log.Fatal(err)
	}
	group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "reports", PublicKeys: []string{pub.ID}})
	if err != nil {
		log.Fatal(err)
	}
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "reports"})
	if err != nil {
		log.Fatal(err)
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins: []cloudfront.Origin{{ID: "reports", DomainName: "reports.s3.amazonaws.com", S3: &cloudfront.S3Origin{},
			OriginAccessControlID: oac.ID}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "reports", ViewerProtocol: cloudfront.HTTPSOnly,
			CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6", TrustedKeyGroups: []string{group.ID}}})
	if err != nil {
		log.Fatal(err)
	}
	obj, err := d.AddObject(ctx, "q4.pdf", strings.NewReader("numbers"))
	if err != nil {
		log.Fatal(err)
	}

	signer, err := cloudfront.NewSigner(pub.ID, key, cloudfront.SignerClock(clock.Now))
	if err != nil {
		log.Fatal(err)
	}
	signed, err := signer.SignURL(obj.URL(), cloudfront.SignOptions{Expires: clock.Now().Add(time.Minute), Hash: cloudfront.HashSHA256})
	if err != nil {
		log.Fatal(err)
	}
	edge := cloudfronttest.EdgeClient(srv.Server)
	edgeGet(edge, obj.URL()) // unsigned
	edgeGet(edge, signed)
	clock.Advance(2 * time.Minute)
	edgeGet(edge, signed)

	// Signed cookies cover every URL their policy's Resource matches.
	cookies, err := signer.SignCookies(cloudfront.SignOptions{Resource: d.URL("*"), Expires: clock.Now().Add(time.Hour)})
	if err != nil {
		log.Fatal(err)
	}
	edgeGet(edge, obj.URL(), cookies...)
	// Output:
	// 403 Error from cloudfront: MissingKey
	// 200 Miss from cloudfront: numbers
	// 403 Error from cloudfront: AccessDenied
	// 200 Hit from cloudfront: numbers
}

// Poking holes for dynamic content: the admin pages, the login page
// and a form action go to the application every time, everything else
// is cached until an invalidation names it. The origin here is a local
// server that counts what it renders.
func ExampleConn_CreateDistribution_pokingHoles() {
	var mu sync.Mutex
	renders := 0
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		renders++
		fmt.Fprintf(w, "%s %s render #%d", r.Method, r.URL.Path, renders)
	}))
	defer app.Close()
	u, _ := url.Parse(app.URL)
	port, _ := strconv.Atoi(u.Port())

	srv, err := cloudfronttest.New(fakes.WithTLS(true))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	conn := cloudfront.New(srv.Config(""))
	hole := func(pattern string) cloudfront.Behavior {
		return cloudfront.Behavior{PathPattern: pattern, TargetOriginID: "app",
			CachePolicyID:         "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // Managed-CachingDisabled
			OriginRequestPolicyID: "216adef6-5c7f-47e4-b989-5492eafa07d3", // Managed-AllViewer
			AllowedMethods:        []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}}
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins: []cloudfront.Origin{{ID: "app", DomainName: "localhost",
			Custom: &cloudfront.CustomOrigin{HTTPPort: port, Protocol: cloudfront.OriginHTTPOnly}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "app", CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"}, // Managed-CachingOptimized
		Behaviors:       []cloudfront.Behavior{hole("/wp-admin/*"), hole("/wp-login.php"), hole("/comment")}})
	if err != nil {
		log.Fatal(err)
	}
	edge := cloudfronttest.EdgeClient(srv.Server)
	post := func(path string) {
		resp, err := edge.Post(d.URL(path), "application/x-www-form-urlencoded", strings.NewReader("comment=hi"))
		if err != nil {
			log.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("X-Cache")+":", string(body))
	}
	edgeGet(edge, d.URL("/"))
	edgeGet(edge, d.URL("/"))
	edgeGet(edge, d.URL("/wp-admin/"))
	edgeGet(edge, d.URL("/wp-admin/"))
	post("/comment")
	edgeGet(edge, d.URL("/"))

	inv, err := d.Invalidate(ctx, "/")
	if err != nil {
		log.Fatal(err)
	}
	if err := inv.Wait(ctx, cloudfront.InvalidationCompleted); err != nil {
		log.Fatal(err)
	}
	edgeGet(edge, d.URL("/"))
	// Output:
	// 200 Miss from cloudfront: GET / render #1
	// 200 Hit from cloudfront: GET / render #1
	// 200 Miss from cloudfront: GET /wp-admin/ render #2
	// 200 Miss from cloudfront: GET /wp-admin/ render #3
	// 200 Miss from cloudfront: POST /comment render #4
	// 200 Hit from cloudfront: GET / render #1
	// 200 Miss from cloudfront: GET / render #5
}

// Invalidations lists a distribution's invalidations, newest first, one
// page per need.
func ExampleDistribution_Invalidations() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{
		Enabled:         true,
		Origins:         []cloudfront.Origin{{ID: "s3", DomainName: "site.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "s3", CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range []string{"/index.html", "/css/*", "/about/"} {
		if _, err := d.Invalidate(ctx, p); err != nil {
			log.Fatal(err)
		}
	}
	for inv, err := range d.Invalidations(ctx, cloudfront.PageSize(2)) {
		if err != nil {
			log.Fatal(err)
		}
		if err := inv.Refresh(ctx); err != nil { // a listing carries no paths
			log.Fatal(err)
		}
		fmt.Println(inv.Status, inv.Paths)
	}
	// Output:
	// Completed [/about/]
	// Completed [/css/*]
	// Completed [/index.html]
}
