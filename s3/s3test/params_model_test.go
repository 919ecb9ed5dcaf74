package s3test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// memberWire returns where a rest-xml member travels: "header",
// "headers" (a prefix), "querystring" or "body", and its wire name (for
// a body member, its own element's name).
func memberWire(m *awsmodel.Model, op string, mem awsmodel.Member) (loc, name string) {
	parts := strings.Split(mem.Path, ".")
	ref := m.Shapes[m.Operations[op].Input.Shape].Members[parts[0]]
	if ref.Location != "" {
		return ref.Location, ref.LocationName
	}
	s, last, name := m.Shapes[ref.Shape], ref, parts[0]
	for _, p := range parts[1:] {
		switch s.Type {
		case "structure":
			last, name = s.Members[p], p
		case "list":
			last = s.Member
		case "map":
			return "body", name
		}
		s = m.Shapes[last.Shape]
	}
	if last.LocationName != "" {
		name = last.LocationName
	}
	return "body", name
}

// s3Harmless are optional members the fake accepts and does not act on
// because, by S3's definition, they cannot change the outcome for what
// the fake holds.
var s3Harmless = map[string]string{
	"x-amz-request-payer":                             "only acknowledges charges on a Requester Pays bucket; the fake bills nothing",
	"x-amz-sdk-checksum-algorithm":                    "names the algorithm of the x-amz-checksum-* header sent beside it, which is what the fake checks",
	"x-amz-checksum-mode":                             "asks reads to return stored checksums, which the fake returns either way",
	"x-amz-bypass-governance-retention":               "bypasses Object Lock governance mode; the fake's buckets never have Object Lock",
	"x-amz-server-side-encryption-bucket-key-enabled": "S3 Bucket Keys only lower the cost of KMS requests; objects read the same",
	"x-amz-optional-object-attributes":                "adds RestoreStatus to listings, which S3 writes only for restored archived objects; the fake has none",
}

// s3VerbatimDocs are the operations whose body the fake stores and
// answers as sent (config.go's bucketConfig), so every member of it is
// honoured: GetBucket* returns it.
var s3VerbatimDocs = []string{"PutBucketCors", "PutBucketLifecycle", "PutBucketLifecycleConfiguration", "PutBucketWebsite", "PutBucketPolicy"}

// TestEveryOptionalMember sets, for each operation the fake serves, each
// optional input member of S3's API model in turn (awsmodel's placeholder
// value, querystring, header and body members alike) on a request
// pointed at seeded resources. Each must be honoured (read by a handler,
// stored as sent, or harmless by S3's definition: s3Harmless) or refused
// NotImplemented naming it (S3 API Reference, Error responses:
// NotImplemented, "A header you provided implies functionality that is
// not implemented"); every error answer is an S3 code and leaves the state
// as it was.
func TestEveryOptionalMember(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "s3")
	var src strings.Builder
	for _, f := range awsmodel.Source(t, "refused_headers.go") {
		src.WriteString(f.Text)
	}
	quoted := regexp.MustCompile(`"[^"\n]*"`).FindAllString(src.String(), -1)
	words := regexp.MustCompile(`[A-Za-z0-9]+`).FindAllString(src.String(), -1)
	read := func(loc, name string) bool {
		if loc == "body" && slices.Contains(words, name) {
			return true
		}
		return slices.ContainsFunc(quoted, func(q string) bool { return strings.EqualFold(strings.Trim(q, `"`), name) })
	}
	srv0 := Start(t)
	c0 := s3Conform(t, m, srv0)
	var ops []string
	for _, op := range m.OperationNames() {
		// PostObject is a browser form, not a model request.
		if c0.Implemented(op) && op != "PostObject" {
			ops = append(ops, op)
		}
	}
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv := Start(t)
		sd := seedS3(t, srv)
		s3SeedFor(t, srv, op)
		v := sd.values()
		if op == "DeleteBucket" {
			v["DeleteBucket.Bucket"] = "empty"
		}
		return s3Conform(t, m, srv), v
	}
	refused := 0
	var gaps []string
	awsmodel.EachOptionalMember(t, m, ops, start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		loc, name := memberWire(m, op, mem)
		code, body := r.Code, string(r.Body)
		// A HEAD's error has no body; its refusal is the 501 alone.
		refusal := code == "NotImplemented" && strings.Contains(strings.ToLower(body), strings.ToLower(name)) ||
			r.Status == http.StatusNotImplemented && body == "" &&
				slices.ContainsFunc(refusedHeaders, func(h string) bool { return strings.EqualFold(h, name) })
		// copy.go reads x-amz-copy-source-if-* by a common prefix.
		honoured := read(loc, name) || strings.HasPrefix(name, "x-amz-copy-source-if-") || s3Harmless[strings.ToLower(name)] != "" ||
			(loc == "body" && slices.Contains(s3VerbatimDocs, op))
		declared := slices.Concat(m.ErrorCodes(op), s3DocumentedCodes, awsmodel.CommonErrorCodes)
		switch {
		case code != "" && !slices.Contains(declared, code):
			t.Errorf("%s %s=%q: %s is not an S3 code: %s", loc, name, mem.Value, code, body)
		case code != "" && r.Changed():
			t.Errorf("%s %s=%q: answered %s but changed the state", loc, name, mem.Value, code)
		case !honoured && !refusal && loc == "body":
			gaps = append(gaps, op+" "+mem.Path)
		case !honoured && !refusal:
			t.Errorf("%s %s=%q: neither read by the fake nor refused by name (HTTP %d %s): %s", loc, name, mem.Value, r.Status, code, body)
		}
		if refusal {
			refused++
		}
	})
	if refused == 0 {
		t.Error("no member was refused by name: refusedHeaders is not checked")
	}
	if diff := cmp.Diff(s3BodyGaps, gaps); diff != "" {
		t.Errorf("body members neither read nor refused (-want +got):\n%s", diff)
	}
}

// s3BodyGaps are the XML body members the fake neither reads nor refuses
// yet, to be closed (refused by name or implemented); the list is pinned
// so that a new gap, or a closed one, fails the test until it is updated.
// (A body member is "read" when its name is an identifier of the source,
// which a struct field of another element may also satisfy.)
var s3BodyGaps = []string{
	"PutBucketAcl AccessControlPolicy.Grants.1.Grantee.Type",
	"PutObjectAcl AccessControlPolicy.Grants.1.Grantee.Type",
	"PutObjectRetention Retention.RetainUntilDate",
}
