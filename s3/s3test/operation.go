package s3test

import (
	"net/http"
	"net/url"
)

// bucketSubresources names the bucket operations selected by a query
// subresource, by method. The fake answers only some of them (see handle);
// naming the rest keeps Calls readable.
var bucketSubresources = []struct {
	param                  string
	get, put, delete, post string
}{
	{"location", "GetBucketLocation", "", "", ""},
	{"uploads", "ListMultipartUploads", "", "", ""},
	{"delete", "", "", "", "DeleteObjects"},
	{"versions", "ListObjectVersions", "", "", ""},
	{"versioning", "GetBucketVersioning", "PutBucketVersioning", "", ""},
	{"acl", "GetBucketAcl", "PutBucketAcl", "", ""},
	{"ownershipControls", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls", ""},
	{"publicAccessBlock", "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", ""},
	{"policy", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", ""},
	{"tagging", "GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging", ""},
	{"cors", "GetBucketCors", "PutBucketCors", "DeleteBucketCors", ""},
	{"lifecycle", "GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle", ""},
	{"website", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite", ""},
	{"encryption", "GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption", ""},
	{"notification", "GetBucketNotificationConfiguration", "PutBucketNotificationConfiguration", "", ""},
	{"logging", "GetBucketLogging", "PutBucketLogging", "", ""},
}

// Operation names the S3 operation of r from its method, path and query:
// "ListBuckets", "CreateBucket", "PutObject", "ListObjectsV2",
// "DeleteObjects", "CreateMultipartUpload", ... It returns "" for a request
// that names no operation S3 has.
func Operation(r *http.Request) string {
	t := addressOf(r)
	q := r.URL.Query()
	switch {
	case t.bucket == "":
		if r.Method == http.MethodGet {
			return "ListBuckets"
		}
		return ""
	case t.key == "":
		return bucketOperation(r.Method, q)
	}
	return objectOperation(r, q)
}

// streamsBody reports whether a request's body is object data, which the
// fake streams into its store instead of reading it whole first.
func streamsBody(r *http.Request) bool {
	switch Operation(r) {
	case "PutObject", "UploadPart":
		return true
	}
	return false
}

func bucketOperation(method string, q url.Values) string {
	for _, sr := range bucketSubresources {
		if !q.Has(sr.param) {
			continue
		}
		switch method {
		case http.MethodGet:
			return sr.get
		case http.MethodPut:
			return sr.put
		case http.MethodDelete:
			return sr.delete
		case http.MethodPost:
			return sr.post
		}
		return ""
	}
	switch method {
	case http.MethodPut:
		return "CreateBucket"
	case http.MethodDelete:
		return "DeleteBucket"
	case http.MethodHead:
		return "HeadBucket"
	case http.MethodGet:
		if q.Get("list-type") == "2" {
			return "ListObjectsV2"
		}
		return "ListObjects"
	}
	return ""
}

func objectOperation(r *http.Request, q url.Values) string {
	upload := q.Has("uploadId")
	switch r.Method {
	case http.MethodGet:
		switch {
		case upload:
			return "ListParts"
		case q.Has("acl"):
			return "GetObjectAcl"
		case q.Has("tagging"):
			return "GetObjectTagging"
		}
		return "GetObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodPut:
		switch {
		case upload && r.Header.Get("X-Amz-Copy-Source") != "":
			return "UploadPartCopy"
		case upload:
			return "UploadPart"
		case q.Has("acl"):
			return "PutObjectAcl"
		case q.Has("tagging"):
			return "PutObjectTagging"
		case r.Header.Get("X-Amz-Copy-Source") != "":
			return "CopyObject"
		}
		return "PutObject"
	case http.MethodDelete:
		switch {
		case upload:
			return "AbortMultipartUpload"
		case q.Has("tagging"):
			return "DeleteObjectTagging"
		}
		return "DeleteObject"
	case http.MethodPost:
		switch {
		case q.Has("uploads"):
			return "CreateMultipartUpload"
		case upload:
			return "CompleteMultipartUpload"
		}
	}
	return ""
}
