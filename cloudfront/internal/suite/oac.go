package suite

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
)

// Origin access controls: create, read, list, update and delete under
// If-Match, names unique in the account (the model's
// OriginAccessControlAlreadyExists), and one an origin uses cannot be
// deleted (API Reference, DeleteOriginAccessControl: "You cannot delete
// an origin access control if it's in use"; OriginAccessControlInUse).
func testOAC(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	cfg := cloudfront.OACConfig{Name: env.Names(), Description: "first"}
	o, err := env.Conn.CreateOriginAccessControl(ctx, cfg)
	if err != nil {
		t.Fatalf("%s: CreateOriginAccessControl: %v", env.Name, err)
	}
	want := cloudfront.OACConfig{Name: cfg.Name, Description: "first", SigningBehavior: "always", OriginType: "s3"}
	if diff := cmp.Diff(want, o.Config); diff != "" || o.ID == "" || o.ETag == "" {
		t.Errorf("%s: created OAC %q etag %q (-want +got):\n%s", env.Name, o.ID, o.ETag, diff)
	}
	got := env.Conn.OriginAccessControl(o.ID)
	wantOK(t, env, "GetOriginAccessControl", got.Refresh(ctx))
	if diff := cmp.Diff(want, got.Config); diff != "" || got.ETag != o.ETag {
		t.Errorf("%s: GetOriginAccessControl etag %q, want %q (-want +got):\n%s", env.Name, got.ETag, o.ETag, diff)
	}
	var listed []string
	for x, err := range env.Conn.OriginAccessControls(ctx) {
		if err != nil {
			t.Fatalf("%s: ListOriginAccessControls: %v", env.Name, err)
		}
		listed = append(listed, x.ID)
	}
	if !slices.Contains(listed, o.ID) {
		t.Errorf("%s: ListOriginAccessControls = %v, want it to hold %s", env.Name, listed, o.ID)
	}

	dup, err := env.Conn.CreateOriginAccessControl(ctx, cfg)
	if env.Diff.DuplicateNamesAccepted {
		wantOK(t, env, "CreateOriginAccessControl with a name in use (DuplicateNamesAccepted)", err)
		if err == nil {
			wantOK(t, env, "DeleteOriginAccessControl", dup.Delete(ctx))
		}
	} else {
		wantCode(t, env, "CreateOriginAccessControl with a name in use", err, "OriginAccessControlAlreadyExists")
	}

	before := got.ETag
	err = got.Update(ctx, func(c *cloudfront.OACConfig) error { c.Description = "second"; return nil })
	wantOK(t, env, "UpdateOriginAccessControl", err)
	if got.Config.Description != "second" {
		t.Errorf("%s: updated description %q, want second", env.Name, got.Config.Description)
	}
	if env.Diff.ETagsNeverChange != (got.ETag == before) {
		t.Errorf("%s: ETag %q before the update, %q after; ETagsNeverChange is %v", env.Name, before, got.ETag, env.Diff.ETagsNeverChange)
	}
	update := func(ifMatch *string) error {
		_, err := client.UpdateOriginAccessControl(ctx, &cf.UpdateOriginAccessControlInput{Id: aws.String(o.ID), IfMatch: ifMatch,
			OriginAccessControlConfig: &types.OriginAccessControlConfig{Name: aws.String(cfg.Name), Description: aws.String("third"),
				SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4, SigningBehavior: types.OriginAccessControlSigningBehaviorsAlways,
				OriginAccessControlOriginType: types.OriginAccessControlOriginTypesS3}})
		return err
	}
	if env.Diff.OACIfMatchIgnored {
		wantOK(t, env, "UpdateOriginAccessControl without If-Match (OACIfMatchIgnored)", update(nil))
		wantOK(t, env, "UpdateOriginAccessControl with a wrong If-Match (OACIfMatchIgnored)", update(aws.String("E2QWRUHEXAMPLE")))
	} else {
		wantCode(t, env, "UpdateOriginAccessControl without If-Match", update(nil), "InvalidIfMatchVersion")
		wantCode(t, env, "UpdateOriginAccessControl with a wrong If-Match", update(aws.String("E2QWRUHEXAMPLE")), "PreconditionFailed")
	}

	// In use by a distribution's S3 origin.
	dcfg := site(env.Names())
	dcfg.Origins[0].OriginAccessControlID = o.ID
	d, err := env.Conn.CreateDistribution(ctx, dcfg)
	if err != nil {
		t.Fatalf("%s: CreateDistribution with the OAC: %v", env.Name, err)
	}
	if env.Diff.DropsOriginAccessControl {
		if id := d.Config.Origins[0].OriginAccessControlID; id != "" {
			t.Errorf("%s: DropsOriginAccessControl is set but the origin kept OAC %q", env.Name, id)
		}
	} else if id := d.Config.Origins[0].OriginAccessControlID; id != o.ID {
		t.Errorf("%s: the origin's OAC is %q, want %s", env.Name, id, o.ID)
	}
	env.deployed(t)
	wantOK(t, env, "GetOriginAccessControl", got.Refresh(ctx))
	err = got.Delete(ctx)
	if env.Diff.NoInUseChecks {
		wantOK(t, env, "DeleteOriginAccessControl in use (NoInUseChecks)", err)
		wantCode(t, env, "GetOriginAccessControl after deleting it", got.Refresh(ctx), "NoSuchOriginAccessControl")
		return
	}
	wantCode(t, env, "DeleteOriginAccessControl in use", err, "OriginAccessControlInUse")
	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		env.restore(c)
		c.Origins[0].OriginAccessControlID = ""
		return nil
	})
	wantOK(t, env, "UpdateDistribution removing the OAC", err)
	env.deployed(t)

	_, err = client.DeleteOriginAccessControl(ctx, &cf.DeleteOriginAccessControlInput{Id: aws.String(o.ID)})
	wantCode(t, env, "DeleteOriginAccessControl without If-Match", err, "InvalidIfMatchVersion")
	wantOK(t, env, "GetOriginAccessControl", got.Refresh(ctx))
	wantOK(t, env, "DeleteOriginAccessControl", got.Delete(ctx))
	wantCode(t, env, "GetOriginAccessControl after deleting it", got.Refresh(ctx), "NoSuchOriginAccessControl")
}
