package s3_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/goboto/goboto/s3"
)

func ExampleBucket_Versions() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	b := conn.Bucket("photos")

	// readme.txt was written before versioning was on: it becomes the
	// version "null". Then it is rewritten, and deleted.
	must(b.SetVersioning(ctx, s3.VersioningEnabled))
	k := b.Key("readme.txt")
	must(k.PutBytes(ctx, []byte("second draft")))
	must(k.Delete(ctx))

	var oldest string
	for v, err := range b.Versions(ctx, s3.Prefix("readme")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s latest=%t delete-marker=%t size=%d\n", v.Key, v.IsLatest, v.IsDeleteMarker, v.Size)
		oldest = v.VersionID
	}

	// A deleted key's old versions can still be read.
	if _, err := k.Get(ctx, os.Stdout, s3.VersionID(oldest)); err != nil {
		log.Fatal(err)
	}
	fmt.Println()
	fmt.Println("oldest version:", oldest)
	// Output:
	// readme.txt latest=true delete-marker=true size=0
	// readme.txt latest=false delete-marker=false size=12
	// readme.txt latest=false delete-marker=false size=22
	// contents of readme.txt
	// oldest version: null
}
