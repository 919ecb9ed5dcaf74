package s3test

import (
	"net/http"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// grantHeaders are the x-amz-grant-* headers and the permission each
// grants.
var grantHeaders = []struct{ header, permission string }{
	{"X-Amz-Grant-Full-Control", "FULL_CONTROL"},
	{"X-Amz-Grant-Write", "WRITE"},
	{"X-Amz-Grant-Write-Acp", "WRITE_ACP"},
	{"X-Amz-Grant-Read", "READ"},
	{"X-Amz-Grant-Read-Acp", "READ_ACP"},
}

// hasGrantHeaders reports whether h carries any x-amz-grant-* header.
func hasGrantHeaders(h http.Header) bool {
	for _, g := range grantHeaders {
		if h.Get(g.header) != "" {
			return true
		}
	}
	return false
}

// headerGrants reads the x-amz-grant-* headers of h into a policy holding
// exactly the grants they name, as S3 does. Each header is a
// comma-separated list of grantees: id="<canonical user ID>",
// emailAddress="<address>" or uri="<group URI>".
func headerGrants(h http.Header) (*accessPolicy, error) {
	p := &accessPolicy{}
	for _, gh := range grantHeaders {
		v := h.Get(gh.header)
		if v == "" {
			continue
		}
		for _, item := range splitGrantees(v) {
			e, err := parseGrantee(item)
			if err != nil {
				return nil, errInvalidArgument(err.Error(), strings.ToLower(gh.header), v)
			}
			p.Grants = append(p.Grants, grant{Grantee: e, Permission: gh.permission})
		}
	}
	return p, nil
}

// grantError is why a grantee could not be read; its text is S3's message.
type grantError string

func (e grantError) Error() string { return string(e) }

// splitGrantees splits a grant header at the commas outside quotes.
func splitGrantees(v string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	return append(out, v[start:])
}

// parseGrantee reads one `type="value"` grantee.
func parseGrantee(item string) (grantee, error) {
	kind, value, ok := strings.Cut(strings.TrimSpace(item), "=")
	value = strings.TrimSpace(value)
	if uq, found := strings.CutPrefix(value, `"`); found {
		value, found = strings.CutSuffix(uq, `"`)
		if !found {
			return grantee{}, grantError("Argument format not recognized")
		}
	}
	if !ok || value == "" || strings.Contains(value, `"`) {
		return grantee{}, grantError("Argument format not recognized")
	}
	switch strings.ToLower(strings.TrimSpace(kind)) {
	case "id":
		return grantee{InType: "CanonicalUser", ID: value}, nil
	case "emailaddress":
		return grantee{InType: "AmazonCustomerByEmail", EmailAddress: value}, nil
	case "uri":
		if value != allUsers && value != authenticatedUsers && value != logDelivery {
			return grantee{}, grantError("Invalid group uri")
		}
		return grantee{InType: "Group", URI: value}, nil
	}
	return grantee{}, grantError("Argument format not recognized")
}

// aclFromHeaders reads the ACL a request sets with headers: the canned
// x-amz-acl or x-amz-grant-* grants (not both, as in S3); nil when it
// sets none.
func aclFromHeaders(r *fake.Request, owner string) (*accessPolicy, error) {
	h := r.HTTP.Header
	canned, grants := h.Get("X-Amz-Acl"), hasGrantHeaders(h)
	switch {
	case canned != "" && grants:
		return nil, s3err(http.StatusBadRequest, "InvalidRequest",
			"Specifying both Canned ACLs and Header Grants is not allowed")
	case canned != "":
		return cannedPolicy(canned, owner)
	case grants:
		return headerGrants(h)
	}
	return nil, nil
}

// errBucketACLEnforced is CreateBucket's answer to an ACL on a bucket
// whose Object Ownership is BucketOwnerEnforced.
func errBucketACLEnforced() *fake.Error {
	return s3err(http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership",
		"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
}

// errBucketACLBlocked is CreateBucket's answer to a public ACL: S3's
// documentation says such a request fails, since a new bucket blocks
// public ACLs, and users report this code and message.
func errBucketACLBlocked() *fake.Error {
	return s3err(http.StatusBadRequest, "InvalidBucketAclWithBlockPublicAccessError",
		"Bucket cannot have public ACLs set with BlockPublicAccess enabled")
}
