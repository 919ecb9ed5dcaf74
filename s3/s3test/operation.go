package s3test

import (
	"net/http"
	"net/url"
	"strings"
)

// Every S3 operation of the API model is named by its method, whether it
// addresses a bucket or an object, and one query subresource. A request
// is recognised in full before anything is done, so a subresource the fake
// does not implement is answered NotImplemented and never falls through
// to the plain bucket or object operation: before it did, PUT ?legal-hold
// overwrote the object with the request's XML and DELETE ?replication
// deleted the bucket.

// subresource names the operations one query subresource selects, by
// method, on a bucket and on an object.
type subresource struct {
	param          string
	bucket, object map[string]string // method -> operation
}

// subresources are the query subresources of S3's API model, each with
// its operations. Order matters where a request may carry two: the first
// one listed decides.
var subresources = []subresource{
	{"uploadId", nil, map[string]string{ // with or without partNumber
		http.MethodGet: "ListParts", http.MethodPut: "UploadPart",
		http.MethodPost: "CompleteMultipartUpload", http.MethodDelete: "AbortMultipartUpload"}},
	{"uploads", map[string]string{http.MethodGet: "ListMultipartUploads"},
		map[string]string{http.MethodPost: "CreateMultipartUpload"}},
	{"select", nil, map[string]string{http.MethodPost: "SelectObjectContent"}},
	{"acl", getPut("BucketAcl"), getPut("ObjectAcl")},
	{"tagging", getPutDelete("BucketTagging"), getPutDelete("ObjectTagging")},
	{"attributes", nil, map[string]string{http.MethodGet: "GetObjectAttributes"}},
	{"legal-hold", nil, getPut("ObjectLegalHold")},
	{"retention", nil, getPut("ObjectRetention")},
	{"restore", nil, map[string]string{http.MethodPost: "RestoreObject"}},
	{"torrent", nil, map[string]string{http.MethodGet: "GetObjectTorrent"}},
	{"renameObject", nil, map[string]string{http.MethodPut: "RenameObject"}},
	{"annotation", nil, getPutDelete("ObjectAnnotation")}, // GET without annotationName: ListObjectAnnotations
	{"encryption", getPutDelete("BucketEncryption"), map[string]string{http.MethodPut: "UpdateObjectEncryption"}},

	{"location", map[string]string{http.MethodGet: "GetBucketLocation"}, nil},
	{"delete", map[string]string{http.MethodPost: "DeleteObjects"}, nil},
	{"versions", map[string]string{http.MethodGet: "ListObjectVersions"}, nil},
	{"versioning", getPut("BucketVersioning"), nil},
	{"ownershipControls", getPutDelete("BucketOwnershipControls"), nil},
	{"publicAccessBlock", getPutDelete("PublicAccessBlock"), nil},
	{"policy", getPutDelete("BucketPolicy"), nil},
	{"policyStatus", map[string]string{http.MethodGet: "GetBucketPolicyStatus"}, nil},
	{"cors", getPutDelete("BucketCors"), nil},
	// GetBucketLifecycle and PutBucketLifecycle, the deprecated forms,
	// send the same requests as these.
	{"lifecycle", map[string]string{http.MethodGet: "GetBucketLifecycleConfiguration",
		http.MethodPut: "PutBucketLifecycleConfiguration", http.MethodDelete: "DeleteBucketLifecycle"}, nil},
	{"website", getPutDelete("BucketWebsite"), nil},
	{"notification", getPut("BucketNotificationConfiguration"), nil},
	{"logging", getPut("BucketLogging"), nil},
	{"replication", getPutDelete("BucketReplication"), nil},
	{"requestPayment", getPut("BucketRequestPayment"), nil},
	{"accelerate", getPut("BucketAccelerateConfiguration"), nil},
	{"object-lock", getPut("ObjectLockConfiguration"), nil},
	{"analytics", getPutDelete("BucketAnalyticsConfiguration"), nil},
	{"metrics", getPutDelete("BucketMetricsConfiguration"), nil},
	{"inventory", getPutDelete("BucketInventoryConfiguration"), nil},
	{"intelligent-tiering", getPutDelete("BucketIntelligentTieringConfiguration"), nil},
	{"abac", getPut("BucketAbac"), nil},
	{"session", map[string]string{http.MethodGet: "CreateSession"}, nil},
	{"metadataConfiguration", map[string]string{http.MethodGet: "GetBucketMetadataConfiguration",
		http.MethodPost: "CreateBucketMetadataConfiguration", http.MethodDelete: "DeleteBucketMetadataConfiguration"}, nil},
	{"metadataTable", map[string]string{http.MethodGet: "GetBucketMetadataTableConfiguration",
		http.MethodPost: "CreateBucketMetadataTableConfiguration", http.MethodDelete: "DeleteBucketMetadataTableConfiguration"}, nil},
	{"metadataAnnotationTable", map[string]string{http.MethodPut: "UpdateBucketMetadataAnnotationTableConfiguration"}, nil},
	{"metadataInventoryTable", map[string]string{http.MethodPut: "UpdateBucketMetadataInventoryTableConfiguration"}, nil},
	{"metadataJournalTable", map[string]string{http.MethodPut: "UpdateBucketMetadataJournalTableConfiguration"}, nil},
	{"list-type", map[string]string{http.MethodGet: "ListObjectsV2"}, nil},
}

func getPut(name string) map[string]string {
	return map[string]string{http.MethodGet: "Get" + name, http.MethodPut: "Put" + name}
}

func getPutDelete(name string) map[string]string {
	m := getPut(name)
	m[http.MethodDelete] = "Delete" + name
	return m
}

// listedConfigs are the bucket configurations kept by ID, whose GET
// without an id lists them all.
var listedConfigs = map[string]string{
	"analytics":           "ListBucketAnalyticsConfigurations",
	"metrics":             "ListBucketMetricsConfigurations",
	"inventory":           "ListBucketInventoryConfigurations",
	"intelligent-tiering": "ListBucketIntelligentTieringConfigurations",
}

// queryParams are the query parameters of S3's API model that select no
// operation, and the ones clients add (x-id, SigV4 and SigV2 presigning).
var queryParams = map[string]bool{
	"annotation-prefix": true, "annotationName": true, "bucket-region": true, "continuation-token": true,
	"delimiter": true, "encoding-type": true, "fetch-owner": true, "id": true, "key-marker": true, "marker": true,
	"max-annotation-results": true, "max-buckets": true, "max-directory-buckets": true, "max-keys": true,
	"max-parts": true, "max-uploads": true, "part-number-marker": true, "partNumber": true, "prefix": true,
	"response-cache-control": true, "response-content-disposition": true, "response-content-encoding": true,
	"response-content-language": true, "response-content-type": true, "response-expires": true,
	"start-after": true, "upload-id-marker": true, "version-id-marker": true, "versionId": true,
	"select-type": true, "x-id": true, "AWSAccessKeyId": true, "Signature": true, "Expires": true,
}

// Operation names the S3 operation of r from its method, path, query
// subresource and, for copies, x-amz-copy-source: "ListBuckets",
// "CreateBucket", "PutObject", "ListObjectsV2", "PutObjectLegalHold",
// ... It names every operation of S3's API model, implemented or not. It
// returns "" for a request that names no operation S3 has, such as one
// with a subresource S3 does not know (a query parameter without a value
// that no operation takes); the fake answers those NotImplemented.
func Operation(r *http.Request) string {
	t := addressOf(r)
	q := r.URL.Query()
	if t.bucket == "" {
		if _, sub := firstSubresource(q); r.Method == http.MethodGet && !sub && !unknownSubresource(q) {
			return "ListBuckets"
		}
		return ""
	}
	if t.key == "" && t.bucket == "WriteGetObjectResponse" && r.Method == http.MethodPost {
		// Never a bucket: bucket names are lower case.
		return "WriteGetObjectResponse"
	}
	if unknownSubresource(q) {
		return ""
	}
	if sr, ok := firstSubresource(q); ok {
		return subresourceOperation(r, t, sr, q)
	}
	if t.key == "" {
		return plainBucketOperation(r.Method)
	}
	return plainObjectOperation(r)
}

func firstSubresource(q url.Values) (subresource, bool) {
	for _, sr := range subresources {
		if q.Has(sr.param) {
			return sr, true
		}
	}
	return subresource{}, false
}

// unknownSubresource reports whether q names a subresource S3's model
// does not have: a parameter without a value that is neither a
// subresource nor a parameter of any operation. S3 ignores unknown
// parameters that carry values (cache busters), so those are let by.
func unknownSubresource(q url.Values) bool {
	for k, vs := range q {
		if queryParams[k] || strings.HasPrefix(k, "X-Amz-") || strings.HasPrefix(k, "x-amz-") {
			continue
		}
		known := false
		for _, sr := range subresources {
			if sr.param == k {
				known = true
				break
			}
		}
		if !known && (len(vs) == 0 || vs[0] == "") {
			return true
		}
	}
	return false
}

func subresourceOperation(r *http.Request, t target, sr subresource, q url.Values) string {
	if t.key == "" {
		op := sr.bucket[r.Method]
		if list, ok := listedConfigs[sr.param]; ok && r.Method == http.MethodGet && !q.Has("id") {
			op = list
		}
		if sr.param == "list-type" && q.Get("list-type") != "2" {
			op = plainBucketOperation(r.Method)
		}
		return op
	}
	op := sr.object[r.Method]
	switch {
	case sr.param == "uploadId" && op == "UploadPart" && r.Header.Get("X-Amz-Copy-Source") != "":
		return "UploadPartCopy"
	case sr.param == "annotation" && op == "GetObjectAnnotation" && !q.Has("annotationName"):
		return "ListObjectAnnotations"
	case sr.param == "select" && q.Get("select-type") != "2":
		return ""
	}
	return op
}

func plainBucketOperation(method string) string {
	switch method {
	case http.MethodPut:
		return "CreateBucket"
	case http.MethodDelete:
		return "DeleteBucket"
	case http.MethodHead:
		return "HeadBucket"
	case http.MethodGet:
		return "ListObjects"
	}
	return ""
}

func plainObjectOperation(r *http.Request) string {
	switch r.Method {
	case http.MethodGet:
		return "GetObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodPut:
		if r.Header.Get("X-Amz-Copy-Source") != "" {
			return "CopyObject"
		}
		return "PutObject"
	case http.MethodDelete:
		return "DeleteObject"
	}
	return ""
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
