package s3test_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"
)

func TestListMultipartUploadsDelimiter(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "bkt")
	for _, k := range []string{"a", "dir/1", "dir/2", "dir/sub/3", "z"} {
		if _, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(k)}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name           string
		prefix         string
		max            int32
		keys, prefixes []string
	}{
		{"top", "", 0, []string{"a", "z"}, []string{"dir/"}},
		{"under dir", "dir/", 0, []string{"dir/1", "dir/2"}, []string{"dir/sub/"}},
		{"pages of one", "", 1, []string{"a", "z"}, []string{"dir/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt"), Delimiter: aws.String("/"), Prefix: aws.String(tt.prefix)}
			if tt.max > 0 {
				in.MaxUploads = aws.Int32(tt.max)
			}
			var keys, prefixes []string
			for range 10 {
				out, err := c.ListMultipartUploads(ctx, in)
				if err != nil {
					t.Fatal(err)
				}
				for _, u := range out.Uploads {
					keys = append(keys, aws.ToString(u.Key))
				}
				for _, p := range out.CommonPrefixes {
					prefixes = append(prefixes, aws.ToString(p.Prefix))
				}
				if !aws.ToBool(out.IsTruncated) {
					break
				}
				in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
			}
			if diff := cmp.Diff([][]string{tt.keys, tt.prefixes}, [][]string{keys, prefixes}); diff != "" {
				t.Errorf("[uploads, prefixes] (-want +got):\n%s", diff)
			}
		})
	}
}
