package s3_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"maps"
	"mime/multipart"
	"slices"
	"time"

	"github.com/goboto/goboto/s3"
)

func ExampleBucket_PresignPost() {
	srv, conn := fakeConn()
	defer srv.Close()

	// The server side: sign a policy letting a browser upload one text
	// file of at most 1 MiB under avatars/, for 10 minutes.
	post, err := conn.Bucket("photos").PresignPost(context.Background(), "avatars/${filename}", 10*time.Minute,
		s3.PostContentLengthRange(1, 1<<20), s3.PostContentType("text/plain"), s3.PostSuccessStatus(201))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(slices.Sorted(maps.Keys(post.Fields)))

	// The browser side, here with mime/multipart: the fields, then the
	// file last.
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	for name, value := range post.Fields {
		form.WriteField(name, value)
	}
	file, err := form.CreateFormFile("file", "ann.txt")
	if err != nil {
		log.Fatal(err)
	}
	file.Write([]byte("hello from a browser"))
	form.Close()
	resp, err := srv.HTTPClient().Post(post.URL, form.FormDataContentType(), &body)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)

	obj, _ := srv.Object("photos", "avatars/ann.txt")
	fmt.Printf("%s %s %q\n", obj.Key, obj.ContentType, obj.Data)
	// Output:
	// [Content-Type key policy success_action_status x-amz-algorithm x-amz-credential x-amz-date x-amz-signature]
	// 201 Created
	// avatars/ann.txt text/plain "hello from a browser"
}
