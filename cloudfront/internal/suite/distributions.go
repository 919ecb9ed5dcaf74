package suite

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil"
)

// shape is what the suite compares of a configuration: the origins and
// the behaviours in order, as one line each.
type shape struct {
	Comment   string
	Enabled   bool
	Origins   []string
	Default   string
	Behaviors []string
}

func shapeOf(c *cloudfront.DistributionConfig) shape {
	if c == nil {
		return shape{}
	}
	s := shape{Comment: c.Comment, Enabled: c.Enabled, Default: behaviorLine(c.DefaultBehavior)}
	for _, o := range c.Origins {
		kind := "neither"
		switch {
		case o.S3 != nil && o.Custom == nil:
			kind = "s3"
		case o.Custom != nil && o.S3 == nil:
			kind = "custom " + string(o.Custom.Protocol)
		}
		s.Origins = append(s.Origins, o.ID+" "+o.DomainName+" "+kind)
	}
	for _, b := range c.Behaviors {
		s.Behaviors = append(s.Behaviors, behaviorLine(b))
	}
	return s
}

func behaviorLine(b cloudfront.Behavior) string {
	methods := slices.Sorted(slices.Values(b.AllowedMethods))
	if len(methods) == 0 {
		methods = []string{"GET", "HEAD"}
	}
	line := fmt.Sprintf("%q -> %s %s %s", b.PathPattern, b.TargetOriginID, b.ViewerProtocol, strings.Join(methods, ","))
	if b.CachePolicyID != "" {
		return line + " policy " + b.CachePolicyID
	}
	if b.TTL != nil {
		line += fmt.Sprintf(" ttl %v/%v/%v", b.TTL.Min, b.TTL.Default, b.TTL.Max)
	}
	return line + fmt.Sprintf(" qs=%v cookies=%v headers=%v", b.Forward.QueryString, b.Forward.Cookies, b.Forward.Headers)
}

// updated is the status an update answers with: InProgress until
// CloudFront has deployed it (the model, Distribution, Status: "When the
// status is Deployed, the distribution's information is fully propagated
// to all CloudFront edge locations").
func (env Env) updated() string {
	if env.Diff.NoRedeploy {
		return "Deployed"
	}
	return "InProgress"
}

// answered is cfg as the backend is known to answer it.
func (env Env) answered(cfg cloudfront.DistributionConfig) cloudfront.DistributionConfig {
	if env.Diff.DropsS3OriginConfig {
		cfg.Origins = slices.Clone(cfg.Origins)
		for i := range cfg.Origins {
			cfg.Origins[i].S3 = nil
		}
	}
	return cfg
}

// restore puts back what the backend is known to drop from a
// configuration it answered, so that goboto will send it again.
func (env Env) restore(c *cloudfront.DistributionConfig) {
	if !env.Diff.DropsS3OriginConfig {
		return
	}
	for i, o := range c.Origins {
		if o.S3 == nil && o.Custom == nil {
			c.Origins[i].S3 = &cloudfront.S3Origin{}
		}
	}
}

// Distributions: create with S3 and custom origins and ordered
// behaviours and tags (CreateDistributionWithTags), read back
// (GetDistribution, GetDistributionConfig, ListDistributions), tag, and
// update under If-Match (API Reference, UpdateDistribution: "You must
// copy the ETag field value from the response. (You'll use it for the
// IfMatch parameter in your request.)"; the model's errors
// InvalidIfMatchVersion, "The If-Match version is missing or not
// valid", and PreconditionFailed).
func testDistributions(t *testing.T, env Env) {
	ctx := t.Context()
	ref := env.Names()
	cfg := site(ref)
	cfg.Tags = map[string]string{"suite": ref, "team": "web"}
	d, err := env.Conn.CreateDistribution(ctx, cfg)
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	if d.ID == "" || d.ETag == "" || !strings.HasSuffix(d.ARN, ":distribution/"+d.ID) || !strings.HasSuffix(d.DomainName, ".cloudfront.net") {
		t.Errorf("%s: created id %q etag %q arn %q domain %q", env.Name, d.ID, d.ETag, d.ARN, d.DomainName)
	}
	if d.Status != "InProgress" {
		t.Errorf("%s: created status %q, want InProgress", env.Name, d.Status)
	}
	want := env.answered(cfg)
	if diff := cmp.Diff(shapeOf(&want), shapeOf(d.Config)); diff != "" {
		t.Errorf("%s: created configuration (-want +got):\n%s", env.Name, diff)
	}
	env.deployed(t)

	got := env.Conn.Distribution(d.ID)
	if err := got.Refresh(ctx); err != nil {
		t.Fatalf("%s: GetDistribution: %v", env.Name, err)
	}
	if got.Status != "Deployed" || got.DomainName != d.DomainName || got.ARN != d.ARN {
		t.Errorf("%s: GetDistribution status %q domain %q arn %q, want Deployed %q %q", env.Name, got.Status, got.DomainName, got.ARN, d.DomainName, d.ARN)
	}
	if diff := cmp.Diff(shapeOf(&want), shapeOf(got.Config)); diff != "" {
		t.Errorf("%s: GetDistribution configuration (-want +got):\n%s", env.Name, diff)
	}
	raw, err := env.Conn.Client().GetDistributionConfig(ctx, &cf.GetDistributionConfigInput{Id: aws.String(d.ID)})
	if err != nil {
		t.Fatalf("%s: GetDistributionConfig: %v", env.Name, err)
	}
	if aws.ToString(raw.ETag) != got.ETag || aws.ToString(raw.DistributionConfig.CallerReference) != ref {
		t.Errorf("%s: GetDistributionConfig etag %q reference %q, want %q %q", env.Name, aws.ToString(raw.ETag),
			aws.ToString(raw.DistributionConfig.CallerReference), got.ETag, ref)
	}

	listed := false
	for x, err := range env.Conn.Distributions(ctx) {
		if err != nil {
			t.Fatalf("%s: ListDistributions: %v", env.Name, err)
		}
		if x.ID != d.ID {
			continue
		}
		listed = true
		if x.DomainName != d.DomainName {
			t.Errorf("%s: listed domain %q, want %q", env.Name, x.DomainName, d.DomainName)
		}
		switch summary := shapeOf(x.Config); {
		case env.Diff.SparseSummaries:
			if summary.Comment != "" || len(summary.Origins) != 0 {
				t.Errorf("%s: SparseSummaries is set but the summary has comment %q origins %v", env.Name, summary.Comment, summary.Origins)
			}
		default:
			// The model, DistributionSummary: Comment, Origins,
			// DefaultCacheBehavior and CacheBehaviors are required.
			if diff := cmp.Diff(shapeOf(&want), summary); diff != "" {
				t.Errorf("%s: ListDistributions summary (-want +got):\n%s", env.Name, diff)
			}
		}
	}
	if !listed {
		t.Errorf("%s: ListDistributions does not list %s", env.Name, d.ID)
	}

	testTags(t, env, got, ref)
	testUpdate(t, env, got, raw.DistributionConfig)
}

// Tags: set at creation, added and removed (API Reference,
// TagResource, UntagResource, ListTagsForResource).
func testTags(t *testing.T, env Env, d *cloudfront.Distribution, ref string) {
	ctx := t.Context()
	tags, err := d.Tags(ctx)
	wantOK(t, env, "ListTagsForResource", err)
	if diff := cmp.Diff(map[string]string{"suite": ref, "team": "web"}, tags); diff != "" {
		t.Errorf("%s: tags at creation (-want +got):\n%s", env.Name, diff)
	}
	wantOK(t, env, "TagResource", d.Tag(ctx, map[string]string{"stage": "test", "team": "edge"}))
	wantOK(t, env, "UntagResource", d.Untag(ctx, "suite"))
	tags, err = d.Tags(ctx)
	wantOK(t, env, "ListTagsForResource", err)
	if diff := cmp.Diff(map[string]string{"stage": "test", "team": "edge"}, tags); diff != "" {
		t.Errorf("%s: tags after TagResource and UntagResource (-want +got):\n%s", env.Name, diff)
	}
}

// testUpdate updates d, whose configuration as CloudFront answered it
// is raw, under If-Match.
func testUpdate(t *testing.T, env Env, d *cloudfront.Distribution, raw *types.DistributionConfig) {
	ctx := t.Context()
	client := env.Conn.Client()
	_, err := client.UpdateDistribution(ctx, &cf.UpdateDistributionInput{Id: aws.String(d.ID), DistributionConfig: raw})
	wantCode(t, env, "UpdateDistribution without If-Match", err, "InvalidIfMatchVersion")

	// A wrong If-Match is PreconditionFailed, and nothing changes.
	bogus := *raw
	bogus.Comment = aws.String("bogus")
	_, err = client.UpdateDistribution(ctx, &cf.UpdateDistributionInput{Id: aws.String(d.ID), DistributionConfig: &bogus,
		IfMatch: aws.String("E2QWRUHEXAMPLE")})
	if env.Diff.AcceptsAnyIfMatch {
		wantOK(t, env, "UpdateDistribution with a wrong If-Match (AcceptsAnyIfMatch)", err)
	} else {
		wantCode(t, env, "UpdateDistribution with a wrong If-Match", err, "PreconditionFailed")
	}

	before := d.ETag
	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error {
		env.restore(c)
		c.Comment = "updated"
		c.Behaviors = append(c.Behaviors[:1:1], c.Behaviors[2:]...) // drop /wp-login.php
		return nil
	})
	if err != nil {
		t.Fatalf("%s: UpdateDistribution: %v", env.Name, err)
	}
	if d.Status != env.updated() {
		t.Errorf("%s: updated status %q, want %s", env.Name, d.Status, env.updated())
	}
	switch {
	case env.Diff.ETagsNeverChange:
		if d.ETag != before {
			t.Errorf("%s: ETagsNeverChange is set but the ETag went from %q to %q", env.Name, before, d.ETag)
		}
	case d.ETag == before:
		// API Reference, UpdateDistribution: the answer's ETag is "The
		// current version of the configuration".
		t.Errorf("%s: the ETag stayed %q across an update", env.Name, d.ETag)
	default:
		// The ETag read before the update is stale now.
		stale := env.Conn.Distribution(d.ID)
		stale.ETag, stale.Config = before, d.Config
		wantCode(t, env, "UpdateDistribution with a stale If-Match", stale.Save(ctx), "PreconditionFailed")
	}
	check := env.Conn.Distribution(d.ID)
	if err := check.Refresh(ctx); err != nil {
		t.Fatalf("%s: GetDistribution: %v", env.Name, err)
	}
	if check.Config.Comment != "updated" || len(check.Config.Behaviors) != 2 || check.Config.Behaviors[1].PathPattern != "*.jpg" {
		t.Errorf("%s: after the update: %+v", env.Name, shapeOf(check.Config))
	}

	// The CallerReference cannot change (API Reference,
	// UpdateDistribution: "You can't change the value of
	// CallerReference"; the model's error IllegalUpdate).
	cur, err := client.GetDistributionConfig(ctx, &cf.GetDistributionConfigInput{Id: aws.String(d.ID)})
	if err != nil {
		t.Fatalf("%s: GetDistributionConfig: %v", env.Name, err)
	}
	moved := *cur.DistributionConfig
	moved.CallerReference = aws.String(env.Names())
	_, err = client.UpdateDistribution(ctx, &cf.UpdateDistributionInput{Id: aws.String(d.ID), DistributionConfig: &moved, IfMatch: cur.ETag})
	if env.Diff.CallerReferenceUpdatable {
		wantOK(t, env, "UpdateDistribution changing the CallerReference (CallerReferenceUpdatable)", err)
	} else {
		wantCode(t, env, "UpdateDistribution changing the CallerReference", err, "IllegalUpdate")
	}
}

// A CallerReference sent again is DistributionAlreadyExists (409),
// whether or not the configuration is the same: the model,
// DistributionConfig, CallerReference: "If CallerReference is a value
// that you already sent in a previous request to create a
// distribution, CloudFront returns a DistributionAlreadyExists error";
// aws/aws-sdk-go#2213, where AWS reproduced exactly that for a
// byte-identical request, against the older documentation that
// promised the first answer again (the model's text has said so
// since). The message names the distribution holding the reference
// ("... Already exists: E2O6U8DECVP5UD", quoted from AWS in
// awslabs/aws-saas-boost#153 and aws/aws-sdk-js-v3#2618).
//
// goboto's CreateDistribution recovers from that answer (it finds the
// distribution and returns it when the configuration is the one asked
// for), so the repeats go through the aws-sdk-go-v2 client, with a
// configuration as the backend answered it.
func testCallerReference(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	d, err := env.Conn.CreateDistribution(ctx, site(env.Names()))
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	got, err := client.GetDistributionConfig(ctx, &cf.GetDistributionConfigInput{Id: aws.String(d.ID)})
	if err != nil {
		t.Fatalf("%s: GetDistributionConfig: %v", env.Name, err)
	}
	raw := *got.DistributionConfig
	raw.CallerReference = aws.String(env.Names())
	first, err := client.CreateDistribution(ctx, &cf.CreateDistributionInput{DistributionConfig: &raw})
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	id := aws.ToString(first.Distribution.Id)

	other := raw
	other.Comment = aws.String("another configuration")
	for _, tt := range []struct {
		what string
		cfg  *types.DistributionConfig
	}{
		{"the same CallerReference and configuration", &raw},
		{"the same CallerReference and another configuration", &other},
	} {
		_, err := client.CreateDistribution(ctx, &cf.CreateDistributionInput{DistributionConfig: tt.cfg})
		what := "CreateDistribution with " + tt.what
		wantCode(t, env, what, err, "DistributionAlreadyExists")
		if err != nil && testutil.ErrorStatus(err) != 409 {
			t.Errorf("%s: %s: status %d, want 409", env.Name, what, testutil.ErrorStatus(err))
		}
		if msg := testutil.ErrorMessage(err); err != nil && !strings.HasSuffix(msg, "Already exists: "+id) {
			t.Errorf("%s: %s: message %q, want it to end \"Already exists: %s\"", env.Name, what, msg, id)
		}
	}
}

// More than 75 cache behaviours is TooManyCacheBehaviors (Developer
// Guide, "Quotas on distributions": "Cache behaviors per distribution:
// 75"). goboto refuses that before sending, so the raw client sends it:
// a configuration CloudFront answered, with behaviours added.
func testBehaviorQuota(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	d, err := env.Conn.CreateDistribution(ctx, site(env.Names()))
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	got, err := client.GetDistributionConfig(ctx, &cf.GetDistributionConfigInput{Id: aws.String(d.ID)})
	if err != nil {
		t.Fatalf("%s: GetDistributionConfig: %v", env.Name, err)
	}
	raw := *got.DistributionConfig
	raw.CallerReference = aws.String(env.Names())
	items := slices.Clone(raw.CacheBehaviors.Items)
	for i := len(items); i < 76; i++ {
		b := items[len(items)-1]
		b.PathPattern = aws.String(fmt.Sprintf("/p%d/*", i))
		items = append(items, b)
	}
	raw.CacheBehaviors = &types.CacheBehaviors{Quantity: aws.Int32(int32(len(items))), Items: items}
	out, err := client.CreateDistribution(ctx, &cf.CreateDistributionInput{DistributionConfig: &raw})
	if env.Diff.NoBehaviorQuota {
		wantOK(t, env, "CreateDistribution with 76 behaviours (NoBehaviorQuota)", err)
		if err == nil {
			if n := len(out.Distribution.DistributionConfig.CacheBehaviors.Items); n != 76 {
				t.Errorf("%s: NoBehaviorQuota: %d behaviours kept of 76", env.Name, n)
			}
		}
		return
	}
	wantCode(t, env, "CreateDistribution with 76 behaviours", err, "TooManyCacheBehaviors")
}

// Deleting: only a distribution that is disabled and deployed can be
// deleted, with the current ETag as If-Match (API Reference,
// DeleteDistribution: "Before you can delete a distribution, you must
// disable it"; the model, DeleteDistributionRequest: "Submit a GET
// Distribution request to confirm that your changes have propagated.
// When propagation is complete, the value of Status is Deployed", then
// DELETE with that ETag).
func testDelete(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	d, err := env.Conn.CreateDistribution(ctx, site(env.Names()))
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	env.deployed(t)
	wantOK(t, env, "GetDistribution", d.Refresh(ctx))
	_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String(d.ETag)})
	if env.Diff.DeletesEnabled {
		wantOK(t, env, "DeleteDistribution of an enabled distribution (DeletesEnabled)", err)
		wantCode(t, env, "GetDistribution after deleting it enabled (DeletesEnabled)", d.Refresh(ctx), "NoSuchDistribution")
		// The rest needs a distribution still there.
		if d, err = env.Conn.CreateDistribution(ctx, site(env.Names())); err != nil {
			t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
		}
	} else {
		wantCode(t, env, "DeleteDistribution of an enabled distribution", err, "DistributionNotDisabled")
	}

	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error { env.restore(c); c.Enabled = false; return nil })
	if err != nil {
		t.Fatalf("%s: disabling: %v", env.Name, err)
	}
	if !env.Diff.NoRedeploy {
		_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String(d.ETag)})
		wantCode(t, env, "DeleteDistribution while disabling is InProgress", err, "DistributionNotDisabled")
	}
	env.deployed(t)
	wantOK(t, env, "GetDistribution", d.Refresh(ctx))
	if d.Status != "Deployed" || d.Config.Enabled {
		t.Errorf("%s: after disabling: status %q enabled %v", env.Name, d.Status, d.Config.Enabled)
	}
	_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID)})
	wantCode(t, env, "DeleteDistribution without If-Match", err, "InvalidIfMatchVersion")
	_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String("E2QWRUHEXAMPLE")})
	if env.Diff.AcceptsAnyIfMatch {
		wantOK(t, env, "DeleteDistribution with a wrong If-Match (AcceptsAnyIfMatch)", err)
	} else {
		wantCode(t, env, "DeleteDistribution with a wrong If-Match", err, "PreconditionFailed")
		_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String(d.ETag)})
		wantOK(t, env, "DeleteDistribution", err)
	}
	wantCode(t, env, "GetDistribution after DeleteDistribution", d.Refresh(ctx), "NoSuchDistribution")
	_, err = client.DeleteDistribution(ctx, &cf.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String(d.ETag)})
	wantCode(t, env, "DeleteDistribution of a deleted distribution", err, "NoSuchDistribution")
}
