package s3_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// The examples run against s3test, the in-process S3 fake. With real AWS,
// build the connection from config.LoadDefaultConfig instead.

// fakeConn starts a fake with a "photos" bucket holding three objects.
func fakeConn() (*s3test.Server, *s3.Conn) {
	srv, err := s3test.New()
	if err != nil {
		log.Fatal(err)
	}
	must(srv.CreateBucket("", "us-east-1", "photos"))
	for _, k := range []string{"2025/beach.jpg", "2025/snow.jpg", "readme.txt"} {
		must(srv.PutObject("photos", k, []byte("contents of "+k), nil))
	}
	return srv, s3.New(srv.Config(""))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleNew() {
	srv, err := s3test.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	// srv.Config("") is an aws.Config like config.LoadDefaultConfig's, with
	// BaseEndpoint pointing at the fake, so requests go path-style.
	conn := s3.New(srv.Config(""), goboto.WithRetry(5, 0))
	fmt.Println(conn)
	// Output: S3Connection:us-east-1
}

func ExampleConn_CreateBucket() {
	srv, conn := fakeConn()
	defer srv.Close()

	b, err := conn.CreateBucket(context.Background(), "my-new-bucket")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b)
	// Output: <Bucket: my-new-bucket>
}

func ExampleConn_CreateBucket_invalidName() {
	srv, conn := fakeConn()
	defer srv.Close()

	_, err := conn.CreateBucket(context.Background(), "My_Bucket")
	var ve *goboto.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
	// Output: true Bucket
}

func ExampleConn_Buckets() {
	srv, conn := fakeConn()
	defer srv.Close()

	for b, err := range conn.Buckets(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.Name)
	}
	// Output: photos
}

func ExampleBucket_Exists() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	ok, err := conn.Bucket("photos").Exists(ctx)
	fmt.Println(ok, err)
	ok, err = conn.Bucket("no-such-bucket").Exists(ctx)
	fmt.Println(ok, err)
	// Output:
	// true <nil>
	// false <nil>
}

func ExampleBucket_Location() {
	srv, conn := fakeConn()
	defer srv.Close()

	loc, err := conn.Bucket("photos").Location(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loc)
	// Output: us-east-1
}

func ExampleBucket_Keys() {
	srv, conn := fakeConn()
	defer srv.Close()

	for e, err := range conn.Bucket("photos").Keys(context.Background(), s3.Delimiter("/")) {
		if err != nil {
			log.Fatal(err)
		}
		if e.IsPrefix {
			fmt.Println("dir ", e.Name)
		} else {
			fmt.Println("file", e.Name, e.Size)
		}
	}
	// Output:
	// file readme.txt 22
	// dir  2025/
}

func ExampleBucket_DeleteKeys() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	b := conn.Bucket("photos")

	err := b.DeleteKeys(ctx, []string{"2025/beach.jpg", "2025/snow.jpg"})
	var de *s3.DeleteError
	if errors.As(err, &de) {
		fmt.Println("not deleted:", de.Keys())
	} else if err != nil {
		log.Fatal(err)
	}
	left, err := goboto.Collect(b.Keys(ctx))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(left), left[0].Name)
	// Output: 1 readme.txt
}

func ExampleKey_Put() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	k := conn.Bucket("photos").Key("notes/todo.txt")
	err := k.Put(ctx, strings.NewReader("buy milk"),
		s3.ContentType("text/plain"), s3.Metadata(map[string]string{"author": "alice"}))
	if err != nil {
		log.Fatal(err)
	}
	if err := k.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(k.Size, k.ContentType, k.Metadata["author"])
	// Output: 8 text/plain alice
}

func ExampleKey_Get() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	var buf bytes.Buffer
	n, err := conn.Bucket("photos").Key("readme.txt").Get(ctx, &buf, s3.Range(0, 8))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, buf.String())
	// Output: 8 contents
}

func ExampleKey_Get_conditional() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	k := conn.Bucket("photos").Key("readme.txt")
	if err := k.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	// Fetch again only if it changed since we last saw it.
	_, err := k.Get(ctx, &bytes.Buffer{}, s3.IfNoneMatch(k.ETag))
	fmt.Println(s3.IsNotModified(err))
	// Output: true
}

func ExampleKey_GetFile() {
	srv, conn := fakeConn()
	defer srv.Close()

	path := filepath.Join(os.TempDir(), "goboto-example-readme.txt")
	defer os.Remove(path)
	if err := conn.Bucket("photos").Key("readme.txt").GetFile(context.Background(), path); err != nil {
		log.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(data))
	// Output: contents of readme.txt
}

func ExampleKey_Refresh() {
	srv, conn := fakeConn()
	defer srv.Close()

	err := conn.Bucket("photos").Key("missing.jpg").Refresh(context.Background())
	fmt.Println(goboto.IsNotFound(err))
	// Output: true
}

func ExampleKey_Copy() {
	srv, conn := fakeConn()
	defer srv.Close()

	dst, err := conn.Bucket("photos").Key("readme.txt").Copy(context.Background(), "photos", "backup/readme.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dst)
	// Output: <Key: photos,backup/readme.txt>
}

func ExampleBucket_Delete() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	b, err := conn.CreateBucket(ctx, "short-lived")
	if err != nil {
		log.Fatal(err)
	}
	if err := b.Delete(ctx); err != nil {
		log.Fatal(err)
	}
	ok, err := b.Exists(ctx)
	fmt.Println(ok, err)
	// Output: false <nil>
}

func ExampleKey_PutBytes() {
	srv, conn := fakeConn()
	defer srv.Close()

	k := conn.Bucket("photos").Key("hello.txt")
	if err := k.PutBytes(context.Background(), []byte("hello"), s3.CacheControl("max-age=3600")); err != nil {
		log.Fatal(err)
	}
	obj, _ := srv.Object("photos", "hello.txt")
	fmt.Println(string(obj.Data), k.ETag == obj.ETag)
	// Output: hello true
}

func ExampleKey_PutFile() {
	srv, conn := fakeConn()
	defer srv.Close()

	path := filepath.Join(os.TempDir(), "goboto-example-upload.txt")
	must(os.WriteFile(path, []byte("uploaded"), 0o644))
	defer os.Remove(path)
	if err := conn.Bucket("photos").Key("upload.txt").PutFile(context.Background(), path, s3.ContentType("text/plain")); err != nil {
		log.Fatal(err)
	}
	obj, _ := srv.Object("photos", "upload.txt")
	fmt.Println(string(obj.Data), obj.ContentType)
	// Output: uploaded text/plain
}

func ExampleKey_Delete() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	k := conn.Bucket("photos").Key("readme.txt")
	if err := k.Delete(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(goboto.IsNotFound(k.Refresh(ctx)))
	// Output: true
}
