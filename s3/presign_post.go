package s3

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// postAlgorithm is the only x-amz-algorithm a SigV4 POST policy takes.
const postAlgorithm = "AWS4-HMAC-SHA256"

// FilenameVariable in the key passed to PresignPost stands for the name
// of the file the browser uploads; S3 substitutes it.
const FilenameVariable = "${filename}"

// PresignedPost is what a browser form needs to upload one object to S3
// with an HTTP POST (multipart/form-data) without credentials: the URL
// to post to and the form fields to send, in any order, before the
// field named "file" that carries the content (S3 ignores fields after
// it). Treat Fields as a secret until Expires: they carry a signature.
type PresignedPost struct {
	URL    string
	Fields map[string]string
	// Expires is when S3 stops accepting the form: the policy's
	// expiration.
	Expires time.Time
}

// PostCondition is a condition of a POST policy: S3 accepts the upload
// only if the form meets it. Conditions that name an exact value also
// put that value into PresignedPost.Fields.
type PostCondition struct {
	cond         any    // the JSON of the condition
	field, value string // a form field to send, when the condition fixes one
	err          error
}

// PostContentLengthRange limits the uploaded file to lo-hi bytes
// (content-length-range); S3 refuses others with EntityTooSmall or
// EntityTooLarge.
func PostContentLengthRange(lo, hi int64) PostCondition {
	if lo < 0 || hi < lo || hi > copyObjectMax {
		return PostCondition{err: goboto.Invalid("ContentLengthRange", strconv.FormatInt(lo, 10)+"-"+strconv.FormatInt(hi, 10),
			"needs 0 <= min <= max <= 5368709120 (5 GiB)")}
	}
	return PostCondition{cond: []any{"content-length-range", lo, hi}}
}

// PostContentType fixes the object's Content-Type.
func PostContentType(t string) PostCondition { return PostEquals("Content-Type", t) }

// PostContentTypePrefix lets the browser choose a Content-Type that
// begins with prefix ("image/"), sent in a Content-Type field.
func PostContentTypePrefix(prefix string) PostCondition {
	return PostStartsWith("Content-Type", prefix)
}

// PostMetadata fixes one item of user metadata (x-amz-meta-name).
func PostMetadata(name, value string) PostCondition {
	if !postToken(name) {
		return PostCondition{err: goboto.Invalid("Metadata", name, "a metadata name is a non-empty HTTP token")}
	}
	return PostEquals("x-amz-meta-"+strings.ToLower(name), value)
}

// PostACL fixes the canned ACL of the object (acl). A bucket whose
// Object Ownership is BucketOwnerEnforced refuses any but private.
func PostACL(acl CannedACL) PostCondition {
	if err := validCanned(acl); err != nil {
		return PostCondition{err: err}
	}
	return PostEquals("acl", string(acl))
}

// PostSuccessStatus sets the status S3 answers a successful upload with
// (success_action_status): 200 or 204 with an empty body, or 201 with a
// PostResponse XML document. S3's default is 204.
func PostSuccessStatus(code int) PostCondition {
	if code != 200 && code != 201 && code != 204 {
		return PostCondition{err: goboto.Invalid("SuccessActionStatus", strconv.Itoa(code), "one of 200, 201, 204")}
	}
	return PostEquals("success_action_status", strconv.Itoa(code))
}

// PostEquals requires the form field to be value, and puts it into the
// fields ("Cache-Control", "x-amz-server-side-encryption", ...).
func PostEquals(field, value string) PostCondition {
	if err := validPostField(field); err != nil {
		return PostCondition{err: err}
	}
	return PostCondition{cond: map[string]string{field: value}, field: field, value: value}
}

// PostStartsWith requires the form field, which the browser sends, to
// begin with prefix; "" allows any value.
func PostStartsWith(field, prefix string) PostCondition {
	if err := validPostField(field); err != nil {
		return PostCondition{err: err}
	}
	return PostCondition{cond: []string{"starts-with", "$" + field, prefix}}
}

func validPostField(field string) error {
	if !postToken(field) {
		return goboto.Invalid("PostCondition", field, "a form field name is a non-empty HTTP token")
	}
	switch strings.ToLower(field) {
	case "key", "bucket", "policy", "file", "x-amz-algorithm", "x-amz-credential",
		"x-amz-date", "x-amz-signature", "x-amz-security-token": // PresignPost writes these itself
		return goboto.Invalid("PostCondition", field, "is set by PresignPost itself")
	}
	return nil
}

// postToken reports whether s is an HTTP token (RFC 9110), which form field
// and metadata names must be.
func postToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// PresignPost returns the URL and form fields with which a browser can
// upload the object key to the bucket by HTTP POST for expires, which
// must be at least a second and at most 7 days, under the conditions
// given. A key ending in FilenameVariable ("uploads/${filename}") lets
// the upload go to any key beginning with what precedes it. The policy
// is signed with SigV4 for service s3 in the connection's region, with
// the connection's credentials. It sends no request.
func (b *Bucket) PresignPost(ctx context.Context, key string, expires time.Duration, conds ...PostCondition) (*PresignedPost, error) {
	if err := b.Key(key).presignCheck(expires); err != nil {
		return nil, err
	}
	for _, c := range conds {
		if c.err != nil {
			return nil, c.err
		}
		if c.cond == nil {
			return nil, goboto.Invalid("PostCondition", "zero", "use one of the Post* constructors")
		}
	}
	o := b.client().Options()
	if o.Credentials == nil {
		return nil, goboto.Invalid("Credentials", "none", "presigning needs credentials")
	}
	creds, err := o.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, err
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" {
		return nil, goboto.Invalid("Credentials", "anonymous", "presigning needs an access key")
	}
	u, err := b.postURL(ctx, o)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	expires = expires.Truncate(time.Second) // the policy counts in whole seconds, as PresignGet does
	fields, policy, err := postPolicy(b.Name, key, o.Region, creds, now, expires, conds)
	if err != nil {
		return nil, err
	}
	fields["policy"] = policy
	fields["x-amz-signature"] = postSignature(creds.SecretAccessKey, now, o.Region, policy)
	return &PresignedPost{URL: u, Fields: fields, Expires: now.Add(expires)}, nil
}

// postURL is the bucket's URL as the client addresses it: path-style
// under an endpoint override, virtual-hosted otherwise.
func (b *Bucket) postURL(ctx context.Context, o s3.Options) (string, error) {
	ep, err := o.EndpointResolverV2.ResolveEndpoint(ctx, s3.EndpointParameters{
		Bucket: aws.String(b.Name), Region: aws.String(o.Region), Endpoint: o.BaseEndpoint,
		ForcePathStyle: aws.Bool(o.UsePathStyle), UseFIPS: aws.Bool(false), UseDualStack: aws.Bool(false), Accelerate: aws.Bool(false),
	})
	if err != nil {
		return "", core.Error(err)
	}
	return ep.URI.String(), nil
}

// postPolicy builds the form fields and the base64 policy: expiration,
// then the bucket, the key, the signing fields and the caller's
// conditions.
func postPolicy(bucket, key, region string, creds aws.Credentials, now time.Time, expires time.Duration, conds []PostCondition) (map[string]string, string, error) {
	fields := map[string]string{
		"key":              key,
		"x-amz-algorithm":  postAlgorithm,
		"x-amz-credential": creds.AccessKeyID + "/" + now.Format("20060102") + "/" + region + "/s3/aws4_request",
		"x-amz-date":       now.Format("20060102T150405Z"),
	}
	list := []any{map[string]string{"bucket": bucket}}
	if prefix, ok := strings.CutSuffix(key, FilenameVariable); ok {
		list = append(list, []string{"starts-with", "$key", prefix})
	} else {
		list = append(list, map[string]string{"key": key})
	}
	for _, f := range []string{"x-amz-algorithm", "x-amz-credential", "x-amz-date"} {
		list = append(list, map[string]string{f: fields[f]})
	}
	if creds.SessionToken != "" {
		fields["x-amz-security-token"] = creds.SessionToken
		list = append(list, map[string]string{"x-amz-security-token": creds.SessionToken})
	}
	for _, c := range conds {
		list = append(list, c.cond)
		if c.field != "" {
			fields[c.field] = c.value
		}
	}
	doc, err := json.Marshal(struct {
		Expiration string `json:"expiration"`
		Conditions []any  `json:"conditions"`
	}{now.Add(expires).Format("2006-01-02T15:04:05.000Z"), list})
	if err != nil {
		return nil, "", err
	}
	return fields, base64.StdEncoding.EncodeToString(doc), nil
}

// postSignature is the hex HMAC-SHA256 of the base64 policy under the
// SigV4 signing key of the day, region and service s3.
func postSignature(secret string, now time.Time, region, policy string) string {
	key := []byte("AWS4" + secret)
	for _, s := range []string{now.Format("20060102"), region, "s3", "aws4_request", policy} {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		key = m.Sum(nil)
	}
	return hex.EncodeToString(key)
}
