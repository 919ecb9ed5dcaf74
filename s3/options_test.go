package s3

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
)

var ignoreNoCopy = cmpopts.IgnoreUnexported(
	s3.CreateBucketInput{}, s3.PutObjectInput{}, s3.GetObjectInput{}, s3.CopyObjectInput{},
	s3.ListObjectsV2Input{}, s3.DeleteObjectsInput{}, types.CreateBucketConfiguration{},
	types.Delete{}, types.ObjectIdentifier{},
)

func TestCreateBucketInput(t *testing.T) {
	tests := []struct {
		region string
		opts   []BucketOption
		want   *s3.CreateBucketInput
	}{
		{"us-east-1", nil, &s3.CreateBucketInput{Bucket: aws.String("b")}},
		{"eu-west-1", nil, &s3.CreateBucketInput{Bucket: aws.String("b"),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}},
		{"us-east-1", []BucketOption{BucketACL(PublicRead), ObjectLock(), nil}, &s3.CreateBucketInput{
			Bucket: aws.String("b"), ACL: types.BucketCannedACLPublicRead, ObjectLockEnabledForBucket: aws.Bool(true)}},
	}
	for _, tt := range tests {
		c := &Conn{region: tt.region}
		if diff := cmp.Diff(tt.want, c.createBucketInput("b", bucketOptions(tt.opts)), ignoreNoCopy); diff != "" {
			t.Errorf("createBucketInput in %s (-want +got):\n%s", tt.region, diff)
		}
	}
}

func TestPutInput(t *testing.T) {
	meta := map[string]string{"owner": "alice"}
	k := (&Conn{}).Bucket("b").Key("dir/k")
	got := k.putInput(nil, putOptions([]PutOption{
		ContentType("text/plain"), Metadata(meta), CacheControl("max-age=60"),
		StorageClass("STANDARD_IA"), ServerSideEncryption("AES256"),
	}))
	meta["owner"] = "changed after the option was made"
	want := &s3.PutObjectInput{
		Bucket: aws.String("b"), Key: aws.String("dir/k"), ContentType: aws.String("text/plain"),
		Metadata: map[string]string{"owner": "alice"}, CacheControl: aws.String("max-age=60"),
		StorageClass: types.StorageClassStandardIa, ServerSideEncryption: types.ServerSideEncryptionAes256,
	}
	if diff := cmp.Diff(want, got, ignoreNoCopy); diff != "" {
		t.Errorf("putInput (-want +got):\n%s", diff)
	}
}

func TestGetInput(t *testing.T) {
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		opts []GetOption
		want *s3.GetObjectInput
	}{
		{"none", nil, &s3.GetObjectInput{}},
		{"range", []GetOption{Range(10, 5)}, &s3.GetObjectInput{Range: aws.String("bytes=10-14")}},
		{"open range", []GetOption{Range(100, -1)}, &s3.GetObjectInput{Range: aws.String("bytes=100-")}},
		{"conditions", []GetOption{IfMatch(`"e1"`), IfNoneMatch(`"e2"`), IfModifiedSince(when), IfUnmodifiedSince(when.Add(time.Hour))},
			&s3.GetObjectInput{IfMatch: aws.String(`"e1"`), IfNoneMatch: aws.String(`"e2"`),
				IfModifiedSince: aws.Time(when), IfUnmodifiedSince: aws.Time(when.Add(time.Hour))}},
	}
	k := (&Conn{}).Bucket("b").Key("k")
	for _, tt := range tests {
		tt.want.Bucket, tt.want.Key = aws.String("b"), aws.String("k")
		got, err := k.getInput(tt.opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got, ignoreNoCopy); diff != "" {
			t.Errorf("%s: getInput (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestCopyInput(t *testing.T) {
	k := (&Conn{}).Bucket("src").Key("dir/a b+c.txt")
	o, err := copyOptions([]CopyOption{ReplaceMetadata("text/csv", map[string]string{"x": "1"}), CopyStorageClass("GLACIER_IR")})
	if err != nil {
		t.Fatal(err)
	}
	got := k.copyInput("dst", "new", o)
	want := &s3.CopyObjectInput{
		Bucket: aws.String("dst"), Key: aws.String("new"), CopySource: aws.String("src/dir/a%20b+c.txt"),
		MetadataDirective: types.MetadataDirectiveReplace, ContentType: aws.String("text/csv"),
		Metadata: map[string]string{"x": "1"}, StorageClass: types.StorageClassGlacierIr,
	}
	if diff := cmp.Diff(want, got, ignoreNoCopy); diff != "" {
		t.Errorf("copyInput (-want +got):\n%s", diff)
	}
}

// Every listing takes one ListOptions and refuses what it does not take.
func TestListOptions(t *testing.T) {
	tests := []struct {
		op    string
		opts  []ListOption
		max   int
		takes []string
		field string // of the ValidationError; "" for none
	}{
		{"Keys", []ListOption{Prefix("p/"), Delimiter("/"), StartAfter("p/a"), PageSize(10), FetchOwner(), nil}, 1000,
			[]string{"Prefix", "Delimiter", "StartAfter", "FetchOwner"}, ""},
		{"Keys", []ListOption{KeyMarker("k")}, 1000, []string{"Prefix", "Delimiter", "StartAfter", "FetchOwner"}, "KeyMarker"},
		{"Parts", []ListOption{Prefix("p")}, 1000, nil, "Prefix"},
		{"Parts", []ListOption{PageSize(1000)}, 1000, nil, ""},
		{"Parts", []ListOption{PageSize(1001)}, 1000, nil, "PageSize"},
		{"Buckets", []ListOption{PageSize(10000)}, 10000, []string{"Prefix"}, ""},
		{"Buckets", []ListOption{PageSize(-1)}, 10000, []string{"Prefix"}, "PageSize"},
		{"Buckets", []ListOption{FetchOwner()}, 10000, []string{"Prefix"}, "FetchOwner"},
		{"Uploads", []ListOption{Delimiter("/")}, 1000, []string{"Prefix", "KeyMarker"}, "Delimiter"},
	}
	for _, tt := range tests {
		_, err := listOptions(tt.op, tt.opts, tt.max, tt.takes...)
		got := ""
		var ve *goboto.ValidationError
		if errors.As(err, &ve) {
			got = ve.Field
		} else if err != nil {
			got = err.Error()
		}
		if got != tt.field {
			t.Errorf("%s %v: error on %q (%v), want %q", tt.op, tt.takes, got, err, tt.field)
		}
	}
}

func TestRegionOf(t *testing.T) {
	for in, want := range map[types.BucketLocationConstraint]string{"": "us-east-1", "EU": "eu-west-1", "ap-south-1": "ap-south-1"} {
		if got := regionOf(in); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestObjectSize(t *testing.T) {
	tests := []struct {
		length *int64
		cr     *string
		want   int64
	}{
		{aws.Int64(5), nil, 5},
		{aws.Int64(5), aws.String("bytes 7-11/12"), 12},
		{aws.Int64(5), aws.String("bytes 7-11/*"), 5},
		{nil, nil, 0},
	}
	for _, tt := range tests {
		if got := aws.ToInt64(objectSize(tt.length, tt.cr)); got != tt.want {
			t.Errorf("objectSize(%v, %q) = %d, want %d", aws.ToInt64(tt.length), aws.ToString(tt.cr), got, tt.want)
		}
	}
}
