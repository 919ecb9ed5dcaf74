package suite

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto/cloudfront"
)

// Public keys and key groups: create, read, list and delete; names
// unique in the account (the model's PublicKeyAlreadyExists and
// KeyGroupAlreadyExists, "A key group with this name already exists");
// a key in a group cannot be deleted (PublicKeyInUse); and a group
// holds at most five keys (Developer Guide, "Create key groups": "you
// can have up to five public keys in a key group";
// TooManyPublicKeysInKeyGroup).
func testKeys(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	var made []*cloudfront.PublicKey
	t.Cleanup(func() {
		for _, k := range made {
			k.Delete(t.Context()) // best effort: a key may be in a group or gone
		}
	})
	newKey := func(name string) (*cloudfront.PublicKey, error) {
		k, err := env.Conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: name, EncodedKey: publicKeyPEM(t), Comment: "suite"})
		if err == nil {
			made = append(made, k)
		}
		return k, err
	}

	pemText := publicKeyPEM(t)
	k1, err := env.Conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: env.Names(), EncodedKey: pemText, Comment: "first"})
	if err != nil {
		t.Fatalf("%s: CreatePublicKey: %v", env.Name, err)
	}
	made = append(made, k1)
	if k1.ID == "" || k1.ETag == "" {
		t.Errorf("%s: created key %q etag %q", env.Name, k1.ID, k1.ETag)
	}
	got := env.Conn.PublicKey(k1.ID)
	wantOK(t, env, "GetPublicKey", got.Refresh(ctx))
	wantComment := "first"
	if env.Diff.DropsKeyComment {
		wantComment = ""
	}
	if got.Name != k1.Name || strings.TrimSpace(got.EncodedKey) != strings.TrimSpace(pemText) || got.Comment != wantComment {
		t.Errorf("%s: GetPublicKey name %q comment %q key %q, want %q %q %q", env.Name, got.Name, got.Comment, got.EncodedKey, k1.Name, wantComment, pemText)
	}
	var listed []string
	for x, err := range env.Conn.PublicKeys(ctx) {
		if err != nil {
			t.Fatalf("%s: ListPublicKeys: %v", env.Name, err)
		}
		listed = append(listed, x.ID)
	}
	if !slices.Contains(listed, k1.ID) {
		t.Errorf("%s: ListPublicKeys = %v, want it to hold %s", env.Name, listed, k1.ID)
	}
	_, err = newKey(k1.Name)
	if env.Diff.DuplicateNamesAccepted {
		wantOK(t, env, "CreatePublicKey with a name in use (DuplicateNamesAccepted)", err)
	} else {
		wantCode(t, env, "CreatePublicKey with a name in use", err, "PublicKeyAlreadyExists")
	}
	err = env.Conn.PublicKey("K3D5EWEUDCCXON").Refresh(ctx)
	if env.Diff.MissingIsServerError {
		wantStatus(t, env, "GetPublicKey of an unknown ID (MissingIsServerError)", err, http.StatusInternalServerError)
	} else {
		wantCode(t, env, "GetPublicKey of an unknown ID", err, "NoSuchPublicKey")
	}

	g, err := env.Conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: env.Names(), PublicKeys: []string{k1.ID}, Comment: "suite"})
	if err != nil {
		t.Fatalf("%s: CreateKeyGroup: %v", env.Name, err)
	}
	gotGroup := env.Conn.KeyGroup(g.ID)
	wantOK(t, env, "GetKeyGroup", gotGroup.Refresh(ctx))
	if gotGroup.Name != g.Name || !slices.Equal(gotGroup.PublicKeys, []string{k1.ID}) || g.ETag == "" {
		t.Errorf("%s: GetKeyGroup name %q keys %v (created etag %q), want %q [%s]", env.Name, gotGroup.Name, gotGroup.PublicKeys, g.ETag, g.Name, k1.ID)
	}
	listed = nil
	for x, err := range env.Conn.KeyGroups(ctx) {
		if err != nil {
			t.Fatalf("%s: ListKeyGroups: %v", env.Name, err)
		}
		listed = append(listed, x.ID)
	}
	if !slices.Contains(listed, g.ID) {
		t.Errorf("%s: ListKeyGroups = %v, want it to hold %s", env.Name, listed, g.ID)
	}
	_, err = env.Conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: g.Name, PublicKeys: []string{k1.ID}})
	if env.Diff.DuplicateNamesAccepted {
		wantOK(t, env, "CreateKeyGroup with a name in use (DuplicateNamesAccepted)", err)
	} else {
		wantCode(t, env, "CreateKeyGroup with a name in use", err, "KeyGroupAlreadyExists")
	}
	err = env.Conn.KeyGroup("4a9c5c4f-5d32-4b0a-9c1e-6a2c2b7c3e10").Refresh(ctx)
	if env.Diff.MissingIsServerError {
		wantStatus(t, env, "GetKeyGroup of an unknown ID (MissingIsServerError)", err, http.StatusInternalServerError)
	} else {
		wantCode(t, env, "GetKeyGroup of an unknown ID", err, "NoSuchResource")
	}

	// A group of six keys, sent by the raw client since goboto refuses
	// it before sending.
	six := []string{k1.ID}
	for range 5 {
		k, err := newKey(env.Names())
		if err != nil {
			t.Fatalf("%s: CreatePublicKey: %v", env.Name, err)
		}
		six = append(six, k.ID)
	}
	_, err = client.CreateKeyGroup(ctx, &cf.CreateKeyGroupInput{KeyGroupConfig: &types.KeyGroupConfig{Name: aws.String(env.Names()), Items: six}})
	if env.Diff.NoKeyQuotas {
		wantOK(t, env, "CreateKeyGroup with six keys (NoKeyQuotas)", err)
	} else {
		wantCode(t, env, "CreateKeyGroup with six keys", err, "TooManyPublicKeysInKeyGroup")
	}

	err = k1.Delete(ctx)
	if env.Diff.NoInUseChecks {
		wantOK(t, env, "DeletePublicKey of a key in a group (NoInUseChecks)", err)
	} else {
		wantCode(t, env, "DeletePublicKey of a key in a group", err, "PublicKeyInUse")
	}

	err = g.Update(ctx, func(o *cloudfront.KeyGroupOptions) error { o.PublicKeys = six[1:3]; return nil })
	if env.Diff.NoKeyGroupWrites {
		wantStatus(t, env, "UpdateKeyGroup (NoKeyGroupWrites)", err, http.StatusInternalServerError)
		wantStatus(t, env, "DeleteKeyGroup (NoKeyGroupWrites)", g.Delete(ctx), http.StatusInternalServerError)
	} else {
		wantOK(t, env, "UpdateKeyGroup", err)
		if !slices.Equal(g.PublicKeys, six[1:3]) {
			t.Errorf("%s: updated key group holds %v, want %v", env.Name, g.PublicKeys, six[1:3])
		}
		wantOK(t, env, "DeletePublicKey of a key no group holds", k1.Delete(ctx))
		wantOK(t, env, "DeleteKeyGroup", g.Delete(ctx))
		wantCode(t, env, "GetKeyGroup after deleting it", gotGroup.Refresh(ctx), "NoSuchResource")
	}
}

// Key groups on behaviours: a behaviour trusts key groups that exist
// (the model's TrustedKeyGroupDoesNotExist), at most four per
// distribution (Developer Guide, "Create key groups": "By default, you
// can associate up to four key groups with a single distribution";
// TooManyKeyGroupsAssociatedToDistribution), and a key group a
// distribution trusts cannot be deleted (API Reference, DeleteKeyGroup:
// "You cannot delete a key group that is referenced in a cache
// behavior"; ResourceInUse).
func testTrustedKeyGroups(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	k, err := env.Conn.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: env.Names(), EncodedKey: publicKeyPEM(t)})
	if err != nil {
		t.Fatalf("%s: CreatePublicKey: %v", env.Name, err)
	}
	var groups []*cloudfront.KeyGroup
	for range 5 {
		g, err := env.Conn.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: env.Names(), PublicKeys: []string{k.ID}})
		if err != nil {
			t.Fatalf("%s: CreateKeyGroup: %v", env.Name, err)
		}
		groups = append(groups, g)
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	cfg := site(env.Names())
	cfg.DefaultBehavior.TrustedKeyGroups = ids[:4]
	d, err := env.Conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatalf("%s: CreateDistribution trusting four key groups: %v", env.Name, err)
	}
	if got := d.Config.DefaultBehavior.TrustedKeyGroups; !slices.Equal(got, ids[:4]) {
		t.Errorf("%s: the default behaviour trusts %v, want %v", env.Name, got, ids[:4])
	}
	env.deployed(t)

	// goboto refuses both configurations before sending, so the raw
	// client sends them.
	trusting := func(items []string) error {
		cur, err := client.GetDistributionConfig(ctx, &cf.GetDistributionConfigInput{Id: aws.String(d.ID)})
		if err != nil {
			return err
		}
		c := *cur.DistributionConfig
		dcb := *c.DefaultCacheBehavior
		dcb.TrustedKeyGroups = &types.TrustedKeyGroups{Enabled: aws.Bool(true), Quantity: aws.Int32(int32(len(items))), Items: items}
		c.DefaultCacheBehavior = &dcb
		_, err = client.UpdateDistribution(ctx, &cf.UpdateDistributionInput{Id: aws.String(d.ID), IfMatch: cur.ETag, DistributionConfig: &c})
		return err
	}
	err = trusting(ids)
	if env.Diff.NoKeyQuotas {
		wantOK(t, env, "UpdateDistribution trusting five key groups (NoKeyQuotas)", err)
	} else {
		wantCode(t, env, "UpdateDistribution trusting five key groups", err, "TooManyKeyGroupsAssociatedToDistribution")
	}
	err = trusting([]string{"5bc3a2f0-9d1e-4c7b-8a6f-0e1d2c3b4a59"})
	if env.Diff.TrustedKeyGroupsNotChecked {
		wantOK(t, env, "UpdateDistribution trusting an unknown key group (TrustedKeyGroupsNotChecked)", err)
	} else {
		wantCode(t, env, "UpdateDistribution trusting an unknown key group", err, "TrustedKeyGroupDoesNotExist")
	}

	err = groups[0].Delete(ctx)
	switch {
	case env.Diff.NoKeyGroupWrites:
		wantStatus(t, env, "DeleteKeyGroup (NoKeyGroupWrites)", err, http.StatusInternalServerError)
	default:
		wantCode(t, env, "DeleteKeyGroup of a trusted key group", err, "ResourceInUse")
		wantOK(t, env, "DeleteKeyGroup of an untrusted key group", groups[4].Delete(ctx))
	}
}
