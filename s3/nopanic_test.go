package s3_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/goboto/goboto"

	"github.com/goboto/goboto/internal/testutil/nopanic"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// Every exported function and method, called with zero values, nil
// readers and writers, empty names and cancelled contexts, returns a
// typed error and sends nothing: on zero handles, on handles the
// connection made with empty names, and on a zero Conn.
func TestNoPanic(t *testing.T) {
	srv := s3test.Start(t)
	conn := s3.New(srv.Config(""))
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			conn, conn.Bucket(""), conn.Bucket("").Key(""),
			new(s3.Conn), new(s3.Bucket), new(s3.Key), new(s3.Conn).Bucket("").Key(""),
			new(s3.DeleteError), new(s3.TransferError), new(s3.ChecksumError), s3.Progress{},
			new(s3.Version), new(s3.MultipartUpload), new(s3.UploadedPart),
		},
		Funcs: map[string]any{
			"New": s3.New, "NewConn": s3.NewConn, "WithClientOptions": s3.WithClientOptions,
			"BucketACL": s3.BucketACL, "BucketGrants": s3.BucketGrants, "ObjectLock": s3.ObjectLock,
			"ContentType": s3.ContentType, "Metadata": s3.Metadata, "CacheControl": s3.CacheControl,
			"StorageClass": s3.StorageClass, "ServerSideEncryption": s3.ServerSideEncryption, "Grants": s3.Grants,
			"Range": s3.Range, "IfMatch": s3.IfMatch, "IfNoneMatch": s3.IfNoneMatch, "IfModifiedSince": s3.IfModifiedSince,
			"IfUnmodifiedSince": s3.IfUnmodifiedSince, "VersionID": s3.VersionID,
			"ReplaceMetadata": s3.ReplaceMetadata, "CopyVersion": s3.CopyVersion, "CopyStorageClass": s3.CopyStorageClass,
			"CopyPartSize": s3.CopyPartSize, "CopyConcurrency": s3.CopyConcurrency, "CopyGrants": s3.CopyGrants,
			"Prefix": s3.Prefix, "Delimiter": s3.Delimiter, "StartAfter": s3.StartAfter, "KeyMarker": s3.KeyMarker,
			"VersionIDMarker": s3.VersionIDMarker, "PageSize": s3.PageSize, "FetchOwner": s3.FetchOwner,
			"PartSize": s3.PartSize, "Concurrency": s3.Concurrency, "WithChecksum": s3.WithChecksum,
			"OnProgress": s3.OnProgress, "WithPut": s3.WithPut, "KeepOnError": s3.KeepOnError,
			"SyncFiles": s3.SyncFiles, "SyncDelete": s3.SyncDelete,
			"UserGrantee": s3.UserGrantee, "EmailGrantee": s3.EmailGrantee, "GroupGrantee": s3.GroupGrantee,
			"GrantRead": s3.GrantRead, "GrantWrite": s3.GrantWrite, "GrantReadACP": s3.GrantReadACP,
			"GrantWriteACP": s3.GrantWriteACP, "GrantFullControl": s3.GrantFullControl,
			"IsACLNotSupported": s3.IsACLNotSupported, "IsNotModified": s3.IsNotModified,
			"IsPreconditionFailed":   s3.IsPreconditionFailed,
			"PostContentLengthRange": s3.PostContentLengthRange, "PostContentType": s3.PostContentType,
			"PostContentTypePrefix": s3.PostContentTypePrefix, "PostMetadata": s3.PostMetadata, "PostACL": s3.PostACL,
			"PostSuccessStatus": s3.PostSuccessStatus, "PostEquals": s3.PostEquals, "PostStartsWith": s3.PostStartsWith,
		},
		Skip: map[string]string{
			// Listing every bucket takes no required argument, so its zero
			// call on a live Conn is a good call; TestNilArguments checks
			// its cancelled context and a zero Conn.
			"Conn.Buckets": "needs no argument",
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}

// Calls on good names with a nil reader or writer, a nil policy, a
// cancelled context or a zero Conn fail before anything is sent.
func TestNilArguments(t *testing.T) {
	srv := s3test.Start(t)
	if err := srv.CreateBucket("", "us-east-1", "bkt"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("bkt", "k", []byte("data"), nil); err != nil {
		t.Fatal(err)
	}
	conn := s3.New(srv.Config(""))
	k := conn.Bucket("bkt").Key("k")
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	first := func(seq iter.Seq2[*s3.Bucket, error]) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	srv.ResetCalls()
	for _, tt := range []struct {
		name string
		call func() error
		want error // nil: a *goboto.ValidationError
	}{
		{"Get nil writer", func() error { _, err := k.Get(ctx, nil); return err }, nil},
		{"Download nil writer", func() error { _, err := k.Download(ctx, nil); return err }, nil},
		{"DownloadStream nil writer", func() error { _, err := k.DownloadStream(ctx, nil); return err }, nil},
		{"Put nil body", func() error { return k.Put(ctx, nil) }, nil},
		{"Upload nil reader", func() error { return k.Upload(ctx, nil) }, nil},
		{"Resume nil reader", func() error { return k.Resume(ctx, "upload", nil, 0) }, nil},
		{"SetACL nil policy", func() error { return k.SetACL(ctx, nil) }, nil},
		{"Buckets on a zero Conn", func() error { return first(new(s3.Conn).Buckets(ctx)) }, nil},
		{"Buckets cancelled", func() error { return first(conn.Buckets(cancelled)) }, context.Canceled},
	} {
		err := tt.call()
		var ve *goboto.ValidationError
		if tt.want == nil && !errors.As(err, &ve) || tt.want != nil && !errors.Is(err, tt.want) {
			want := "a *goboto.ValidationError"
			if tt.want != nil {
				want = tt.want.Error()
			}
			t.Errorf("%s = %v; want %s", tt.name, err, want)
		}
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("%d requests sent: %v", len(calls), calls)
	}
}
