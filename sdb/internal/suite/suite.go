// Package suite is a conformance suite for SimpleDB servers: one set of
// tests, written against goboto's sdb package, that runs unchanged
// against goboto's fake (sdbtest) and against moto, as
// cloudwatch/internal/suite does for CloudWatch.
//
// Most tests go through sdb.Conn. The client refuses out-of-limit input
// before sending it, so the tests of what the server itself refuses
// (limits, malformed requests, error documents) send raw signed requests
// through internal/query, the client goboto's sdb package is built on.
//
// Where a backend is known to answer otherwise than SimpleDB, Differences
// says so, and each flag's comment says which answer matches AWS and on
// what evidence. A test that meets a difference checks the backend's
// known answer instead of skipping, so a flag that stops being true
// fails.
package suite

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/query"
	"github.com/goboto/goboto/sdb"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("sdbtest", "moto").
	Name string
	// Config reaches the backend in us-east-1: its BaseEndpoint, static
	// credentials and, optionally, HTTPClient.
	Config aws.Config
	// NewDomain returns a domain name no earlier call returned, so that
	// suites sharing one server never see each other's domains.
	NewDomain func() string
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env.
func Run(t *testing.T, env Env) {
	b := newBackend(env)
	t.Run("Domains", func(t *testing.T) { testDomains(t, b) })
	t.Run("ListDomains", func(t *testing.T) { testListDomains(t, b) })
	t.Run("DomainMetadata", func(t *testing.T) { testDomainMetadata(t, b) })
	t.Run("PutGet", func(t *testing.T) { testPutGet(t, b) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, b) })
	t.Run("DeleteAttributes", func(t *testing.T) { testDeleteAttributes(t, b) })
	t.Run("ConditionalPut", func(t *testing.T) { testConditionalPut(t, b) })
	t.Run("ConditionalDelete", func(t *testing.T) { testConditionalDelete(t, b) })
	t.Run("ExpectedErrors", func(t *testing.T) { testExpectedErrors(t, b) })
	t.Run("BatchPut", func(t *testing.T) { testBatchPut(t, b) })
	t.Run("BatchDelete", func(t *testing.T) { testBatchDelete(t, b) })
	t.Run("BatchErrors", func(t *testing.T) { testBatchErrors(t, b) })
	t.Run("SelectComparisons", func(t *testing.T) { testSelectComparisons(t, b) })
	t.Run("SelectMultiValued", func(t *testing.T) { testSelectMultiValued(t, b) })
	t.Run("SelectOutput", func(t *testing.T) { testSelectOutput(t, b) })
	t.Run("SelectOrderLimit", func(t *testing.T) { testSelectOrderLimit(t, b) })
	t.Run("SelectPaging", func(t *testing.T) { testSelectPaging(t, b) })
	t.Run("SelectErrors", func(t *testing.T) { testSelectErrors(t, b) })
	t.Run("LimitsNamesValues", func(t *testing.T) { testLimitsNamesValues(t, b) })
	t.Run("LimitsPairs", func(t *testing.T) { testLimitsPairs(t, b) })
	t.Run("ErrorCodes", func(t *testing.T) { testErrorCodes(t, b) })
	t.Run("ErrorDocument", func(t *testing.T) { testErrorDocument(t, b) })
}

// backend is an Env with its clients made.
type backend struct {
	Env
	conn *sdb.Conn
	raw  *query.Client
}

func newBackend(env Env) *backend {
	// One attempt: moto answers unimplemented actions with HTTP 500,
	// which retrying only repeats, and the suite pins first answers.
	conn := sdb.New(env.Config, goboto.WithRetry(1, time.Millisecond))
	endpoint := ""
	if env.Config.BaseEndpoint != nil {
		endpoint = *env.Config.BaseEndpoint
	}
	raw := query.New(query.Client{
		Service:     "SimpleDB",
		Version:     "2009-04-15",
		Endpoint:    endpoint,
		Host:        "sdb.amazonaws.com", // us-east-1, as sdb.New sends it
		Credentials: env.Config.Credentials,
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		HTTPClient:  env.Config.HTTPClient,
	})
	return &backend{Env: env, conn: conn, raw: raw}
}

// domain creates a fresh domain for t and deletes it when t ends.
func (b *backend) domain(t *testing.T) *sdb.Domain {
	t.Helper()
	d, err := b.conn.CreateDomain(context.Background(), b.NewDomain())
	if err != nil {
		t.Fatalf("%s: CreateDomain: %v", b.Name, err)
	}
	t.Cleanup(func() { d.Delete(context.Background()) })
	return d
}

// call sends action with params as they are, past the client's checks.
func (b *backend) call(action string, params url.Values) error {
	if params == nil {
		params = url.Values{}
	}
	_, err := b.raw.Do(context.Background(), action, params, nil)
	return err
}

// apiErr is err's *goboto.APIError, or nil.
func apiErr(err error) *goboto.APIError {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// wantCode fails t unless err is an API error with code and status.
func wantCode(t *testing.T, b *backend, what string, err error, code string, status int) {
	t.Helper()
	ae := apiErr(err)
	if ae == nil || ae.Code != code || ae.StatusCode != status {
		t.Errorf("%s: %s = %v, want %s (HTTP %d)", b.Name, what, err, code, status)
	}
}

// wantUnimplemented fails t unless err is moto's answer to an action it
// does not serve: an HTML page with HTTP 500, which goboto reads as
// InternalServerError.
func wantUnimplemented(t *testing.T, b *backend, what string, err error) {
	t.Helper()
	wantCode(t, b, what, err, "InternalServerError", 500)
}

// wantNoError fails t now if err is not nil.
func wantNoError(t *testing.T, b *backend, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %s: %v", b.Name, what, err)
	}
}

// isValidation reports whether err is the client refusing input before
// sending it.
func isValidation(err error) bool {
	var ve *goboto.ValidationError
	return errors.As(err, &ve)
}
