package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/examples/internal/golden"
)

// TestDynamicSite runs the walkthrough on the local cloud, checks the
// transcript, what reached the origin, and that the distribution is
// gone.
func TestDynamicSite(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	o := options{origin: "localhost", listen: "127.0.0.1:0"}
	if err := run(ctx, &out, env, o, newOrigin()); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "transcript.golden", out.Bytes())

	for d, err := range cloudfront.New(env.Config).Distributions(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("distribution %s left behind", d.ID)
	}
}

// TestOriginSaw checks, from the origin's side, which requests
// CloudFront passed through: every one of the holes, each cached page
// once per freshness (the post twice: before and after the
// invalidation).
func TestOriginSaw(t *testing.T) {
	ctx := context.Background()
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	org := newOrigin()
	o := options{origin: "localhost", listen: "127.0.0.1:0"}
	if err := run(ctx, &out, env, o, org); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	org.mu.Lock()
	seen := org.served
	org.mu.Unlock()
	want := map[string]int{
		"GET /":              1,
		"GET " + postPath:    2,
		"GET /wp-login.php":  1,
		"POST /wp-login.php": 1,
		"GET /wp-admin/":     3,
		"POST /comment":      1,
	}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("origin saw (-want +got):\n%s", diff)
	}
}
