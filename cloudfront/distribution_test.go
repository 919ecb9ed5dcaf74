package cloudfront_test

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

func TestCreateRefreshUpdate(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	cfg := s3Site()
	cfg.Tags = map[string]string{"team": "web"}
	cfg.Origins = append(cfg.Origins, cloudfront.Origin{ID: "app", DomainName: "app.example.com",
		Custom: &cloudfront.CustomOrigin{Protocol: cloudfront.OriginHTTPSOnly}})
	cfg.OriginGroups = []cloudfront.OriginGroup{{ID: "ha", Primary: "app", Secondary: "bucket", FailoverOn: []int{502, 503}}}
	cfg.Behaviors = []cloudfront.Behavior{
		{PathPattern: "/wp-admin/*", TargetOriginID: "app", CachePolicyID: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
			AllowedMethods: []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}},
		{PathPattern: "/wp-login.php", TargetOriginID: "ha", TTL: &cloudfront.TTL{}},
	}
	cfg.DefaultRootObject = "index.html"
	cfg.PriceClass = cloudfront.PriceClass100
	d, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == "" || d.ETag == "" || !strings.HasSuffix(d.DomainName, ".cloudfront.net") {
		t.Fatalf("created %+v", d)
	}
	if !strings.HasPrefix(d.Config.CallerReference, "goboto-") {
		t.Errorf("CallerReference = %q; want a made-up goboto- one", d.Config.CallerReference)
	}
	got := conn.Distribution(d.ID)
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	patterns := []string{}
	for _, b := range got.Config.Behaviors {
		patterns = append(patterns, b.PathPattern)
	}
	if diff := cmp.Diff([]string{"/wp-admin/*", "/wp-login.php"}, patterns); diff != "" {
		t.Errorf("behaviours in order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(cfg.OriginGroups, got.Config.OriginGroups); diff != "" {
		t.Errorf("origin groups (-want +got):\n%s", diff)
	}
	if got.Config.PriceClass != cloudfront.PriceClass100 || got.Config.DefaultRootObject != "index.html" {
		t.Errorf("price class %s, root %q", got.Config.PriceClass, got.Config.DefaultRootObject)
	}
	tags, err := got.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"team": "web"}, tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}

	// Update: read-modify-write with a new ETag.
	before := got.ETag
	if err := got.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		c.Comment = "changed"
		c.Logging = &cloudfront.Logging{Bucket: "logs.s3.amazonaws.com", Prefix: "cf/"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got.ETag == before || got.Config.Comment != "changed" || got.Config.Logging == nil || got.Config.Logging.Prefix != "cf/" {
		t.Errorf("after Update: etag %s (was %s), config %+v", got.ETag, before, got.Config)
	}
	// The behaviours survive a round trip unchanged.
	if diff := cmp.Diff(d.Config.Behaviors, got.Config.Behaviors); diff != "" {
		t.Errorf("behaviours after Update (-want +got):\n%s", diff)
	}
}

// Save needs a loaded ETag; a stale one is CloudFront's PreconditionFailed.
func TestSaveNeedsETag(t *testing.T) {
	srv, conn := startFake(t)
	d, err := conn.CreateDistribution(t.Context(), s3Site())
	if err != nil {
		t.Fatal(err)
	}
	fresh := conn.Distribution(d.ID)
	fresh.Config = d.Config
	n := len(srv.Calls())
	if err := fresh.Save(t.Context()); !isValidation(err) {
		t.Fatalf("Save without ETag: %v; want a ValidationError", err)
	}
	if len(srv.Calls()) != n {
		t.Error("Save without ETag sent a request")
	}
	stale := *d
	if err := d.Disable(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := stale.Save(t.Context()); code(err) != "PreconditionFailed" {
		t.Fatalf("Save with a stale ETag: %v; want PreconditionFailed", err)
	}
}

// Update retries when another writer changed the distribution between
// its read and its write.
func TestUpdateRetriesPreconditionFailed(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	d, err := conn.CreateDistribution(ctx, s3Site())
	if err != nil {
		t.Fatal(err)
	}
	other := conn.Distribution(d.ID)
	edits := 0
	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		edits++
		if edits == 1 {
			// Another writer gets in first.
			if err := other.Update(ctx, func(c *cloudfront.DistributionConfig) error { c.Comment = "theirs"; return nil }); err != nil {
				t.Fatal(err)
			}
		}
		c.DefaultRootObject = "mine.html"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if edits != 2 || d.Config.Comment != "theirs" || d.Config.DefaultRootObject != "mine.html" {
		t.Errorf("edits %d, comment %q, root %q; want 2 edits keeping both writes", edits, d.Config.Comment, d.Config.DefaultRootObject)
	}
}

// Delete disables, waits for Deployed (reporting progress) and deletes.
func TestDeleteDisablesWaitsAndDeletes(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv, conn := startFake(t, fakes.WithClock(clock.Now), cloudfronttest.WithDeployTime(10*time.Minute))
	ctx := t.Context()
	d, err := conn.CreateDistribution(ctx, s3Site())
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	var polls atomic.Int32
	err = d.Delete(ctx, goboto.Interval(time.Millisecond), goboto.Progress(func(state string, _ time.Duration) {
		states = append(states, state)
		if polls.Add(1) == 3 {
			clock.Advance(10 * time.Minute)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if states[0] != "disabling" || states[len(states)-1] != "Deployed" || !slices.Contains(states, "InProgress") {
		t.Errorf("progress %v; want disabling, InProgress..., Deployed", states)
	}
	if err := d.Refresh(ctx); !goboto.IsNotFound(err) || code(err) != "NoSuchDistribution" {
		t.Errorf("after Delete: %v; want NoSuchDistribution", err)
	}
	_ = srv
}

func TestWaitTimesOut(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now), cloudfronttest.WithDeployTime(time.Hour))
	d, err := conn.CreateDistribution(t.Context(), s3Site())
	if err != nil {
		t.Fatal(err)
	}
	err = d.Wait(t.Context(), cloudfront.DistributionDeployed, goboto.Timeout(time.Second), goboto.Interval(20*time.Millisecond)) // long enough for one look on a loaded machine
	var te *goboto.WaitTimeoutError
	if !errorsAs(err, &te) || te.State != "InProgress" || te.Service != "CloudFront" {
		t.Fatalf("Wait: %v; want a WaitTimeoutError in InProgress", err)
	}
}

func TestDistributionsListsEveryPage(t *testing.T) {
	_, conn := startFake(t)
	var want []string
	for range 5 {
		d, err := conn.CreateDistribution(t.Context(), s3Site())
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, d.ID)
	}
	var got []string
	for d, err := range conn.Distributions(t.Context(), cloudfront.PageSize(2)) {
		if err != nil {
			t.Fatal(err)
		}
		if d.Config == nil || len(d.Config.Origins) != 1 || d.Status != "Deployed" {
			t.Errorf("summary handle %+v lacks its summary", d)
		}
		got = append(got, d.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Distributions (-want +got):\n%s", diff)
	}
	for _, err := range conn.Distributions(t.Context(), cloudfront.PageSize(1001)) {
		if !isValidation(err) {
			t.Errorf("PageSize(1001): %v; want a ValidationError", err)
		}
	}
}

// Configurations refused locally, each before anything is sent.
func TestValidateRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(*cloudfront.DistributionConfig)
	}{
		{"no origins", func(c *cloudfront.DistributionConfig) { c.Origins = nil }},
		{"unknown target", func(c *cloudfront.DistributionConfig) { c.DefaultBehavior.TargetOriginID = "nope" }},
		{"behaviour to unknown origin", func(c *cloudfront.DistributionConfig) {
			c.Behaviors = []cloudfront.Behavior{{PathPattern: "/a/*", TargetOriginID: "nope"}}
		}},
		{"long path pattern", func(c *cloudfront.DistributionConfig) {
			c.Behaviors = []cloudfront.Behavior{{PathPattern: "/" + strings.Repeat("a", 255), TargetOriginID: "bucket"}}
		}},
		{"bad path character", func(c *cloudfront.DistributionConfig) {
			c.Behaviors = []cloudfront.Behavior{{PathPattern: "/a b", TargetOriginID: "bucket"}}
		}},
		{"76 behaviours", func(c *cloudfront.DistributionConfig) {
			for i := range 76 {
				c.Behaviors = append(c.Behaviors, cloudfront.Behavior{PathPattern: "/p" + itoa(i), TargetOriginID: "bucket"})
			}
		}},
		{"TTL out of order", func(c *cloudfront.DistributionConfig) {
			c.DefaultBehavior.TTL = &cloudfront.TTL{Min: time.Hour, Default: time.Minute, Max: 2 * time.Hour}
		}},
		{"default over max", func(c *cloudfront.DistributionConfig) {
			c.DefaultBehavior.TTL = &cloudfront.TTL{Default: 2 * time.Hour, Max: time.Hour}
		}},
		{"policy and TTL", func(c *cloudfront.DistributionConfig) { c.DefaultBehavior.CachePolicyID = "x" }},
		{"group of unknown origin", func(c *cloudfront.DistributionConfig) {
			c.OriginGroups = []cloudfront.OriginGroup{{ID: "g", Primary: "bucket", Secondary: "nope", FailoverOn: []int{500}}}
		}},
		{"alias without certificate", func(c *cloudfront.DistributionConfig) { c.Aliases = []string{"www.example.com"} }},
		{"origin without kind", func(c *cloudfront.DistributionConfig) { c.Origins[0].S3 = nil }},
		{"bad tag", func(c *cloudfront.DistributionConfig) { c.Tags = map[string]string{"aws:x": "y"} }},
		{"long comment", func(c *cloudfront.DistributionConfig) { c.Comment = strings.Repeat("c", 129) }},
	}
	srv, conn := startFake(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := s3Site()
			tt.edit(&cfg)
			n := len(srv.Calls())
			if _, err := conn.CreateDistribution(t.Context(), cfg); !isValidation(err) {
				t.Errorf("CreateDistribution: %v; want a ValidationError", err)
			}
			if len(srv.Calls()) != n {
				t.Error("a refused configuration was sent")
			}
		})
	}
}

// CloudFront refuses what goboto cannot check locally: an alias another
// distribution has (CNAMEAlreadyExists) and a reused caller reference
// with another configuration (DistributionAlreadyExists).
func TestCloudFrontRefuses(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	cfg := s3Site()
	cfg.Aliases = []string{"www.example.com"}
	cfg.Certificate = &cloudfront.Certificate{ACMCertificateARN: "arn:aws:acm:us-east-1:111122223333:certificate/abc"}
	cfg.CallerReference = "first"
	first, err := conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	again, err := conn.CreateDistribution(ctx, cfg)
	if err != nil || again.ID != first.ID {
		t.Fatalf("repeated creation: %v, %v; want the same distribution %s", again, err, first.ID)
	}
	cfg.CallerReference = "second"
	if _, err := conn.CreateDistribution(ctx, cfg); code(err) != "CNAMEAlreadyExists" {
		t.Errorf("taken alias: %v; want CNAMEAlreadyExists", err)
	}
	cfg.CallerReference, cfg.Aliases, cfg.Comment = "first", nil, "other"
	if _, err := conn.CreateDistribution(ctx, cfg); code(err) != "DistributionAlreadyExists" {
		t.Errorf("reused reference: %v; want DistributionAlreadyExists", err)
	}
}
