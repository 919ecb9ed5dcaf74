package cloudfront_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
)

// exampleConn starts a fake CloudFront and returns a connection to it
// with a function to stop it.
func exampleConn() (*cloudfront.Conn, func()) {
	srv, err := cloudfronttest.New(cloudfronttest.WithLegacyStreaming())
	if err != nil {
		log.Fatal(err)
	}
	return cloudfront.New(srv.Config("")), func() { srv.Close() }
}

// A site on an S3 bucket that sends its admin pages straight to the
// application server, uncached, while everything else is cached.
func ExampleConn_CreateDistribution() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{
		Comment: "blog",
		Enabled: true,
		Origins: []cloudfront.Origin{
			{ID: "static", DomainName: "blog-assets.s3.amazonaws.com", S3: &cloudfront.S3Origin{}},
			{ID: "app", DomainName: "app.example.com", Custom: &cloudfront.CustomOrigin{Protocol: cloudfront.OriginHTTPSOnly}},
		},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "static", ViewerProtocol: cloudfront.RedirectToHTTPS,
			TTL: &cloudfront.TTL{Default: time.Hour, Max: 24 * time.Hour}},
		Behaviors: []cloudfront.Behavior{
			{PathPattern: "/wp-admin/*", TargetOriginID: "app", TTL: &cloudfront.TTL{}, Forward: cloudfront.Forward{QueryString: true, Cookies: []string{"*"}},
				AllowedMethods: []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}},
			{PathPattern: "/wp-login.php", TargetOriginID: "app", TTL: &cloudfront.TTL{}, Forward: cloudfront.Forward{Cookies: []string{"*"}},
				AllowedMethods: []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := d.Wait(ctx, cloudfront.DistributionDeployed); err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Status, strings.HasSuffix(d.DomainName, ".cloudfront.net"))
	for _, b := range d.Config.Behaviors {
		fmt.Println(b.PathPattern, "->", b.TargetOriginID)
	}
	// Output:
	// Deployed true
	// /wp-admin/* -> app
	// /wp-login.php -> app
}

func ExampleDistribution_Update() {
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
	// Read, edit and save with the ETag; retried if someone else saved
	// in between.
	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		c.DefaultRootObject = "index.html"
		c.PriceClass = cloudfront.PriceClass100
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Config.DefaultRootObject, d.Config.PriceClass)
	// Output: index.html PriceClass_100
}

func ExampleDistribution_Delete() {
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
	// Disable, wait until deployed, delete.
	err = d.Delete(ctx, goboto.Progress(func(state string, _ time.Duration) { fmt.Println(state) }))
	fmt.Println(err)
	// Output:
	// disabling
	// Deployed
	// <nil>
}

func ExampleDistribution_Invalidate() {
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
	inv, err := d.Invalidate(ctx, "/index.html", "/css/*")
	if err != nil {
		log.Fatal(err)
	}
	if err := inv.Wait(ctx, cloudfront.InvalidationCompleted); err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Status, inv.Paths)
	// Output: Completed [/index.html /css/*]
}

func ExampleStreamingObject_URL() {
	conn, stop := exampleConn()
	defer stop()
	// Only emulators and the fake's legacy mode still create RTMP
	// distributions.
	s, err := conn.CreateStreamingDistribution(context.Background(), cloudfront.StreamingDistributionConfig{
		Enabled: true, Origin: "media.s3.amazonaws.com",
	})
	if err != nil {
		log.Fatal(err)
	}
	url := s.Object("videos/intro.mp4").URL()
	fmt.Println(strings.HasPrefix(url, "rtmp://s"), strings.HasSuffix(url, ".cloudfront.net/cfx/st/videos/intro.mp4"))
	// Output: true true
}

// Private content on today's AWS: an origin access control signs
// CloudFront's requests to the bucket, and a key group's keys sign the
// viewers' URLs.
func ExampleOriginAccessControl_Attach() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		log.Fatal(err)
	}
	pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "signer-2026",
		EncodedKey: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	if err != nil {
		log.Fatal(err)
	}
	group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "signers", PublicKeys: []string{pub.ID}})
	if err != nil {
		log.Fatal(err)
	}
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{
		Enabled: true,
		Origins: []cloudfront.Origin{{ID: "media", DomainName: "media.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "media", ViewerProtocol: cloudfront.HTTPSOnly,
			CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6", TrustedKeyGroups: []string{group.ID}},
	})
	if err != nil {
		log.Fatal(err)
	}
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "media"})
	if err != nil {
		log.Fatal(err)
	}
	if err := oac.Attach(ctx, d, "media"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Config.Origins[0].OriginAccessControlID == oac.ID, d.Config.DefaultBehavior.TrustedKeyGroups[0] == group.ID)
	// Output: true true
}
