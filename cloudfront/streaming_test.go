package cloudfront_test

import (
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

func rtmp() cloudfront.StreamingDistributionConfig {
	return cloudfront.StreamingDistributionConfig{Comment: "media", Enabled: true, Origin: "media.s3.amazonaws.com"}
}

// CloudFront refuses new RTMP distributions since 2020-12-31; the fake
// does too unless it runs in legacy mode.
func TestStreamingCreateRefused(t *testing.T) {
	_, conn := startFake(t)
	if _, err := conn.CreateStreamingDistribution(t.Context(), rtmp()); code(err) != "TooManyStreamingDistributions" {
		t.Fatalf("CreateStreamingDistribution: %v; want TooManyStreamingDistributions", err)
	}
	for s, err := range conn.StreamingDistributions(t.Context()) {
		t.Fatalf("a refused creation left %v, %v", s, err)
	}
}

func TestStreamingLifecycle(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, cloudfronttest.WithLegacyStreaming(), fakes.WithClock(clock.Now), cloudfronttest.WithDeployTime(time.Minute))
	ctx := t.Context()
	cfg := rtmp()
	cfg.Tags = map[string]string{"kind": "rtmp"}
	s, err := conn.CreateStreamingDistribution(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Object("videos/intro.mp4").URL(), "rtmp://"+s.DomainName+"/cfx/st/videos/intro.mp4"; got != want || s.DomainName == "" {
		t.Errorf("URL() = %q; want %q", got, want)
	}
	n := 0
	for got, err := range conn.StreamingDistributions(ctx) {
		if err != nil || got.ID != s.ID || got.Config.Origin != "media.s3.amazonaws.com" {
			t.Errorf("listed %+v, %v", got, err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("listed %d streaming distributions; want 1", n)
	}
	if err := s.Update(ctx, func(c *cloudfront.StreamingDistributionConfig) error { c.Origin = "other.s3.amazonaws.com"; return nil }); code(err) != "IllegalUpdate" {
		t.Errorf("changing the origin: %v; want IllegalUpdate", err)
	}
	stale := *s
	if err := s.Update(ctx, func(c *cloudfront.StreamingDistributionConfig) error { c.Comment = "renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := stale.Save(ctx); code(err) != "PreconditionFailed" {
		t.Errorf("stale Save: %v; want PreconditionFailed", err)
	}
	polls := 0
	err = s.Delete(ctx, goboto.Interval(time.Millisecond), goboto.Progress(func(string, time.Duration) {
		if polls++; polls == 3 {
			clock.Advance(time.Minute)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); code(err) != "NoSuchStreamingDistribution" || !goboto.IsNotFound(err) {
		t.Errorf("after Delete: %v; want NoSuchStreamingDistribution", err)
	}
}

func TestStreamingValidate(t *testing.T) {
	srv, conn := startFake(t, cloudfronttest.WithLegacyStreaming())
	for _, edit := range []func(*cloudfront.StreamingDistributionConfig){
		func(c *cloudfront.StreamingDistributionConfig) { c.Origin = "www.example.com" },
		func(c *cloudfront.StreamingDistributionConfig) { c.TrustedSigners = []string{"someone"} },
	} {
		cfg := rtmp()
		edit(&cfg)
		if _, err := conn.CreateStreamingDistribution(t.Context(), cfg); !isValidation(err) {
			t.Errorf("CreateStreamingDistribution(%+v): %v; want a ValidationError", cfg, err)
		}
	}
	if len(srv.Calls()) != 0 {
		t.Errorf("refused configurations were sent: %v", srv.Calls())
	}
}
