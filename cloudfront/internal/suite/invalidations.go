package suite

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/google/go-cmp/cmp"
)

// Invalidations: created InProgress and Completed once done (the model,
// Invalidation, Status: "When the invalidation batch is finished, the
// status is Completed"), read back and listed; a CallerReference sent
// again with the same paths answers the first invalidation, and with
// other paths is InvalidationBatchAlreadyExists (the model,
// InvalidationBatch, CallerReference).
func testInvalidations(t *testing.T, env Env) {
	ctx := t.Context()
	d, err := env.Conn.CreateDistribution(ctx, site(env.Names()))
	if err != nil {
		t.Fatalf("%s: CreateDistribution: %v", env.Name, err)
	}
	env.deployed(t)

	ref := env.Names()
	paths := []string{"/index.html", "/images/*"}
	inv, err := d.InvalidateRef(ctx, ref, paths...)
	if err != nil {
		t.Fatalf("%s: CreateInvalidation: %v", env.Name, err)
	}
	wantStatus := "InProgress"
	if env.Diff.InvalidationsDoneAtOnce {
		wantStatus = "COMPLETED"
	}
	if inv.ID == "" || inv.Status != wantStatus || inv.CallerReference != ref {
		t.Errorf("%s: created invalidation %q status %q reference %q, want status %s reference %q", env.Name, inv.ID, inv.Status, inv.CallerReference, wantStatus, ref)
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values(paths)), slices.Sorted(slices.Values(inv.Paths))); diff != "" {
		t.Errorf("%s: created invalidation's paths (-want +got):\n%s", env.Name, diff)
	}

	env.deployed(t)
	got := d.Invalidation(inv.ID)
	if err := got.Refresh(ctx); err != nil {
		t.Fatalf("%s: GetInvalidation: %v", env.Name, err)
	}
	wantDone := "Completed"
	if env.Diff.InvalidationsDoneAtOnce {
		wantDone = "COMPLETED"
	}
	if got.Status != wantDone || got.CallerReference != ref || !sameSet(paths, got.Paths) {
		t.Errorf("%s: GetInvalidation status %q reference %q paths %v, want %s %q %v", env.Name, got.Status, got.CallerReference, got.Paths, wantDone, ref, paths)
	}

	again, err := d.InvalidateRef(ctx, ref, paths...)
	wantOK(t, env, "CreateInvalidation again", err)
	switch {
	case err != nil:
	case env.Diff.InvalidationReferenceIgnored:
		if again.ID == inv.ID {
			t.Errorf("%s: InvalidationReferenceIgnored is set but the same batch answered %s again", env.Name, inv.ID)
		}
	case again.ID != inv.ID:
		t.Errorf("%s: the same CallerReference and paths made invalidation %s after %s", env.Name, again.ID, inv.ID)
	}
	_, err = d.InvalidateRef(ctx, ref, "/other.html")
	if env.Diff.InvalidationReferenceIgnored {
		wantOK(t, env, "CreateInvalidation with the CallerReference and other paths (InvalidationReferenceIgnored)", err)
	} else {
		wantCode(t, env, "CreateInvalidation with the CallerReference and other paths", err, "InvalidationBatchAlreadyExists")
	}

	var listed []string
	for x, err := range d.Invalidations(ctx) {
		if err != nil {
			t.Fatalf("%s: ListInvalidations: %v", env.Name, err)
		}
		listed = append(listed, x.ID)
	}
	if !slices.Contains(listed, inv.ID) {
		t.Errorf("%s: ListInvalidations = %v, want it to hold %s", env.Name, listed, inv.ID)
	}

	wantCode(t, env, "GetInvalidation of an unknown ID", d.Invalidation("I2J0I21PCUYOIK").Refresh(ctx), "NoSuchInvalidation")
	_, err = env.Conn.Client().ListInvalidations(ctx, &cf.ListInvalidationsInput{DistributionId: aws.String("E2QWRUHAPOMQZL")})
	if env.Diff.ListInvalidationsOfAnything {
		wantOK(t, env, "ListInvalidations of an unknown distribution (ListInvalidationsOfAnything)", err)
	} else {
		wantCode(t, env, "ListInvalidations of an unknown distribution", err, "NoSuchDistribution")
	}
}

// sameSet reports whether a and b hold the same strings in any order.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
