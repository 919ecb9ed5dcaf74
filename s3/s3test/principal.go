package s3test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// Principal is a requester other than an account's own signed request
// or an anonymous one: a CloudFront origin access identity (OAI), or a
// service principal acting for a resource, as CloudFront does for a
// distribution with origin access control (OAC). S3 evaluates such a
// request as it evaluates a request from another account: the bucket
// policy, the ACLs unless Object Ownership is BucketOwnerEnforced, and
// the public access block (access.go).
type Principal struct {
	// CanonicalUser is its S3 canonical user ID, named by ACL grants to
	// a CanonicalUser grantee and by a policy's {"CanonicalUser": ID}.
	CanonicalUser string
	// ARN names it in a policy's {"AWS": ARN}: an OAI is
	// "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EXXX"
	// (CloudFront Developer Guide, "Restricting access to an Amazon S3
	// origin", legacy OAI bucket policy).
	ARN string
	// Service names a service principal in a policy's {"Service": name}:
	// "cloudfront.amazonaws.com" for OAC.
	Service string
	// SourceARN and SourceAccount are the request's aws:SourceArn and
	// aws:SourceAccount condition keys: for OAC, the distribution's ARN
	// and its account.
	SourceARN, SourceAccount string
}

// oaiARNPrefix begins the IAM ARN of every CloudFront origin access
// identity.
const oaiARNPrefix = "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity "

// SetPrincipals is the hook by which a local cloud tells the backend of
// the principals other services own: known reports whether an OAI ARN
// (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID)
// names an identity that exists. With it set, PutBucketPolicy refuses a
// policy naming an OAI that does not exist with MalformedPolicy "Invalid
// principal in policy", as S3 does; without it (S3 alone) such
// principals are not checked. nil unsets it.
func (b *Backend) SetPrincipals(known func(arn string) bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.principals = known
}

// checkPrincipals refuses a policy that names an OAI the principal hook
// does not know.
func (b *Backend) checkPrincipals(policy []byte) *fake.Error {
	b.mu.RLock()
	known := b.principals
	b.mu.RUnlock()
	if known == nil {
		return nil
	}
	for _, s := range parseStatements(policy) {
		for _, raw := range []json.RawMessage{s.Principal, s.NotPrincipal} {
			var m map[string]json.RawMessage
			if json.Unmarshal(bytes.TrimSpace(raw), &m) != nil {
				continue
			}
			for _, p := range policyStrings(m["AWS"]) {
				if strings.HasPrefix(p, oaiARNPrefix) && !known(p) {
					return s3err(http.StatusBadRequest, "MalformedPolicy", "Invalid principal in policy")
				}
			}
		}
	}
	return nil
}

// principalKey carries a *Principal in a request's context from ServeAs
// to lookupReadable.
type principalKey struct{}

// principalOf returns the principal ServeAs put on r, or nil.
func principalOf(r *fake.Request) *Principal {
	p, _ := r.HTTP.Context().Value(principalKey{}).(*Principal)
	return p
}

// ServeAs answers r, a GetObject or HeadObject addressed path-style
// (/bucket/key) or virtual-host style, as S3 would answer it had p sent
// it signed (the zero Principal sends it unsigned, as CloudFront does
// for a public origin): the bucket's policy, ACLs, Object Ownership and public
// access block decide exactly as they do for a signed request from
// another account, and a refusal is S3's 403 AccessDenied <Error>
// document. Every other operation is AccessDenied, since the fake grants
// principals outside the owner's account only reads. It serves in
// process, which is how a fake CloudFront edge reads an S3 origin as an
// OAI or with OAC.
func (b *Backend) ServeAs(w http.ResponseWriter, r *http.Request, p Principal) {
	svc := b.Service()
	id := principalRequestID()
	w.Header().Set("x-amz-request-id", id)
	op := Operation(r)
	hr := r
	if p != (Principal{}) {
		hr = r.WithContext(context.WithValue(r.Context(), principalKey{}, &p))
	}
	req := &fake.Request{
		HTTP:      hr,
		Service:   svc.Name,
		Region:    "us-east-1",
		Operation: op,
		RequestID: id,
		Now:       b.clock(),
	}
	var err error
	if op != "GetObject" && op != "HeadObject" {
		err = errAccessDenied()
	} else {
		err = b.handle(w, req)
	}
	if err == nil {
		return
	}
	e, ok := err.(*fake.Error)
	if !ok {
		e = &fake.Error{Status: http.StatusInternalServerError, Code: "InternalError", Message: "We encountered an internal error. Please try again."}
	}
	fake.RenderError(w, &svc, id, e)
}

// GetAs is ServeAs for a plain GET or HEAD of bucket/key with header,
// answered as an *http.Response whose body is in memory.
func (b *Backend) GetAs(ctx context.Context, p Principal, method, bucket, key string, header http.Header) *http.Response {
	r := httptest.NewRequestWithContext(ctx, method, "http://127.0.0.1/", nil)
	r.URL.Path = "/" + bucket + "/" + key
	r.URL.RawPath = ""
	r.RequestURI = ""
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	b.ServeAs(w, r, p)
	return w.Result()
}

// principalRequestID returns a request ID like the server's.
func principalRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:8]))
}
