package suite

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/sigv2"
)

// testErrorCodes pins the answers to malformed requests (API Error
// Codes: InvalidAction "The action " + actionName + " is not valid for
// this web service", 400; MissingParameter "The request must contain the
// parameter " + parameterName, 400) and that every error carries a
// request ID (API Error Codes: server errors "should be reported to
// Amazon Web Services (including the request ID ...)").
func testErrorCodes(t *testing.T, b *backend) {
	d := b.domain(t)
	for _, c := range []struct {
		what   string
		action string
		p      url.Values
		code   string
	}{
		{"an unknown action", "Frobnicate", nil, "InvalidAction"},
		{"CreateDomain without DomainName", "CreateDomain", nil, "MissingParameter"},
		{"PutAttributes without attributes", "PutAttributes", url.Values{"DomainName": {d.Name()}, "ItemName": {"i"}}, "MissingParameter"},
	} {
		err := b.call(c.action, c.p)
		if b.Diff.ServerErrorOnBadRequest {
			wantUnimplemented(t, b, c.what+" (moto)", err)
			continue
		}
		wantCode(t, b, c.what, err, c.code, 400)
		if ae := apiErr(err); ae != nil && ae.RequestID == "" {
			t.Errorf("%s: %s answered no request ID", b.Name, c.what)
		}
	}
	err := b.call("GetAttributes", url.Values{"DomainName": {b.NewDomain()}, "ItemName": {"i"}})
	wantCode(t, b, "GetAttributes in a missing domain", err, "NoSuchDomain", 400)
	if ae := apiErr(err); ae != nil && ae.RequestID == "" {
		t.Errorf("%s: NoSuchDomain answered no request ID", b.Name)
	}
	// Developer Guide, "Common Response Elements": every answer's
	// ResponseMetadata has a RequestId and the BoxUsage charged.
	meta, err := b.raw.Do(context.Background(), "ListDomains", url.Values{}, nil)
	wantNoError(t, b, "ListDomains", err)
	if meta.RequestID == "" {
		t.Errorf("%s: ListDomains answered no RequestId", b.Name)
	}
	if (meta.BoxUsage == "") != b.Diff.NoBoxUsage {
		t.Errorf("%s: ListDomains answered BoxUsage %q; NoBoxUsage is %v", b.Name, meta.BoxUsage, b.Diff.NoBoxUsage)
	}
}

// errorDoc is either error document: SimpleDB's
// <Response><Errors><Error>...</Errors><RequestID>, or the
// <ErrorResponse><Error>...<RequestId> of newer Query services.
type errorDoc struct {
	XMLName   xml.Name
	Codes     []string `xml:"Errors>Error>Code"`
	Code      string   `xml:"Error>Code"`
	RequestID string   `xml:"RequestID"`
	RequestId string   `xml:"RequestId"`
}

// testErrorDocument pins the XML of an error answer, which clients other
// than goboto's may parse by its shape: SimpleDB's is EC2's,
// <Response><Errors><Error><Code/><Message/><BoxUsage/></Error></Errors>
// <RequestID/></Response> (see Differences.ErrorResponseRoot for the
// evidence).
func testErrorDocument(t *testing.T, b *backend) {
	ctx := context.Background()
	creds, err := b.Config.Credentials.Retrieve(ctx)
	wantNoError(t, b, "credentials", err)
	params := url.Values{"DomainName": {b.NewDomain()}, "ItemName": {"i"}}
	form := sigv2.SignedForm(params, []sigv2.Param{{Name: "Action", Value: "GetAttributes"}, {Name: "Version", Value: "2009-04-15"}},
		http.MethodPost, "sdb.amazonaws.com", "/", sigv2.Credentials{AccessKeyID: creds.AccessKeyID,
			SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken}, time.Now())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(*b.Config.BaseEndpoint, "/")+"/", strings.NewReader(form))
	wantNoError(t, b, "request", err)
	req.Host = "sdb.amazonaws.com"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	var hc aws.HTTPClient = http.DefaultClient
	if b.Config.HTTPClient != nil {
		hc = b.Config.HTTPClient
	}
	resp, err := hc.Do(req)
	wantNoError(t, b, "GetAttributes", err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantNoError(t, b, "read answer", err)
	var doc errorDoc
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s: error answer is not XML: %v\n%s", b.Name, err, body)
	}
	got := shape{Status: resp.StatusCode, Root: doc.XMLName.Local, Codes: doc.Codes, Code: doc.Code,
		RequestID: doc.RequestID != "", RequestId: doc.RequestId != ""}
	want := shape{Status: 400, Root: "Response", Codes: []string{"NoSuchDomain"}, RequestID: true}
	if b.Diff.ErrorResponseRoot {
		want = shape{Status: 400, Root: "ErrorResponse", Code: "NoSuchDomain", RequestId: true}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: error answer (-want +got):\n%s\n%s", b.Name, diff, body)
	}
}

// shape is what testErrorDocument compares of an error answer.
type shape struct {
	Status               int
	Root                 string
	Codes                []string // Errors>Error>Code
	Code                 string   // Error>Code
	RequestID, RequestId bool
}
