package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sdb"
)

// runBoto runs testdata/<script> with the system python against srv and
// decodes the JSON it prints into out.
func runBoto(t *testing.T, srv *fake.Server, script string, out any, args ...string) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())
	stdout, stderr, err := runCmd(t, env, pythonPath, append([]string{path, u.Port()}, args...)...)
	if err != nil {
		t.Fatalf("%s: %v\nstderr: %s", script, err, stderr)
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("%s: decode output: %v\nstdout: %s\nstderr: %s", script, err, stdout, stderr)
	}
}

// botoError is how the scripts report an SDBResponseError.
type botoError struct {
	Status int
	Error  string
}

// botoSDB is what testdata/boto_sdb.py prints.
type botoSDB struct {
	Domains          []string
	Get              map[string]any
	SelectWhere      map[string]map[string]any `json:"select_where"`
	SelectAll        map[string]map[string]any `json:"select_all"`
	Conditional      botoError
	AfterConditional map[string]any `json:"after_conditional"`
	Metadata         struct {
		ItemCount      int `json:"item_count"`
		AttrNameCount  int `json:"attr_name_count"`
		AttrValueCount int `json:"attr_value_count"`
	}
	MissingDomain      botoError                 `json:"missing_domain"`
	OddGet             map[string]any            `json:"odd_get"`
	OddSelect          map[string]map[string]any `json:"odd_select"`
	Paged              []string
	DomainsAfterDelete []string `json:"domains_after_delete"`
	WestDomains        []string `json:"west_domains"`
	EastDomains        []string `json:"east_domains"`
}

// botoItem is an item as boto decodes it: a single value as a string,
// several as a list.
func botoItem(attrs map[string][]string) map[string]any {
	out := map[string]any{}
	for name, values := range attrs {
		if len(values) == 1 {
			out[name] = values[0]
			continue
		}
		list := make([]any, len(values))
		for i, v := range values {
			list[i] = v
		}
		out[name] = list
	}
	return out
}

// TestBotoSimpleDB drives SimpleDB with boto 2, whose Signature Version 2
// covers Host 127.0.0.1:port (direct) or sdb.us-west-2.amazonaws.com
// (through the local cloud as a proxy); both must verify.
func TestBotoSimpleDB(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	srv := startCloud(t)
	odd, err := json.Marshal(map[string]any{"item": oddItem, "attrs": oddAttrs()})
	if err != nil {
		t.Fatal(err)
	}
	var got botoSDB
	runBoto(t, srv, "boto_sdb.py", &got, string(odd))

	alice := map[string][]string{"a": {"1"}, "color": {"red", "blue"}}
	bob := map[string][]string{"a": {"2"}, "color": {"green"}}
	carol := map[string][]string{"a": {"1"}, "size": {"L"}}
	var want botoSDB
	want.Domains = []string{"boto-users"}
	want.Get = botoItem(alice)
	want.SelectWhere = map[string]map[string]any{"alice": botoItem(alice), "carol": botoItem(carol)}
	want.SelectAll = map[string]map[string]any{"alice": botoItem(alice), "bob": botoItem(bob), "carol": botoItem(carol)}
	want.Conditional = botoError{Status: 409, Error: "ConditionalCheckFailed"}
	want.AfterConditional = botoItem(alice)
	meta := metadataOf(map[string]map[string][]string{"alice": alice, "bob": bob, "carol": carol})
	want.Metadata.ItemCount = meta.ItemCount
	want.Metadata.AttrNameCount = meta.AttributeNameCount
	want.Metadata.AttrValueCount = meta.AttributeValueCount
	want.MissingDomain = botoError{Status: 400, Error: "NoSuchDomain"}
	want.DomainsAfterDelete = nil
	oddGot := map[string]any{}
	for name, v := range oddAttrs() {
		oddGot[name] = v
	}
	want.OddGet = oddGot
	want.OddSelect = map[string]map[string]any{oddItem: oddGot}
	want.Paged = []string{"page 0", "page 1", "page 2", "page 3", "page 4"}
	want.WestDomains = []string{"boto-west"}
	want.EastDomains = []string{"boto-kept"}
	valuesAnyOrder := cmpopts.SortSlices(func(a, b any) bool { return a.(string) < b.(string) })
	if diff := cmp.Diff(want, got, valuesAnyOrder, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("boto_sdb.py (-want +got):\n%s", diff)
	}

	// Every request reached SimpleDB signed with Signature Version 2 and
	// was served in the region its Host named; the only refusals were the
	// two the script provoked.
	var refused []string
	regions := map[string]bool{}
	for _, c := range srv.Calls() {
		if c.Service != "sdb" || c.SigVersion != 2 {
			t.Errorf("%s %s: service %q, signature version %d; want sdb, 2", c.Method, c.Operation, c.Service, c.SigVersion)
		}
		regions[c.Region] = true
		if c.Status != 200 {
			refused = append(refused, c.Code)
		}
	}
	slices.Sort(refused)
	if diff := cmp.Diff([]string{"ConditionalCheckFailed", "NoSuchDomain"}, refused); diff != "" {
		t.Errorf("refused calls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{srv.DefaultRegion(): true, "us-west-2": true}, regions); diff != "" {
		t.Errorf("regions served (-want +got):\n%s", diff)
	}

	// goboto reads what boto left behind.
	conn := sdb.New(srv.Config(srv.DefaultRegion(), fake.DefaultCredentials()[0]))
	item, err := conn.Domain("boto-kept").Get(t.Context(), "note", sdb.Consistent())
	if err != nil {
		t.Fatalf("goboto Get boto-kept/note: %v", err)
	}
	if diff := cmp.Diff(sdb.Attributes{"by": {"boto"}, "n": {"7", "8"}}, item.Attributes,
		cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("goboto Get boto-kept/note (-want +got):\n%s", diff)
	}
}

// botoEC2 is what testdata/boto_ec2.py prints for one connection.
type botoEC2 struct {
	APIVersion string     `json:"api_version"`
	Regions    [][]string // name, endpoint
	Zones      [][]string // name, state, region
}

// TestBotoEC2 reads regions and zones with boto 2 (EC2 API 2014-10-01,
// Signature Version 4), directly in the default region and by host name in
// us-west-2.
func TestBotoEC2(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	srv := startCloud(t)
	var got map[string]botoEC2
	runBoto(t, srv, "boto_ec2.py", &got)

	// DescribeRegions without filters leaves out regions the account has
	// not opted in to.
	var regions [][]string
	for _, r := range ec2test.DefaultRegions() {
		if r.OptInStatus != ec2test.NotOptedIn {
			regions = append(regions, []string{r.Name, r.Endpoint})
		}
	}
	zones := func(region string) [][]string {
		var out [][]string
		for _, z := range defaultZones(t, region) {
			out = append(out, []string{z.Name, z.State, z.Region})
		}
		return out
	}
	want := map[string]botoEC2{
		"direct": {APIVersion: "2014-10-01", Regions: regions, Zones: zones(srv.DefaultRegion())},
		"west":   {APIVersion: "2014-10-01", Regions: regions, Zones: zones("us-west-2")},
	}
	byFirst := cmpopts.SortSlices(func(a, b []string) bool { return a[0] < b[0] })
	if diff := cmp.Diff(want, got, byFirst); diff != "" {
		t.Errorf("boto_ec2.py (-want +got):\n%s", diff)
	}

	type call struct {
		Operation, Region string
		Sig, Status       int
	}
	var calls []call
	for _, c := range srv.Calls() {
		calls = append(calls, call{c.Operation, c.Region, c.SigVersion, c.Status})
	}
	wantCalls := []call{
		{"DescribeRegions", srv.DefaultRegion(), 4, 200},
		{"DescribeAvailabilityZones", srv.DefaultRegion(), 4, 200},
		{"DescribeRegions", "us-west-2", 4, 200},
		{"DescribeAvailabilityZones", "us-west-2", 4, 200},
	}
	if diff := cmp.Diff(wantCalls, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
