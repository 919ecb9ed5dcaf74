package s3

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/goboto/goboto"
)

func TestValidBucketName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"abc", true},
		{"my-bucket.example-1", true},
		{strings.Repeat("a", 63), true},
		{"1bucket2", true},
		{"", false},
		{"ab", false},
		{strings.Repeat("a", 64), false},
		{"MyBucket", false},
		{"my_bucket", false},
		{"-bucket", false},
		{"bucket-", false},
		{".bucket", false},
		{"bucket.", false},
		{"my..bucket", false},
		{"192.168.5.4", false},
		{"xn--bucket", false},
		{"sthree-bucket", false},
		{"bucket-s3alias", false},
		{"bucket--ol-s3", false},
		{"bucket--x-s3", false},
		{"bucket.mrap", false},
		{"bucket name", false},
	}
	for _, tt := range tests {
		err := validBucketName(tt.name)
		var ve *goboto.ValidationError
		if tt.ok != (err == nil) || err != nil && !errors.As(err, &ve) {
			t.Errorf("validBucketName(%q) = %v, want ok=%v (a *goboto.ValidationError when not)", tt.name, err, tt.ok)
		}
	}
}

func TestValidKeyName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"a", true},
		{"dir/sub/file.txt", true},
		{"ünïcode ☃", true},
		{strings.Repeat("k", 1024), true},
		{"", false},
		{strings.Repeat("k", 1025), false},
		{"bad\xff", false},
	}
	for _, tt := range tests {
		if err := validKeyName("Key", tt.name); tt.ok != (err == nil) {
			t.Errorf("validKeyName(%.40q) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// TestValidationSendsNothing proves that every method refuses bad input
// with a *goboto.ValidationError before any request.
func TestValidationSendsNothing(t *testing.T) {
	rec := newRecorder(t, nil)
	c := rec.conn("eu-west-1")
	ctx := context.Background()
	bad := c.Bucket("Bad_Bucket")
	good := c.Bucket("good-bucket")
	calls := []struct {
		name string
		call func() error
	}{
		{"CreateBucket", func() error { _, err := c.CreateBucket(ctx, "10.0.0.1"); return err }},
		{"Bucket.Delete", func() error { return bad.Delete(ctx) }},
		{"Bucket.Location", func() error { _, err := bad.Location(ctx); return err }},
		{"Bucket.Exists", func() error { _, err := bad.Exists(ctx); return err }},
		{"Keys bucket", func() error { return firstErr(bad.Keys(ctx)) }},
		{"Keys page size", func() error { return firstErr(good.Keys(ctx, PageSize(1001))) }},
		{"Key.Head", func() error { return good.Key("").Refresh(ctx) }},
		{"Key.Head bucket", func() error { return bad.Key("k").Refresh(ctx) }},
		{"Key.Put", func() error { return good.Key(strings.Repeat("k", 1025)).PutBytes(ctx, []byte("x")) }},
		{"Key.PutFile", func() error { return good.Key("").PutFile(ctx, "/nonexistent") }},
		{"Key.Get", func() error { _, err := good.Key("bad\xff").Get(ctx, &strings.Builder{}); return err }},
		{"Key.Get range", func() error { _, err := good.Key("k").Get(ctx, &strings.Builder{}, Range(-1, 5)); return err }},
		{"Key.Get zero range", func() error { _, err := good.Key("k").Get(ctx, &strings.Builder{}, Range(0, 0)); return err }},
		{"Key.GetFile", func() error { return good.Key("k").GetFile(ctx, t.TempDir()+"/f", Range(-2, 1)) }},
		{"Key.Delete", func() error { return bad.Key("k").Delete(ctx) }},
		{"Key.Copy dst bucket", func() error { _, err := good.Key("k").Copy(ctx, "UPPER", "k2"); return err }},
		{"Key.Copy dst key", func() error { _, err := good.Key("k").Copy(ctx, "other", ""); return err }},
		{"DeleteKeys bucket", func() error { return bad.DeleteKeys(ctx, []string{"a"}) }},
		{"DeleteKeys key", func() error { return good.DeleteKeys(ctx, []string{"a", ""}) }},
	}
	for _, tt := range calls {
		err := tt.call()
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want *goboto.ValidationError", tt.name, err)
		}
	}
	if n := rec.count(); n != 0 {
		t.Errorf("server got %d requests, want 0", n)
	}
}

func firstErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		return err
	}
	return nil
}

// FuzzValidBucketName checks that every name validBucketName accepts keeps
// S3's rules, and that it never panics.
func FuzzValidBucketName(f *testing.F) {
	for _, s := range []string{"abc", "a.b-c", "1.2.3.4", "xn--a", "a..b", "A", "bucket-s3alias"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if validBucketName(name) != nil {
			return
		}
		if len(name) < 3 || len(name) > 63 || strings.Contains(name, "..") ||
			!alnum(name[0]) || !alnum(name[len(name)-1]) || strings.HasPrefix(name, "xn--") {
			t.Errorf("accepted %q", name)
		}
		for _, c := range name {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
				t.Errorf("accepted %q with %q", name, c)
			}
		}
	})
}
