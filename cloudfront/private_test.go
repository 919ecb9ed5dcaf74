package cloudfront_test

import (
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

func publicPEM(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func TestOriginAccessIdentity(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	oai, err := conn.CreateOriginAccessIdentity(ctx, "site")
	if err != nil {
		t.Fatal(err)
	}
	if len(oai.S3CanonicalUserID) != 64 || oai.Path() != "origin-access-identity/cloudfront/"+oai.ID {
		t.Errorf("OAI %+v, path %s", oai, oai.Path())
	}
	if info := srv.OriginAccessIdentities(""); len(info) != 1 || info[0].S3CanonicalUserID != oai.S3CanonicalUserID {
		t.Errorf("the fake holds %+v", info)
	}
	if err := oai.SetComment(ctx, "renamed"); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for o, err := range conn.OriginAccessIdentities(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, o.ID+":"+o.Comment)
	}
	if diff := cmp.Diff([]string{oai.ID + ":renamed"}, listed); diff != "" {
		t.Errorf("OriginAccessIdentities (-want +got):\n%s", diff)
	}
	cfg := s3Site()
	cfg.Origins[0].S3.OriginAccessIdentity = oai.Path()
	d, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.OriginAccessIdentity(oai.ID).Delete(ctx); code(err) != "CloudFrontOriginAccessIdentityInUse" {
		t.Errorf("deleting an OAI in use: %v; want CloudFrontOriginAccessIdentityInUse", err)
	}
	// Switching the origin to OAC frees the OAI.
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "site"})
	if err != nil {
		t.Fatal(err)
	}
	if err := oac.Attach(ctx, d, "bucket"); err != nil {
		t.Fatal(err)
	}
	if o := d.Config.Origins[0]; o.OriginAccessControlID != oac.ID || o.S3.OriginAccessIdentity != "" {
		t.Errorf("after Attach the origin is %+v", o)
	}
	if err := conn.OriginAccessIdentity(oai.ID).Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := oai.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("after Delete: %v; want not found", err)
	}
	if err := oac.Delete(ctx); code(err) != "OriginAccessControlInUse" {
		t.Errorf("deleting an OAC in use: %v; want OriginAccessControlInUse", err)
	}
	if err := oac.Attach(ctx, d, "nope"); !isValidation(err) {
		t.Errorf("Attach to a missing origin: %v; want a ValidationError", err)
	}
}

func TestOriginAccessControl(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	oac, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "a", Description: "first"})
	if err != nil {
		t.Fatal(err)
	}
	if oac.Config.SigningBehavior != "always" || oac.Config.OriginType != "s3" {
		t.Errorf("defaults: %+v", oac.Config)
	}
	if _, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "a"}); code(err) != "OriginAccessControlAlreadyExists" {
		t.Errorf("same name: %v; want OriginAccessControlAlreadyExists", err)
	}
	if err := oac.Update(ctx, func(c *cloudfront.OACConfig) error { c.SigningBehavior = "no-override"; return nil }); err != nil {
		t.Fatal(err)
	}
	var got []cloudfront.OACConfig
	for o, err := range conn.OriginAccessControls(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, o.Config)
	}
	if diff := cmp.Diff([]cloudfront.OACConfig{{Name: "a", Description: "first", SigningBehavior: "no-override", OriginType: "s3"}}, got); diff != "" {
		t.Errorf("OriginAccessControls (-want +got):\n%s", diff)
	}
	if _, err := conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "b", SigningBehavior: "sometimes"}); !isValidation(err) {
		t.Errorf("bad signing behaviour: %v; want a ValidationError", err)
	}
	if err := oac.Delete(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestPublicKeysAndKeyGroups(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	n := len(srv.Calls())
	if _, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "p384", EncodedKey: publicPEM(t, &p384.PublicKey)}); !isValidation(err) {
		t.Errorf("P-384 key: %v; want a ValidationError", err)
	}
	if _, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "empty"}); !isValidation(err) {
		t.Errorf("empty key group: %v; want a ValidationError", err)
	}
	if len(srv.Calls()) != n {
		t.Error("refused keys were sent")
	}
	rk, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "rsa", EncodedKey: publicPEM(t, &rsaKey.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	ek, err := conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "ec", EncodedKey: publicPEM(t, &ecKey.PublicKey), Comment: "P-256"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "signers", PublicKeys: []string{rk.ID}})
	if err != nil {
		t.Fatal(err)
	}
	// Rotation: add the new key.
	if err := g.Update(ctx, func(o *cloudfront.KeyGroupOptions) error { o.PublicKeys = append(o.PublicKeys, ek.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{rk.ID, ek.ID}, g.PublicKeys); diff != "" {
		t.Errorf("key group keys (-want +got):\n%s", diff)
	}
	cfg := s3Site()
	cfg.DefaultBehavior.TrustedKeyGroups = []string{g.ID}
	d, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{g.ID}, d.Config.DefaultBehavior.TrustedKeyGroups); diff != "" {
		t.Errorf("trusted key groups (-want +got):\n%s", diff)
	}
	if err := conn.KeyGroup(g.ID).Delete(ctx); code(err) != "ResourceInUse" {
		t.Errorf("deleting a trusted key group: %v; want ResourceInUse", err)
	}
	if err := conn.PublicKey(rk.ID).Delete(ctx); code(err) != "PublicKeyInUse" {
		t.Errorf("deleting a key in a group: %v; want PublicKeyInUse", err)
	}
	if err := ek.SetComment(ctx, "rotated in"); err != nil || ek.Comment != "rotated in" {
		t.Errorf("SetComment: %v, %q", err, ek.Comment)
	}
	var names []string
	for k, err := range conn.PublicKeys(ctx, cloudfront.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, k.Name)
	}
	if diff := cmp.Diff([]string{"rsa", "ec"}, names); diff != "" {
		t.Errorf("PublicKeys (-want +got):\n%s", diff)
	}
	var groups []string
	for kg, err := range conn.KeyGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		groups = append(groups, kg.Name)
	}
	if diff := cmp.Diff([]string{"signers"}, groups); diff != "" {
		t.Errorf("KeyGroups (-want +got):\n%s", diff)
	}
	five := s3Site()
	five.DefaultBehavior.TrustedKeyGroups = []string{"a", "b", "c", "d", "e"}
	if _, err := conn.CreateDistribution(ctx, five); !isValidation(err) {
		t.Errorf("five key groups: %v; want a ValidationError", err)
	}
}
