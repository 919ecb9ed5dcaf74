package cloudfronttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"
)

// oaiInput is a CreateCloudFrontOriginAccessIdentity input.
func oaiInput(ref, comment string) *cloudfront.CreateCloudFrontOriginAccessIdentityInput {
	return &cloudfront.CreateCloudFrontOriginAccessIdentityInput{CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
		CallerReference: aws.String(ref), Comment: aws.String(comment)}}
}

// TestOAILifecycle walks an origin access identity through the API
// Reference's operations: CreateCloudFrontOriginAccessIdentity (201,
// Location and ETag; a repeated CallerReference with the same config is
// the same identity, with another CloudFrontOriginAccessIdentityAlreadyExists),
// Get/GetConfig with the ETag, Update behind If-Match (missing:
// InvalidIfMatchVersion; stale: PreconditionFailed; another
// CallerReference: IllegalUpdate), Delete refused while an origin uses
// it (CloudFrontOriginAccessIdentityInUse), then NoSuch....
func TestOAILifecycle(t *testing.T) {
	srv := Start(t)
	api := client(srv)
	ctx := t.Context()
	out, err := api.CreateCloudFrontOriginAccessIdentity(ctx, oaiInput("ref-1", "first"))
	if err != nil {
		t.Fatal(err)
	}
	o := out.CloudFrontOriginAccessIdentity
	id, etag := *o.Id, *out.ETag
	if want := "https://cloudfront.amazonaws.com/2020-05-31/origin-access-identity/cloudfront/" + id; aws.ToString(out.Location) != want {
		t.Errorf("Location = %q, want %q", aws.ToString(out.Location), want)
	}
	if !regexp.MustCompile(`^[0-9a-f]{96}$`).MatchString(*o.S3CanonicalUserId) {
		t.Errorf("S3CanonicalUserId = %q, want 96 hex digits", *o.S3CanonicalUserId)
	}
	again, err := api.CreateCloudFrontOriginAccessIdentity(ctx, oaiInput("ref-1", "first"))
	if err != nil || *again.CloudFrontOriginAccessIdentity.Id != id {
		t.Fatalf("repeated create: %v, %v", again, err)
	}
	if _, err := api.CreateCloudFrontOriginAccessIdentity(ctx, oaiInput("ref-1", "other")); code(err) != "CloudFrontOriginAccessIdentityAlreadyExists" {
		t.Fatalf("reused caller reference: %v", err)
	}
	got, err := api.GetCloudFrontOriginAccessIdentityConfig(ctx, &cloudfront.GetCloudFrontOriginAccessIdentityConfigInput{Id: &id})
	if err != nil || *got.ETag != etag || *got.CloudFrontOriginAccessIdentityConfig.Comment != "first" {
		t.Fatalf("config: %+v, %v", got, err)
	}
	update := func(ifMatch, ref string) (*cloudfront.UpdateCloudFrontOriginAccessIdentityOutput, error) {
		in := &cloudfront.UpdateCloudFrontOriginAccessIdentityInput{Id: &id, CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
			CallerReference: aws.String(ref), Comment: aws.String("second")}}
		if ifMatch != "" {
			in.IfMatch = &ifMatch
		}
		return api.UpdateCloudFrontOriginAccessIdentity(ctx, in)
	}
	for _, tc := range []struct{ ifMatch, ref, code string }{
		{"", "ref-1", "InvalidIfMatchVersion"},
		{"STALE", "ref-1", "PreconditionFailed"},
		{etag, "ref-2", "IllegalUpdate"},
	} {
		if _, err := update(tc.ifMatch, tc.ref); code(err) != tc.code {
			t.Errorf("update If-Match %q ref %q: %v, want %s", tc.ifMatch, tc.ref, err, tc.code)
		}
	}
	up, err := update(etag, "ref-1")
	if err != nil {
		t.Fatal(err)
	}
	if *up.ETag == etag || *up.CloudFrontOriginAccessIdentity.CloudFrontOriginAccessIdentityConfig.Comment != "second" {
		t.Errorf("update: ETag %s (was %s), %+v", *up.ETag, etag, up.CloudFrontOriginAccessIdentity)
	}
	etag = *up.ETag

	// An origin that uses it keeps it.
	cfg := s3Config("uses-oai")
	cfg.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("origin-access-identity/cloudfront/" + id)
	dist, distETag := mustCreate(t, api, cfg)
	del := func(ifMatch string) error {
		_, err := api.DeleteCloudFrontOriginAccessIdentity(ctx, &cloudfront.DeleteCloudFrontOriginAccessIdentityInput{Id: &id, IfMatch: aws.String(ifMatch)})
		return err
	}
	if err := del(etag); code(err) != "CloudFrontOriginAccessIdentityInUse" {
		t.Fatalf("delete in use: %v", err)
	}
	cfg.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("")
	if _, err := api.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: &dist, IfMatch: &distETag, DistributionConfig: cfg}); err != nil {
		t.Fatal(err)
	}
	if err := del("STALE"); code(err) != "PreconditionFailed" {
		t.Fatalf("delete stale: %v", err)
	}
	if err := del(etag); err != nil {
		t.Fatal(err)
	}
	if _, err := api.GetCloudFrontOriginAccessIdentity(ctx, &cloudfront.GetCloudFrontOriginAccessIdentityInput{Id: &id}); code(err) != "NoSuchCloudFrontOriginAccessIdentity" {
		t.Fatalf("get deleted: %v", err)
	}
	// A distribution cannot name an identity that does not exist.
	cfg = s3Config("gone-oai")
	cfg.Origins.Items[0].S3OriginConfig.OriginAccessIdentity = aws.String("origin-access-identity/cloudfront/" + id)
	if _, err := api.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: cfg}); code(err) != "InvalidOriginAccessIdentity" {
		t.Fatalf("distribution with deleted OAI: %v", err)
	}
}

// TestOAIListAndQuota pages through identities with MaxItems and Marker,
// and refuses the 101st (CloudFront Developer Guide, "Quotas": "Origin
// access identities per AWS account: 100").
func TestOAIListAndQuota(t *testing.T) {
	srv := Start(t)
	api := client(srv)
	ctx := t.Context()
	var want []string
	for i := range maxOAIs {
		out, err := api.CreateCloudFrontOriginAccessIdentity(ctx, oaiInput(fmt.Sprint("r", i), "c"))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, *out.CloudFrontOriginAccessIdentity.Id)
	}
	if _, err := api.CreateCloudFrontOriginAccessIdentity(ctx, oaiInput("one-more", "c")); code(err) != "TooManyCloudFrontOriginAccessIdentities" {
		t.Fatalf("101st: %v", err)
	}
	var got []string
	var marker *string
	pages := 0
	for {
		out, err := api.ListCloudFrontOriginAccessIdentities(ctx, &cloudfront.ListCloudFrontOriginAccessIdentitiesInput{Marker: marker, MaxItems: aws.Int32(30)})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, s := range out.CloudFrontOriginAccessIdentityList.Items {
			got = append(got, *s.Id)
		}
		if !*out.CloudFrontOriginAccessIdentityList.IsTruncated {
			break
		}
		marker = out.CloudFrontOriginAccessIdentityList.NextMarker
	}
	if diff := cmp.Diff(want, got); diff != "" || pages != 4 {
		t.Errorf("%d pages; ids (-want +got):\n%s", pages, diff)
	}
}

func oacConfig(name string) *types.OriginAccessControlConfig {
	return &types.OriginAccessControlConfig{Name: aws.String(name), SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4,
		SigningBehavior: types.OriginAccessControlSigningBehaviorsAlways, OriginAccessControlOriginType: types.OriginAccessControlOriginTypesS3}
}

// TestOACLifecycle: CreateOriginAccessControl with a unique name
// (OriginAccessControlAlreadyExists), Get/GetConfig, Update behind
// If-Match, attach to an origin, Delete refused while attached
// (OriginAccessControlInUse), then NoSuchOriginAccessControl (API
// Reference for each operation).
func TestOACLifecycle(t *testing.T) {
	srv := Start(t)
	api := client(srv)
	ctx := t.Context()
	out, err := api.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: oacConfig("site")})
	if err != nil {
		t.Fatal(err)
	}
	id, etag := *out.OriginAccessControl.Id, *out.ETag
	if _, err := api.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: oacConfig("site")}); code(err) != "OriginAccessControlAlreadyExists" {
		t.Fatalf("duplicate name: %v", err)
	}
	long := oacConfig(string(make([]byte, 65)))
	if _, err := api.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: long}); code(err) != "InvalidArgument" {
		t.Fatalf("65-character name: %v", err)
	}
	cfg := oacConfig("site")
	cfg.SigningBehavior = types.OriginAccessControlSigningBehaviorsNoOverride
	cfg.Description = aws.String("no-override")
	if _, err := api.UpdateOriginAccessControl(ctx, &cloudfront.UpdateOriginAccessControlInput{Id: &id, OriginAccessControlConfig: cfg}); code(err) != "InvalidIfMatchVersion" {
		t.Fatalf("update without If-Match: %v", err)
	}
	up, err := api.UpdateOriginAccessControl(ctx, &cloudfront.UpdateOriginAccessControlInput{Id: &id, IfMatch: &etag, OriginAccessControlConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	etag = *up.ETag
	got, err := api.GetOriginAccessControl(ctx, &cloudfront.GetOriginAccessControlInput{Id: &id})
	if err != nil || got.OriginAccessControl.OriginAccessControlConfig.SigningBehavior != types.OriginAccessControlSigningBehaviorsNoOverride || *got.ETag != etag {
		t.Fatalf("get: %+v, %v", got, err)
	}
	list, err := api.ListOriginAccessControls(ctx, &cloudfront.ListOriginAccessControlsInput{})
	if err != nil || len(list.OriginAccessControlList.Items) != 1 || *list.OriginAccessControlList.Items[0].Description != "no-override" {
		t.Fatalf("list: %+v, %v", list, err)
	}
	dcfg := s3Config("uses-oac")
	dcfg.Origins.Items[0].OriginAccessControlId = &id
	mustCreate(t, api, dcfg)
	if _, err := api.DeleteOriginAccessControl(ctx, &cloudfront.DeleteOriginAccessControlInput{Id: &id, IfMatch: &etag}); code(err) != "OriginAccessControlInUse" {
		t.Fatalf("delete in use: %v", err)
	}
	other, err := api.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: oacConfig("unused")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeleteOriginAccessControl(ctx, &cloudfront.DeleteOriginAccessControlInput{Id: other.OriginAccessControl.Id, IfMatch: other.ETag}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.GetOriginAccessControlConfig(ctx, &cloudfront.GetOriginAccessControlConfigInput{Id: other.OriginAccessControl.Id}); code(err) != "NoSuchOriginAccessControl" {
		t.Fatalf("get deleted: %v", err)
	}
}

// pemOf renders a public key in PKIX PEM.
func pemOf(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func keyInput(name, encoded string) *cloudfront.CreatePublicKeyInput {
	return &cloudfront.CreatePublicKeyInput{PublicKeyConfig: &types.PublicKeyConfig{CallerReference: aws.String(name), Name: aws.String(name), EncodedKey: aws.String(encoded)}}
}

// TestPublicKeys: CreatePublicKey takes RSA-2048 and ECDSA P-256 keys in
// PEM and refuses others with InvalidArgument (Developer Guide, "Create
// a key pair for a trusted key group": "The key pair must be an SSH-2
// RSA 2048 or ECDSA 256 key pair"); names are unique
// (PublicKeyAlreadyExists); UpdatePublicKey changes only the comment
// (CannotChangeImmutablePublicKeyFields); DeletePublicKey refuses a key
// in a key group (PublicKeyInUse).
func TestPublicKeys(t *testing.T) {
	srv := Start(t)
	api := client(srv)
	ctx := t.Context()
	rsa2048, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsa1024, _ := rsa.GenerateKey(rand.Reader, 1024)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	for _, tc := range []struct {
		name, pem, code string
	}{
		{"rsa2048", pemOf(t, &rsa2048.PublicKey), ""},
		{"p256", pemOf(t, &p256.PublicKey), ""},
		{"rsa1024", pemOf(t, &rsa1024.PublicKey), "InvalidArgument"},
		{"p384", pemOf(t, &p384.PublicKey), "InvalidArgument"},
		{"garbage", "not a key", "InvalidArgument"},
		{"rsa2048", pemOf(t, &rsa2048.PublicKey), "PublicKeyAlreadyExists"},
	} {
		_, err := api.CreatePublicKey(ctx, keyInput(tc.name, tc.pem))
		if code(err) != tc.code {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.code)
		}
	}
	list, err := api.ListPublicKeys(ctx, &cloudfront.ListPublicKeysInput{})
	if err != nil || *list.PublicKeyList.Quantity != 2 {
		t.Fatalf("list: %+v, %v", list, err)
	}
	k := list.PublicKeyList.Items[0]
	if !regexp.MustCompile(`^K[0-9A-Z]{13}$`).MatchString(*k.Id) {
		t.Errorf("key ID %q", *k.Id)
	}
	got, err := api.GetPublicKey(ctx, &cloudfront.GetPublicKeyInput{Id: k.Id})
	if err != nil {
		t.Fatal(err)
	}
	etag := got.ETag
	cfg := *got.PublicKey.PublicKeyConfig
	cfg.Comment = aws.String("rotated")
	changed := cfg
	changed.EncodedKey = aws.String(pemOf(t, &p256.PublicKey))
	if _, err := api.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: k.Id, IfMatch: etag, PublicKeyConfig: &changed}); code(err) != "CannotChangeImmutablePublicKeyFields" {
		t.Fatalf("changing the key: %v", err)
	}
	if _, err := api.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: k.Id, PublicKeyConfig: &cfg}); code(err) != "InvalidIfMatchVersion" {
		t.Fatalf("update without If-Match: %v", err)
	}
	up, err := api.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: k.Id, IfMatch: etag, PublicKeyConfig: &cfg})
	if err != nil || *up.PublicKey.PublicKeyConfig.Comment != "rotated" {
		t.Fatalf("update: %+v, %v", up, err)
	}
	g, err := api.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String("g"), Items: []string{*k.Id}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeletePublicKey(ctx, &cloudfront.DeletePublicKeyInput{Id: k.Id, IfMatch: up.ETag}); code(err) != "PublicKeyInUse" {
		t.Fatalf("delete key in a group: %v", err)
	}
	if _, err := api.DeleteKeyGroup(ctx, &cloudfront.DeleteKeyGroupInput{Id: g.KeyGroup.Id, IfMatch: g.ETag}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeletePublicKey(ctx, &cloudfront.DeletePublicKeyInput{Id: k.Id, IfMatch: up.ETag}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.GetPublicKeyConfig(ctx, &cloudfront.GetPublicKeyConfigInput{Id: k.Id}); code(err) != "NoSuchPublicKey" {
		t.Fatalf("get deleted: %v", err)
	}
}

// TestKeyGroups: the quotas of the CloudFront Developer Guide, "Quotas"
// ("Public keys in a single key group: 5", "Key groups per AWS account:
// 10") answer TooManyPublicKeysInKeyGroup and TooManyKeyGroups; a key
// that does not exist is InvalidArgument; names are unique
// (KeyGroupAlreadyExists); a group a cache behaviour trusts cannot be
// deleted (ResourceInUse); a missing one is NoSuchResource (the model's
// errors for CreateKeyGroup, UpdateKeyGroup, DeleteKeyGroup, GetKeyGroup).
func TestKeyGroups(t *testing.T) {
	srv := Start(t)
	api := client(srv)
	ctx := t.Context()
	var keys []string
	for i := range 6 {
		out, err := api.CreatePublicKey(ctx, keyInput(fmt.Sprint("k", i), testKeyPEM(t)))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, *out.PublicKey.Id)
	}
	create := func(name string, items ...string) (*cloudfront.CreateKeyGroupOutput, error) {
		return api.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String(name), Items: items}})
	}
	for _, tc := range []struct {
		name  string
		items []string
		code  string
	}{
		{"six", keys, "TooManyPublicKeysInKeyGroup"},
		{"none", []string{}, "InvalidArgument"},
		{"unknown", []string{"KNOSUCHKEY0000"}, "InvalidArgument"},
		{"twice", []string{keys[0], keys[0]}, "InvalidArgument"},
		{"five", keys[:5], ""},
		{"five", keys[:1], "KeyGroupAlreadyExists"},
	} {
		if _, err := create(tc.name, tc.items...); code(err) != tc.code {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.code)
		}
	}
	for i := 1; i < maxKeyGroups; i++ {
		if _, err := create(fmt.Sprint("g", i), keys[0]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := create("eleventh", keys[0]); code(err) != "TooManyKeyGroups" {
		t.Fatalf("11th group: %v", err)
	}
	list, err := api.ListKeyGroups(ctx, &cloudfront.ListKeyGroupsInput{MaxItems: aws.Int32(4)})
	if err != nil || len(list.KeyGroupList.Items) != 4 || list.KeyGroupList.NextMarker == nil {
		t.Fatalf("list: %+v, %v", list, err)
	}
	g := list.KeyGroupList.Items[0].KeyGroup
	got, err := api.GetKeyGroup(ctx, &cloudfront.GetKeyGroupInput{Id: g.Id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.UpdateKeyGroup(ctx, &cloudfront.UpdateKeyGroupInput{Id: g.Id, IfMatch: got.ETag,
		KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String("g1"), Items: keys[:2]}}); code(err) != "KeyGroupAlreadyExists" {
		t.Fatalf("rename onto g1: %v", err)
	}
	up, err := api.UpdateKeyGroup(ctx, &cloudfront.UpdateKeyGroupInput{Id: g.Id, IfMatch: got.ETag,
		KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String("five"), Items: keys[:2]}})
	if err != nil || len(up.KeyGroup.KeyGroupConfig.Items) != 2 || *up.ETag == *got.ETag {
		t.Fatalf("update: %+v, %v", up, err)
	}
	cfg := s3Config("signed")
	cfg.DefaultCacheBehavior.TrustedKeyGroups = &types.TrustedKeyGroups{Enabled: aws.Bool(true), Quantity: aws.Int32(1), Items: []string{*g.Id}}
	mustCreate(t, api, cfg)
	if _, err := api.DeleteKeyGroup(ctx, &cloudfront.DeleteKeyGroupInput{Id: g.Id, IfMatch: up.ETag}); code(err) != "ResourceInUse" {
		t.Fatalf("delete trusted group: %v", err)
	}
	if _, err := api.GetKeyGroupConfig(ctx, &cloudfront.GetKeyGroupConfigInput{Id: aws.String("nope")}); code(err) != "NoSuchResource" {
		t.Fatalf("missing group: %v", err)
	}
}
