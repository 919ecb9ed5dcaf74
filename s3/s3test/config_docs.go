package s3test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// doc describes one configuration document a bucket keeps verbatim.
type doc struct {
	field    func(*bucketConfig) *[]byte
	root     string // XML root element; "" for the JSON policy
	notFound func() *fake.Error
	// putStatus is what a successful Put answers.
	putStatus int
}

var (
	docPolicy = doc{
		field: func(c *bucketConfig) *[]byte { return &c.policy },
		notFound: func() *fake.Error {
			return s3err(http.StatusNotFound, "NoSuchBucketPolicy", "The bucket policy does not exist")
		},
		putStatus: http.StatusNoContent,
	}
	docCORS = doc{
		field: func(c *bucketConfig) *[]byte { return &c.cors },
		root:  "CORSConfiguration",
		notFound: func() *fake.Error {
			return s3err(http.StatusNotFound, "NoSuchCORSConfiguration", "The CORS configuration does not exist")
		},
		putStatus: http.StatusOK,
	}
	docLifecycle = doc{
		field: func(c *bucketConfig) *[]byte { return &c.lifecycle },
		root:  "LifecycleConfiguration",
		notFound: func() *fake.Error {
			return s3err(http.StatusNotFound, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")
		},
		putStatus: http.StatusOK,
	}
	docWebsite = doc{
		field: func(c *bucketConfig) *[]byte { return &c.website },
		root:  "WebsiteConfiguration",
		notFound: func() *fake.Error {
			return s3err(http.StatusNotFound, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration")
		},
		putStatus: http.StatusOK,
	}
)

// check reports whether body is a well-formed document of d's kind.
func (d doc) check(body []byte) *fake.Error {
	if d.root == "" {
		if !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) || !json.Valid(body) {
			return s3err(http.StatusBadRequest, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'")
		}
		return checkPolicyGrammar(body)
	}
	var root struct{ XMLName xml.Name }
	if err := xml.Unmarshal(body, &root); err != nil || root.XMLName.Local != d.root {
		return errMalformedXML()
	}
	return nil
}

// getDoc serves the Get operation of d.
func (b *Backend) getDoc(d doc) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		var body []byte
		if err := b.configWith(r, t, func(c *bucketConfig) { body = *d.field(c) }); err != nil {
			return err
		}
		if body == nil {
			e := d.notFound()
			e.Extra = map[string]string{"BucketName": t.bucket}
			return e
		}
		if d.root == "" {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "application/xml")
		}
		w.WriteHeader(http.StatusOK)
		_, err := w.Write(body)
		return err
	}
}

// putDoc serves the Put operation of d.
func (b *Backend) putDoc(d doc) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		if err := d.check(r.Body); err != nil {
			return err
		}
		if d.root == "" {
			if err := b.checkPrincipals(r.Body); err != nil {
				return err
			}
		}
		body := bytes.Clone(r.Body)
		if err := b.configWith(r, t, func(c *bucketConfig) { *d.field(c) = body }); err != nil {
			return err
		}
		w.WriteHeader(d.putStatus)
		return nil
	}
}

// deleteDoc serves the Delete operation of d; deleting what is not there
// succeeds, as in S3.
func (b *Backend) deleteDoc(d doc) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		if err := b.configWith(r, t, func(c *bucketConfig) { *d.field(c) = nil }); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// checkPolicyGrammar refuses a policy S3 would not parse as one: it must
// have a Statement, and a Statement list must not be empty. S3 checks far
// more (principals, actions, resources); the fake checks only this much.
func checkPolicyGrammar(body []byte) *fake.Error {
	var p struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return s3err(http.StatusBadRequest, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'")
	}
	st := bytes.TrimSpace(p.Statement)
	switch {
	case len(st) == 0 || bytes.Equal(st, []byte("null")):
		return s3err(http.StatusBadRequest, "MalformedPolicy", "Missing required field Statement")
	case bytes.Equal(st, []byte("[]")) || (st[0] == '[' && len(bytes.TrimSpace(st[1:len(st)-1])) == 0):
		return s3err(http.StatusBadRequest, "MalformedPolicy", "Could not parse the policy: Statement is empty!")
	case st[0] != '[' && st[0] != '{':
		return s3err(http.StatusBadRequest, "MalformedPolicy", "Statement must be an object or a list of objects")
	}
	return nil
}
