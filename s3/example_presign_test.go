package s3_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/s3"
)

func ExampleKey_PresignPut() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	k := conn.Bucket("photos").Key("notes.txt")

	// Hand the URL to someone without credentials. They must send the
	// returned headers too: the Content-Type is signed.
	put, err := k.PresignPut(ctx, 15*time.Minute, s3.ContentType("text/plain"))
	if err != nil {
		log.Fatal(err)
	}
	req, err := http.NewRequest(put.Method, put.URL, strings.NewReader("remember the milk"))
	if err != nil {
		log.Fatal(err)
	}
	req.Header = put.Header.Clone()
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(put.Method, resp.Status)

	// A presigned GET needs no headers at all.
	get, err := k.PresignGet(ctx, time.Hour)
	if err != nil {
		log.Fatal(err)
	}
	resp, err = srv.HTTPClient().Get(get.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(get.Method, resp.Status, string(body))
	// Output:
	// PUT 200 OK
	// GET 200 OK remember the milk
}
