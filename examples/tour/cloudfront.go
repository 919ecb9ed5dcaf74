//lint:file-ignore SA1019 The chapter shows CloudFront refusing a new RTMP distribution, a deprecated call, as AWS refuses it since 2020-12-31.

package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/s3"
)

// cachingOptimized is the AWS managed cache policy
// Managed-CachingOptimized.
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"

const tourCDNBucket = "goboto-tour-cdn"

func cloudfrontChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := cloudfront.New(env.Config)
	t.call("conn := cloudfront.New(cfg)   // signed for %s whatever the region: CloudFront is global", conn.Region())

	// Validation needs no request, so it runs on a real account too.
	t.call(`conn.CreateDistribution(ctx, cloudfront.DistributionConfig{..., Behaviors: []cloudfront.Behavior{{PathPattern: "/img/*", TargetOriginID: "nowhere"}}})`)
	_, err = conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins:         []cloudfront.Origin{{ID: "site", DomainName: "site.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "site", CachePolicyID: cachingOptimized},
		Behaviors:       []cloudfront.Behavior{{PathPattern: "/img/*", TargetOriginID: "nowhere", CachePolicyID: cachingOptimized}}})
	var verr *goboto.ValidationError
	if !errors.As(err, &verr) {
		return errors.New("a behaviour naming no origin was not refused before sending")
	}
	t.result("refused before sending: %v", err)

	if !env.Local {
		t.result("a distribution takes CloudFront minutes to deploy and as long to delete: on a real account this chapter stops here (see examples/cloudfront)")
		return nil
	}

	t.call("bucket, err := s3.New(cfg).CreateBucket(ctx, %q)   // ACLs off, public access blocked: S3's defaults", tourCDNBucket)
	bucket, err := s3.New(env.Config).CreateBucket(ctx, tourCDNBucket)
	if err != nil {
		return err
	}
	var cleanups []func() error
	defer func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			if cerr := cleanups[i](); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()
	cleanups = append(cleanups, func() error {
		if err := bucket.DeleteKeys(ctx, []string{"index.html", "private/report.txt"}); err != nil {
			return err
		}
		return bucket.Delete(ctx)
	})

	t.call(`oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "goboto-tour"})`)
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "goboto-tour"})
	if err != nil {
		return err
	}
	cleanups = append(cleanups, func() error { return oac.Delete(ctx) })

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	t.call(`pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "goboto-tour", EncodedKey: ecdsaP256PEM})`)
	pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "goboto-tour",
		EncodedKey: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	if err != nil {
		return err
	}
	cleanups = append(cleanups, func() error { return pub.Delete(ctx) })
	t.call(`group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "goboto-tour", PublicKeys: []string{pub.ID}})`)
	group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "goboto-tour", PublicKeys: []string{pub.ID}})
	if err != nil {
		return err
	}
	cleanups = append(cleanups, func() error { return group.Delete(ctx) })

	t.call("d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,\n" +
		"        Origins:         []cloudfront.Origin{{ID: \"site\", DomainName: bucket.Name + \".s3.amazonaws.com\", S3: &cloudfront.S3Origin{}, OriginAccessControlID: oac.ID}},\n" +
		"        DefaultBehavior: cloudfront.Behavior{TargetOriginID: \"site\", ViewerProtocol: cloudfront.RedirectToHTTPS, CachePolicyID: cachingOptimized},\n" +
		"        Behaviors: []cloudfront.Behavior{{PathPattern: \"/private/*\", TargetOriginID: \"site\", ViewerProtocol: cloudfront.HTTPSOnly,\n" +
		"            CachePolicyID: cachingOptimized, TrustedKeyGroups: []string{group.ID}}}})")
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Enabled: true,
		Origins: []cloudfront.Origin{{ID: "site", DomainName: tourCDNBucket + ".s3.amazonaws.com", S3: &cloudfront.S3Origin{},
			OriginAccessControlID: oac.ID}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "site", ViewerProtocol: cloudfront.RedirectToHTTPS, CachePolicyID: cachingOptimized},
		Behaviors: []cloudfront.Behavior{{PathPattern: "/private/*", TargetOriginID: "site", ViewerProtocol: cloudfront.HTTPSOnly,
			CachePolicyID: cachingOptimized, TrustedKeyGroups: []string{group.ID}}}})
	if err != nil {
		return err
	}
	cleanups = append(cleanups, func() error {
		t.call("d.Delete(ctx)   // disables, waits until deployed, deletes; then the OAC, key group, key and bucket")
		return d.Delete(ctx)
	})
	t.call("d.Wait(ctx, cloudfront.DistributionDeployed)")
	if err := d.Wait(ctx, cloudfront.DistributionDeployed); err != nil {
		return err
	}
	t.result("%s at %s: %s", d.ID, d.DomainName, d.Status)

	t.printf("\nboto's add_object, for a bucket that takes no ACLs; the local cloud's edge serves the URLs:\n")
	edge := cloudfronttest.EdgeClient(env.Cloud.Server)
	fetch := func(url string) error {
		resp, err := edge.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		text := string(body)
		if resp.StatusCode >= 400 {
			if _, rest, ok := strings.Cut(text, "<Code>"); ok {
				text, _, _ = strings.Cut(rest, "</Code>")
			}
		}
		t.result("%d %s: %s", resp.StatusCode, resp.Header.Get("X-Cache"), text)
		return nil
	}
	for _, k := range []string{"index.html", "private/report.txt"} {
		t.call("obj, err := d.AddObject(ctx, %q, body)", k)
		obj, err := d.AddObject(ctx, k, strings.NewReader("this is "+k))
		if err != nil {
			return err
		}
		t.result("%s", obj.Access)
	}
	index := d.Object("index.html").URL()
	for range 2 {
		t.call("GET %s", index)
		if err := fetch(index); err != nil {
			return err
		}
	}
	report := d.Object("private/report.txt").URL()
	t.call("GET %s   // /private/* trusts the key group", report)
	if err := fetch(report); err != nil {
		return err
	}
	signer, err := cloudfront.NewSigner(pub.ID, key, cloudfront.SignerClock(env.Cloud.Now))
	if err != nil {
		return err
	}
	t.call("signer, _ := cloudfront.NewSigner(pub.ID, key); url, _ := signer.SignURL(report, cloudfront.SignOptions{Expires: time.Now().Add(time.Hour)})")
	signed, err := signer.SignURL(report, cloudfront.SignOptions{Expires: env.Cloud.Now().Add(time.Hour)})
	if err != nil {
		return err
	}
	t.call("GET url")
	if err := fetch(signed); err != nil {
		return err
	}

	t.call(`inv, err := d.Invalidate(ctx, "/index.html"); inv.Wait(ctx, cloudfront.InvalidationCompleted)`)
	inv, err := d.Invalidate(ctx, "/index.html")
	if err != nil {
		return err
	}
	if err := inv.Wait(ctx, cloudfront.InvalidationCompleted); err != nil {
		return err
	}
	t.call("GET %s", index)
	if err := fetch(index); err != nil {
		return err
	}

	t.printf("\nboto's streaming distributions are gone: CloudFront refuses new ones since 2020-12-31, and so does the local cloud by default:\n")
	t.call(`sd, err := conn.CreateStreamingDistribution(ctx, cloudfront.StreamingDistributionConfig{Enabled: true, Origin: bucket.Name + ".s3.amazonaws.com"})`)
	_, err = conn.CreateStreamingDistribution(ctx, cloudfront.StreamingDistributionConfig{Enabled: true, Origin: tourCDNBucket + ".s3.amazonaws.com"})
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return errors.New("a new RTMP distribution was not refused")
	}
	t.result("%s (HTTP %d); Get, List, Update and Delete remain for old ones", ae.Code, ae.StatusCode)
	return nil
}
