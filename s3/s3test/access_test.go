package s3test_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// anonAnswer is what an unsigned request got: its status, and the error
// code or, on success, the body (a listing reduced to its keys).
type anonAnswer struct {
	Status int
	Code   string
	Body   string
}

var listedKey = regexp.MustCompile(`<Key>([^<]*)</Key>`)

// anonymous sends an unsigned request, as a browser or curl would.
func anonymous(t *testing.T, srv *s3test.Server, method, path, body string) anonAnswer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	got := anonAnswer{Status: resp.StatusCode}
	switch {
	case resp.StatusCode >= 300:
		var e struct{ Code string }
		if len(data) > 0 { // HEAD errors have no body
			if err := xml.Unmarshal(data, &e); err != nil {
				t.Fatalf("%s %s: error body %q: %v", method, path, data, err)
			}
		}
		got.Code = e.Code
	case strings.Contains(string(data), "<ListBucketResult"), strings.Contains(string(data), "<ListVersionsResult"):
		var keys []string
		for _, m := range listedKey.FindAllStringSubmatch(string(data), -1) {
			keys = append(keys, m[1])
		}
		got.Body = strings.Join(keys, ",")
	default:
		got.Body = string(data)
	}
	return got
}

// policyJSON is a one-statement bucket policy.
func policyJSON(effect, principal, action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"` + effect + `","Principal":` + principal +
		`,"Action":"` + action + `","Resource":"` + resource + `"}]}`
}

// accessSetup prepares bucket "pub" of the main account for one case.
type accessSetup func(t *testing.T, c *s3.Client)

// startPub starts a fake with bucket "pub" of the main account, prepared
// by setup in order.
func startPub(t *testing.T, setup ...accessSetup) *s3test.Server {
	t.Helper()
	srv, c := startWithBucket(t, "pub")
	for _, s := range setup {
		s(t, c)
	}
	return srv
}

// must fails the test on err.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// aclsOn turns ACLs on for bucket pub (BucketOwnerPreferred) and removes its
// public access block, so it may be made public.
func aclsOn(t *testing.T, c *s3.Client) {
	ctx := context.Background()
	_, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("pub"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}})
	must(t, "PutBucketOwnershipControls", err)
	noBlock(t, c)
}

// noBlock removes pub's public access block.
func noBlock(t *testing.T, c *s3.Client) {
	_, err := c.DeletePublicAccessBlock(context.Background(), &s3.DeletePublicAccessBlockInput{Bucket: aws.String("pub")})
	must(t, "DeletePublicAccessBlock", err)
}

// block sets pub's public access block.
func block(cfg types.PublicAccessBlockConfiguration) accessSetup {
	return func(t *testing.T, c *s3.Client) {
		_, err := c.PutPublicAccessBlock(context.Background(), &s3.PutPublicAccessBlockInput{Bucket: aws.String("pub"),
			PublicAccessBlockConfiguration: &cfg})
		must(t, "PutPublicAccessBlock", err)
	}
}

// putObject stores key in bucket pub with a canned ACL ("" for none).
func putObject(key string, acl types.ObjectCannedACL) accessSetup {
	return func(t *testing.T, c *s3.Client) {
		_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("pub"), Key: aws.String(key),
			Body: strings.NewReader("body of " + key), ACL: acl})
		must(t, "PutObject "+key, err)
	}
}

// bucketACL sets pub's canned ACL.
func bucketACL(acl types.BucketCannedACL) accessSetup {
	return func(t *testing.T, c *s3.Client) {
		_, err := c.PutBucketAcl(context.Background(), &s3.PutBucketAclInput{Bucket: aws.String("pub"), ACL: acl})
		must(t, "PutBucketAcl", err)
	}
}

// bucketPolicy sets pub's policy.
func bucketPolicy(doc string) accessSetup {
	return func(t *testing.T, c *s3.Client) {
		_, err := c.PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{Bucket: aws.String("pub"), Policy: aws.String(doc)})
		must(t, "PutBucketPolicy", err)
	}
}

// enforce turns pub's Object Ownership to BucketOwnerEnforced.
func enforce(t *testing.T, c *s3.Client) {
	_, err := c.PutBucketOwnershipControls(context.Background(), &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("pub"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}})
	must(t, "PutBucketOwnershipControls", err)
}

// TestAnonymousAccess sends unsigned requests to buckets made public, or
// not, in the ways the Amazon S3 User Guide describes:
//   - "Access control list (ACL) overview": a READ grant to the AllUsers
//     group lets anyone read an object (object ACL) or list a bucket
//     (bucket ACL); AuthenticatedUsers needs a signed request.
//   - "Bucket policy examples": Principal "*" (or {"AWS": "*"}) with
//     s3:GetObject on arn:aws:s3:::bucket/* grants anonymous reads;
//     s3:ListBucket on the bucket ARN grants listing. An explicit Deny
//     overrides every Allow ("Policy evaluation logic").
//   - "Blocking public access to your Amazon S3 storage": IgnorePublicAcls
//     makes S3 ignore public ACLs; BlockPublicAcls only refuses new public
//     ACLs ("doesn't affect existing policies or ACLs");
//     RestrictPublicBuckets limits a bucket with a public policy to its
//     own account. New buckets have all four settings on.
//   - "Controlling ownership of objects and disabling ACLs":
//     BucketOwnerEnforced disables ACLs, which "no longer affect
//     permissions".
//   - GetObject (S3 API Reference): without s3:ListBucket a missing key is
//     403 AccessDenied, with it 404 NoSuchKey.
func TestAnonymousAccess(t *testing.T) {
	denied := anonAnswer{Status: http.StatusForbidden, Code: "AccessDenied"}
	headDenied := anonAnswer{Status: http.StatusForbidden}
	readable := anonAnswer{Status: http.StatusOK, Body: "body of k"}
	getK := [2]string{http.MethodGet, "/pub/k"}
	allowGet := policyJSON("Allow", `"*"`, "s3:GetObject", "arn:aws:s3:::pub/*")
	tests := []struct {
		name  string
		setup []accessSetup
		req   [2]string // method, path
		body  string
		want  anonAnswer
	}{
		{name: "private object", setup: []accessSetup{putObject("k", "")}, req: getK, want: denied},
		{name: "private object, no public access block", setup: []accessSetup{noBlock, putObject("k", "")}, req: getK, want: denied},
		{name: "public-read object", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)}, req: getK, want: readable},
		{name: "public-read object, HEAD", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)},
			req: [2]string{http.MethodHead, "/pub/k"}, want: anonAnswer{Status: http.StatusOK}},
		{name: "public-read object, other object private", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), putObject("p", "")},
			req: [2]string{http.MethodGet, "/pub/p"}, want: denied},
		{name: "public-read object, BlockPublicAcls set afterwards", req: getK, want: readable,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), block(types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true)})}},
		{name: "public-read object, IgnorePublicAcls", req: getK, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), block(types.PublicAccessBlockConfiguration{IgnorePublicAcls: aws.Bool(true)})}},
		{name: "public-read object, HEAD, IgnorePublicAcls", req: [2]string{http.MethodHead, "/pub/k"}, want: headDenied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), block(types.PublicAccessBlockConfiguration{IgnorePublicAcls: aws.Bool(true)})}},
		{name: "public-read object, BucketOwnerEnforced", req: getK, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), enforce}},
		{name: "authenticated-read object", req: getK, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLAuthenticatedRead)}},
		{name: "public-read object, missing key, no ListBucket", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)},
			req: [2]string{http.MethodGet, "/pub/nope"}, want: denied},
		{name: "policy Principal * s3:GetObject", setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(allowGet)}, req: getK, want: readable},
		{name: "policy Principal AWS * s3:Get*", req: getK, want: readable,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `{"AWS":["*"]}`, "s3:Get*", "arn:aws:s3:::pub/k"))}},
		{name: "policy on another prefix", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `"*"`, "s3:GetObject", "arn:aws:s3:::pub/pub/*"))}},
		{name: "policy for another action", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `"*"`, "s3:PutObject", "arn:aws:s3:::pub/*"))}},
		{name: "policy for one account only", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `{"AWS":"444455556666"}`, "s3:GetObject", "arn:aws:s3:::pub/*"))}},
		{name: "policy with a Condition", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",` +
				`"Resource":"arn:aws:s3:::pub/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}`)}},
		{name: "policy Principal *, RestrictPublicBuckets (the default)", setup: []accessSetup{putObject("k", ""), bucketPolicy(allowGet)}, req: getK, want: denied},
		{name: "policy Principal *, RestrictPublicBuckets alone", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(allowGet), block(types.PublicAccessBlockConfiguration{RestrictPublicBuckets: aws.Bool(true)})}},
		{name: "policy Principal *, IgnorePublicAcls", req: getK, want: readable,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(allowGet), block(types.PublicAccessBlockConfiguration{IgnorePublicAcls: aws.Bool(true)})}},
		{name: "policy, missing key, no ListBucket", setup: []accessSetup{noBlock, bucketPolicy(allowGet)},
			req: [2]string{http.MethodGet, "/pub/nope"}, want: denied},
		{name: "policy, missing key, with ListBucket", req: [2]string{http.MethodGet, "/pub/nope"}, want: anonAnswer{Status: http.StatusNotFound, Code: "NoSuchKey"},
			setup: []accessSetup{noBlock, bucketPolicy(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],` +
				`"Resource":["arn:aws:s3:::pub","arn:aws:s3:::pub/*"]}]}`)}},
		{name: "Deny wins over an Allow", req: getK, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(`{"Statement":[` +
				`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*"},` +
				`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/k"}]}`)}},
		{name: "Deny wins over a public-read ACL", req: getK, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), bucketPolicy(policyJSON("Deny", `"*"`, "s3:*", "arn:aws:s3:::pub/*"))}},
		{name: "Deny of another key", req: getK, want: readable,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead), bucketPolicy(policyJSON("Deny", `"*"`, "s3:*", "arn:aws:s3:::pub/secret/*"))}},
		{name: "versionId needs s3:GetObjectVersion", setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(allowGet)},
			req: [2]string{http.MethodGet, "/pub/k?versionId=null"}, want: denied},
		{name: "versionId with s3:GetObjectVersion", req: [2]string{http.MethodGet, "/pub/k?versionId=null"}, want: readable,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `"*"`, "s3:GetObjectVersion", "arn:aws:s3:::pub/*"))}},

		{name: "list private bucket", setup: []accessSetup{putObject("k", "")}, req: [2]string{http.MethodGet, "/pub?list-type=2"}, want: denied},
		{name: "list public-read bucket, V2", setup: []accessSetup{aclsOn, putObject("k", ""), putObject("p", ""), bucketACL(types.BucketCannedACLPublicRead)},
			req: [2]string{http.MethodGet, "/pub?list-type=2"}, want: anonAnswer{Status: http.StatusOK, Body: "k,p"}},
		{name: "list public-read bucket, V1", setup: []accessSetup{aclsOn, putObject("k", ""), bucketACL(types.BucketCannedACLPublicRead)},
			req: [2]string{http.MethodGet, "/pub"}, want: anonAnswer{Status: http.StatusOK, Body: "k"}},
		{name: "list public-read bucket, versions", setup: []accessSetup{aclsOn, putObject("k", ""), bucketACL(types.BucketCannedACLPublicRead)},
			req: [2]string{http.MethodGet, "/pub?versions"}, want: anonAnswer{Status: http.StatusOK, Body: "k"}},
		{name: "list public-read bucket, IgnorePublicAcls", req: [2]string{http.MethodGet, "/pub?list-type=2"}, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", ""), bucketACL(types.BucketCannedACLPublicRead), block(types.PublicAccessBlockConfiguration{IgnorePublicAcls: aws.Bool(true)})}},
		{name: "list with policy s3:ListBucket", req: [2]string{http.MethodGet, "/pub?list-type=2&prefix=p"}, want: anonAnswer{Status: http.StatusOK, Body: "p"},
			setup: []accessSetup{noBlock, putObject("k", ""), putObject("p", ""), bucketPolicy(policyJSON("Allow", `"*"`, "s3:ListBucket", "arn:aws:s3:::pub"))}},
		{name: "list with policy on objects only", req: [2]string{http.MethodGet, "/pub?list-type=2"}, want: denied,
			setup: []accessSetup{noBlock, putObject("k", ""), bucketPolicy(policyJSON("Allow", `"*"`, "s3:ListBucket", "arn:aws:s3:::pub/*"))}},
		{name: "public-read object does not make the bucket listable", req: [2]string{http.MethodGet, "/pub?list-type=2"}, want: denied,
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)}},

		{name: "PUT to a public-read-write bucket", setup: []accessSetup{aclsOn, bucketACL(types.BucketCannedACLPublicReadWrite)},
			req: [2]string{http.MethodPut, "/pub/new"}, body: "anonymous data", want: denied},
		{name: "PUT with a policy allowing s3:PutObject", setup: []accessSetup{noBlock, bucketPolicy(policyJSON("Allow", `"*"`, "s3:PutObject", "arn:aws:s3:::pub/*"))},
			req: [2]string{http.MethodPut, "/pub/new"}, body: "anonymous data", want: denied},
		{name: "DELETE of a public-read object", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)},
			req: [2]string{http.MethodDelete, "/pub/k"}, want: denied},
		{name: "GetObjectAcl of a public-read object", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLPublicRead)},
			req: [2]string{http.MethodGet, "/pub/k?acl"}, want: denied},
		{name: "missing bucket", req: [2]string{http.MethodGet, "/nobucket/k"}, want: anonAnswer{Status: http.StatusNotFound, Code: "NoSuchBucket"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startPub(t, tt.setup...)
			before := s3test.Digest(srv.Backend)
			if diff := cmp.Diff(tt.want, anonymous(t, srv, tt.req[0], tt.req[1], tt.body)); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", tt.req[0], tt.req[1], diff)
			}
			if after := s3test.Digest(srv.Backend); after != before {
				t.Errorf("%s %s changed the fake's state", tt.req[0], tt.req[1])
			}
		})
	}
}

// TestOtherAccountAccess reads another account's bucket with signed
// requests: AuthenticatedUsers and canonical-user grants, and policies
// naming the account, apply to any signed request from that account
// (Amazon S3 User Guide, "Access control list (ACL) overview": the
// Authenticated Users group "represents all AWS accounts"; "Bucket
// policy examples": granting permissions to another account).
func TestOtherAccountAccess(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup []accessSetup
		want  string // GetObject's error code, "" when it reads the object
	}{
		{name: "private", setup: []accessSetup{putObject("k", "")}, want: "AccessDenied"},
		{name: "authenticated-read", setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLAuthenticatedRead)}},
		{name: "authenticated-read, IgnorePublicAcls", want: "AccessDenied",
			setup: []accessSetup{aclsOn, putObject("k", types.ObjectCannedACLAuthenticatedRead), block(types.PublicAccessBlockConfiguration{IgnorePublicAcls: aws.Bool(true)})}},
		{name: "policy naming the account", setup: []accessSetup{putObject("k", ""),
			bucketPolicy(policyJSON("Allow", `{"AWS":"arn:aws:iam::444455556666:root"}`, "s3:GetObject", "arn:aws:s3:::pub/*"))}},
		{name: "policy naming another account", want: "AccessDenied", setup: []accessSetup{putObject("k", ""),
			bucketPolicy(policyJSON("Allow", `{"AWS":"999988887777"}`, "s3:GetObject", "arn:aws:s3:::pub/*"))}},
		{name: "policy naming the account, RestrictPublicBuckets with a public statement", want: "AccessDenied", setup: []accessSetup{putObject("k", ""),
			bucketPolicy(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*"},` +
				`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/public/*"}]}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startPub(t, tt.setup...)
			other := clientFor(srv, second(), "us-east-1")
			out, err := other.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("pub"), Key: aws.String("k")})
			if got := errCode(t, err); got != tt.want {
				t.Fatalf("GetObject by the other account: code %q, want %q", got, tt.want)
			}
			if err != nil {
				return
			}
			defer out.Body.Close()
			data, err := io.ReadAll(out.Body)
			if err != nil || string(data) != "body of k" {
				t.Errorf("GetObject by the other account read %q, %v", data, err)
			}
			// A read grant is not a write grant.
			_, err = other.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("pub"), Key: aws.String("k"), Body: strings.NewReader("x")})
			if got := errCode(t, err); got != "AccessDenied" {
				t.Errorf("PutObject by the other account: code %q, want AccessDenied", got)
			}
		})
	}
}

// TestAnonymousListOwner lists a public bucket anonymously with
// ListObjects (version 1), whose Contents carry each object's Owner (S3
// API Reference, ListObjects: "Owner: The owner of the object"): the
// bucket owner, who owns every object here, not the caller.
func TestAnonymousListOwner(t *testing.T) {
	srv := startPub(t, aclsOn, putObject("k", ""), bucketACL(types.BucketCannedACLPublicRead))
	resp, err := srv.HTTPClient().Get(srv.URL() + "/pub")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Contents []struct {
			Key   string
			Owner struct{ ID string }
		}
	}
	if err := xml.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	want := []string{"k " + canonical(fake.TestAccountID)}
	var got []string
	for _, o := range out.Contents {
		got = append(got, o.Key+" "+o.Owner.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anonymous ListObjects, key and owner (-want +got):\n%s", diff)
	}
}
