package s3test_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

// The identities CloudFront reads S3 origins as.
var (
	oai = s3test.Principal{
		CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
		ARN:           "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL",
	}
	distARN = "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"
	oac     = s3test.Principal{Service: "cloudfront.amazonaws.com", SourceARN: distARN, SourceAccount: "123456789012"}
)

// grantRead grants a canonical user READ on pub/k.
func grantRead(id string) accessSetup {
	return func(t *testing.T, c *s3.Client) {
		_, err := c.PutObjectAcl(context.Background(), &s3.PutObjectAclInput{Bucket: aws.String("pub"), Key: aws.String("k"),
			GrantRead: aws.String(`id="` + id + `"`)})
		must(t, "PutObjectAcl", err)
	}
}

// asAnswer is what GetAs answered: status and code or body.
type asAnswer struct {
	Status int
	Code   string
	Body   string
}

func getAs(t *testing.T, srv *s3test.Server, p s3test.Principal, method, key string) asAnswer {
	t.Helper()
	resp := srv.GetAs(context.Background(), p, method, "pub", key, nil)
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	got := asAnswer{Status: resp.StatusCode}
	if resp.StatusCode >= 300 {
		var e struct{ Code string }
		if len(data) > 0 {
			if err := xml.Unmarshal(data, &e); err != nil {
				t.Fatalf("error body %q: %v", data, err)
			}
		}
		got.Code = e.Code
		return got
	}
	got.Body = string(data)
	return got
}

// TestGetAsPrincipal reads an object as an origin access identity and
// as CloudFront with origin access control, under the grants the
// CloudFront Developer Guide names ("Restricting access to an Amazon S3
// origin"): an OAI by a bucket policy naming its IAM ARN or its
// canonical user, or by an object ACL READ grant to its canonical user
// (where ACLs are enabled); OAC by a policy for the service principal
// cloudfront.amazonaws.com with a condition on AWS:SourceArn (the
// distribution's ARN). Whatever is not granted is S3's 403
// AccessDenied, as for any request from outside the bucket owner's
// account (Amazon S3 User Guide, "Policies and permissions in Amazon
// S3"): "Controlling ownership of objects and disabling ACLs" makes
// BucketOwnerEnforced ignore ACLs, and RestrictPublicBuckets leaves
// service principals their access.
func TestGetAsPrincipal(t *testing.T) {
	denied := asAnswer{Status: http.StatusForbidden, Code: "AccessDenied"}
	readable := asAnswer{Status: http.StatusOK, Body: "body of k"}
	oaiPolicy := policyJSON("Allow", `{"AWS":"`+oai.ARN+`"}`, "s3:GetObject", "arn:aws:s3:::pub/*")
	canonPolicy := policyJSON("Allow", `{"CanonicalUser":"`+oai.CanonicalUser+`"}`, "s3:GetObject", "arn:aws:s3:::pub/*")
	oacPolicy := func(op, arn string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"AllowCloudFrontServicePrincipal","Effect":"Allow",` +
			`"Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*",` +
			`"Condition":{"` + op + `":{"AWS:SourceArn":"` + arn + `"}}}]}`
	}
	tests := []struct {
		name  string
		setup []accessSetup
		as    s3test.Principal
		key   string
		want  asAnswer
	}{
		{name: "OAI, nothing granted", setup: []accessSetup{putObject("k", "")}, as: oai, want: denied},
		{name: "OAI, policy by ARN", setup: []accessSetup{putObject("k", ""), bucketPolicy(oaiPolicy)}, as: oai, want: readable},
		{name: "OAI, policy by canonical user", setup: []accessSetup{putObject("k", ""), bucketPolicy(canonPolicy)}, as: oai, want: readable},
		{name: "OAI, policy by ARN, missing key", setup: []accessSetup{putObject("k", ""), bucketPolicy(oaiPolicy)}, as: oai, key: "nope", want: denied},
		{name: "OAI, ACL grant", setup: []accessSetup{aclsOn, putObject("k", ""), grantRead(oai.CanonicalUser)}, as: oai, want: readable},
		{name: "OAI, ACL grant to someone else", setup: []accessSetup{aclsOn, putObject("k", ""), grantRead("0000" + oai.CanonicalUser[4:])}, as: oai, want: denied},
		{name: "OAI, ACL grant, BucketOwnerEnforced", setup: []accessSetup{aclsOn, putObject("k", ""), grantRead(oai.CanonicalUser), enforce}, as: oai, want: denied},
		{name: "OAI, OAC's policy", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("StringEquals", distARN))}, as: oai, want: denied},
		{name: "OAC, policy for its distribution", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("StringEquals", distARN))}, as: oac, want: readable},
		{name: "OAC, ArnLike", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("ArnLike", "arn:aws:cloudfront::123456789012:distribution/*"))}, as: oac, want: readable},
		{name: "OAC, policy for another distribution", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("StringEquals", distARN+"X"))}, as: oac, want: denied},
		{name: "OAC, unevaluated condition operator", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("DateLessThan", distARN))}, as: oac, want: denied},
		{name: "OAC, OAI's policy", setup: []accessSetup{putObject("k", ""), bucketPolicy(oaiPolicy)}, as: oac, want: denied},
		{name: "OAC, public-read ACL", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)}, as: oac, want: readable},
		{name: "OAC, HEAD", setup: []accessSetup{putObject("k", ""), bucketPolicy(oacPolicy("StringEquals", distARN))}, as: oac,
			want: asAnswer{Status: http.StatusOK}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := startPub(t, tc.setup...)
			key, method := tc.key, http.MethodGet
			if key == "" {
				key = "k"
			}
			if tc.name == "OAC, HEAD" {
				method = http.MethodHead
			}
			if diff := cmp.Diff(tc.want, getAs(t, srv, tc.as, method, key)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestGetAsOnlyReads: a principal gets no write through ServeAs, whatever
// the policy says (the fake grants outsiders reads only).
func TestGetAsOnlyReads(t *testing.T) {
	srv := startPub(t, putObject("k", ""), bucketPolicy(policyJSON("Allow", `{"AWS":"`+oai.ARN+`"}`, "s3:*", "arn:aws:s3:::pub/*")))
	resp := srv.GetAs(context.Background(), oai, http.MethodDelete, "pub", "k", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("DELETE as OAI: %d, want 403", resp.StatusCode)
	}
	if _, ok := srv.Object("pub", "k"); !ok {
		t.Fatal("object deleted")
	}
}

// TestSetPrincipals: with the hook set, S3 refuses a bucket policy
// naming an origin access identity that does not exist, as S3 answers
// "Invalid principal in policy" (MalformedPolicy) for any principal it
// cannot resolve (Amazon S3 User Guide, "Troubleshoot ... Invalid
// principal in policy").
func TestSetPrincipals(t *testing.T) {
	srv, c := startWithBucket(t, "pub")
	srv.SetPrincipals(func(arn string) bool { return arn == oai.ARN })
	ctx := context.Background()
	put := func(arn string) error {
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("pub"),
			Policy: aws.String(policyJSON("Allow", `{"AWS":["`+arn+`"]}`, "s3:GetObject", "arn:aws:s3:::pub/*"))})
		return err
	}
	if err := put(oai.ARN); err != nil {
		t.Fatalf("known OAI: %v", err)
	}
	if code := errCode(t, put("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EGONE")); code != "MalformedPolicy" {
		t.Fatalf("unknown OAI: code %q, want MalformedPolicy", code)
	}
	srv.SetPrincipals(nil)
	if err := put("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EGONE"); err != nil {
		t.Fatalf("unchecked: %v", err)
	}
}

// TestGetAsAnonymous: the zero Principal reads as an unsigned request
// does, so a public-read object is served and an AuthenticatedUsers
// grant is not enough (Amazon S3 User Guide, "Access control list (ACL)
// overview": AuthenticatedUsers needs a signed request).
func TestGetAsAnonymous(t *testing.T) {
	for _, tc := range []struct {
		acl  types.ObjectCannedACL
		want int
	}{{types.ObjectCannedACLPublicRead, http.StatusOK}, {types.ObjectCannedACLAuthenticatedRead, http.StatusForbidden}} {
		srv := startPub(t, aclsOn, putObject("k", tc.acl))
		if got := getAs(t, srv, s3test.Principal{}, http.MethodGet, "k"); got.Status != tc.want {
			t.Errorf("%s: %+v, want %d", tc.acl, got, tc.want)
		}
		if got := getAs(t, srv, oai, http.MethodGet, "k"); got.Status != http.StatusOK {
			t.Errorf("%s as an OAI (signed): %+v", tc.acl, got)
		}
	}
}
