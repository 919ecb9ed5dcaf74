package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/s3"
)

// private is boto's third step, and the signed URLs boto's post left
// for later: a distribution that only signed viewers may use, on buckets
// only CloudFront may read.
func (k *walk) private(ctx context.Context) error {
	k.printf("\nThe boto way, an origin access identity, for a bucket that still takes ACLs:\n")
	legacyName := k.unique("goboto-cf-legacy")
	k.call("legacy, err := s3.New(cfg).CreateBucket(ctx, %q)", k.label(legacyName))
	legacy, err := k.createBucket(ctx, legacyName)
	if err != nil {
		return err
	}
	k.call("legacy.SetObjectOwnership(ctx, s3.ObjectWriter)   // ACLs on, as on buckets made before April 2023")
	if err := legacy.SetObjectOwnership(ctx, s3.ObjectWriter); err != nil {
		return err
	}
	k.call(`oai, err := conn.CreateOriginAccessIdentity(ctx, "An OAI for testing")`)
	oai, err := k.cf.CreateOriginAccessIdentity(ctx, "An OAI for testing")
	if err != nil {
		return err
	}
	k.atEnd(func(ctx context.Context) error { return oai.Delete(ctx) })
	k.result("%s, S3 canonical user of %d hex digits; origins name it %q", oai.ID, len(oai.S3CanonicalUserID), oai.Path())

	k.printf("\nToday's way, origin access control, for a bucket with S3's defaults (ACLs off, public access blocked):\n")
	privateName := k.unique("goboto-cf-private")
	k.call("private, err := s3.New(cfg).CreateBucket(ctx, %q)", k.label(privateName))
	private, err := k.createBucket(ctx, privateName)
	if err != nil {
		return err
	}
	oacName := k.unique("goboto-cf-private")
	k.call("oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: %q})   // signs CloudFront's requests to S3", k.label(oacName))
	oac, err := k.cf.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: oacName})
	if err != nil {
		return err
	}
	k.atEnd(func(ctx context.Context) error { return oac.Delete(ctx) })

	k.printf("\nSigners are key groups now, not accounts; CloudFront takes ECDSA P-256 keys since 2025:\n")
	k.call("key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)")
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	keyName := k.unique("goboto-cf-signer")
	k.call("pub, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: %q, EncodedKey: publicPEM})", k.label(keyName))
	pub, err := k.cf.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: keyName,
		EncodedKey: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	if err != nil {
		return err
	}
	k.atEnd(func(ctx context.Context) error { return pub.Delete(ctx) })
	groupName := k.unique("goboto-cf-signers")
	k.call("group, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: %q, PublicKeys: []string{pub.ID}})", k.label(groupName))
	group, err := k.cf.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: groupName, PublicKeys: []string{pub.ID}})
	if err != nil {
		return err
	}
	k.atEnd(func(ctx context.Context) error { return group.Delete(ctx) })
	k.result("key %s in group %s", pub.ID, group.ID)

	k.printf("\nOne distribution, two origins: /legacy/* from the OAI's bucket, everything else, signed viewers only, from the OAC's:\n")
	k.call("pd, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Comment: \"My Private Distribution\", Enabled: true,\n" +
		"        Origins: []cloudfront.Origin{\n" +
		"            {ID: \"private\", DomainName: private.Name + \".s3.amazonaws.com\", S3: &cloudfront.S3Origin{}},\n" +
		"            {ID: \"legacy\", DomainName: legacy.Name + \".s3.amazonaws.com\", S3: &cloudfront.S3Origin{OriginAccessIdentity: oai.Path()}}},\n" +
		"        DefaultBehavior: cloudfront.Behavior{TargetOriginID: \"private\", ViewerProtocol: cloudfront.HTTPSOnly, CachePolicyID: cachingOptimized,\n" +
		"            TrustedKeyGroups: []string{group.ID}},\n" +
		"        Behaviors: []cloudfront.Behavior{{PathPattern: \"/legacy/*\", TargetOriginID: \"legacy\", ViewerProtocol: cloudfront.HTTPSOnly, CachePolicyID: cachingOptimized}}})")
	pd, err := k.createDistribution(ctx, "pd", cloudfront.DistributionConfig{Comment: "My Private Distribution", Enabled: true,
		Origins: []cloudfront.Origin{
			{ID: "private", DomainName: privateName + ".s3.amazonaws.com", S3: &cloudfront.S3Origin{}},
			{ID: "legacy", DomainName: legacyName + ".s3.amazonaws.com", S3: &cloudfront.S3Origin{OriginAccessIdentity: oai.Path()}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "private", ViewerProtocol: cloudfront.HTTPSOnly, CachePolicyID: cachingOptimized,
			TrustedKeyGroups: []string{group.ID}},
		Behaviors: []cloudfront.Behavior{{PathPattern: "/legacy/*", TargetOriginID: "legacy", ViewerProtocol: cloudfront.HTTPSOnly,
			CachePolicyID: cachingOptimized}}})
	if err != nil {
		return err
	}
	k.call(`oac.Attach(ctx, pd, "private")   // UpdateDistribution with the ETag`)
	if err := oac.Attach(ctx, pd, "private"); err != nil {
		return err
	}
	if err := k.deployed(ctx, "pd", pd); err != nil {
		return err
	}

	k.printf("\nAddObject picks the origin by the behaviours, and the access by the origin and its bucket:\n")
	objs := map[string]*cloudfront.Object{}
	for _, name := range []string{"legacy/boto.jpg", "video/intro.mp4"} {
		k.call("obj, err := pd.AddObject(ctx, %q, f)", name)
		obj, err := pd.AddObject(ctx, name, strings.NewReader("contents of "+name))
		if err != nil {
			return err
		}
		objs[name] = obj
		k.result("obj.Access: %s", obj.Access)
	}
	k.call(`legacy.Key("legacy/boto.jpg").ACL(ctx)   // boto's replace: the owner's grant and the OAI's, nothing else`)
	acl, err := legacy.Key("legacy/boto.jpg").ACL(ctx)
	if err != nil {
		return err
	}
	for _, g := range acl.Grants {
		who := "someone else"
		switch g.Grantee.ID {
		case acl.Owner.ID:
			who = "the owner"
		case oai.S3CanonicalUserID:
			who = "the OAI"
		}
		k.result("%s: %s", who, g.Permission)
	}

	k.printf("\nViewers:\n")
	legacyURL := objs["legacy/boto.jpg"].URL()
	k.call("GET %s   // no signature: /legacy/* trusts no signers", legacyURL)
	if err := k.show(k.view(ctx, legacyURL)); err != nil {
		return err
	}
	videoURL := objs["video/intro.mp4"].URL()
	k.call("GET %s   // no signature", videoURL)
	if err := k.show(k.view(ctx, videoURL)); err != nil {
		return err
	}

	k.call("signer, err := cloudfront.NewSigner(pub.ID, key)")
	signer, err := cloudfront.NewSigner(pub.ID, key, cloudfront.SignerClock(k.clock.Now))
	if err != nil {
		return err
	}
	expires := k.clock.Now().Add(time.Minute)
	k.call("signed, err := signer.SignURL(obj.URL(), cloudfront.SignOptions{Expires: time.Now().Add(time.Minute), Hash: cloudfront.HashSHA256})")
	signed, err := signer.SignURL(videoURL, cloudfront.SignOptions{Expires: expires, Hash: cloudfront.HashSHA256})
	if err != nil {
		return err
	}
	_, query, _ := strings.Cut(signed, "?")
	var params []string
	for p := range strings.SplitSeq(query, "&") {
		name, _, _ := strings.Cut(p, "=")
		params = append(params, name)
	}
	k.result("%s?%s (a canned policy: only the expiry)", videoURL, strings.Join(params, "&"))
	k.call("GET signed")
	if err := k.show(k.view(ctx, signed)); err != nil {
		return err
	}
	wait := time.Until(expires) + 2*time.Second
	if k.env.Local {
		wait = 2 * time.Minute
		k.call("clock.Advance(2 * time.Minute)   // the local cloud's clock; on AWS the walkthrough waits")
	} else {
		k.call("time.Sleep(until the URL has expired)")
	}
	k.clock.Advance(wait)
	k.call("GET signed   // the same URL, expired")
	if err := k.show(k.view(ctx, signed)); err != nil {
		return err
	}

	k.call("cookies, err := signer.SignCookies(cloudfront.SignOptions{Resource: \"https://\" + pd.DomainName + \"/video/*\", Expires: time.Now().Add(time.Hour)}, cloudfront.CookieSecure())")
	cookies, err := signer.SignCookies(cloudfront.SignOptions{Resource: "https://" + pd.DomainName + "/video/*",
		Expires: k.clock.Now().Add(time.Hour)}, cloudfront.CookieSecure())
	if err != nil {
		return err
	}
	var names []string
	for _, c := range cookies {
		names = append(names, c.Name)
	}
	k.result("%s (a custom policy: the wildcard covers every video)", strings.Join(names, ", "))
	k.call("GET %s   // with the cookies, no signature in the URL", videoURL)
	if err := k.show(k.view(ctx, videoURL, cookies...)); err != nil {
		return err
	}

	k.printf("\nGoing around CloudFront, straight to S3 without credentials:\n")
	for _, key := range []*s3.Key{private.Key("video/intro.mp4"), legacy.Key("legacy/boto.jpg")} {
		k.call("GET s3://%s/%s   // anonymous", k.label(key.Bucket().Name), key.Name)
		if err := k.show(k.anonymous(ctx, key)); err != nil {
			return err
		}
	}
	return nil
}

// show prints a fetched answer.
func (k *walk) show(a answer, err error) error {
	if err != nil {
		return fmt.Errorf("fetching: %w", err)
	}
	k.result("%s", a)
	return nil
}
