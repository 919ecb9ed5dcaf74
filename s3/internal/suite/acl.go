package suite

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3"
)

// ownerOnly fails t unless p grants FULL_CONTROL to its owner and nothing
// else, the ACL of a new bucket or object.
func (e *Env) ownerOnly(t *testing.T, what string, p *s3.AccessControlPolicy) {
	t.Helper()
	if p.Owner.ID == "" && !e.Diff.NoACLs {
		t.Errorf("%s: %s has no owner ID", e.Name, what)
	}
	want := []s3.Grant{{Grantee: s3.Grantee{Type: s3.CanonicalUser, ID: p.Owner.ID},
		Permission: s3.FullControl}}
	if diff := cmp.Diff(want, p.Grants); diff != "" {
		t.Errorf("%s: %s grants (-want +got):\n%s", e.Name, what, diff)
	}
}

// testACL reads the default ACLs and ownership settings of a new bucket
// and checks that, as S3 does for new buckets (Object Ownership
// BucketOwnerEnforced), only a private ACL may be written.
func testACL(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	k := b.Key("k")
	if err := k.PutBytes(ctx, []byte("acl")); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	p, err := b.ACL(ctx)
	if err != nil {
		t.Fatalf("%s: bucket ACL: %v", e.Name, err)
	}
	e.ownerOnly(t, "bucket ACL", p)
	kp, err := k.ACL(ctx)
	if err != nil {
		t.Fatalf("%s: object ACL: %v", e.Name, err)
	}
	e.ownerOnly(t, "object ACL", kp)
	if kp.Owner != p.Owner {
		t.Errorf("%s: object owner %+v, bucket owner %+v; want the same", e.Name, kp.Owner, p.Owner)
	}

	if err := b.SetCannedACL(ctx, s3.Private); err != nil {
		t.Errorf("%s: bucket SetCannedACL(private): %v", e.Name, err)
	}
	if err := k.SetCannedACL(ctx, s3.Private); err != nil {
		t.Errorf("%s: object SetCannedACL(private): %v", e.Name, err)
	}
	for what, err := range map[string]error{
		"bucket SetCannedACL(public-read)": b.SetCannedACL(ctx, s3.PublicRead),
		"object SetCannedACL(public-read)": k.SetCannedACL(ctx, s3.PublicRead),
	} {
		if e.Diff.NoACLs {
			e.wantCode(t, what, err, "NotImplemented", http.StatusNotImplemented)
		} else if !s3.IsACLNotSupported(err) || status(err) != http.StatusBadRequest {
			t.Errorf("%s: %s: err = %v; want 400 AccessControlListNotSupported", e.Name, what, err)
		}
	}

	own, err := b.ObjectOwnership(ctx)
	pab, perr := b.PublicAccessBlock(ctx)
	if e.Diff.NoACLs {
		e.wantCode(t, "ObjectOwnership", err, "NotImplemented", http.StatusNotImplemented)
		e.wantCode(t, "PublicAccessBlock", perr, "NotImplemented", http.StatusNotImplemented)
		return
	}
	if err != nil || own != s3.BucketOwnerEnforced {
		t.Errorf("%s: ObjectOwnership = %q, %v; want BucketOwnerEnforced", e.Name, own, err)
	}
	want := &s3.PublicAccessBlock{BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	if perr != nil {
		t.Errorf("%s: PublicAccessBlock: %v", e.Name, perr)
	} else if diff := cmp.Diff(want, pab); diff != "" {
		t.Errorf("%s: PublicAccessBlock of a new bucket (-want +got):\n%s", e.Name, diff)
	}
}
