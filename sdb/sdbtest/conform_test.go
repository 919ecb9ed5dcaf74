package sdbtest

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// sdbDocumentedCodes is the table of every SimpleDB error code in the
// Developer Guide, "API Error Codes"
// (https://docs.aws.amazon.com/AmazonSimpleDB/latest/DeveloperGuide/APIError.html).
// The model lists most of them under no operation.
var sdbDocumentedCodes = []string{
	"AccessFailure", "AttributeDoesNotExist", "AttributesExceeded", "AuthFailure",
	"AuthMissingFailure", "ConditionalCheckFailed", "ExistsAndExpectedValue",
	"FeatureDeprecated", "IncompleteExpectedExpression", "InternalError",
	"InvalidAction", "InvalidHTTPAuthHeader", "InvalidHttpRequest", "InvalidLiteral",
	"InvalidNextToken", "InvalidNumberPredicates", "InvalidNumberValueTests",
	"InvalidParameterCombination", "InvalidParameterValue", "InvalidQueryExpression",
	"InvalidResponseGroups", "InvalidSOAPRequest", "InvalidService",
	"InvalidSortExpression", "InvalidURI", "InvalidWSAddressingProperty",
	"InvalidWSDLVersion", "MalformedSOAPSignature", "MissingAction",
	"MissingParameter", "MissingWSAddressingProperty", "MultiValuedAttribute",
	"MultipleExistsConditions", "MultipleExpectedNames", "MultipleExpectedValues",
	"NoSuchDomain", "NoSuchVersion", "NotYetImplemented", "NumberDomainAttributesExceeded",
	"NumberDomainBytesExceeded", "NumberDomainsExceeded", "NumberItemAttributesExceeded",
	"NumberSubmittedAttributesExceeded", "NumberSubmittedItemsExceeded",
	"RequestExpired", "RequestTimeout", "ServiceUnavailable",
	"TooManyRequestedAttributes", "URITooLong", "UnsupportedHttpVerb",
	"UnsupportedNextToken",
}

// sdbOperationErrors are codes the Developer Guide gives an operation
// that the model does not. The model lists no errors for
// BatchDeleteAttributes; its page ("Special Errors") lists
// AttributeDoesNotExist, DuplicateItemName and InvalidParameterValue, and
// describes it as several DeleteAttributes in one call of at most 25
// items, so DeleteAttributes' MissingParameter and NoSuchDomain and the
// 25-item NumberSubmittedItemsExceeded apply too.
var sdbOperationErrors = map[string][]string{
	"BatchDeleteAttributes": {"AttributeDoesNotExist", "DuplicateItemName", "InvalidParameterValue",
		"MissingParameter", "NoSuchDomain", "NumberSubmittedItemsExceeded"},
}

// sdbWrites are the operations that change a domain when they succeed;
// the others only read (Developer Guide, "API Summary").
var sdbWrites = []string{"BatchDeleteAttributes", "BatchPutAttributes", "CreateDomain",
	"DeleteAttributes", "DeleteDomain", "PutAttributes"}

// conformCase is the SimpleDB case for awsmodel.Conform against srv,
// signing with SigV2 as SimpleDB requires (Developer Guide, "HMAC-SHA
// Signature").
func conformCase(t *testing.T, srv *Server) awsmodel.Case {
	t.Helper()
	m := awsmodel.LoadOrSkip(t, "sdb")
	c := awsmodel.NewCase(t, m, srv, "", srv.digest)
	// The package doc: "All ten operations are served".
	c.Implemented = func(op string) bool { return m.Operations[op] != nil }
	// Developer Guide, API Error Codes: InvalidAction, "The action
	// ... is not valid for this web service".
	c.NotImplementedCodes = []string{"InvalidAction"}
	c.ExtraErrorCodes = sdbDocumentedCodes
	c.OperationErrors = sdbOperationErrors
	c.Unknown = []string{"CreateDomains", "GetExport", "StartDomainExport"}
	return c
}

// TestConformModel sends every operation of SimpleDB's API model, pointed
// at a seeded domain and item, and checks each does what the Developer
// Guide says: writes change the state, reads do not and answer what was
// seeded, unknown actions are refused with InvalidAction and change
// nothing, and every error code is a documented one.
func TestConformModel(t *testing.T) {
	srv := Start(t)
	c := conformCase(t, srv)
	const domain, item = "conform", "item1"
	c.Prepare = func(string) error {
		srv.Reset()
		if err := srv.CreateDomain(srv.Account(), srv.Region(), domain); err != nil {
			return err
		}
		return srv.Put(srv.Account(), srv.Region(), domain, item, map[string][]string{"color": {"red"}, "size": {"9"}})
	}
	c.Overrides = awsmodel.Values{
		"*.DomainName":                       domain,
		"*.ItemName":                         item,
		"CreateDomain.DomainName":            "conform-new",
		"BatchPutAttributes.Items.1.Name":    "item2",
		"BatchDeleteAttributes.Items.1.Name": item,
		"Select.SelectExpression":            "select * from `" + domain + "`",
	}
	// What each read must answer about the seeded data (Developer Guide:
	// GetAttributes returns the item's attributes, Select the matching
	// items, ListDomains the domain names, DomainMetadata the counts).
	reads := map[string]string{
		"GetAttributes":  "<Name>color</Name><Value>red</Value>",
		"Select":         "<Name>" + item + "</Name>",
		"ListDomains":    "<DomainName>" + domain + "</DomainName>",
		"DomainMetadata": "<ItemCount>1</ItemCount>",
	}
	c.Check = func(r awsmodel.Result) error {
		if !r.Implemented {
			return nil
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("HTTP %d %s; want 200", r.Status, r.Code)
		}
		if slices.Contains(sdbWrites, r.Operation) {
			if !r.Changed() {
				return errors.New("succeeded but changed nothing")
			}
			return nil
		}
		if r.Changed() {
			return errors.New("a read changed the state")
		}
		if want := reads[r.Operation]; !bytes.Contains(r.Body, []byte(want)) {
			return fmt.Errorf("answer lacks %s:\n%s", want, r.Body)
		}
		return nil
	}
	results := awsmodel.Conform(t, c)
	if got, want := len(results), len(c.Model.Operations)+len(c.Unknown); got != want {
		t.Errorf("Conform checked %d requests; want %d", got, want)
	}
}

// TestConformModelMinimal sends the model's minimal requests as they are,
// at a fake with no domains: every answer must be a documented error
// that the operation declares (NoSuchDomain, InvalidQueryExpression, ...)
// or a success, and no error may change anything.
func TestConformModelMinimal(t *testing.T) {
	srv := Start(t)
	c := conformCase(t, srv)
	c.Unknown = nil
	c.Prepare = func(string) error { srv.Reset(); return nil }
	codes := map[string]string{}
	c.Check = func(r awsmodel.Result) error {
		codes[r.Operation] = r.Code
		return nil
	}
	awsmodel.Conform(t, c)
	// DomainName "goboto" does not exist, and "goboto" is no select
	// expression; CreateDomain, DeleteDomain (idempotent, Developer
	// Guide) and ListDomains succeed.
	want := map[string]string{
		"BatchDeleteAttributes": "NoSuchDomain",
		"BatchPutAttributes":    "NoSuchDomain",
		"CreateDomain":          "",
		"DeleteAttributes":      "NoSuchDomain",
		"DeleteDomain":          "",
		"DomainMetadata":        "NoSuchDomain",
		"GetAttributes":         "NoSuchDomain",
		"ListDomains":           "",
		"PutAttributes":         "NoSuchDomain",
		"Select":                "InvalidQueryExpression",
	}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("error codes (-want +got):\n%s", diff)
	}
}

// TestConformSignedOnly checks the harness is wired to the fake's
// signature check: the same requests signed with a wrong secret must all
// be refused, or the conformance runs above prove nothing.
func TestConformSignedOnly(t *testing.T) {
	srv := Start(t)
	c := conformCase(t, srv)
	c.Unknown = nil
	creds, err := srv.Config("").Credentials.Retrieve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c.Sign = awsmodel.SignV2(aws.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: "wrong"}, nil)
	c.Implemented = func(string) bool { return false }
	c.NotImplementedCodes = []string{"SignatureDoesNotMatch"}
	for _, r := range awsmodel.Conform(t, c) {
		if r.Status < 400 {
			t.Errorf("%s: HTTP %d with a wrong secret", r.Operation, r.Status)
		}
	}
}
