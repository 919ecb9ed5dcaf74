package suite

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

// testVersioning turns versioning on and suspends it.
func testVersioning(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	var got []string
	for _, step := range []func() error{
		func() error { return nil },
		func() error { return b.SetVersioning(ctx, s3.VersioningEnabled) },
		func() error { return b.SetVersioning(ctx, s3.VersioningSuspended) },
	} {
		if err := step(); err != nil {
			t.Fatalf("%s: SetVersioning: %v", e.Name, err)
		}
		s, err := b.Versioning(ctx)
		if err != nil {
			t.Fatalf("%s: Versioning: %v", e.Name, err)
		}
		got = append(got, string(s))
	}
	if diff := cmp.Diff([]string{"", "Enabled", "Suspended"}, got); diff != "" {
		t.Errorf("%s: Versioning after never, on, suspended (-want +got):\n%s", e.Name, diff)
	}
}

// testPolicy stores, reads and deletes a bucket policy.
func testPolicy(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	_, err := b.Policy(ctx)
	e.wantCode(t, "Policy of a bucket without one", err, "NoSuchBucketPolicy", http.StatusNotFound)
	if !goboto.IsNotFound(err) {
		t.Errorf("%s: IsNotFound(NoSuchBucketPolicy) = false", e.Name)
	}
	// A Deny: S3 refuses a policy that grants public access while Block
	// Public Access is on, as it is for new buckets.
	policy := `{"Version":"2012-10-17","Statement":[{"Sid":"keep","Effect":"Deny",` +
		`"Principal":{"AWS":["*"]},"Action":["s3:DeleteObject"],"Resource":["arn:aws:s3:::` + b.Name + `/keep/*"]}]}`
	if err := b.SetPolicy(ctx, policy); err != nil {
		t.Fatalf("%s: SetPolicy: %v", e.Name, err)
	}
	got, err := b.Policy(ctx)
	if err != nil {
		t.Fatalf("%s: Policy: %v", e.Name, err)
	}
	// S3 may answer the policy reformatted, so compare it as JSON.
	var want, have any
	if err := json.Unmarshal([]byte(policy), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &have); err != nil {
		t.Fatalf("%s: Policy answered %q, not JSON: %v", e.Name, got, err)
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("%s: Policy (-want +got):\n%s", e.Name, diff)
	}
	e.wantValidation(t, "SetPolicy(not json)", b.SetPolicy(ctx, "not json"), "Policy")
	// JSON, but not a policy: S3 checks the grammar.
	err = b.SetPolicy(ctx, `{"Version":"2012-10-17"}`)
	if e.Diff.PolicyNotValidated {
		if err != nil {
			t.Errorf("%s: SetPolicy without Statement: %v; the flag says it is accepted", e.Name, err)
		}
	} else {
		e.wantCode(t, "SetPolicy without Statement", err, "MalformedPolicy", http.StatusBadRequest)
	}
	if err := b.DeletePolicy(ctx); err != nil {
		t.Fatalf("%s: DeletePolicy: %v", e.Name, err)
	}
	_, err = b.Policy(ctx)
	e.wantCode(t, "Policy after DeletePolicy", err, "NoSuchBucketPolicy", http.StatusNotFound)
}

// testCORS stores, reads and deletes CORS rules.
func testCORS(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	rules := []s3.CORSRule{{
		ID: "web", AllowedOrigins: []string{"https://example.com"}, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"ETag"}, MaxAge: 300,
	}}
	_, err := b.CORS(ctx)
	e.wantCode(t, "CORS of a bucket without rules", err, "NoSuchCORSConfiguration", http.StatusNotFound)
	err = b.SetCORS(ctx, rules)
	if e.Diff.NoCORS {
		e.wantCode(t, "SetCORS", err, "NotImplemented", http.StatusNotImplemented)
		e.wantCode(t, "DeleteCORS", b.DeleteCORS(ctx), "NotImplemented", http.StatusNotImplemented)
		return
	}
	if err != nil {
		t.Fatalf("%s: SetCORS: %v", e.Name, err)
	}
	got, err := b.CORS(ctx)
	if err != nil {
		t.Fatalf("%s: CORS: %v", e.Name, err)
	}
	if diff := cmp.Diff(rules, got); diff != "" {
		t.Errorf("%s: CORS (-want +got):\n%s", e.Name, diff)
	}
	if err := b.DeleteCORS(ctx); err != nil {
		t.Fatalf("%s: DeleteCORS: %v", e.Name, err)
	}
	_, err = b.CORS(ctx)
	e.wantCode(t, "CORS after DeleteCORS", err, "NoSuchCORSConfiguration", http.StatusNotFound)
}

// testLifecycle stores, reads and deletes lifecycle rules.
func testLifecycle(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	_, err := b.Lifecycle(ctx)
	e.wantCode(t, "Lifecycle of a bucket without one", err, "NoSuchLifecycleConfiguration", http.StatusNotFound)
	rules := []s3.LifecycleRule{
		{ID: "logs", Prefix: "logs/", Enabled: true, ExpirationDays: 30},
		{ID: "tmp", Prefix: "tmp/", Enabled: false, ExpirationDays: 1},
	}
	if err := b.SetLifecycle(ctx, rules); err != nil {
		t.Fatalf("%s: SetLifecycle: %v", e.Name, err)
	}
	got, err := b.Lifecycle(ctx)
	if err != nil {
		t.Fatalf("%s: Lifecycle: %v", e.Name, err)
	}
	if diff := cmp.Diff(rules, got); diff != "" {
		t.Errorf("%s: Lifecycle (-want +got):\n%s", e.Name, diff)
	}

	// AbortIncompleteMultipartUpload beside an expiration, then alone.
	both := []s3.LifecycleRule{{ID: "mpu", Prefix: "up/", Enabled: true, ExpirationDays: 30, AbortIncompleteMultipartDays: 7}}
	if err := b.SetLifecycle(ctx, both); err != nil {
		t.Fatalf("%s: SetLifecycle with AbortIncompleteMultipartUpload: %v", e.Name, err)
	}
	want := both
	if e.Diff.LifecycleNoAbortMultipart {
		want = []s3.LifecycleRule{{ID: "mpu", Prefix: "up/", Enabled: true, ExpirationDays: 30}}
	}
	if got, err := b.Lifecycle(ctx); err != nil {
		t.Errorf("%s: Lifecycle: %v", e.Name, err)
	} else if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: Lifecycle with AbortIncompleteMultipartUpload (-want +got):\n%s", e.Name, diff)
	}
	alone := []s3.LifecycleRule{{ID: "mpu", Enabled: true, AbortIncompleteMultipartDays: 7}}
	err = b.SetLifecycle(ctx, alone)
	if e.Diff.LifecycleNoAbortMultipart {
		e.wantCode(t, "SetLifecycle with only AbortIncompleteMultipartUpload", err, "InvalidArgument", http.StatusBadRequest)
	} else if err != nil {
		t.Errorf("%s: SetLifecycle with only AbortIncompleteMultipartUpload: %v", e.Name, err)
	} else if got, err := b.Lifecycle(ctx); err != nil || !cmp.Equal(alone, got) {
		t.Errorf("%s: Lifecycle = %+v, %v; want %+v", e.Name, got, err, alone)
	}

	if err := b.DeleteLifecycle(ctx); err != nil {
		t.Fatalf("%s: DeleteLifecycle: %v", e.Name, err)
	}
	_, err = b.Lifecycle(ctx)
	e.wantCode(t, "Lifecycle after DeleteLifecycle", err, "NoSuchLifecycleConfiguration", http.StatusNotFound)
}

// testWebsite stores, reads and deletes a website configuration.
func testWebsite(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	_, err := b.Website(ctx)
	e.wantCode(t, "Website of a bucket without one", err, "NoSuchWebsiteConfiguration", http.StatusNotFound)
	w := s3.Website{IndexDocument: "index.html", ErrorDocument: "errors/404.html"}
	err = b.SetWebsite(ctx, w)
	if e.Diff.NoWebsite {
		e.wantCode(t, "SetWebsite", err, "MalformedXML", http.StatusBadRequest)
		return
	}
	if err != nil {
		t.Fatalf("%s: SetWebsite: %v", e.Name, err)
	}
	if got, err := b.Website(ctx); err != nil || got != w {
		t.Errorf("%s: Website = %+v, %v; want %+v", e.Name, got, err, w)
	}
	if err := b.DeleteWebsite(ctx); err != nil {
		t.Fatalf("%s: DeleteWebsite: %v", e.Name, err)
	}
	_, err = b.Website(ctx)
	e.wantCode(t, "Website after DeleteWebsite", err, "NoSuchWebsiteConfiguration", http.StatusNotFound)
}
