package s3_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// Buckets pages with max-buckets and continuation-token and narrows by
// prefix, as the S3 API Reference describes ListBuckets; s3test answers
// the same way instead of ignoring both parameters.
func TestBucketsPagesAndPrefix(t *testing.T) {
	srv := s3test.Start(t)
	for _, name := range []string{"app-a", "app-b", "app-c", "app-d", "other"} {
		if err := srv.CreateBucket("", "us-east-1", name); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.CreateBucket("444455556666", "us-east-1", "app-theirs"); err != nil {
		t.Fatal(err)
	}
	conn := s3.New(srv.Config(""))
	names := func(opts ...s3.ListOption) []string {
		t.Helper()
		var out []string
		for b, err := range conn.Buckets(context.Background(), opts...) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b.Name)
		}
		return out
	}
	srv.ResetCalls()
	if diff := cmp.Diff([]string{"app-a", "app-b", "app-c", "app-d"}, names(s3.Prefix("app-"), s3.PageSize(3))); diff != "" {
		t.Errorf("Buckets (-want +got):\n%s", diff)
	}
	if n := len(srv.Calls()); n != 2 {
		t.Errorf("%d ListBuckets calls for 4 buckets in pages of 3; want 2", n)
	}
	if diff := cmp.Diff([]string{"app-a", "app-b", "app-c", "app-d", "other"}, names()); diff != "" {
		t.Errorf("Buckets without options (-want +got):\n%s", diff)
	}
	var ve *goboto.ValidationError
	for _, err := range conn.Buckets(context.Background(), s3.PageSize(10001)) {
		if !errors.As(err, &ve) {
			t.Errorf("PageSize(10001): %v; want a ValidationError", err)
		}
		break
	}
}
