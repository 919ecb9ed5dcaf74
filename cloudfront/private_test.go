package cloudfront_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
)

// TestOriginAccessIdentity drives every OAI call against the fake: create
// (idempotent by caller reference), refresh, config, comment update
// behind the ETag, listing, and delete refused while an origin uses it
// (CloudFrontOriginAccessIdentityInUse), then not found.
func TestOriginAccessIdentity(t *testing.T) {
	_, conn := startFake(t)
	ctx := context.Background()
	oai, err := conn.CreateOriginAccessIdentity(ctx, cloudfront.OriginAccessIdentityConfig{Comment: "site", CallerReference: "ref"})
	if err != nil {
		t.Fatal(err)
	}
	if len(oai.CanonicalUserID) != 96 || oai.ETag == "" {
		t.Fatalf("created %+v", oai)
	}
	again, err := conn.CreateOriginAccessIdentity(ctx, cloudfront.OriginAccessIdentityConfig{Comment: "site", CallerReference: "ref"})
	if err != nil || again.ID != oai.ID {
		t.Fatalf("retried creation: %+v, %v", again, err)
	}
	h := conn.OriginAccessIdentity(oai.ID)
	if err := h.SetComment(ctx, "x"); !isValidation(err) {
		t.Fatalf("update without a loaded ETag: %v", err)
	}
	if err := h.RefreshConfig(ctx); err != nil || h.Comment != "site" || h.CallerReference != "ref" {
		t.Fatalf("config: %+v, %v", h, err)
	}
	if err := h.SetComment(ctx, "renamed"); err != nil {
		t.Fatal(err)
	}
	stale := conn.OriginAccessIdentity(oai.ID)
	stale.ETag, stale.CallerReference = oai.ETag, "ref"
	if err := stale.SetComment(ctx, "lost"); code(err) != "PreconditionFailed" {
		t.Fatalf("stale ETag: %v", err)
	}
	if err := oai.Refresh(ctx); err != nil || oai.Comment != "renamed" {
		t.Fatalf("refresh: %+v, %v", oai, err)
	}
	var ids []string
	for o, err := range conn.OriginAccessIdentities(ctx, cloudfront.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID+":"+o.Comment)
	}
	if diff := cmp.Diff([]string{oai.ID + ":renamed"}, ids); diff != "" {
		t.Errorf("listing (-want +got):\n%s", diff)
	}
	cfg := s3Site()
	cfg.Origins[0].S3.OriginAccessIdentity = oai.Ref()
	d, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := oai.Delete(ctx); code(err) != "CloudFrontOriginAccessIdentityInUse" {
		t.Fatalf("delete in use: %v", err)
	}
	if err := d.Update(ctx, func(c *cloudfront.DistributionConfig) error { c.Origins[0].S3.OriginAccessIdentity = ""; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := conn.OriginAccessIdentity(oai.ID).Delete(ctx); err != nil { // reads the ETag itself
		t.Fatal(err)
	}
	if err := oai.Refresh(ctx); !goboto.IsNotFound(err) || code(err) != "NoSuchCloudFrontOriginAccessIdentity" {
		t.Fatalf("after delete: %v", err)
	}
}

// TestOriginAccessControl: create with defaults (sigv4, always, s3),
// local checks, Save behind the ETag, Attach to a distribution's origin
// (which drops its OAI), OriginAccessControlInUse, listing.
func TestOriginAccessControl(t *testing.T) {
	_, conn := startFake(t)
	ctx := context.Background()
	for _, bad := range []cloudfront.OriginAccessControlConfig{
		{},
		{Name: string(make([]byte, 65))},
		{Name: "x", Signing: "sometimes"},
		{Name: "x", OriginType: "ftp"},
	} {
		if _, err := conn.CreateOriginAccessControl(ctx, bad); !isValidation(err) {
			t.Errorf("%+v: %v, want a ValidationError", bad, err)
		}
	}
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OriginAccessControlConfig{Name: "site"})
	if err != nil {
		t.Fatal(err)
	}
	if oac.Signing != cloudfront.SignAlways || oac.OriginType != cloudfront.OriginTypeS3 {
		t.Errorf("defaults: %+v", oac)
	}
	if _, err := conn.CreateOriginAccessControl(ctx, cloudfront.OriginAccessControlConfig{Name: "site"}); code(err) != "OriginAccessControlAlreadyExists" {
		t.Fatalf("same name: %v", err)
	}
	if err := conn.OriginAccessControl(oac.ID).Save(ctx); !isValidation(err) {
		t.Fatalf("save without ETag: %v", err)
	}
	oac.Signing, oac.Description = cloudfront.SignNoOverride, "pass viewer auth"
	if err := oac.Save(ctx); err != nil {
		t.Fatal(err)
	}
	got := conn.OriginAccessControl(oac.ID)
	if err := got.RefreshConfig(ctx); err != nil || got.Signing != cloudfront.SignNoOverride || got.Description != "pass viewer auth" {
		t.Fatalf("config: %+v, %v", got, err)
	}
	oai, err := conn.CreateOriginAccessIdentity(ctx, cloudfront.OriginAccessIdentityConfig{Comment: "old"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := s3Site()
	cfg.Origins[0].S3.OriginAccessIdentity = oai.Ref()
	d, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := oac.Attach(ctx, d, "nope"); !isValidation(err) {
		t.Fatalf("attach to a missing origin: %v", err)
	}
	if err := oac.Attach(ctx, d, "bucket"); err != nil {
		t.Fatal(err)
	}
	if err := d.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if o := d.Config.Origins[0]; o.OriginAccessControlID != oac.ID || o.S3 == nil || o.S3.OriginAccessIdentity != "" {
		t.Fatalf("origin after Attach: %+v %+v", o, o.S3)
	}
	if err := oai.Delete(ctx); err != nil { // no longer used
		t.Fatal(err)
	}
	if err := oac.Delete(ctx); code(err) != "OriginAccessControlInUse" {
		t.Fatalf("delete in use: %v", err)
	}
	n := 0
	for o, err := range conn.OriginAccessControls(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if o.ID != oac.ID || o.Signing != cloudfront.SignNoOverride {
			t.Errorf("listed %+v", o)
		}
		n++
	}
	if n != 1 {
		t.Errorf("listed %d controls, want 1", n)
	}
}

func pkix(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// TestPublicKeysAndKeyGroups: keys are checked before anything is sent
// (RSA-2048 or ECDSA P-256, PEM or Go keys), key groups hold 1 to 5
// keys (CloudFront Developer Guide, "Quotas": "Public keys in a single
// key group: 5"), a key in a group cannot be deleted (PublicKeyInUse),
// a group a behaviour trusts cannot be deleted (ResourceInUse), and
// Save needs a loaded ETag.
func TestPublicKeysAndKeyGroups(t *testing.T) {
	srv, conn := startFake(t)
	ctx := context.Background()
	rsa2048, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsa1024, _ := rsa.GenerateKey(rand.Reader, 1024)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	before := len(srv.Calls())
	for _, bad := range []cloudfront.PublicKeyConfig{
		{Name: "a", Key: &rsa1024.PublicKey},
		{Name: "a", Key: &p384.PublicKey},
		{Name: "a", PEM: pkix(t, &p384.PublicKey)},
		{Name: "a", PEM: "no pem"},
		{Name: "a", PEM: pkix(t, &p256.PublicKey), Key: &p256.PublicKey},
		{Name: "", Key: &p256.PublicKey},
		{Name: "a"},
	} {
		if _, err := conn.CreatePublicKey(ctx, bad); !isValidation(err) {
			t.Errorf("%+v: %v, want a ValidationError", bad.Name, err)
		}
	}
	if n := len(srv.Calls()); n != before {
		t.Fatalf("%d requests sent for refused keys", n-before)
	}
	var keys []string
	for i, cfg := range []cloudfront.PublicKeyConfig{
		{Name: "rsa", Key: &rsa2048.PublicKey},
		{Name: "ec", PEM: pkix(t, &p256.PublicKey), Comment: "p-256"},
	} {
		k, err := conn.CreatePublicKey(ctx, cfg)
		if err != nil {
			t.Fatal(i, err)
		}
		keys = append(keys, k.ID)
	}
	if _, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupConfig{Name: "g", KeyIDs: []string{"1", "2", "3", "4", "5", "6"}}); !isValidation(err) {
		t.Fatalf("six keys: %v", err)
	}
	if _, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupConfig{Name: "g", KeyIDs: []string{"KNOSUCH"}}); code(err) != "InvalidArgument" {
		t.Fatalf("unknown key: %v", err)
	}
	g, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupConfig{Name: "signers", KeyIDs: keys[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.KeyGroup(g.ID).Save(ctx); !isValidation(err) {
		t.Fatalf("save without ETag: %v", err)
	}
	g.KeyIDs = keys
	if err := g.Save(ctx); err != nil {
		t.Fatal(err)
	}
	got := conn.KeyGroup(g.ID)
	if err := got.RefreshConfig(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys, got.KeyIDs); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if err := conn.PublicKey(keys[0]).Delete(ctx); code(err) != "PublicKeyInUse" {
		t.Fatalf("delete a key in a group: %v", err)
	}
	k := conn.PublicKey(keys[1])
	if err := k.SetComment(ctx, "x"); !isValidation(err) {
		t.Fatalf("comment without ETag: %v", err)
	}
	if err := k.Refresh(ctx); err != nil || k.Comment != "p-256" || k.Name != "ec" {
		t.Fatalf("refresh: %+v, %v", k, err)
	}
	if err := k.SetComment(ctx, "rotated"); err != nil || k.Comment != "rotated" {
		t.Fatalf("comment: %+v, %v", k, err)
	}
	cfg := s3Site()
	cfg.DefaultBehavior.TrustedKeyGroups = []string{g.ID}
	if _, err := conn.CreateDistribution(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if err := g.Delete(ctx); code(err) != "ResourceInUse" {
		t.Fatalf("delete a trusted group: %v", err)
	}
	var names []string
	for k, err := range conn.PublicKeys(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, k.Name)
	}
	for g, err := range conn.KeyGroups(ctx, cloudfront.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if diff := cmp.Diff([]string{"rsa", "ec", "signers"}, names); diff != "" {
		t.Errorf("listings (-want +got):\n%s", diff)
	}
	if err := conn.KeyGroup("nope").Refresh(ctx); !goboto.IsNotFound(err) {
		t.Fatalf("missing group: %v", err)
	}
}
