package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sdb"
)

// The aws CLI's JSON for SimpleDB answers.
type (
	cliAttr struct{ Name, Value string }
	cliItem struct {
		Name       string
		Attributes []cliAttr
	}
	cliDomains struct {
		DomainNames []string
		NextToken   string
	}
	cliGet struct {
		Attributes []cliAttr
	}
	cliSelect struct {
		Items     []cliItem
		NextToken string
	}
	cliMetadata struct {
		ItemCount                int
		ItemNamesSizeBytes       int
		AttributeNameCount       int
		AttributeNamesSizeBytes  int
		AttributeValueCount      int
		AttributeValuesSizeBytes int
		Timestamp                int64
	}
)

// SimpleDB promises no order of items or attributes, so the comparisons
// ignore it.
func unordered() cmp.Options {
	return cmp.Options{
		cmpopts.SortSlices(func(a, b cliAttr) bool { return a.Name+"\x00"+a.Value < b.Name+"\x00"+b.Value }),
		cmpopts.SortSlices(func(a, b cliItem) bool { return a.Name < b.Name }),
		cmpopts.EquateEmpty(),
	}
}

// attrsOf lists an item as the CLI prints it.
func attrsOf(item map[string][]string) []cliAttr {
	var out []cliAttr
	for name, values := range item {
		for _, v := range values {
			out = append(out, cliAttr{name, v})
		}
	}
	return out
}

// metadataOf computes what DomainMetadata reports for items, by the
// Developer Guide's definitions: unique attribute names, all name/value
// pairs.
func metadataOf(items map[string]map[string][]string) cliMetadata {
	var m cliMetadata
	names := map[string]bool{}
	for item, attrs := range items {
		m.ItemCount++
		m.ItemNamesSizeBytes += len(item)
		for name, values := range attrs {
			if !names[name] {
				names[name] = true
				m.AttributeNameCount++
				m.AttributeNamesSizeBytes += len(name)
			}
			for _, v := range values {
				m.AttributeValueCount++
				m.AttributeValuesSizeBytes += len(v)
			}
		}
	}
	return m
}

// TestAWSCLISimpleDB drives SimpleDB through the aws CLI, which signs
// SimpleDB with Signature Version 2 over Host 127.0.0.1:port, and checks
// each answer as the CLI decoded it. Such a Host names no region, so the
// domain lives in the default region, where goboto's client finds it.
func TestAWSCLISimpleDB(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())
	const dom = "awscli-users"

	// model is what the domain should hold after each step.
	model := map[string]map[string][]string{}
	checkItem := func(item string) {
		t.Helper()
		var got cliGet
		awsJSON(t, srv, env, &got, "sdb", "get-attributes", "--domain-name", dom, "--item-name", item, "--consistent-read")
		if diff := cmp.Diff(attrsOf(model[item]), got.Attributes, unordered()); diff != "" {
			t.Errorf("get-attributes %s (-want +got):\n%s", item, diff)
		}
	}

	awsJSON(t, srv, env, nil, "sdb", "create-domain", "--domain-name", dom)
	var domains cliDomains
	awsJSON(t, srv, env, &domains, "sdb", "list-domains")
	if diff := cmp.Diff(cliDomains{DomainNames: []string{dom}}, domains); diff != "" {
		t.Errorf("list-domains (-want +got):\n%s", diff)
	}

	// A multi-valued attribute, then Replace=true on another one.
	awsJSON(t, srv, env, nil, "sdb", "put-attributes", "--domain-name", dom, "--item-name", "alice",
		"--attributes", "Name=a,Value=0", "Name=color,Value=red", "Name=color,Value=blue")
	awsJSON(t, srv, env, nil, "sdb", "put-attributes", "--domain-name", dom, "--item-name", "alice",
		"--attributes", "Name=a,Value=1,Replace=true")
	model["alice"] = map[string][]string{"a": {"1"}, "color": {"red", "blue"}}
	checkItem("alice")

	awsJSON(t, srv, env, nil, "sdb", "batch-put-attributes", "--domain-name", dom, "--items",
		"Name=bob,Attributes=[{Name=a,Value=2},{Name=color,Value=green}]",
		"Name=carol,Attributes=[{Name=a,Value=1},{Name=size,Value=L}]")
	model["bob"] = map[string][]string{"a": {"2"}, "color": {"green"}}
	model["carol"] = map[string][]string{"a": {"1"}, "size": {"L"}}
	checkItem("bob")
	checkItem("carol")

	selects := []struct {
		expr string
		want []cliItem
	}{
		{"select * from `" + dom + "` where a = '1'", []cliItem{
			{"alice", attrsOf(model["alice"])}, {"carol", attrsOf(model["carol"])},
		}},
		{"select color from `" + dom + "` where color in ('blue', 'green') order by color", []cliItem{
			{"alice", attrsOf(map[string][]string{"color": model["alice"]["color"]})},
			{"bob", attrsOf(map[string][]string{"color": model["bob"]["color"]})},
		}},
		// count(*) answers one item named Domain with a Count attribute.
		{"select count(*) from `" + dom + "` where a > '0'", []cliItem{
			{"Domain", []cliAttr{{"Count", strconv.Itoa(len(model))}}},
		}},
	}
	for _, s := range selects {
		var got cliSelect
		awsJSON(t, srv, env, &got, "sdb", "select", "--select-expression", s.expr, "--consistent-read")
		if diff := cmp.Diff(cliSelect{Items: s.want}, got, unordered()); diff != "" {
			t.Errorf("select %q (-want +got):\n%s", s.expr, diff)
		}
	}

	before := time.Now().Unix()
	var meta cliMetadata
	awsJSON(t, srv, env, &meta, "sdb", "domain-metadata", "--domain-name", dom)
	after := time.Now().Unix()
	if meta.Timestamp < before || meta.Timestamp > after {
		t.Errorf("domain-metadata Timestamp = %d, want the request's time, in [%d, %d]", meta.Timestamp, before, after)
	}
	meta.Timestamp = 0
	if diff := cmp.Diff(metadataOf(model), meta); diff != "" {
		t.Errorf("domain-metadata (-want +got):\n%s", diff)
	}

	// One value of a multi-valued attribute, then a whole item.
	awsJSON(t, srv, env, nil, "sdb", "delete-attributes", "--domain-name", dom, "--item-name", "alice",
		"--attributes", "Name=color,Value=red")
	model["alice"]["color"] = []string{"blue"}
	checkItem("alice")
	awsJSON(t, srv, env, nil, "sdb", "delete-attributes", "--domain-name", dom, "--item-name", "bob")
	delete(model, "bob")
	checkItem("bob")

	checkGoboto(t, srv, cred, dom, model)

	awsJSON(t, srv, env, nil, "sdb", "delete-domain", "--domain-name", dom)
	domains = cliDomains{}
	awsJSON(t, srv, env, &domains, "sdb", "list-domains")
	if diff := cmp.Diff(cliDomains{}, domains, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("list-domains after delete-domain (-want +got):\n%s", diff)
	}

	for _, c := range srv.Calls() {
		if c.Service == "sdb" && c.SigVersion != 2 {
			t.Errorf("%s was signed with Signature Version %d, want 2", c.Operation, c.SigVersion)
		}
	}
}

// checkGoboto reads with goboto's client what the CLI wrote: the domain
// and items are in the default region and no other, and an item goboto
// writes there is what the CLI reads.
func checkGoboto(t *testing.T, srv *fake.Server, cred fake.Credential, dom string, model map[string]map[string][]string) {
	t.Helper()
	ctx := t.Context()
	home := sdb.New(srv.Config(srv.DefaultRegion(), cred))
	away := sdb.New(srv.Config("us-west-2", cred))

	names := func(conn *sdb.Conn) []string {
		var out []string
		for d, err := range conn.Domains(ctx) {
			if err != nil {
				t.Fatalf("%s Domains: %v", conn, err)
			}
			out = append(out, d.Name())
		}
		return out
	}
	if diff := cmp.Diff([]string{dom}, names(home)); diff != "" {
		t.Errorf("goboto Domains in %s (-want +got):\n%s", srv.DefaultRegion(), diff)
	}
	if got := names(away); len(got) != 0 {
		t.Errorf("goboto Domains in us-west-2 = %q, want none: the CLI's requests show no region", got)
	}
	for item, want := range model {
		got, err := home.Domain(dom).Get(ctx, item, sdb.Consistent())
		if err != nil {
			t.Fatalf("goboto Get %s: %v", item, err)
		}
		if diff := cmp.Diff(sdb.Attributes(want), got.Attributes, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("goboto Get %s (-want +got):\n%s", item, diff)
		}
	}

	// And the other way round.
	written := sdb.Attributes{"by": {"goboto"}, "n": {"7", "8"}}
	if err := home.Domain(dom).Put(ctx, "from-go", written); err != nil {
		t.Fatalf("goboto Put: %v", err)
	}
	model["from-go"] = written
	env := clientEnv(t, cred, srv.DefaultRegion())
	var got cliGet
	awsJSON(t, srv, env, &got, "sdb", "get-attributes", "--domain-name", dom, "--item-name", "from-go", "--consistent-read")
	if diff := cmp.Diff(attrsOf(written), got.Attributes, unordered()); diff != "" {
		t.Errorf("CLI get-attributes of goboto's item (-want +got):\n%s", diff)
	}
}

// TestAWSCLIErrors checks that the CLI sees the fakes' errors as AWS
// errors: a non-zero exit and the code in its message.
func TestAWSCLIErrors(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	creds := fake.DefaultCredentials()
	owner, session := creds[0], creds[2]
	wrongSecret := owner
	wrongSecret.SecretAccessKey = "not-the-secret"
	unknownKey := owner
	unknownKey.AccessKeyID = "AKIDGOBOTOUNKNOWN000"
	noToken := session
	noToken.SessionToken = ""

	tests := []struct {
		name     string
		cred     fake.Credential
		args     []string
		wantCode string // "" means success
	}{
		{"missing domain", owner, []string{"sdb", "get-attributes", "--domain-name", "no-such-domain", "--item-name", "x"}, "NoSuchDomain"},
		{"bad select", owner, []string{"sdb", "select", "--select-expression", "select * from"}, "InvalidQueryExpression"},
		{"sdb wrong secret", wrongSecret, []string{"sdb", "list-domains"}, "SignatureDoesNotMatch"},
		{"sdb unknown key", unknownKey, []string{"sdb", "list-domains"}, "InvalidClientTokenId"},
		{"sdb session credentials", session, []string{"sdb", "list-domains"}, ""},
		{"sdb session key without token", noToken, []string{"sdb", "list-domains"}, "InvalidClientTokenId"},
		{"ec2 wrong secret", wrongSecret, []string{"ec2", "describe-regions"}, "AuthFailure"},
		{"ec2 unknown key", unknownKey, []string{"ec2", "describe-regions"}, "AuthFailure"},
		{"ec2 session credentials", session, []string{"ec2", "describe-regions"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := clientEnv(t, tt.cred, srv.DefaultRegion())
			_, stderr, err := awsCLI(t, srv, env, tt.args...)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("aws %q: %v\nstderr: %s", tt.args, err, stderr)
				}
				return
			}
			if err == nil {
				t.Fatalf("aws %q succeeded, want %s", tt.args, tt.wantCode)
			}
			if !strings.Contains(string(stderr), "("+tt.wantCode+")") {
				t.Errorf("aws %q stderr = %q, want the code %s", tt.args, stderr, tt.wantCode)
			}
		})
	}

	// The refusals were the fake's, after routing, not a client failure.
	var codes []string
	for _, c := range srv.Calls() {
		if c.Code != "" {
			codes = append(codes, c.Code)
		}
	}
	for _, tt := range tests {
		if tt.wantCode != "" && !slices.Contains(codes, tt.wantCode) {
			t.Errorf("the server answered no %s; it answered %q", tt.wantCode, codes)
		}
	}
}

// TestAWSCLISimpleDBPagingAndEncoding checks the CLI's NextToken paging
// and names and values that need encoding, against data goboto wrote and
// reads back.
func TestAWSCLISimpleDBPagingAndEncoding(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())
	conn := sdb.New(srv.Config(srv.DefaultRegion(), cred))
	ctx := t.Context()
	const dom, other = "awscli-paged", "awscli-other"

	d, err := conn.CreateDomain(ctx, dom)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.CreateDomain(ctx, other); err != nil {
		t.Fatal(err)
	}
	const n, limit = 5, 2
	var items []sdb.Item
	var want []cliItem
	for i := range n {
		name, value := "page "+strconv.Itoa(i), strconv.Itoa(i)
		items = append(items, sdb.Item{Name: name, Attributes: sdb.Attributes{"n": {value}}})
		want = append(want, cliItem{name, []cliAttr{{"n", value}}})
	}
	if err := d.BatchPut(ctx, items); err != nil {
		t.Fatal(err)
	}

	calls := func(op string) int {
		k := 0
		for _, c := range srv.Calls() {
			if c.Operation == op && c.Status == 200 {
				k++
			}
		}
		return k
	}

	// The CLI follows NextToken until the last page and merges the items.
	srv.ResetCalls()
	var sel cliSelect
	awsJSON(t, srv, env, &sel, "sdb", "select", "--consistent-read",
		"--select-expression", "select * from `"+dom+"` where n is not null limit "+strconv.Itoa(limit))
	if diff := cmp.Diff(cliSelect{Items: want}, sel, unordered()); diff != "" {
		t.Errorf("select with limit %d (-want +got):\n%s", limit, diff)
	}
	if got, wantCalls := calls("Select"), (n+limit-1)/limit; got != wantCalls {
		t.Errorf("the CLI made %d Select calls, want %d pages", got, wantCalls)
	}

	srv.ResetCalls()
	var doms cliDomains
	awsJSON(t, srv, env, &doms, "sdb", "list-domains", "--page-size", "1")
	if diff := cmp.Diff(cliDomains{DomainNames: []string{other, dom}}, doms, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("list-domains --page-size 1 (-want +got):\n%s", diff)
	}
	if got := calls("ListDomains"); got != 2 {
		t.Errorf("the CLI made %d ListDomains calls, want 2 pages of one", got)
	}

	// An item written by the CLI, from a JSON file as the CLI reads
	// awkward values, and read by the CLI and by goboto.
	var attrs []map[string]any
	var wantAttrs []cliAttr
	goWant := sdb.Attributes{}
	for name, value := range oddAttrs() {
		attrs = append(attrs, map[string]any{"Name": name, "Value": value, "Replace": true})
		wantAttrs = append(wantAttrs, cliAttr{name, value})
		goWant[name] = []string{value}
	}
	js, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "attrs.json")
	if err := os.WriteFile(file, js, 0o600); err != nil {
		t.Fatal(err)
	}
	awsJSON(t, srv, env, nil, "sdb", "put-attributes", "--domain-name", dom, "--item-name", oddItem,
		"--attributes", "file://"+file)
	var got cliGet
	awsJSON(t, srv, env, &got, "sdb", "get-attributes", "--domain-name", dom, "--item-name", oddItem, "--consistent-read")
	if diff := cmp.Diff(wantAttrs, got.Attributes, unordered()); diff != "" {
		t.Errorf("get-attributes %q (-want +got):\n%s", oddItem, diff)
	}
	for name, value := range oddAttrs() {
		expr, err := sdb.Selectf("select * from %n where %n = %v", dom, name, value)
		if err != nil {
			t.Fatal(err)
		}
		sel = cliSelect{}
		awsJSON(t, srv, env, &sel, "sdb", "select", "--consistent-read", "--select-expression", expr)
		if diff := cmp.Diff(cliSelect{Items: []cliItem{{oddItem, wantAttrs}}}, sel, unordered()); diff != "" {
			t.Errorf("select %q (-want +got):\n%s", expr, diff)
		}
	}
	item, err := d.Get(ctx, oddItem, sdb.Consistent())
	if err != nil {
		t.Fatalf("goboto Get %q: %v", oddItem, err)
	}
	if diff := cmp.Diff(goWant, item.Attributes); diff != "" {
		t.Errorf("goboto Get %q (-want +got):\n%s", oddItem, diff)
	}
}
