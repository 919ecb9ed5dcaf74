package s3_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// A Put from a pipe, whose length and bytes cannot be known up front,
// works against a default s3test exactly as against AWS: the fake serves
// HTTPS by default, where aws-sdk-go-v2 streams an unseekable body
// aws-chunked with a trailing checksum. Over plain HTTP the SDK refuses
// to send it, which is how a test used to behave unlike production.
func TestPutFromPipe(t *testing.T) {
	srv := s3test.Start(t)
	ctx := context.Background()
	conn := s3.New(srv.Config(""))
	b, err := conn.CreateBucket(ctx, "piped")
	if err != nil {
		t.Fatal(err)
	}
	const body = "streamed through a pipe, length unknown"
	pr, pw := io.Pipe()
	go func() {
		for _, part := range strings.SplitAfter(body, " ") {
			pw.Write([]byte(part))
		}
		pw.Close()
	}()
	if err := b.Key("p.txt").Put(ctx, pr); err != nil {
		t.Fatalf("Put from a pipe: %v", err)
	}
	obj, ok := srv.Object("piped", "p.txt")
	if !ok || string(obj.Data) != body {
		t.Errorf("stored %q (found %v); want %q", obj.Data, ok, body)
	}
}
