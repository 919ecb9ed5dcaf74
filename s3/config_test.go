package s3_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

func TestVersioningRoundTrip(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "versioned")
	if err != nil {
		t.Fatal(err)
	}
	var got []s3.VersioningStatus
	for _, set := range []s3.VersioningStatus{"", s3.VersioningEnabled, s3.VersioningSuspended} {
		if set != "" {
			if err := b.SetVersioning(ctx, set); err != nil {
				t.Fatal(err)
			}
		}
		s, err := b.Versioning(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if diff := cmp.Diff([]s3.VersioningStatus{"", "Enabled", "Suspended"}, got); diff != "" {
		t.Errorf("Versioning (-want +got):\n%s", diff)
	}
	var ve *goboto.ValidationError
	if err := b.SetVersioning(ctx, "enabled"); !errors.As(err, &ve) {
		t.Errorf("SetVersioning(%q) = %v; want a *goboto.ValidationError", "enabled", err)
	}
}

func TestPolicyRoundTrip(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "with-policy")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Policy(ctx); !goboto.IsNotFound(err) {
		t.Fatalf("Policy before Set: err = %v, want not found", err)
	}
	const policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::with-policy/*"}]}`
	if err := b.SetPolicy(ctx, policy); err != nil {
		t.Fatal(err)
	}
	got, err := b.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(policy, got); diff != "" {
		t.Errorf("Policy (-want +got):\n%s", diff)
	}
	if err := b.DeletePolicy(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Policy(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Policy after Delete: err = %v, want not found", err)
	}
}

func TestCORSRoundTrip(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "with-cors")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.CORS(ctx); !goboto.IsNotFound(err) {
		t.Fatalf("CORS before Set: err = %v, want not found", err)
	}
	rules := []s3.CORSRule{
		{ID: "web", AllowedOrigins: []string{"https://example.com"}, AllowedMethods: []string{"GET", "HEAD"},
			AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"ETag"}, MaxAge: 3000},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}},
	}
	if err := b.SetCORS(ctx, rules); err != nil {
		t.Fatal(err)
	}
	got, err := b.CORS(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rules, got); diff != "" {
		t.Errorf("CORS (-want +got):\n%s", diff)
	}
	if err := b.DeleteCORS(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CORS(ctx); !goboto.IsNotFound(err) {
		t.Errorf("CORS after Delete: err = %v, want not found", err)
	}
}

func TestLifecycleRoundTrip(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "with-lifecycle")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Lifecycle(ctx); !goboto.IsNotFound(err) {
		t.Fatalf("Lifecycle before Set: err = %v, want not found", err)
	}
	rules := []s3.LifecycleRule{
		{ID: "logs", Prefix: "logs/", Enabled: true, ExpirationDays: 30, NoncurrentExpirationDays: 7},
		{ID: "uploads", Enabled: false, AbortIncompleteMultipartDays: 2},
	}
	if err := b.SetLifecycle(ctx, rules); err != nil {
		t.Fatal(err)
	}
	got, err := b.Lifecycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rules, got); diff != "" {
		t.Errorf("Lifecycle (-want +got):\n%s", diff)
	}
	if err := b.DeleteLifecycle(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Lifecycle(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Lifecycle after Delete: err = %v, want not found", err)
	}
}

func TestWebsiteRoundTrip(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "with-website")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Website(ctx); !goboto.IsNotFound(err) {
		t.Fatalf("Website before Set: err = %v, want not found", err)
	}
	want := s3.Website{IndexDocument: "index.html", ErrorDocument: "404.html"}
	if err := b.SetWebsite(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := b.Website(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Website (-want +got):\n%s", diff)
	}
	if err := b.DeleteWebsite(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Website(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Website after Delete: err = %v, want not found", err)
	}
}

func TestConfigNoSuchBucket(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b := conn.Bucket("no-such-bucket")
	_, err := b.Versioning(ctx)
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "NoSuchBucket" {
		t.Errorf("Versioning of missing bucket: err = %v, want NoSuchBucket", err)
	}
}

func TestConfigValidation(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b := conn.Bucket("some-bucket")
	long := string(make([]byte, 256))
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"policy not JSON", func() error { return b.SetPolicy(ctx, "{not json") }, "Policy"},
		{"policy not object", func() error { return b.SetPolicy(ctx, `["a"]`) }, "Policy"},
		{"cors no rules", func() error { return b.SetCORS(ctx, nil) }, "CORSRules"},
		{"cors bad method", func() error {
			return b.SetCORS(ctx, []s3.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}}})
		}, "CORSRules[0].AllowedMethods"},
		{"cors no origin", func() error {
			return b.SetCORS(ctx, []s3.CORSRule{{AllowedMethods: []string{"GET"}}})
		}, "CORSRules[0].AllowedOrigins"},
		{"cors negative max age", func() error {
			return b.SetCORS(ctx, []s3.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAge: -1}})
		}, "CORSRules[0].MaxAge"},
		{"lifecycle no rules", func() error { return b.SetLifecycle(ctx, nil) }, "Rules"},
		{"lifecycle long ID", func() error {
			return b.SetLifecycle(ctx, []s3.LifecycleRule{{ID: long, ExpirationDays: 1}})
		}, "Rules[0].ID"},
		{"lifecycle negative days", func() error {
			return b.SetLifecycle(ctx, []s3.LifecycleRule{{ExpirationDays: 1, NoncurrentExpirationDays: -3}})
		}, "Rules[0].NoncurrentExpirationDays"},
		{"lifecycle no action", func() error {
			return b.SetLifecycle(ctx, []s3.LifecycleRule{{ID: "x", Enabled: true}})
		}, "Rules[0].ExpirationDays"},
		{"website no index", func() error { return b.SetWebsite(ctx, s3.Website{ErrorDocument: "e.html"}) }, "IndexDocument"},
		{"website index slash", func() error { return b.SetWebsite(ctx, s3.Website{IndexDocument: "a/index.html"}) }, "IndexDocument"},
		{"bad bucket name", func() error { return conn.Bucket("Bad_Name").SetVersioning(ctx, s3.VersioningEnabled) }, "Bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			err := tt.call()
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want *goboto.ValidationError", err)
			}
			if ve.Field != tt.field {
				t.Errorf("Field = %q, want %q", ve.Field, tt.field)
			}
			if calls := srv.Calls(); len(calls) != 0 {
				t.Errorf("sent %d request(s), want none", len(calls))
			}
		})
	}
}
