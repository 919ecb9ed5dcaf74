package s3_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
)

func ownerID(account string) string {
	id := account
	for len(id) < 64 {
		id = "0" + id
	}
	return id
}

func TestACLNotSupportedByDefault(t *testing.T) {
	ctx := context.Background()
	_, conn := start(t)
	b, err := conn.CreateBucket(ctx, "acl-default")
	if err != nil {
		t.Fatal(err)
	}
	own, err := b.ObjectOwnership(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if own != s3.BucketOwnerEnforced {
		t.Errorf("ObjectOwnership = %q, want %q", own, s3.BucketOwnerEnforced)
	}
	tests := []struct {
		name    string
		set     func() error
		refused bool
	}{
		{"bucket public-read", func() error { return b.SetCannedACL(ctx, s3.PublicRead) }, true},
		{"bucket private", func() error { return b.SetCannedACL(ctx, s3.Private) }, false},
		{"bucket grant to group", func() error {
			return b.SetACL(ctx, &s3.AccessControlPolicy{Owner: s3.Owner{ID: ownerID(fake.TestAccountID)},
				Grants: []s3.Grant{{Grantee: s3.Grantee{Type: s3.Group, URI: s3.AllUsers}, Permission: s3.Read}}})
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.set()
			if got := s3.IsACLNotSupported(err); got != tt.refused {
				t.Errorf("IsACLNotSupported(%v) = %v, want %v", err, got, tt.refused)
			}
			if !tt.refused && err != nil {
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
}

func TestACLRoundTrip(t *testing.T) {
	ctx := context.Background()
	_, conn := start(t)
	b, err := conn.CreateBucket(ctx, "acl-writer")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetObjectOwnership(ctx, s3.ObjectWriter); err != nil {
		t.Fatal(err)
	}
	// New buckets block public ACLs too.
	if err := b.SetCannedACL(ctx, s3.PublicRead); !hasAPICode(err, "AccessDenied") {
		t.Errorf("public-read with BlockPublicAcls: %v, want AccessDenied", err)
	}
	if err := b.DeletePublicAccessBlock(ctx); err != nil {
		t.Fatal(err)
	}
	// S3 stopped returning DisplayName in November 2025.
	owner := s3.Owner{ID: ownerID(fake.TestAccountID)}
	want := &s3.AccessControlPolicy{Owner: owner, Grants: []s3.Grant{
		{Grantee: s3.Grantee{Type: s3.CanonicalUser, ID: owner.ID}, Permission: s3.FullControl},
		// S3 answers an e-mail grant as the account's canonical user; the
		// fake keeps it as sent.
		{Grantee: s3.Grantee{Type: s3.Email, Email: "someone@example.com"}, Permission: s3.ReadACP},
		{Grantee: s3.Grantee{Type: s3.Group, URI: s3.LogDelivery}, Permission: s3.Write},
	}}
	if err := b.SetACL(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := b.ACL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bucket ACL (-want +got):\n%s", diff)
	}

	k := b.Key("obj")
	if err := k.PutBytes(ctx, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := k.SetCannedACL(ctx, s3.PublicRead); err != nil {
		t.Fatal(err)
	}
	got, err = k.ACL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantObj := &s3.AccessControlPolicy{Owner: owner, Grants: []s3.Grant{
		{Grantee: s3.Grantee{Type: s3.CanonicalUser, ID: owner.ID}, Permission: s3.FullControl},
		{Grantee: s3.Grantee{Type: s3.Group, URI: s3.AllUsers}, Permission: s3.Read},
	}}
	if diff := cmp.Diff(wantObj, got); diff != "" {
		t.Errorf("object ACL (-want +got):\n%s", diff)
	}
}

func TestACLValidation(t *testing.T) {
	ctx := context.Background()
	srv, conn := start(t)
	b := conn.Bucket("acl-valid")
	owner := s3.Owner{ID: "abc"}
	tests := []struct {
		name string
		call func() error
	}{
		{"unknown canned", func() error { return b.SetCannedACL(ctx, "world-writable") }},
		{"unknown canned on key", func() error { return b.Key("k").SetCannedACL(ctx, "") }},
		{"nil policy", func() error { return b.SetACL(ctx, nil) }},
		{"no owner", func() error { return b.SetACL(ctx, &s3.AccessControlPolicy{}) }},
		{"bad permission", func() error {
			return b.SetACL(ctx, &s3.AccessControlPolicy{Owner: owner,
				Grants: []s3.Grant{{Grantee: s3.Grantee{Type: s3.CanonicalUser, ID: "x"}, Permission: "ALL"}}})
		}},
		{"group with bad uri", func() error {
			return b.SetACL(ctx, &s3.AccessControlPolicy{Owner: owner,
				Grants: []s3.Grant{{Grantee: s3.Grantee{Type: s3.Group, URI: "http://example.com/g"}, Permission: s3.Read}}})
		}},
		{"email without address", func() error {
			return b.SetACL(ctx, &s3.AccessControlPolicy{Owner: owner,
				Grants: []s3.Grant{{Grantee: s3.Grantee{Type: s3.Email, ID: "x"}, Permission: s3.Read}}})
		}},
		{"unknown grantee type", func() error {
			return b.SetACL(ctx, &s3.AccessControlPolicy{Owner: owner,
				Grants: []s3.Grant{{Grantee: s3.Grantee{ID: "x"}, Permission: s3.Read}}})
		}},
		{"bad ownership", func() error { return b.SetObjectOwnership(ctx, "Anyone") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ve *goboto.ValidationError
			if err := tt.call(); !errors.As(err, &ve) {
				t.Errorf("got %v, want *goboto.ValidationError", err)
			}
		})
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestPublicAccessBlock(t *testing.T) {
	ctx := context.Background()
	_, conn := start(t)
	b, err := conn.CreateBucket(ctx, "pab")
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.PublicAccessBlock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := &s3.PublicAccessBlock{BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	if diff := cmp.Diff(all, got); diff != "" {
		t.Errorf("new bucket's PublicAccessBlock (-want +got):\n%s", diff)
	}
	want := &s3.PublicAccessBlock{BlockPublicACLs: true, RestrictPublicBuckets: true}
	if err := b.SetPublicAccessBlock(ctx, *want); err != nil {
		t.Fatal(err)
	}
	got, err = b.PublicAccessBlock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PublicAccessBlock (-want +got):\n%s", diff)
	}
	if err := b.DeletePublicAccessBlock(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PublicAccessBlock(ctx); !hasAPICode(err, "NoSuchPublicAccessBlockConfiguration") {
		t.Errorf("PublicAccessBlock after delete: %v, want NoSuchPublicAccessBlockConfiguration", err)
	}
}

func hasAPICode(err error, code string) bool {
	var ae *goboto.APIError
	return errors.As(err, &ae) && ae.Code == code
}
