package s3_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

func TestGrantsAgainstFake(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "shared")
	if err != nil {
		t.Fatal(err)
	}
	k := b.Key("k")
	// New buckets enforce bucket ownership: CreateBucket refuses grants.
	if _, err := conn.CreateBucket(ctx, "shared-too", s3.BucketGrants(s3.GrantRead(s3.GroupGrantee(s3.AllUsers)))); !s3.IsACLNotSupported(err) {
		t.Errorf("CreateBucket with a grant: err = %v, want ACL not supported", err)
	}
	// New buckets enforce bucket ownership: grants are refused.
	err = k.PutBytes(ctx, []byte("x"), s3.Grants(s3.GrantRead(s3.GroupGrantee(s3.AllUsers))))
	if !s3.IsACLNotSupported(err) {
		t.Fatalf("grant in an enforced bucket: err = %v, want ACL not supported", err)
	}
	// ACLs need another Object Ownership, and a public grant needs the
	// public access block new buckets get (S3 answers AccessDenied).
	if err := b.SetObjectOwnership(ctx, s3.BucketOwnerPreferred); err != nil {
		t.Fatal(err)
	}
	err = k.PutBytes(ctx, []byte("x"), s3.Grants(s3.GrantRead(s3.GroupGrantee(s3.AllUsers))))
	if ae := (*goboto.APIError)(nil); !errors.As(err, &ae) || ae.Code != "AccessDenied" {
		t.Fatalf("public grant under the public access block: err = %v, want AccessDenied", err)
	}
	if err := b.DeletePublicAccessBlock(ctx); err != nil {
		t.Fatal(err)
	}
	acl, err := b.ACL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	owner := acl.Owner.ID
	if err := k.PutBytes(ctx, []byte("x"), s3.Grants(s3.GrantRead(s3.GroupGrantee(s3.AllUsers)), s3.GrantFullControl(s3.UserGrantee(owner)))); err != nil {
		t.Fatal(err)
	}
	if err := b.Key("k2").SetGrants(ctx, s3.GrantFullControl(s3.UserGrantee(owner))); err == nil {
		t.Error("SetGrants on a missing key succeeded")
	}
	got, err := k.ACL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type g struct {
		Type       s3.GranteeType
		Who        string
		Permission s3.Permission
	}
	var grants []g
	for _, gr := range got.Grants {
		grants = append(grants, g{gr.Grantee.Type, gr.Grantee.ID + gr.Grantee.URI, gr.Permission})
	}
	// S3 does not promise an order of grants.
	slices.SortFunc(grants, func(a, b g) int { return strings.Compare(string(a.Permission), string(b.Permission)) })
	want := []g{{s3.CanonicalUser, owner, s3.FullControl}, {s3.Group, s3.AllUsers, s3.Read}}
	if diff := cmp.Diff(want, grants); diff != "" {
		t.Errorf("grants after Put (-want +got):\n%s", diff)
	}
	if err := k.SetGrants(ctx, s3.GrantFullControl(s3.UserGrantee(owner))); err != nil {
		t.Fatal(err)
	}
	got, err = k.ACL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Grants) != 1 || got.Grants[0].Permission != s3.FullControl {
		t.Errorf("grants after SetGrants = %+v, want the owner's FULL_CONTROL only", got.Grants)
	}
}
