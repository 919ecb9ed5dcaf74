package s3test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Browser POST uploads (POST Object) arrive without an Authorization
// header: the signature is a form field over the policy, not over the
// request. The shared server lets such unsigned requests through to S3
// (AllowAnonymous), and withPostObject refuses every anonymous request
// but a POST upload and the reads a bucket may make public (access.go),
// as S3 refuses anonymous access to a bucket that is not public.
//
// The form streams: the shared server hands the unsigned POST to the
// handler unread (Service.StreamBody with AllowAnonymous), the fields
// before the file are read (20 KB at most), and the file goes into the
// store as it arrives, so an upload of any size up to S3's 5 GB costs no
// more memory than a PUT.
//
// Differences from S3: acl takes canned values only; x-amz-checksum-*
// fields, which S3's POST Object documentation does not list, are
// neither checked nor stored (a policy must still allow them);
// success_action_redirect is answered with a 303 and no query
// parameters beyond bucket, key and etag.

// withPostObject makes svc answer POST uploads to a bucket URL.
func (b *Backend) withPostObject(svc fake.Service) fake.Service {
	op, handle, stream := svc.Operation, svc.Handle, svc.StreamBody
	svc.AllowAnonymous = true
	svc.StreamBody = func(r *http.Request) bool {
		switch {
		case isPostObject(r):
			return true
		case unsigned(r):
			// Handle refuses any other anonymous request without
			// reading it; the server reads such bodies first, so the
			// client gets the AccessDenied rather than a reset.
			return false
		}
		return stream != nil && stream(r)
	}
	svc.Operation = func(r *http.Request) string {
		if isPostObject(r) {
			return "PostObject"
		}
		return op(r)
	}
	svc.Handle = func(w http.ResponseWriter, r *fake.Request) error {
		if r.SigVersion == 0 && !anonymousAllowed(r.Operation) {
			w.Header().Set("x-amz-id-2", hostID(r.RequestID))
			return errAccessDenied()
		}
		return handle(w, r)
	}
	return svc
}

// isPostObject reports whether r is a POST of a form to a bucket URL with
// no subresource.
func isPostObject(r *http.Request) bool {
	if r.Method != http.MethodPost || r.URL.RawQuery != "" {
		return false
	}
	t := addressOf(r)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return t.bucket != "" && t.key == "" && mt == "multipart/form-data"
}

// unsigned reports whether r carries no SigV4 signature, in a header or
// in its query.
func unsigned(r *http.Request) bool {
	return r.Header.Get("Authorization") == "" && !r.URL.Query().Has("X-Amz-Algorithm")
}

// SetPostCredentials sets the credentials POST upload signatures are
// checked against. New does it with the fake server's credentials; a
// Backend mounted on another server starts with fake.DefaultCredentials.
func (b *Backend) SetPostCredentials(creds []fake.Credential) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.postCreds = append([]fake.Credential(nil), creds...)
}

func (b *Backend) postCredential(accessKey string) (fake.Credential, bool) {
	b.mu.RLock()
	creds := b.postCreds
	b.mu.RUnlock()
	if creds == nil {
		creds = fake.DefaultCredentials()
	}
	for _, c := range creds {
		if c.AccessKeyID == accessKey {
			return c, true
		}
	}
	return fake.Credential{}, false
}

// PostSignature is the x-amz-signature of a POST policy: the hex
// HMAC-SHA256 of the base64 policy under the SigV4 signing key of secret
// for the day of date (YYYYMMDD), region and service s3. Tests use it to
// forge forms.
func PostSignature(secret, date, region, policy string) string {
	key := []byte("AWS4" + secret)
	for _, s := range []string{date, region, "s3", "aws4_request", policy} {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		key = m.Sum(nil)
	}
	return hex.EncodeToString(key)
}

// postForm is a parsed POST upload: the fields before the file, by
// lower-cased name, and the file, not yet read.
type postForm struct {
	fields   map[string]string
	filename string
	file     io.Reader
}

// readPostForm reads the fields of body, a form of contentType, up to the
// file, which S3 requires to be the last field and ignores any after. The
// file is left unread, for postObject to store as it reads it, and fails
// its read past maxPostObject bytes.
func readPostForm(contentType string, body io.Reader) (*postForm, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil, errMalformedPOST()
	}
	mr := multipart.NewReader(body, params["boundary"])
	f := &postForm{fields: map[string]string{}}
	budget := int64(maxPostFields)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, s3err(http.StatusBadRequest, "InvalidArgument", "POST requires exactly one file upload per request.")
		}
		if err != nil {
			return nil, errMalformedPOST()
		}
		name := strings.ToLower(p.FormName())
		if name == "file" {
			f.filename, f.file = p.FileName(), &postFile{r: p, left: maxPostObject}
			return f, nil
		}
		budget -= int64(len(name))
		data, err := io.ReadAll(io.LimitReader(p, max(budget+1, 0)))
		if err != nil {
			return nil, errMalformedPOST()
		}
		if budget -= int64(len(data)); budget < 0 {
			return nil, s3err(http.StatusBadRequest, "MaxPostPreDataLengthExceededError",
				"Your POST request fields preceding the upload file were too large.")
		}
		f.fields[name] = string(data)
	}
}

// maxPostFields bounds the fields before the file. S3 documents that "the
// form data and boundaries (excluding the contents of the file) cannot
// exceed 20KB"; the fake counts field names and values only, so it takes
// a little more than S3 would.
const maxPostFields = 20 << 10

// maxPostObject is the largest file a POST upload takes: 5 GB, as for
// one PUT.
const maxPostObject = 5 << 30

// postFraming is what a POST's Content-Length may hold besides the file
// and the fields before it: boundaries, part headers and fields after the
// file, which S3 ignores. It only decides when a Content-Length is refused
// unread; the file itself is counted as it is read.
const postFraming = 1 << 20

// postFile reads the file field; a form that breaks off or loses its
// framing mid-file is MalformedPOSTRequest rather than a short body, and
// a file longer than left bytes is EntityTooLarge as soon as it is.
type postFile struct {
	r    io.Reader
	left int64
}

func (p *postFile) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if p.left -= int64(n); p.left < 0 {
		return n, errPostTooLarge(-1)
	}
	if err != nil && err != io.EOF {
		err = errMalformedPOST()
	}
	return n, err
}

// errPostTooLarge is S3's answer to an upload past 5 GB; proposed, when
// known (not below 0), is the size the request announced.
func errPostTooLarge(proposed int64) *fake.Error {
	e := s3err(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
	e.Extra = map[string]string{"MaxSizeAllowed": strconv.FormatInt(maxPostObject, 10)}
	if proposed >= 0 {
		e.Extra["ProposedSize"] = strconv.FormatInt(proposed, 10)
	}
	return e
}

func errMalformedPOST() *fake.Error {
	return s3err(http.StatusBadRequest, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.")
}

func errPolicy(msg string) *fake.Error {
	return s3err(http.StatusForbidden, "AccessDenied", "Invalid according to Policy: "+msg)
}

// postHeaders returns the form fields a PUT would send as headers: those
// stored with the object, and Content-MD5.
func postHeaders(f map[string]string) http.Header {
	h := http.Header{}
	for name, v := range f {
		switch {
		case strings.HasPrefix(name, "x-amz-meta-"), name == "content-type", name == "cache-control",
			name == "content-disposition", name == "content-encoding", name == "expires", name == "content-md5",
			name == "x-amz-storage-class", name == "x-amz-server-side-encryption", name == "x-amz-website-redirect-location":
			h.Set(name, v)
		}
	}
	return h
}

// postObject serves a browser POST upload: it checks the policy's
// signature, expiration and every condition, then stores the file as a
// PUT stores its body (receiveFrom): hashed as it streams into the store,
// Content-MD5 checked, a new version in a versioned bucket, and the acl
// field as x-amz-acl.
func (b *Backend) postObject(w http.ResponseWriter, r *fake.Request, t target) error {
	if n := r.HTTP.ContentLength; n > maxPostObject+maxPostFields+postFraming {
		return errPostTooLarge(n)
	}
	body := r.Stream // the server streams POST uploads (withPostObject)
	if body == nil {
		body = bytes.NewReader(r.Body)
	}
	form, err := readPostForm(r.HTTP.Header.Get("Content-Type"), body)
	if err != nil {
		return err
	}
	f := form.fields
	if _, ok := f["key"]; !ok {
		e := s3err(http.StatusBadRequest, "InvalidArgument", "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
		e.Extra = map[string]string{"ArgumentName": "key", "ArgumentValue": ""}
		return e
	}
	cred, err := b.checkPostSignature(f)
	if err != nil {
		return err
	}
	conds, err := checkPolicy(f["policy"], r.Now)
	if err != nil {
		return err
	}
	// The file's size is known, and content-length-range checked, once
	// it is stored.
	if err := matchConditions(conds, f, t.bucket, -1); err != nil {
		return err
	}
	key := strings.ReplaceAll(f["key"], "${filename}", form.filename)
	if key == "" {
		return errInvalidArgument("User key must have a length greater than 0.", "key", "")
	}
	h := postHeaders(f)
	if e := checkStorageHeaders(h); e != nil {
		return e
	}
	var tags []tag
	if doc, ok := f["tagging"]; ok {
		// The form's tagging field is a Tagging document (S3 API
		// Reference, "POST Object").
		if tags, err = readTagging([]byte(doc), maxObjectTags); err != nil {
			return err
		}
	}
	// Refuse what can be refused before reading the file; the bucket is
	// looked at again when the object is stored.
	b.mu.RLock()
	_, _, err = b.postTarget(t.bucket, cred.AccountID, f["acl"])
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	rc, err := b.receiveFrom(form.file, r.HTTP.ContentLength, false, h, nil)
	if err != nil {
		return err
	}
	if err := matchConditions(conds, f, t.bucket, rc.body.size); err != nil {
		rc.body.release()
		return err
	}
	o := newObject(key, h, r.Now)
	o.tags = tags
	if err := b.storeNew(w, o, rc, func() (*bucket, *accessPolicy, error) {
		return b.postTarget(t.bucket, cred.AccountID, f["acl"])
	}); err != nil {
		return err
	}
	etag := o.etag
	location := "/" + t.bucket + "/" + url.PathEscape(key)
	if r.HTTP.Host != "" {
		scheme := "http://"
		if r.HTTP.TLS != nil {
			scheme = "https://"
		}
		location = scheme + r.HTTP.Host + location
	}
	w.Header().Set("Location", location)
	if redirect := f["success_action_redirect"]; redirect != "" {
		if u, err := url.Parse(redirect); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			q := u.Query()
			q.Set("bucket", t.bucket)
			q.Set("key", key)
			q.Set("etag", etag)
			u.RawQuery = q.Encode()
			w.Header().Set("Location", u.String())
			w.WriteHeader(http.StatusSeeOther)
			return nil
		}
	}
	switch f["success_action_status"] {
	case "200":
		w.WriteHeader(http.StatusOK)
	case "201":
		return writeXML(w, http.StatusCreated, postResponse{Location: location, Bucket: t.bucket, Key: key, ETag: etag})
	default:
		w.WriteHeader(http.StatusNoContent)
	}
	return nil
}

// postResponse is the document of success_action_status 201.
type postResponse struct {
	XMLName  xml.Name `xml:"PostResponse"`
	Location string
	Bucket   string
	Key      string
	ETag     string
}

// checkPostSignature verifies the form's SigV4 fields and returns whose
// credentials signed it.
func (b *Backend) checkPostSignature(f map[string]string) (fake.Credential, error) {
	if f["x-amz-signature"] == "" && (f["signature"] != "" || f["awsaccesskeyid"] != "") {
		// A SigV2 form (AWSAccessKeyId, signature), as boto3's
		// generate_presigned_post makes by default: S3 refuses it as it
		// refuses every SigV2 request where it takes SigV4 only.
		return fake.Credential{}, s3err(http.StatusBadRequest, "InvalidRequest",
			"The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.")
	}
	for _, name := range []string{"policy", "x-amz-signature", "x-amz-credential", "x-amz-date"} {
		if f[name] == "" {
			if name == "policy" || name == "x-amz-signature" {
				return fake.Credential{}, errAccessDenied() // an unsigned upload to a bucket that is not public
			}
			return fake.Credential{}, errInvalidArgument("Bucket POST must contain a field named '"+name+"'.", name, "")
		}
	}
	if f["x-amz-algorithm"] != "AWS4-HMAC-SHA256" {
		return fake.Credential{}, errInvalidArgument("Unsupported algorithm.", "x-amz-algorithm", f["x-amz-algorithm"])
	}
	parts := strings.Split(f["x-amz-credential"], "/")
	if len(parts) != 5 || parts[3] != "s3" || parts[4] != "aws4_request" || !strings.HasPrefix(f["x-amz-date"], parts[1]) {
		return fake.Credential{}, errInvalidArgument("Invalid credential.", "x-amz-credential", f["x-amz-credential"])
	}
	cred, ok := b.postCredential(parts[0])
	if !ok {
		return fake.Credential{}, s3err(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	}
	want := PostSignature(cred.SecretAccessKey, parts[1], parts[2], f["policy"])
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(f["x-amz-signature"]))) {
		return fake.Credential{}, s3err(http.StatusForbidden, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
	if !hmac.Equal([]byte(cred.SessionToken), []byte(f["x-amz-security-token"])) {
		return fake.Credential{}, s3err(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
	}
	return cred, nil
}

// checkPolicy decodes the policy and checks its expiration.
func checkPolicy(policy string, now time.Time) ([]json.RawMessage, error) {
	raw, err := base64.StdEncoding.DecodeString(policy)
	if err != nil {
		return nil, s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid 'base64' encoding.")
	}
	var doc struct {
		Expiration string            `json:"expiration"`
		Conditions []json.RawMessage `json:"conditions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.")
	}
	exp, err := time.Parse(time.RFC3339, doc.Expiration)
	if err != nil {
		return nil, s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid 'expiration' value: '"+doc.Expiration+"'")
	}
	if !now.Before(exp) {
		return nil, errPolicy("Policy expired.")
	}
	return doc.Conditions, nil
}

// matchConditions checks every condition of the policy against the form
// and that the policy covers every field the form sent. A size below 0
// (the file not stored yet) skips content-length-range.
func matchConditions(conds []json.RawMessage, f map[string]string, bucket string, size int64) error {
	value := func(field string) string {
		if field == "bucket" {
			return bucket
		}
		return f[field]
	}
	covered := map[string]bool{}
	for _, raw := range conds {
		var eq map[string]string
		if json.Unmarshal(raw, &eq) == nil {
			for k, v := range eq {
				covered[strings.ToLower(k)] = true
				if value(strings.ToLower(k)) != v {
					return errPolicy(fmt.Sprintf("Policy Condition failed: [\"eq\", \"$%s\", %q]", k, v))
				}
			}
			continue
		}
		var list []any
		if json.Unmarshal(raw, &list) != nil || len(list) != 3 {
			return s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid Condition: "+string(raw))
		}
		op, _ := list[0].(string)
		op = strings.ToLower(op)
		switch op {
		case "content-length-range":
			lo, lok := list[1].(float64)
			hi, hok := list[2].(float64)
			if !lok || !hok {
				return s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid content-length-range: "+string(raw))
			}
			if size < 0 {
				continue // not known yet
			}
			if size < int64(lo) {
				return s3err(http.StatusBadRequest, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
			}
			if size > int64(hi) {
				return s3err(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
			}
		case "eq", "starts-with":
			field, _ := list[1].(string)
			want, _ := list[2].(string)
			name := strings.TrimPrefix(field, "$")
			covered[strings.ToLower(name)] = true
			got := value(strings.ToLower(name))
			if op == "eq" && got != want || op == "starts-with" && !strings.HasPrefix(got, want) {
				// S3 quotes the condition as the policy wrote it.
				return errPolicy(fmt.Sprintf("Policy Condition failed: [%q, \"$%s\", %q]", op, name, want))
			}
		default:
			return s3err(http.StatusBadRequest, "InvalidPolicyDocument", "Invalid Policy: Invalid Condition: "+string(raw))
		}
	}
	for name := range f {
		switch {
		case covered[name], name == "policy", name == "x-amz-signature", strings.HasPrefix(name, "x-ignore-"):
		default:
			return errPolicy("Extra input fields: " + name)
		}
	}
	return nil
}

// postTarget returns the bucket of a POST upload and the object's ACL
// (postACL) after checking that the bucket exists, that account owns it,
// and that it allows the acl field. The lock must be held.
func (b *Backend) postTarget(bucketName, account, acl string) (*bucket, *accessPolicy, error) {
	bk, ok := b.buckets[bucketName]
	switch {
	case !ok:
		return nil, nil, errNoSuchBucket(bucketName)
	case bk.owner != account:
		return nil, nil, errAccessDenied()
	}
	p, err := postACL(bk, acl)
	if err != nil {
		return nil, nil, err
	}
	return bk, p, nil
}

// postACL is the ACL the acl field gives the object, nil for none. As
// x-amz-acl on a PUT, it is a canned ACL, refused when the bucket's Object
// Ownership disables ACLs or its public access block blocks it.
func postACL(bk *bucket, acl string) (*accessPolicy, error) {
	if acl == "" {
		return nil, nil
	}
	p, err := cannedPolicy(acl, bk.owner)
	if err != nil {
		return nil, errInvalidArgument("", "acl", acl)
	}
	return p, allowed(bk, p)
}
