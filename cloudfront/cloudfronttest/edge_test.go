package cloudfronttest_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3v2 "github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

// edgeEnv is a fake with CloudFront, its edge and S3, a clock the test
// moves, and clients for each.
type edgeEnv struct {
	srv   *cloudfronttest.Server
	clock *fakes.Clock
	cf    *cloudfront.Conn
	s3    *s3v2.Client
	edge  *http.Client
}

// startEdge serves HTTPS, as CloudFront's URLs are, unless opts say
// otherwise.
func startEdge(t *testing.T, opts ...fakes.Option) *edgeEnv {
	t.Helper()
	clock := fakes.NewClock(time.Now().Truncate(time.Second))
	srv := cloudfronttest.Start(t, append([]fakes.Option{fakes.WithClock(clock.Now), fakes.WithTLS(true)}, opts...)...)
	return &edgeEnv{srv: srv, clock: clock, cf: cloudfront.New(srv.Config("")),
		s3:   s3v2.NewFromConfig(srv.Config("us-east-1"), func(o *s3v2.Options) { o.UsePathStyle = true }),
		edge: cloudfronttest.EdgeClient(srv.Server)}
}

// answer is what the edge answered.
type answer struct {
	Status int
	XCache string
	Body   string
}

func (e *edgeEnv) get(t *testing.T, rawURL string, cookies ...*http.Cookie) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := e.edge.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header.Get("X-Cache"), string(b)}
}

// bucket makes bucket name with key "k" holding "hello" and sets its
// ownership and (when policy is not empty) its policy.
func (e *edgeEnv) bucket(t *testing.T, name string, ownership s3types.ObjectOwnership, policy string) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.s3.CreateBucket(ctx, &s3v2.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s3.PutBucketOwnershipControls(ctx, &s3v2.PutBucketOwnershipControlsInput{Bucket: &name,
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: ownership}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s3.DeletePublicAccessBlock(ctx, &s3v2.DeletePublicAccessBlockInput{Bucket: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s3.PutObject(ctx, &s3v2.PutObjectInput{Bucket: &name, Key: aws.String("k"), Body: strings.NewReader("hello")}); err != nil {
		t.Fatal(err)
	}
	if policy != "" {
		if _, err := e.s3.PutBucketPolicy(ctx, &s3v2.PutBucketPolicyInput{Bucket: &name, Policy: &policy}); err != nil {
			t.Fatal(err)
		}
	}
}

func (e *edgeEnv) distribution(t *testing.T, cfg cloudfront.DistributionConfig) *cloudfront.Distribution {
	t.Helper()
	d, err := e.cf.CreateDistribution(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// s3Dist is a distribution on bucket with legacy TTLs of a minute.
func s3Dist(bucket string, mod func(*cloudfront.Origin)) cloudfront.DistributionConfig {
	o := cloudfront.Origin{ID: "s3", DomainName: bucket + ".s3.amazonaws.com", S3: &cloudfront.S3Origin{}}
	if mod != nil {
		mod(&o)
	}
	return cloudfront.DistributionConfig{Comment: "edge", Enabled: true, Origins: []cloudfront.Origin{o},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "s3", ViewerProtocol: cloudfront.AllowAll,
			TTL: &cloudfront.TTL{Default: time.Minute, Max: time.Hour}}}
}

// TestEdgeS3Origins reads S3 origins through the edge as CloudFront
// does (Developer Guide, "Restrict access to an Amazon S3 origin"): with
// origin access control as cloudfront.amazonaws.com on the condition of
// the distribution's ARN, with an origin access identity by its policy
// principal, and unsigned for a public origin; a bucket that does not
// grant the distribution answers S3's 403 AccessDenied, which CloudFront
// passes to the viewer ("X-Cache: Error from cloudfront").
func TestEdgeS3Origins(t *testing.T) {
	e := startEdge(t)
	ctx := context.Background()
	oac, err := e.cf.CreateOriginAccessControl(ctx, cloudfront.OACConfig{Name: "oac"})
	if err != nil {
		t.Fatal(err)
	}
	oai, err := e.cf.CreateOriginAccessIdentity(ctx, "oai")
	if err != nil {
		t.Fatal(err)
	}
	withOAC := e.distribution(t, s3Dist("oacbucket", func(o *cloudfront.Origin) { o.OriginAccessControlID = oac.ID }))
	other := e.distribution(t, s3Dist("oacbucket", func(o *cloudfront.Origin) { o.OriginAccessControlID = oac.ID }))
	withOAI := e.distribution(t, s3Dist("oaibucket", func(o *cloudfront.Origin) { o.S3.OriginAccessIdentity = oai.Path() }))
	public := e.distribution(t, s3Dist("pubbucket", nil))
	private := e.distribution(t, s3Dist("privbucket", nil))
	e.bucket(t, "oacbucket", s3types.ObjectOwnershipBucketOwnerEnforced, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::oacbucket/*",`+
		`"Condition":{"StringEquals":{"AWS:SourceArn":"`+withOAC.ARN+`"}}}]}`)
	e.bucket(t, "oaibucket", s3types.ObjectOwnershipBucketOwnerEnforced, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"AWS":"`+cloudfront.OAIPrincipalARN(oai.ID)+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::oaibucket/*"}]}`)
	e.bucket(t, "pubbucket", s3types.ObjectOwnershipObjectWriter, "")
	if _, err := e.s3.PutObjectAcl(ctx, &s3v2.PutObjectAclInput{Bucket: aws.String("pubbucket"), Key: aws.String("k"), ACL: s3types.ObjectCannedACLPublicRead}); err != nil {
		t.Fatal(err)
	}
	e.bucket(t, "privbucket", s3types.ObjectOwnershipBucketOwnerEnforced, "")

	ok := answer{200, "Miss from cloudfront", "hello"}
	for _, tc := range []struct {
		name string
		d    *cloudfront.Distribution
		want answer
	}{
		{"OAC", withOAC, ok},
		{"OAC of another distribution", other, answer{Status: 403, XCache: "Error from cloudfront"}},
		{"OAI", withOAI, ok},
		{"public", public, ok},
		{"private bucket, public distribution", private, answer{Status: 403, XCache: "Error from cloudfront"}},
	} {
		got := e.get(t, tc.d.URL("k"))
		if tc.want.Status == 403 {
			if !strings.Contains(got.Body, "<Code>AccessDenied</Code>") {
				t.Errorf("%s: body %q, want S3's AccessDenied", tc.name, got.Body)
			}
			got.Body = ""
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if got := e.get(t, "https://dnosuchdist0000.cloudfront.net/k"); got.Status != 403 || !strings.Contains(got.Body, "could not be satisfied") {
		t.Errorf("unknown distribution: %+v", got)
	}
}

// origin is a custom origin that counts its requests and echoes what it
// was sent.
type origin struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	last *http.Request
}

func startOrigin(t *testing.T) *origin {
	o := &origin{hits: map[string]int{}}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.hits[r.URL.Path]++
		o.last = r
		n := o.hits[r.URL.Path]
		o.mu.Unlock()
		if strings.HasPrefix(r.URL.Path, "/nocache") {
			w.Header().Set("Cache-Control", "no-store")
		}
		io.WriteString(w, r.URL.Path+" #"+strconv.Itoa(n)+" q="+r.URL.RawQuery+" c="+r.Header.Get("Cookie")+" h="+r.Header.Get("X-Lang"))
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *origin) port() int {
	u, _ := url.Parse(o.URL)
	p, _ := strconv.Atoi(u.Port())
	return p
}

// TestEdgeCachingAndForwarding: the "poking holes" site. The default
// behaviour caches for DefaultTTL and forwards nothing; /wp-admin/*
// forwards every cookie and the query string and caches nothing
// (MinTTL=DefaultTTL=MaxTTL=0); /search forwards the X-Lang header and
// only the q query string for the cache key. Each is the legacy
// ForwardedValues of the CloudFront Developer Guide ("Cache content
// based on query string parameters", "... cookies", "... request
// headers"). A repeated request is "X-Cache: Hit from cloudfront" until
// its TTL passes or an invalidation names it ("Invalidate files").
func TestEdgeCachingAndForwarding(t *testing.T) {
	e := startEdge(t)
	o := startOrigin(t)
	zero := &cloudfront.TTL{}
	cfg := cloudfront.DistributionConfig{Comment: "site", Enabled: true,
		Origins: []cloudfront.Origin{{ID: "app", DomainName: "localhost",
			Custom: &cloudfront.CustomOrigin{HTTPPort: o.port(), Protocol: cloudfront.OriginHTTPOnly}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "app", ViewerProtocol: cloudfront.AllowAll,
			TTL: &cloudfront.TTL{Default: time.Minute, Max: time.Hour}},
		Behaviors: []cloudfront.Behavior{
			{PathPattern: "/wp-admin/*", TargetOriginID: "app", ViewerProtocol: cloudfront.AllowAll, TTL: zero,
				Forward:        cloudfront.Forward{QueryString: true, Cookies: []string{"*"}},
				AllowedMethods: []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}},
			{PathPattern: "/search", TargetOriginID: "app", ViewerProtocol: cloudfront.AllowAll,
				TTL: &cloudfront.TTL{Default: time.Minute, Max: time.Hour}, Forward: cloudfront.Forward{QueryString: true, Headers: []string{"X-Lang"}}},
		}}
	d := e.distribution(t, cfg)
	steps := []struct {
		path    string
		cookie  string
		advance time.Duration
		want    answer
	}{
		{path: "/", want: answer{200, "Miss from cloudfront", "/ #1 q= c= h="}},
		{path: "/", want: answer{200, "Hit from cloudfront", "/ #1 q= c= h="}},
		{path: "/?x=1", cookie: "s=1", want: answer{200, "Hit from cloudfront", "/ #1 q= c= h="}}, // neither forwarded nor cached on
		{path: "/wp-admin/edit.php?post=2", cookie: "wordpress_logged_in=me", want: answer{200, "Miss from cloudfront", "/wp-admin/edit.php #1 q=post=2 c=wordpress_logged_in=me h="}},
		{path: "/wp-admin/edit.php?post=2", cookie: "wordpress_logged_in=me", want: answer{200, "Miss from cloudfront", "/wp-admin/edit.php #2 q=post=2 c=wordpress_logged_in=me h="}},
		{path: "/nocache", want: answer{200, "Miss from cloudfront", "/nocache #1 q= c= h="}},
		{path: "/nocache", want: answer{200, "Miss from cloudfront", "/nocache #2 q= c= h="}},
		{path: "/", advance: 61 * time.Second, want: answer{200, "Miss from cloudfront", "/ #2 q= c= h="}},
		{path: "/", want: answer{200, "Hit from cloudfront", "/ #2 q= c= h="}},
	}
	for i, s := range steps {
		e.clock.Advance(s.advance)
		req, _ := http.NewRequest(http.MethodGet, d.URL(s.path), nil)
		if s.cookie != "" {
			req.Header.Set("Cookie", s.cookie)
		}
		got := e.do(t, req)
		if diff := cmp.Diff(s.want, got); diff != "" {
			t.Errorf("step %d %s (-want +got):\n%s", i, s.path, diff)
		}
	}
	// /search caches on q and X-Lang, not on other parameters.
	search := func(q, lang string) answer {
		req, _ := http.NewRequest(http.MethodGet, d.URL("/search?"+q), nil)
		req.Header.Set("X-Lang", lang)
		return e.do(t, req)
	}
	if got := search("q=go&utm=1", "en"); got.XCache != "Miss from cloudfront" || !strings.Contains(got.Body, "q=q=go&utm=1") || !strings.Contains(got.Body, "h=en") {
		t.Errorf("search: %+v", got)
	}
	if got := search("q=go&utm=2", "en"); got.XCache != "Miss from cloudfront" {
		// Legacy QueryString without QueryStringCacheKeys caches on every
		// parameter.
		t.Errorf("search, another utm: %+v", got)
	}
	if got := search("q=go&utm=2", "fr"); got.XCache != "Miss from cloudfront" || !strings.Contains(got.Body, "h=fr") {
		t.Errorf("search, another X-Lang: %+v", got)
	}
	if got := search("q=go&utm=2", "fr"); got.XCache != "Hit from cloudfront" {
		t.Errorf("search again: %+v", got)
	}
	// An invalidation of /* empties the cache.
	if _, err := d.Invalidate(context.Background(), "/*"); err != nil {
		t.Fatal(err)
	}
	if got := e.get(t, d.URL("/")); got.XCache != "Miss from cloudfront" || got.Body != "/ #3 q= c= h=" {
		t.Errorf("after invalidation: %+v", got)
	}
	// Methods the behaviour does not allow are refused.
	req, _ := http.NewRequest(http.MethodPost, d.URL("/"), strings.NewReader("x"))
	if got := e.do(t, req); got.Status != 403 || got.XCache != "Error from cloudfront" {
		t.Errorf("POST on a GET/HEAD behaviour: %+v", got)
	}
	req, _ = http.NewRequest(http.MethodPost, d.URL("/wp-admin/post.php"), strings.NewReader("x"))
	if got := e.do(t, req); got.Status != 200 || got.XCache != "Miss from cloudfront" {
		t.Errorf("POST on /wp-admin/*: %+v", got)
	}
}

func (e *edgeEnv) do(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := e.edge.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header.Get("X-Cache"), string(b)}
}

// TestEdgeViewerProtocol: redirect-to-https answers a plain-HTTP viewer
// 301 to the https URL, https-only 403 (API Reference,
// ViewerProtocolPolicy).
func TestEdgeViewerProtocol(t *testing.T) {
	e := startEdge(t, fakes.WithTLS(false))
	o := startOrigin(t)
	for _, tc := range []struct {
		policy cloudfront.ViewerProtocol
		want   int
	}{{cloudfront.RedirectToHTTPS, 301}, {cloudfront.HTTPSOnly, 403}, {cloudfront.AllowAll, 200}} {
		cfg := cloudfront.DistributionConfig{Comment: "p", Enabled: true,
			Origins:         []cloudfront.Origin{{ID: "app", DomainName: "localhost", Custom: &cloudfront.CustomOrigin{HTTPPort: o.port(), Protocol: cloudfront.OriginHTTPOnly}}},
			DefaultBehavior: cloudfront.Behavior{TargetOriginID: "app", ViewerProtocol: tc.policy}}
		d := e.distribution(t, cfg)
		resp, err := e.edge.Get("http://" + d.DomainName + "/a")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.policy, resp.StatusCode, tc.want)
		}
		if tc.want == 301 && resp.Header.Get("Location") != "https://"+d.DomainName+"/a" {
			t.Errorf("Location = %q", resp.Header.Get("Location"))
		}
	}
}

// signedEnv is a distribution whose /private/* behaviour trusts a key
// group of an RSA-2048 and an ECDSA P-256 key, and /legacy/* the
// account's own key pair (trusted signer "self").
type signedEnv struct {
	*edgeEnv
	d                     *cloudfront.Distribution
	rsaSigner, ecSigner   *cloudfront.Signer
	pairSigner, strangers *cloudfront.Signer
}

func pemPublic(t *testing.T, pub any) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func startSigned(t *testing.T) *signedEnv {
	e := startEdge(t)
	ctx := context.Background()
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	pairKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	strangerKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rk, err := e.cf.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "rsa", EncodedKey: pemPublic(t, &rsaKey.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	ek, err := e.cf.CreatePublicKey(ctx, cloudfront.PublicKeyOptions{Name: "ec", EncodedKey: pemPublic(t, &ecKey.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	g, err := e.cf.CreateKeyGroup(ctx, cloudfront.KeyGroupOptions{Name: "signers", PublicKeys: []string{rk.ID, ek.ID}})
	if err != nil {
		t.Fatal(err)
	}
	pairID, err := e.srv.AddKeyPair(fakes.DefaultCredentials()[0].AccountID, pemPublic(t, &pairKey.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	e.bucket(t, "media", s3types.ObjectOwnershipObjectWriter, "")
	for _, k := range []string{"private/a.mp4", "private/b.mp4", "legacy/c.mp4", "k"} {
		if _, err := e.s3.PutObject(ctx, &s3v2.PutObjectInput{Bucket: aws.String("media"), Key: aws.String(k), Body: strings.NewReader("movie"),
			ACL: s3types.ObjectCannedACLPublicRead}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := s3Dist("media", nil)
	cfg.Behaviors = []cloudfront.Behavior{
		{PathPattern: "/private/*", TargetOriginID: "s3", ViewerProtocol: cloudfront.AllowAll, TrustedKeyGroups: []string{g.ID}, TTL: &cloudfront.TTL{}},
		{PathPattern: "/legacy/*", TargetOriginID: "s3", ViewerProtocol: cloudfront.AllowAll, TrustedSigners: []string{"self"}, TTL: &cloudfront.TTL{}},
	}
	s := &signedEnv{edgeEnv: e, d: e.distribution(t, cfg)}
	clock := cloudfront.SignerClock(e.clock.Now)
	if s.rsaSigner, err = cloudfront.NewSigner(rk.ID, rsaKey, clock); err != nil {
		t.Fatal(err)
	}
	if s.ecSigner, err = cloudfront.NewSigner(ek.ID, ecKey, clock); err != nil {
		t.Fatal(err)
	}
	if s.pairSigner, err = cloudfront.NewSigner(pairID, pairKey, clock); err != nil {
		t.Fatal(err)
	}
	if s.strangers, err = cloudfront.NewSigner(ek.ID, strangerKey, clock); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustSign(t *testing.T, s *cloudfront.Signer, u string, o cloudfront.SignOptions) string {
	t.Helper()
	out, err := s.SignURL(u, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEdgeSignedURLs checks the edge's enforcement of signed URLs
// (CloudFront Developer Guide, "Use signed URLs"): canned and custom
// policies, SHA-1 and SHA-256 (Hash-Algorithm), RSA-2048 and ECDSA
// P-256 keys of a trusted key group and the key pair of a trusted
// signer, Resource wildcards matched against the request,
// DateLessThan, DateGreaterThan and IpAddress; a refusal is 403 with
// CloudFront's <Error> (AccessDenied, MissingKey, InvalidKey).
func TestEdgeSignedURLs(t *testing.T) {
	s := startSigned(t)
	now := s.clock.Now()
	soon := now.Add(time.Hour)
	a, b, c := s.d.URL("private/a.mp4"), s.d.URL("private/b.mp4"), s.d.URL("legacy/c.mp4")
	ok := answer{200, "Miss from cloudfront", "movie"}
	denied := func(code, msg string) answer {
		return answer{403, "Error from cloudfront", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + msg + "</Message></Error>"}
	}
	wildcard := "https://" + s.d.DomainName + "/private/*"
	tests := []struct {
		name string
		url  string
		want answer
	}{
		{"unsigned", a, denied("MissingKey", "Missing Key-Pair-Id query parameter or cookie value")},
		{"canned RSA SHA-1", mustSign(t, s.rsaSigner, a, cloudfront.SignOptions{Expires: soon}), ok},
		{"canned ECDSA SHA-256", mustSign(t, s.ecSigner, a, cloudfront.SignOptions{Expires: soon, Hash: cloudfront.HashSHA256}), ok},
		{"custom RSA SHA-256 wildcard", mustSign(t, s.rsaSigner, b, cloudfront.SignOptions{Expires: soon, Resource: wildcard, Hash: cloudfront.HashSHA256}), ok},
		{"custom ECDSA, IP of the viewer", mustSign(t, s.ecSigner, a, cloudfront.SignOptions{Expires: soon, SourceIP: "127.0.0.1"}), ok},
		{"custom, another IP range", mustSign(t, s.ecSigner, a, cloudfront.SignOptions{Expires: soon, SourceIP: "10.0.0.0/8"}), denied("AccessDenied", "Access denied")},
		{"custom, not yet valid", mustSign(t, s.rsaSigner, a, cloudfront.SignOptions{Expires: soon, NotBefore: now.Add(time.Minute)}), denied("AccessDenied", "Access denied")},
		{"signed for another object", strings.Replace(mustSign(t, s.rsaSigner, b, cloudfront.SignOptions{Expires: soon}), "/b.mp4", "/a.mp4", 1), denied("AccessDenied", "Access denied")},
		// Signed for /other/* and presented for /private/a.mp4.
		{"custom, resource of another path", strings.Replace(mustSign(t, s.rsaSigner, s.d.URL("other/x"),
			cloudfront.SignOptions{Expires: soon, Resource: "https://" + s.d.DomainName + "/other/*"}), "/other/x", "/private/a.mp4", 1), denied("AccessDenied", "Access denied")},
		{"a key outside the group", strings.Replace(mustSign(t, s.rsaSigner, a, cloudfront.SignOptions{Expires: soon}), "Key-Pair-Id="+s.rsaSigner.KeyID(), "Key-Pair-Id=KNOTINTHEGROUP", 1),
			denied("InvalidKey", "Unknown Key")},
		{"the right ID, the wrong key", mustSign(t, s.strangers, a, cloudfront.SignOptions{Expires: soon}), denied("AccessDenied", "Access denied")},
		{"trusted signer self", mustSign(t, s.pairSigner, c, cloudfront.SignOptions{Expires: soon}), ok},
		{"key group key on the trusted-signer behaviour", mustSign(t, s.rsaSigner, c, cloudfront.SignOptions{Expires: soon}), denied("InvalidKey", "Unknown Key")},
		{"public path needs no signature", s.d.URL("k"), ok},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, s.get(t, tc.url)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// The same URL is refused once it has expired.
	short := mustSign(t, s.ecSigner, a, cloudfront.SignOptions{Expires: now.Add(time.Minute), Hash: cloudfront.HashSHA256})
	if got := s.get(t, short); got.Status != 200 {
		t.Fatalf("before expiry: %+v", got)
	}
	s.clock.Advance(time.Minute)
	if diff := cmp.Diff(denied("AccessDenied", "Access denied"), s.get(t, short)); diff != "" {
		t.Errorf("at DateLessThan (-want +got):\n%s", diff)
	}
}

// TestEdgeSignedCookies: signed cookies let a viewer fetch every object
// their Resource matches (Developer Guide, "Use signed cookies"); a
// signed URL, when present, decides alone.
func TestEdgeSignedCookies(t *testing.T) {
	s := startSigned(t)
	cookies, err := s.ecSigner.SignCookies(cloudfront.SignOptions{Expires: s.clock.Now().Add(time.Hour),
		Resource: "https://" + s.d.DomainName + "/private/*", Hash: cloudfront.HashSHA256})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"private/a.mp4", "private/b.mp4"} {
		if got := s.get(t, s.d.URL(p), cookies...); got.Status != 200 || got.Body != "movie" {
			t.Errorf("%s with cookies: %+v", p, got)
		}
	}
	if got := s.get(t, s.d.URL("legacy/c.mp4"), cookies...); got.Status != 403 {
		t.Errorf("cookies of a key the behaviour does not trust: %+v", got)
	}
	narrow, err := s.rsaSigner.SignCookies(cloudfront.SignOptions{Expires: s.clock.Now().Add(time.Hour),
		Resource: "https://" + s.d.DomainName + "/private/a.mp4"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.get(t, s.d.URL("private/b.mp4"), narrow...); got.Status != 403 {
		t.Errorf("cookies for another object: %+v", got)
	}
}

// TestEdgeInvalidationOnFrozenClock: an invalidation empties the cache
// of what was stored before it, and only that (CloudFront Developer
// Guide, "Invalidate files": the next request after an invalidation
// goes to the origin, and what it fetches is cached again). The clock
// does not move here, so caching, invalidating and caching again share
// one instant: order, not time, decides.
func TestEdgeInvalidationOnFrozenClock(t *testing.T) {
	e := startEdge(t)
	o := startOrigin(t)
	d := e.distribution(t, cloudfront.DistributionConfig{Comment: "frozen", Enabled: true,
		Origins: []cloudfront.Origin{{ID: "app", DomainName: "localhost",
			Custom: &cloudfront.CustomOrigin{HTTPPort: o.port(), Protocol: cloudfront.OriginHTTPOnly}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "app", ViewerProtocol: cloudfront.AllowAll,
			TTL: &cloudfront.TTL{Default: time.Minute, Max: time.Hour}}})
	var got []answer
	get := func() { got = append(got, e.get(t, d.URL("/page"))) }
	get()
	get()
	if _, err := d.Invalidate(context.Background(), "/page"); err != nil {
		t.Fatal(err)
	}
	get()
	get()
	want := []answer{
		{200, "Miss from cloudfront", "/page #1 q= c= h="},
		{200, "Hit from cloudfront", "/page #1 q= c= h="},
		{200, "Miss from cloudfront", "/page #2 q= c= h="},
		{200, "Hit from cloudfront", "/page #2 q= c= h="},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
