package awsmodel

import (
	"context"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Fake is the part of a fake's test server (ec2test.Server, rdstest.Server,
// s3test.Server, sdbtest.Server) that NewCase uses.
type Fake interface {
	URL() string
	HTTPClient() *http.Client
	Config(region string) aws.Config
}

// NewCase returns a Case for srv with the fields every fake fills alike:
// requests built against its URL, signed as its main test account in
// region ("": its default) with SigV2 when the model signs so and SigV4
// otherwise, and sent with its client; digest is the fake's state digest.
// The caller adds Implemented, NotImplementedCodes and the rest.
func NewCase(t T, m *Model, srv Fake, region string, digest func() string) Case {
	t.Helper()
	cfg := srv.Config(region)
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatalf("awsmodel.NewCase: %v", err)
	}
	sign := SignV4(creds, cfg.Region, m.Metadata.Signing(), nil)
	if m.Metadata.SignatureVersion == "v2" {
		sign = SignV2(creds, nil)
	}
	return Case{Model: m, Endpoint: srv.URL(), Sign: sign, Send: srv.HTTPClient().Do, Digest: digest}
}

// Do signs and sends req, one request of operation op, with digests
// either side, as Conform does for each of its own; false when it could
// not (reported through t). For tests that build their own requests, such
// as one per optional member.
func (c *Case) Do(t T, op string, req *http.Request) (Result, bool) {
	t.Helper()
	return c.send(t, op, req)
}

// EachOptionalMember sends, for each of ops in a subtest of its own, one
// request per optional member the model gives the operation, with that
// member set to its placeholder value. start seeds a fresh fake for op
// and returns the Case to send with and the Values that point requests
// at what it seeded; it runs again after any request that changed the
// state, so every member is tried on the seeded state. check judges each
// answer.
func EachOptionalMember(t *testing.T, m *Model, ops []string, start func(t *testing.T, op string) (Case, Values),
	check func(t *testing.T, op string, mem Member, r Result)) {
	t.Helper()
	for _, op := range ops {
		members, err := m.OptionalMembers(op)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(op, func(t *testing.T) {
			c, ov := start(t, op)
			for _, mem := range members {
				vals := maps.Clone(ov)
				if vals == nil {
					vals = Values{}
				}
				vals[op+"."+mem.Path] = mem.Value
				req, err := m.Request(op, c.Endpoint, vals)
				if err != nil {
					t.Errorf("%s: %v", mem.Path, err)
					continue
				}
				r, ok := c.Do(t, op, req)
				if !ok {
					t.FailNow()
				}
				check(t, op, mem, r)
				if r.Changed() {
					c, ov = start(t, op)
				}
			}
		})
	}
}

// CheckSomeRefused fails t when every implemented operation in results
// succeeded: requests built from placeholders name nothing that exists,
// so most must be refused, and a run of successes alone has proved no
// error code.
func CheckSomeRefused(t T, results []Result) {
	t.Helper()
	codes, n := map[string]int{}, 0
	for _, r := range results {
		if r.Implemented {
			codes[r.Code]++
			n++
		}
	}
	if codes[""] == n {
		t.Errorf("every minimal request succeeded: %v", codes)
	}
}

// SourceFile is one of a fake's own Go files.
type SourceFile struct {
	Name, Text string
}

// Source returns the non-test Go files of the working directory (a test's
// own package), by name, but those named in except: the text tests search
// for the error codes and parameter names the handlers write.
func Source(t T, except ...string) []SourceFile {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatalf("awsmodel.Source: %v", err)
	}
	var out []SourceFile
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || slices.Contains(except, f) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("awsmodel.Source: %v", err)
		}
		out = append(out, SourceFile{f, string(b)})
	}
	if len(out) == 0 {
		t.Fatalf("awsmodel.Source: no Go files in the working directory")
	}
	return out
}
