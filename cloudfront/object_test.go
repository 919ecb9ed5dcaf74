package cloudfront_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3v2 "github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

// site is a fake CloudFront with its S3 and edge, over HTTPS.
type site struct {
	srv  *cloudfronttest.Server
	conn *cloudfront.Conn
	s3   *s3v2.Client
	edge *http.Client
}

func startSite(t *testing.T) *site {
	srv := cloudfronttest.Start(t, fakes.WithTLS(true))
	return &site{srv: srv, conn: cloudfront.New(srv.Config("")),
		s3:   s3v2.NewFromConfig(srv.Config(""), func(o *s3v2.Options) { o.UsePathStyle = true }),
		edge: cloudfronttest.EdgeClient(srv.Server)}
}

// bucket makes a bucket with the given Object Ownership; open removes
// its Block Public Access (new buckets have it all on).
func (s *site) bucket(t *testing.T, name string, own s3types.ObjectOwnership, open bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.s3.CreateBucket(ctx, &s3v2.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.s3.PutBucketOwnershipControls(ctx, &s3v2.PutBucketOwnershipControlsInput{Bucket: &name,
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: own}}}}); err != nil {
		t.Fatal(err)
	}
	if open {
		if _, err := s.s3.DeletePublicAccessBlock(ctx, &s3v2.DeletePublicAccessBlockInput{Bucket: &name}); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *site) fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := s.edge.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (s *site) policy(t *testing.T, bucket string) []map[string]any {
	t.Helper()
	out, err := s.s3.GetBucketPolicy(context.Background(), &s3v2.GetBucketPolicyInput{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(*out.Policy), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Statement
}

func (s *site) grants(t *testing.T, bucket, key string) []string {
	t.Helper()
	out, err := s.s3.GetObjectAcl(context.Background(), &s3v2.GetObjectAclInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	var g []string
	for _, gr := range out.Grants {
		who := aws.ToString(gr.Grantee.ID)
		if gr.Grantee.URI != nil {
			who = *gr.Grantee.URI
		}
		g = append(g, string(gr.Permission)+" "+who)
	}
	slices.Sort(g)
	return g
}

// TestAddObject decides by origin and bucket as the issue asks, each
// answer fetched back through the edge:
//   - OAC: a bucket-policy statement for cloudfront.amazonaws.com on the
//     condition AWS:SourceArn (CloudFront Developer Guide, "Restrict
//     access to an Amazon S3 origin"), idempotent, keeping the policy's
//     other statements;
//   - OAI with ACLs enabled: a READ grant replacing the ACL (boto's
//     replace), or added with KeepGrants; with ACLs disabled
//     (BucketOwnerEnforced, "Controlling ownership of objects and
//     disabling ACLs"): a policy statement for the OAI;
//   - public: public-read ACL where ACLs and Block Public Access allow,
//     else a public policy, else nothing and no error.
func TestAddObject(t *testing.T) {
	s := startSite(t)
	ctx := context.Background()
	oac, err := s.conn.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "oac"})
	if err != nil {
		t.Fatal(err)
	}
	oai, err := s.conn.CreateOriginAccessIdentity(ctx, "oai")
	if err != nil {
		t.Fatal(err)
	}
	dist := func(bucket string, mod func(*cloudfront.Origin)) *cloudfront.Distribution {
		cfg := s3Site()
		cfg.Origins[0].DomainName = bucket + ".s3.amazonaws.com"
		if mod != nil {
			mod(&cfg.Origins[0])
		}
		d, err := s.conn.CreateDistribution(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	body := func() io.Reader { return strings.NewReader("content") }

	// OAC on a bucket with ACLs disabled and another statement.
	s.bucket(t, "oac-site", s3types.ObjectOwnershipBucketOwnerEnforced, false)
	other := `{"Version":"2012-10-17","Statement":{"Sid":"Keep","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::oac-site"}}`
	if _, err := s.s3.PutBucketPolicy(ctx, &s3v2.PutBucketPolicyInput{Bucket: aws.String("oac-site"), Policy: &other}); err != nil {
		t.Fatal(err)
	}
	d := dist("oac-site", func(o *cloudfront.Origin) { o.OriginAccessControlID = oac.ID })
	obj, err := d.AddObject(ctx, "index.html", body())
	if err != nil {
		t.Fatal(err)
	}
	if obj.Access != cloudfront.OACPolicy {
		t.Errorf("OAC: method %q", obj.Access)
	}
	if code, got := s.fetch(t, obj.URL()); code != 200 || got != "content" {
		t.Errorf("OAC fetch: %d %q", code, got)
	}
	if _, err := d.AddObject(ctx, "page two.html", body()); err != nil {
		t.Fatal(err)
	}
	st := s.policy(t, "oac-site")
	if len(st) != 2 || st[0]["Sid"] != "Keep" {
		t.Fatalf("policy after two AddObjects: %v", st)
	}
	cond, _ := json.Marshal(st[1]["Condition"])
	if want := `{"StringEquals":{"AWS:SourceArn":"` + d.ARN + `"}}`; string(cond) != want {
		t.Errorf("OAC condition %s, want %s", cond, want)
	}
	if code, _ := s.fetch(t, d.Object("page two.html").URL()); code != 200 {
		t.Errorf("key with a space: %d", code)
	}

	// OAI with ACLs: the grant replaces the ACL unless KeepGrants.
	s.bucket(t, "oai-acl", s3types.ObjectOwnershipObjectWriter, true)
	d = dist("oai-acl", func(o *cloudfront.Origin) { o.S3.OriginAccessIdentity = oai.Path() })
	if _, err := s.s3.PutObject(ctx, &s3v2.PutObjectInput{Bucket: aws.String("oai-acl"), Key: aws.String("a"), Body: body(), ACL: s3types.ObjectCannedACLPublicRead}); err != nil {
		t.Fatal(err)
	}
	owner := s.grants(t, "oai-acl", "a")[0][len("FULL_CONTROL "):]
	obj, err = d.AddObject(ctx, "a", body())
	if err != nil || obj.Access != cloudfront.OAIGrant {
		t.Fatalf("OAI with ACLs: %v %v", obj, err)
	}
	if diff := cmp.Diff([]string{"FULL_CONTROL " + owner, "READ " + oai.S3CanonicalUserID}, s.grants(t, "oai-acl", "a")); diff != "" {
		t.Errorf("replaced ACL (-want +got):\n%s", diff)
	}
	if code, _ := s.fetch(t, obj.URL()); code != 200 {
		t.Errorf("OAI grant fetch: %d", code)
	}
	if _, err := s.s3.PutObjectAcl(ctx, &s3v2.PutObjectAclInput{Bucket: aws.String("oai-acl"), Key: aws.String("a"), ACL: s3types.ObjectCannedACLPublicRead}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Object("a").SetPermissions(ctx, cloudfront.KeepGrants()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"FULL_CONTROL " + owner, "READ " + oai.S3CanonicalUserID, "READ http://acs.amazonaws.com/groups/global/AllUsers"},
		s.grants(t, "oai-acl", "a")); diff != "" {
		t.Errorf("kept ACL (-want +got):\n%s", diff)
	}

	// OAI with ACLs disabled: a policy, never an ACL error.
	s.bucket(t, "oai-enforced", s3types.ObjectOwnershipBucketOwnerEnforced, false)
	d = dist("oai-enforced", func(o *cloudfront.Origin) { o.S3.OriginAccessIdentity = oai.Path() })
	obj, err = d.AddObject(ctx, "b", body())
	if err != nil || obj.Access != cloudfront.OAIPolicy {
		t.Fatalf("OAI, ACLs disabled: %v %v", obj, err)
	}
	if code, _ := s.fetch(t, obj.URL()); code != 200 {
		t.Errorf("OAI policy fetch: %d", code)
	}

	// Public distributions.
	for _, tc := range []struct {
		bucket string
		own    s3types.ObjectOwnership
		open   bool
		want   cloudfront.AccessMethod
		status int
	}{
		{"pub-acl", s3types.ObjectOwnershipBucketOwnerPreferred, true, cloudfront.PublicReadACL, 200},
		{"pub-policy", s3types.ObjectOwnershipBucketOwnerEnforced, true, cloudfront.PublicReadPolicy, 200},
		{"pub-blocked", s3types.ObjectOwnershipObjectWriter, false, cloudfront.NoAccess, 403},
	} {
		s.bucket(t, tc.bucket, tc.own, tc.open)
		d := dist(tc.bucket, nil)
		obj, err := d.AddObject(ctx, "p", body())
		if err != nil || obj.Access != tc.want {
			t.Errorf("%s: %+v %v, want %s", tc.bucket, obj, err, tc.want)
			continue
		}
		if code, _ := s.fetch(t, obj.URL()); code != tc.status {
			t.Errorf("%s fetch: %d, want %d", tc.bucket, code, tc.status)
		}
	}
}

// TestObjectsAndSetPermissionsAll lists the origin bucket and grants the
// distribution every key at once.
func TestObjectsAndSetPermissionsAll(t *testing.T) {
	s := startSite(t)
	ctx := context.Background()
	oai, err := s.conn.CreateOriginAccessIdentity(ctx, "all")
	if err != nil {
		t.Fatal(err)
	}
	s.bucket(t, "many", s3types.ObjectOwnershipObjectWriter, true)
	for _, k := range []string{"a", "b/c", "d"} {
		if _, err := s.s3.PutObject(ctx, &s3v2.PutObjectInput{Bucket: aws.String("many"), Key: aws.String(k), Body: strings.NewReader(k)}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := s3Site()
	cfg.Origins[0].DomainName = "many.s3.us-east-1.amazonaws.com"
	cfg.Origins[0].S3.OriginAccessIdentity = oai.Path()
	d, err := s.conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for o, err := range d.Objects(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, o.URL())
	}
	base := "https://" + d.DomainName + "/"
	if diff := cmp.Diff([]string{base + "a", base + "b/c", base + "d"}, urls); diff != "" {
		t.Errorf("Objects (-want +got):\n%s", diff)
	}
	if code, _ := s.fetch(t, base+"b/c"); code != 403 {
		t.Fatalf("before SetPermissionsAll: %d", code)
	}
	m, err := d.SetPermissionsAll(ctx)
	if err != nil || m != cloudfront.OAIGrant {
		t.Fatalf("SetPermissionsAll: %q %v", m, err)
	}
	for _, u := range urls {
		if code, _ := s.fetch(t, u); code != 200 {
			t.Errorf("%s: %d", u, code)
		}
	}
}

// TestAddObjectRefusesCustomOrigins: AddObject writes to S3 origins only.
func TestAddObjectRefusesCustomOrigins(t *testing.T) {
	s := startSite(t)
	cfg := s3Site()
	cfg.Origins[0] = cloudfront.Origin{ID: "bucket", DomainName: "www.example.com", Custom: &cloudfront.CustomOrigin{}}
	d, err := s.conn.CreateDistribution(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	before := len(s.srv.Calls())
	if _, err := d.AddObject(context.Background(), "x", strings.NewReader("x")); !isValidation(err) {
		t.Fatalf("custom origin: %v", err)
	}
	if n := len(s.srv.Calls()) - before; n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
