package sdbtest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestEveryOptionalMember sets each optional input member of SimpleDB's
// API model in turn on a request pointed at a seeded domain and item. The
// fake must read it (its wire name is in the source: nothing is dropped
// unread) and answer a success or a code the Developer Guide documents,
// changing nothing when it refuses. The attributes' AlternateNameEncoding
// and AlternateValueEncoding, which the model's shared Attribute shape
// lets a request carry, must be refused (checkAttributeFields).
func TestEveryOptionalMember(t *testing.T) {
	srv := Start(t)
	c := conformCase(t, srv)
	m := c.Model
	var src strings.Builder
	for _, f := range awsmodel.Source(t) {
		src.WriteString(f.Text)
	}
	const domain, item = "conform", "item1"
	documented := slices.Concat(awsmodel.CommonErrorCodes, sdbDocumentedCodes)
	sent := 0
	for _, op := range m.OperationNames() {
		members, err := m.OptionalMembers(op)
		if err != nil {
			t.Fatal(err)
		}
		for _, mem := range members {
			parts := strings.Split(awsmodel.WireTemplate(mem.Wire), ".")
			last := parts[len(parts)-1]
			if last == "N" {
				last = parts[len(parts)-2]
			}
			alternate := strings.HasPrefix(last, "Alternate")
			if !alternate && !strings.Contains(src.String(), `"`+last) {
				t.Errorf("%s %s: the fake never reads %s", op, mem.Wire, last)
			}
			srv.Reset()
			if err := srv.CreateDomain(srv.Account(), srv.Region(), domain); err != nil {
				t.Fatal(err)
			}
			if err := srv.Put(srv.Account(), srv.Region(), domain, item, map[string][]string{"color": {"red"}}); err != nil {
				t.Fatal(err)
			}
			ov := awsmodel.Values{"*.DomainName": domain, "*.ItemName": item,
				"Select.SelectExpression": "select * from `" + domain + "`", op + "." + mem.Path: mem.Value}
			req, err := m.Request(op, srv.URL(), ov)
			if err != nil {
				t.Fatal(err)
			}
			r, ok := c.Do(t, op, req)
			if !ok {
				t.FailNow()
			}
			sent++
			code, body := r.Code, r.Body
			if alternate && (code != "InvalidParameterValue" || !strings.Contains(string(body), mem.Wire)) {
				t.Errorf("%s %s: HTTP %d %s; want InvalidParameterValue naming it", op, mem.Wire, r.Status, body)
			}
			if r.Status == http.StatusOK {
				continue
			}
			if !slices.Contains(documented, code) {
				t.Errorf("%s %s=%q: undocumented answer %d %s: %s", op, mem.Wire, mem.Value, r.Status, code, body)
			}
			if r.Changed() {
				t.Errorf("%s %s=%q: refused with %s but changed the state", op, mem.Wire, mem.Value, code)
			}
		}
	}
	if sent == 0 {
		t.Error("the model has no optional members")
	}
}
