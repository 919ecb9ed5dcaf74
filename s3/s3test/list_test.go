package s3test_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

var listKeys = []string{"a.txt", "photos/2006/jan.jpg", "photos/2006/feb.jpg", "photos/2007/mar.jpg",
	"photos/top.jpg", "z", "Z-upper", "photos/2006/", "space key"}

func seedList(t *testing.T) (*s3test.Server, *s3.Client) {
	t.Helper()
	srv, c := startWithBucket(t, "bkt")
	for _, k := range listKeys {
		if err := srv.PutObject("bkt", k, []byte(k), nil); err != nil {
			t.Fatal(err)
		}
	}
	return srv, c
}

func TestListObjectsV2(t *testing.T) {
	_, c := seedList(t)
	tests := []struct {
		name         string
		in           s3.ListObjectsV2Input
		pageSize     int32
		wantKeys     []string
		wantPrefixes []string
		wantPages    int
	}{
		{"all, byte order", s3.ListObjectsV2Input{}, 0,
			[]string{"Z-upper", "a.txt", "photos/2006/", "photos/2006/feb.jpg", "photos/2006/jan.jpg", "photos/2007/mar.jpg", "photos/top.jpg", "space key", "z"}, nil, 1},
		{"delimiter", s3.ListObjectsV2Input{Delimiter: aws.String("/")}, 0,
			[]string{"Z-upper", "a.txt", "space key", "z"}, []string{"photos/"}, 1},
		{"prefix and delimiter", s3.ListObjectsV2Input{Prefix: aws.String("photos/"), Delimiter: aws.String("/")}, 0,
			[]string{"photos/top.jpg"}, []string{"photos/2006/", "photos/2007/"}, 1},
		{"paged by 2 with delimiter", s3.ListObjectsV2Input{Delimiter: aws.String("/")}, 2,
			[]string{"Z-upper", "a.txt", "space key", "z"}, []string{"photos/"}, 3},
		{"page ends on a common prefix", s3.ListObjectsV2Input{Delimiter: aws.String("/")}, 3,
			[]string{"Z-upper", "a.txt", "space key", "z"}, []string{"photos/"}, 2},
		{"paged by 1 under prefix", s3.ListObjectsV2Input{Prefix: aws.String("photos/2006/")}, 1,
			[]string{"photos/2006/", "photos/2006/feb.jpg", "photos/2006/jan.jpg"}, nil, 3},
		{"start-after", s3.ListObjectsV2Input{StartAfter: aws.String("photos/2007/mar.jpg")}, 0,
			[]string{"photos/top.jpg", "space key", "z"}, nil, 1},
		{"url encoding", s3.ListObjectsV2Input{Prefix: aws.String("space"), EncodingType: types.EncodingTypeUrl}, 0,
			[]string{"space+key"}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Bucket = aws.String("bkt")
			if tt.pageSize > 0 {
				in.MaxKeys = aws.Int32(tt.pageSize)
			}
			p := s3.NewListObjectsV2Paginator(c, &in)
			var keys, prefixes []string
			pages := 0
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if got := int(aws.ToInt32(out.KeyCount)); got != len(out.Contents)+len(out.CommonPrefixes) {
					t.Errorf("KeyCount %d for %d entries", got, len(out.Contents)+len(out.CommonPrefixes))
				}
				for _, o := range out.Contents {
					keys = append(keys, aws.ToString(o.Key))
				}
				for _, cp := range out.CommonPrefixes {
					prefixes = append(prefixes, aws.ToString(cp.Prefix))
				}
			}
			if diff := cmp.Diff(tt.wantKeys, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPrefixes, prefixes); diff != "" {
				t.Errorf("prefixes (-want +got):\n%s", diff)
			}
			if pages != tt.wantPages {
				t.Errorf("pages = %d, want %d", pages, tt.wantPages)
			}
		})
	}
	_, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), ContinuationToken: aws.String("!!")})
	if got := errCode(t, err); got != "InvalidArgument" {
		t.Errorf("bad token code = %q", got)
	}
	_, err = c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("nope")})
	if got := errCode(t, err); got != "NoSuchBucket" {
		t.Errorf("missing bucket code = %q", got)
	}
}

func TestListObjectsV1Markers(t *testing.T) {
	_, c := seedList(t)
	ctx := context.Background()
	var keys, prefixes, markers []string
	in := &s3.ListObjectsInput{Bucket: aws.String("bkt"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(2)}
	for {
		out, err := c.ListObjects(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
		for _, cp := range out.CommonPrefixes {
			prefixes = append(prefixes, aws.ToString(cp.Prefix))
		}
		if !aws.ToBool(out.IsTruncated) {
			break
		}
		markers = append(markers, aws.ToString(out.NextMarker))
		in.Marker = out.NextMarker
	}
	got := [][]string{keys, prefixes, markers}
	want := [][]string{{"Z-upper", "a.txt", "space key", "z"}, {"photos/"}, {"a.txt", "space key"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	out, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(1)})
	if err != nil || !aws.ToBool(out.IsTruncated) || out.NextMarker != nil {
		t.Errorf("without delimiter: truncated=%v NextMarker=%v err=%v; want truncated, no NextMarker",
			aws.ToBool(out.IsTruncated), out.NextMarker, err)
	}
}
