package s3test_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3/s3test"
)

// TestMetadataNamesLowerCase: S3 answers user metadata with lower-case
// header names whatever case they were sent in, and clients that take the
// name off the wire (boto 2) depend on it.
func TestMetadataNamesLowerCase(t *testing.T) {
	srv := s3test.Start(t, fakes.WithTLS(false)) // the answer is read off a plain connection
	c := client(srv)
	ctx := context.Background()
	mustBucket(t, c, "meta")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("meta"), Key: aws.String("k"),
		Body: strings.NewReader("x"), Metadata: map[string]string{"Author": "ada", "Project-Name": "goboto"}}); err != nil {
		t.Fatal(err)
	}
	req, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("meta"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	// Go's HTTP client canonicalises the names it reads, so read the
	// answer off the connection.
	u, err := url.Parse(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", u.RequestURI(), u.Host)
	raw, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	if !strings.HasPrefix(head, "HTTP/1.1 200 ") {
		t.Fatalf("GET answered:\n%s", head)
	}
	for _, line := range []string{"x-amz-meta-author: ada", "x-amz-meta-project-name: goboto"} {
		if !strings.Contains(head, "\r\n"+line+"\r\n") {
			t.Errorf("no %q line in the answer:\n%s", line, head)
		}
	}
}
