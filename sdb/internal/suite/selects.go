package suite

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sdb"
)

// books is the select tests' data. Numbers are zero-padded because
// SimpleDB compares every value as a string, byte by byte (Developer
// Guide, "Working with Numerical Data").
var books = map[string]sdb.Attributes{
	"b1": {"title": {"Dune"}, "year": {"1965"}, "pages": {"0412"}, "tag": {"scifi", "classic"}, "author": {"Herbert"}},
	"b2": {"title": {"Emma"}, "year": {"1815"}, "pages": {"0474"}, "tag": {"romance", "classic"}, "author": {"Austen"}},
	"b3": {"title": {"Neuromancer"}, "year": {"1984"}, "pages": {"0271"}, "tag": {"scifi", "cyberpunk"}, "author": {"Gibson"}},
	"b4": {"title": {"Ulysses"}, "year": {"1922"}, "pages": {"0730"}, "tag": {"classic"}, "author": {"Joyce"}},
	"b5": {"title": {"Snow Crash"}, "year": {"1992"}, "pages": {"0480"}, "tag": {"scifi", "cyberpunk"}, "author": {"Stephenson"}},
	"b6": {"title": {"Untitled"}, "year": {"2001"}, "note": {`it's "q"`}},
}

// bookDomain creates a domain holding books, put one item at a time so
// that it also loads on a backend without BatchPutAttributes.
func bookDomain(t *testing.T, b *backend) *sdb.Domain {
	t.Helper()
	d := b.domain(t)
	for name, attrs := range books {
		wantNoError(t, b, "Put "+name, d.Put(context.Background(), name, attrs))
	}
	return d
}

// names runs a select through the client with a consistent read and
// returns the item names in the order answered.
func names(b *backend, expr string, opts ...sdb.ListOption) ([]string, error) {
	var out []string
	for it, err := range b.conn.Select(context.Background(), expr, append(opts, sdb.Consistent())...) {
		if err != nil {
			return out, err
		}
		out = append(out, it.Name)
	}
	return out, nil
}

// noSelect checks moto's known answer to the first select of a test and
// reports whether the test should stop there.
func noSelect(t *testing.T, b *backend, d *sdb.Domain) bool {
	t.Helper()
	if !b.Diff.NoSelect {
		return false
	}
	_, err := names(b, "select * from "+sdb.QuoteName(d.Name()))
	wantUnimplemented(t, b, "Select (moto)", err)
	return true
}

// testSelectComparisons pins the where clause's operators (Developer
// Guide, "Comparison Operators": =, !=, >, >=, <, <=, like, not like,
// between, in, is null, is not null; like's "%" matches any characters at
// the start or end; "is null" is true for an item without the attribute)
// and the boolean operators and, or and not.
func testSelectComparisons(t *testing.T, b *backend) {
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	from := "select itemName() from " + sdb.QuoteName(d.Name()) + " where "
	for _, c := range []struct{ where, want string }{
		{"year = '1965'", "b1"},
		{"year != '1965'", "b2 b3 b4 b5 b6"},
		{"year > '1984'", "b5 b6"},
		{"year >= '1984'", "b3 b5 b6"},
		{"year < '1922'", "b2"},
		{"year <= '1922'", "b2 b4"},
		{"year between '1900' and '1984'", "b1 b3 b4"},
		{"author in ('Herbert', 'Joyce', 'Nobody')", "b1 b4"},
		{"title like 'Sn%'", "b5"},
		{"title like '%a'", "b2"},
		{"title like '%ma%'", "b2 b3"},
		{"title not like 'U%'", "b1 b2 b3 b5"},
		{"author is null", "b6"},
		{"author is not null", "b1 b2 b3 b4 b5"},
		{"year > '1900' and pages < '0450'", "b1 b3"},
		{"author = 'Austen' or author = 'Joyce'", "b2 b4"},
		{"not year < '1950'", "b1 b3 b5 b6"},
		{"itemName() = 'b3'", "b3"},
		{"itemName() in ('b1', 'b6')", "b1 b6"},
		{"itemName() > 'b4'", "b5 b6"},
		// Quoting: a quote inside a value is doubled (Developer Guide,
		// "Select Quoting Rules").
		{"note = 'it''s \"q\"'", "b6"},
		{"`title` = \"Snow Crash\"", "b5"},
	} {
		got, err := names(b, from+c.where)
		if err != nil {
			t.Errorf("%s: where %s: %v", b.Name, c.where, err)
			continue
		}
		slices.Sort(got)
		if diff := cmp.Diff(strings.Fields(c.want), got); diff != "" {
			t.Errorf("%s: where %s (-want +got):\n%s", b.Name, c.where, diff)
		}
	}
}

// testSelectMultiValued pins how comparisons meet multi-valued
// attributes (Developer Guide, "Queries on Attributes with Multiple
// Values": a comparison holds when any value satisfies it, each
// comparison is evaluated against each value on its own, so that two
// comparisons on one attribute joined by and need one value meeting both,
// and intersection or every() are the ways to ask more).
func testSelectMultiValued(t *testing.T, b *backend) {
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	from := "select itemName() from " + sdb.QuoteName(d.Name()) + " where "
	for _, c := range []struct{ where, want string }{
		{"tag = 'classic'", "b1 b2 b4"},
		{"tag = 'scifi' and tag = 'classic'", ""},
		{"tag = 'scifi' intersection tag = 'classic'", "b1"},
		{"every(tag) in ('scifi', 'cyberpunk')", "b3 b5"},
		{"every(tag) = 'classic'", "b4"},
		{"tag != 'classic'", "b1 b2 b3 b5"},
	} {
		got, err := names(b, from+c.where)
		if err != nil {
			t.Errorf("%s: where %s: %v", b.Name, c.where, err)
			continue
		}
		slices.Sort(got)
		if diff := cmp.Diff(strings.Fields(c.want), got, cmpEmpty); diff != "" {
			t.Errorf("%s: where %s (-want +got):\n%s", b.Name, c.where, diff)
		}
	}
}

// cmpEmpty makes a nil and an empty slice equal.
var cmpEmpty = cmp.Transformer("nonNil", func(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
})

// testSelectOutput pins the output list (Developer Guide, "Select": the
// output is *, itemName(), count(*) or a list of attributes; count(*)
// answers one item, named Domain, with an attribute Count).
func testSelectOutput(t *testing.T, b *backend) {
	ctx := context.Background()
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	q := sdb.QuoteName(d.Name())
	one := func(expr string) *sdb.Item {
		t.Helper()
		var got []*sdb.Item
		for it, err := range b.conn.Select(ctx, expr, sdb.Consistent()) {
			if err != nil {
				t.Fatalf("%s: %s: %v", b.Name, expr, err)
			}
			got = append(got, it)
		}
		if len(got) != 1 {
			t.Fatalf("%s: %s answered %d items, want 1", b.Name, expr, len(got))
		}
		return got[0]
	}
	it := one("select * from " + q + " where itemName() = 'b1'")
	for _, vs := range it.Attributes {
		slices.Sort(vs)
	}
	want := books["b1"].Clone()
	slices.Sort(want["tag"])
	if diff := cmp.Diff(want, it.Attributes); diff != "" || it.Name != "b1" {
		t.Errorf("%s: select * of b1 = %s (-want +got):\n%s", b.Name, it.Name, diff)
	}
	it = one("select title, year, nothing from " + q + " where itemName() = 'b4'")
	if diff := cmp.Diff(sdb.Attributes{"title": {"Ulysses"}, "year": {"1922"}}, it.Attributes); diff != "" {
		t.Errorf("%s: select title, year (-want +got):\n%s", b.Name, diff)
	}
	it = one("select itemName() from " + q + " where itemName() = 'b4'")
	if it.Name != "b4" || len(it.Attributes) != 0 {
		t.Errorf("%s: select itemName() = %s %v, want b4 with no attributes", b.Name, it.Name, it.Attributes)
	}
	it = one("select count(*) from " + q + " where tag = 'scifi'")
	if diff := cmp.Diff(sdb.Attributes{"Count": {"3"}}, it.Attributes); diff != "" || it.Name != "Domain" {
		t.Errorf("%s: select count(*) = %s (-want +got):\n%s", b.Name, it.Name, diff)
	}
	n, err := d.Count(ctx, sdb.Where("%n is not null", "author"), sdb.Consistent())
	if err != nil || n != 5 {
		t.Errorf("%s: Count(author is not null) = %d, %v; want 5", b.Name, n, err)
	}
}

// testSelectOrderLimit pins order by and limit (Developer Guide,
// "Sort": the sort attribute must be tested by a predicate of the
// expression other than is null; ascending unless desc; "Select": limit
// caps the items of one answer, which then carries a NextToken).
func testSelectOrderLimit(t *testing.T, b *backend) {
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	from := "select itemName() from " + sdb.QuoteName(d.Name()) + " where "
	for _, c := range []struct{ rest, want string }{
		{"year > '0' order by year", "b2 b4 b1 b3 b5 b6"},
		{"year > '0' order by year desc", "b6 b5 b3 b1 b4 b2"},
		{"year > '0' order by year asc", "b2 b4 b1 b3 b5 b6"},
		{"pages is not null order by pages", "b3 b1 b2 b5 b4"},
		{"itemName() like 'b%' order by itemName() desc", "b6 b5 b4 b3 b2 b1"},
		// The client follows NextToken: a limit is a page size.
		{"year > '0' order by year limit 4", "b2 b4 b1 b3 b5 b6"},
	} {
		got, err := names(b, from+c.rest)
		if err != nil {
			t.Errorf("%s: where %s: %v", b.Name, c.rest, err)
			continue
		}
		if diff := cmp.Diff(strings.Fields(c.want), got); diff != "" {
			t.Errorf("%s: where %s (-want +got):\n%s", b.Name, c.rest, diff)
		}
	}
	got, err := names(b, "select itemName() from "+sdb.QuoteName(d.Name())+" where year < '1990' order by year", sdb.PageSize(1))
	if diff := cmp.Diff([]string{"b2", "b4", "b1", "b3"}, got); diff != "" || err != nil {
		t.Errorf("%s: select in pages of 1: %v (-want +got):\n%s", b.Name, err, diff)
	}
}

type selectPage struct {
	Items []struct {
		Name string `xml:"Name"`
	} `xml:"Item"`
	NextToken string `xml:"NextToken"`
}

// testSelectPaging pins NextToken paging as the wire shows it (API
// Reference, Select: NextToken "A string informing Amazon SimpleDB where
// to start the next list of ItemNames"; the answer carries a NextToken
// while items remain) and consistent reads.
func testSelectPaging(t *testing.T, b *backend) {
	ctx := context.Background()
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	expr := "select itemName() from " + sdb.QuoteName(d.Name()) + " where year > '0' order by year limit 2"
	var got []string
	token := ""
	for pages := 0; ; pages++ {
		if pages == 10 {
			t.Fatalf("%s: select still answering a NextToken after 10 pages", b.Name)
		}
		p := url.Values{"SelectExpression": {expr}, "ConsistentRead": {"true"}}
		if token != "" {
			p.Set("NextToken", token)
		}
		var page selectPage
		_, err := b.raw.Do(ctx, "Select", p, &page)
		wantNoError(t, b, "Select page", err)
		if len(page.Items) > 2 {
			t.Errorf("%s: a page of limit 2 held %d items", b.Name, len(page.Items))
		}
		for _, it := range page.Items {
			got = append(got, it.Name)
		}
		if page.NextToken == "" {
			break
		}
		token = page.NextToken
	}
	if diff := cmp.Diff([]string{"b2", "b4", "b1", "b3", "b5", "b6"}, got); diff != "" {
		t.Errorf("%s: pages of 2 (-want +got):\n%s", b.Name, diff)
	}

	// A consistent read sees a write made just before it.
	wantNoError(t, b, "Put b7", d.Put(ctx, "b7", sdb.Attributes{"year": {"2020"}}))
	all, err := names(b, "select itemName() from "+sdb.QuoteName(d.Name())+" where year >= '2020'")
	if diff := cmp.Diff([]string{"b7"}, all); diff != "" || err != nil {
		t.Errorf("%s: consistent select after a put: %v (-want +got):\n%s", b.Name, err, diff)
	}
}

// testSelectErrors pins Select's errors (API Error Codes:
// InvalidQueryExpression "The specified query expression syntax is not
// valid", 400; InvalidSortExpression "The sort attribute must be present
// in at least one of the predicates, and the predicate cannot contain the
// is null operator", 400; InvalidNumberPredicates "Too many predicates in
// the query expression", 400, and Limits: "Maximum number of comparisons
// per Select expression: 20"; InvalidNextToken, 400; NoSuchDomain, 400).
func testSelectErrors(t *testing.T, b *backend) {
	d := bookDomain(t, b)
	if noSelect(t, b, d) {
		return
	}
	q := sdb.QuoteName(d.Name())
	preds := make([]string, 21)
	for i := range preds {
		preds[i] = fmt.Sprintf("year != '%04d'", i)
	}
	for _, c := range []struct {
		what string
		p    url.Values
		code string
	}{
		{"a syntax error", url.Values{"SelectExpression": {"select from where"}}, "InvalidQueryExpression"},
		{"an unclosed quote", url.Values{"SelectExpression": {"select * from " + q + " where year = '1965"}}, "InvalidQueryExpression"},
		{"a sort on an attribute no predicate tests", url.Values{"SelectExpression": {"select * from " + q + " where year > '0' order by title"}}, "InvalidSortExpression"},
		{"a sort on an is null predicate", url.Values{"SelectExpression": {"select * from " + q + " where title is null order by title"}}, "InvalidSortExpression"},
		{"21 predicates", url.Values{"SelectExpression": {"select * from " + q + " where " + strings.Join(preds, " and ")}}, "InvalidNumberPredicates"},
		{"a missing domain", url.Values{"SelectExpression": {"select * from " + sdb.QuoteName(b.NewDomain())}}, "NoSuchDomain"},
		{"a made-up NextToken", url.Values{"SelectExpression": {"select * from " + q}, "NextToken": {"bm90IGEgdG9rZW4="}}, "InvalidNextToken"},
		{"no expression", url.Values{}, "MissingParameter"},
	} {
		err := b.call("Select", c.p)
		wantCode(t, b, "Select with "+c.what, err, c.code, 400)
	}
}
