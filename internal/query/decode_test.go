package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bareBodies are answers of calls that return only metadata. The first
// ones are the shapes SimpleDB and sdbtest send (SimpleDB Developer Guide,
// PutAttributes: "Sample Response"), which must take decodeBare's path;
// the rest must be left to encoding/xml.
var bareBodies = []struct {
	body string
	bare bool
}{
	{`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<PutAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><ResponseMetadata><RequestId>490206ce-8292-456c-a00f-61b335eb202b</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></PutAttributesResponse>`, true},
	{`<?xml version="1.0"?>
<PutAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/">
  <ResponseMetadata>
    <RequestId>490206ce-8292-456c-a00f-61b335eb202b</RequestId>
    <BoxUsage>0.0000219907</BoxUsage>
  </ResponseMetadata>
</PutAttributesResponse>
`, true},
	{`<CreateDomainResponse><ResponseMetadata><RequestId></RequestId><BoxUsage></BoxUsage></ResponseMetadata></CreateDomainResponse>`, true},
	{`<R2 xmlns=""><ResponseMetadata><RequestId> id with spaces </RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R2>`, true},

	// Entities, CDATA, comments: encoding/xml's to read.
	{`<R><ResponseMetadata><RequestId>a&amp;b</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{`<R><ResponseMetadata><RequestId><![CDATA[x]]></RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{`<R><!-- c --><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	// Another order, another element, a result.
	{`<R><ResponseMetadata><BoxUsage>1</BoxUsage><RequestId>x</RequestId></ResponseMetadata></R>`, false},
	{`<R><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></R>`, false},
	{`<R><RResult><X>1</X></RResult><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{`<R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage><Extra/></ResponseMetadata></R>`, false},
	// Other attributes, prefixes, prologs, non-ASCII text.
	{`<R a="1"><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{`<p:R xmlns:p="u"><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></p:R>`, false},
	{`<?xml version="1.0" encoding="ISO-8859-1"?><R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{"<R><ResponseMetadata><RequestId>\u00e9</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>", false},
	// Broken documents.
	{`<R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></S>`, false},
	{`<R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata>`, false},
	{`<R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R><R/>`, false},
	{`<R><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>junk`, false},
	{`<R xmlns="a><ResponseMetadata><RequestId>x</RequestId><BoxUsage>1</BoxUsage></ResponseMetadata></R>`, false},
	{``, false},
}

// TestDecodeBare pins decodeBare to encoding/xml: whatever it reads, the
// full decoder reads the same way, and it reads the answers SimpleDB's
// writes get.
func TestDecodeBare(t *testing.T) {
	for _, tc := range bareBodies {
		got, ok := decodeBare([]byte(tc.body))
		if ok != tc.bare {
			t.Errorf("decodeBare(%q) ok = %v, want %v", tc.body, ok, tc.bare)
		}
		if !ok {
			continue
		}
		want, err := decodeXML([]byte(tc.body), nil)
		if err != nil {
			t.Errorf("decodeBare read %q, which encoding/xml refuses: %v", tc.body, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("decodeBare(%q) (-encoding/xml +bare):\n%s", tc.body, diff)
		}
	}
}

func FuzzDecodeBare(f *testing.F) {
	for _, tc := range bareBodies {
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := decodeBare(body)
		if !ok {
			return
		}
		want, err := decodeXML(body, nil)
		if err != nil {
			t.Fatalf("decodeBare read %q, which encoding/xml refuses: %v", body, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("decodeBare(%q) (-encoding/xml +bare):\n%s", body, diff)
		}
	})
}
