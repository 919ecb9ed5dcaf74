package sdbtest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// books is a small domain with multi-valued attributes, one item
// without keywords and odd item names.
var books = map[string]map[string][]string{
	"b1":   {"title": {"Alpha"}, "year": {"1959"}, "keyword": {"Book", "Paperback"}, "rating": {"****", "4 stars"}},
	"b2":   {"title": {"Bravo"}, "year": {"1934"}, "keyword": {"Book", "Hardcover"}, "rating": {"*****"}},
	"b3":   {"title": {"Charlie"}, "year": {"2007"}, "keyword": {"CD", "Music"}, "rating": {"****"}, "author": {"X"}},
	"b4":   {"title": {"Delta"}, "year": {"2007"}, "keyword": {"Book"}, "author": {"Y"}},
	"b5":   {"title": {"Echo 100%"}, "year": {"1979"}, "keyword": {"Hardcover"}, "rating": {"4 stars"}},
	"it's": {"title": {"Fox"}, "year": {"1999"}},
}

func seedBooks(t testing.TB, srv *Server, region string) {
	t.Helper()
	if err := srv.CreateDomain(srv.Account(), region, "books"); err != nil {
		t.Fatal(err)
	}
	for name, attrs := range books {
		if err := srv.Put(srv.Account(), region, "books", name, attrs); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSelectWhere(t *testing.T) {
	srv := Start(t)
	seedBooks(t, srv, "us-east-1")
	c := newClient(t, srv)
	all := []string{"b1", "b2", "b3", "b4", "b5", "it's"}
	tests := []struct {
		where string
		want  []string // sorted item names
	}{
		{"", all},
		{"year = '2007'", []string{"b3", "b4"}},
		{"year != '2007'", []string{"b1", "b2", "b5", "it's"}},
		{"year < '1959'", []string{"b2"}},
		{"year <= '1959'", []string{"b1", "b2"}},
		{"year > '1999'", []string{"b3", "b4"}},
		{"year >= '1999'", []string{"b3", "b4", "it's"}},
		{"title like 'B%'", []string{"b2"}},
		{"title like '%o'", []string{"b2"}},
		{"title like '%ar%'", []string{"b3"}},
		{`title like '%100\%'`, []string{"b5"}},
		{"title like 'Fox'", []string{"it's"}},
		{"title like '%'", all},
		{"title not like 'A%'", []string{"b2", "b3", "b4", "b5", "it's"}},
		{"year between '1950' and '1980'", []string{"b1", "b5"}},
		{"year in ('1934', '1999', '1000')", []string{"b2", "it's"}},
		{"author is null", []string{"b1", "b2", "b5", "it's"}},
		{"author is not null", []string{"b3", "b4"}},
		// Multi-valued attributes: any value may match...
		{"keyword = 'Book'", []string{"b1", "b2", "b4"}},
		{"keyword != 'Book'", []string{"b1", "b2", "b3", "b5"}},
		{"rating = '****' or rating = '4 stars'", []string{"b1", "b3", "b5"}},
		// ...but comparisons joined by and test one value at a time...
		{"keyword = 'Book' and keyword = 'Hardcover'", nil},
		{"keyword > 'A' and keyword < 'C'", []string{"b1", "b2", "b4"}},
		{"keyword > 'C' and (keyword < 'D' or keyword = 'Paperback')", []string{"b1", "b3"}},
		{"keyword = 'Book' and year < '1960' and keyword = 'Paperback'", nil},
		// ...while intersection tests each side on the whole item.
		{"keyword = 'Book' intersection keyword = 'Hardcover'", []string{"b2"}},
		{"keyword = 'Book' or keyword = 'Hardcover'", []string{"b1", "b2", "b4", "b5"}},
		{"every(keyword) = 'Book'", []string{"b4"}},
		{"every(keyword) in ('Book', 'Hardcover')", []string{"b2", "b4", "b5"}},
		{"every(keyword) != 'Book'", []string{"b3", "b5"}},
		{"every(keyword) like '%'", []string{"b1", "b2", "b3", "b4", "b5"}},
		{"not keyword = 'Book'", []string{"b3", "b5", "it's"}},
		{"not (year < '1990' or author = 'X')", []string{"b4", "it's"}},
		{"keyword = 'Book' and year < '1960'", []string{"b1", "b2"}},
		{"(keyword = 'Book' and keyword = 'CD') or year = '1999'", []string{"it's"}},
		{"year = '2007' intersection author is not null intersection keyword = 'Music'", []string{"b3"}},
		{"itemName() = 'b1'", []string{"b1"}},
		{"itemName() in ('b1', 'it''s')", []string{"b1", "it's"}},
		{"itemName() like 'b%'", []string{"b1", "b2", "b3", "b4", "b5"}},
		{"itemName() > 'b3'", []string{"b4", "b5", "it's"}},
		{"itemName() is not null", all},
		{"itemName() is null", nil},
		{"`year` = \"2007\" AND Title = 'Charlie'", nil}, // names are case-sensitive
		{"nothere = 'x' or nothere != 'x'", nil},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			q := "select itemName() from books"
			if tt.where != "" {
				q += " where " + tt.where
			}
			got, _ := c.selectAll(q)
			if diff := cmp.Diff(tt.want, sorted(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", q, diff)
			}
			gotC, _ := c.selectAll(q, "ConsistentRead", "true")
			if !cmp.Equal(got, gotC) {
				t.Errorf("consistent read differs: %q vs %q", got, gotC)
			}
		})
	}
}

func TestSelectOrder(t *testing.T) {
	srv := Start(t)
	seedBooks(t, srv, "us-east-1")
	c := newClient(t, srv)
	tests := []struct {
		q    string
		want []string // in order
	}{
		{"select * from books where year < '2000' order by year", []string{"b2", "b1", "b5", "it's"}},
		{"select * from books where year < '2000' order by year asc", []string{"b2", "b1", "b5", "it's"}},
		{"select * from books where year < '2000' order by year desc", []string{"it's", "b5", "b1", "b2"}},
		{"select * from books where year = '2007' intersection author is not null order by author desc", []string{"b4", "b3"}},
		{"select * from books where keyword is not null order by keyword", []string{"b1", "b2", "b4", "b3", "b5"}},
		{"select * from books where every(keyword) like '%' order by keyword desc", []string{"b5", "b3", "b4", "b2", "b1"}},
		{"select * from books where author = 'X' or year > '0' order by author", []string{"b3", "b4"}},
		{"select * from books order by itemName() desc", []string{"it's", "b5", "b4", "b3", "b2", "b1"}},
		{"select * from books where itemName() > 'b2' order by itemName()", []string{"b3", "b4", "b5", "it's"}},
		{"select * from books where year < '2000' order by year limit 1", []string{"b2", "b1", "b5", "it's"}},
		{"select * from books where year < '2000' order by year desc limit 3", []string{"it's", "b5", "b1", "b2"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, _ := c.selectAll(tt.q)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSelectOutput(t *testing.T) {
	srv := Start(t)
	seedBooks(t, srv, "us-east-1")
	c := newClient(t, srv)
	tests := []struct {
		q    string
		want map[string]map[string][]string
	}{
		{"select * from books where itemName() = 'b1'", map[string]map[string][]string{"b1": books["b1"]}},
		{"select title, author, nope from books where year = '2007'", map[string]map[string][]string{
			"b3": {"title": {"Charlie"}, "author": {"X"}}, "b4": {"title": {"Delta"}, "author": {"Y"}}}},
		{"select author from books where year = '1959'", map[string]map[string][]string{"b1": {}}},
		{"select itemName() from books where year = '2007'", map[string]map[string][]string{"b3": {}, "b4": {}}},
		{"select count(*) from books", map[string]map[string][]string{"Domain": {"Count": {"6"}}}},
		{"select count(*) from books where keyword = 'Book'", map[string]map[string][]string{"Domain": {"Count": {"3"}}}},
		{"select count(*) from books where keyword = 'nothing'", map[string]map[string][]string{"Domain": {"Count": {"0"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			p := c.selectPage(tt.q, "")
			if diff := cmp.Diff(tt.want, p.items); diff != "" || p.next != "" {
				t.Errorf("(-want +got):\n%s\nnext %q", diff, p.next)
			}
		})
	}
}

func TestSelectErrors(t *testing.T) {
	srv := Start(t)
	seedBooks(t, srv, "us-east-1")
	c := newClient(t, srv)
	many := func(n int, f func(i int) string, sep string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = f(i)
		}
		return strings.Join(parts, sep)
	}
	tests := []struct {
		name   string
		kv     []string
		status int
		code   string
	}{
		{"missing expression", nil, 400, "MissingParameter"},
		{"syntax", []string{"SelectExpression", "select * form books"}, 400, "InvalidQueryExpression"},
		{"unquoted value", []string{"SelectExpression", "select * from books where year = 2007"}, 400, "InvalidQueryExpression"},
		{"limit too big", []string{"SelectExpression", "select * from books limit 2501"}, 400, "InvalidQueryExpression"},
		{"no such domain", []string{"SelectExpression", "select * from nope"}, 400, "NoSuchDomain"},
		{"unconstrained sort", []string{"SelectExpression", "select * from books order by year"}, 400, "InvalidSortExpression"},
		{"sort on is null", []string{"SelectExpression", "select * from books where year is null order by year"}, 400, "InvalidSortExpression"},
		{"sort elsewhere", []string{"SelectExpression", "select * from books where author is null order by title"}, 400, "InvalidSortExpression"},
		{"21 predicates", []string{"SelectExpression", "select * from books where " +
			many(21, func(i int) string { return fmt.Sprintf("a%d = 'x'", i) }, " or ")}, 400, "InvalidNumberPredicates"},
		{"21 values", []string{"SelectExpression", "select * from books where a in (" +
			many(21, func(i int) string { return fmt.Sprintf("'%d'", i) }, ",") + ")"}, 400, "InvalidNumberValueTests"},
		{"257 attributes", []string{"SelectExpression", "select " +
			many(257, func(i int) string { return fmt.Sprintf("a%d", i) }, ",") + " from books"}, 400, "TooManyRequestedAttributes"},
		{"bad consistent read", []string{"SelectExpression", "select * from books", "ConsistentRead", "1"}, 400, "InvalidParameterValue"},
		{"garbage token", []string{"SelectExpression", "select * from books", "NextToken", "%%%"}, 400, "InvalidNextToken"},
		{"domain token", []string{"SelectExpression", "select * from books", "NextToken", "Z29ib3RvLXNkYi1kb21haW5zOmJvb2tz"}, 400, "InvalidNextToken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.call("Select", tt.kv...)
			if r.status != tt.status || r.code() != tt.code {
				t.Errorf("got %d %s; want %d %s", r.status, r.code(), tt.status, tt.code)
			}
		})
	}
	// 20 predicates and 20 values are fine.
	c.must("Select", "SelectExpression", "select * from books where "+
		many(20, func(i int) string { return fmt.Sprintf("a%d = 'x'", i) }, " or "))
	c.must("Select", "SelectExpression", "select * from books where a in ("+
		many(20, func(i int) string { return fmt.Sprintf("'%d'", i) }, ",")+")")
}

func seedNumbered(t testing.TB, srv *Server, domain string, n int) []string {
	t.Helper()
	if err := srv.CreateDomain(srv.Account(), "us-east-1", domain); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range n {
		name := fmt.Sprintf("p%04d", i)
		names = append(names, name)
		if err := srv.Put(srv.Account(), "us-east-1", domain, name, map[string][]string{"n": {fmt.Sprintf("%04d", n-i)}, "even": {strconv.FormatBool(i%2 == 0)}}); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

func TestSelectPaging(t *testing.T) {
	srv := Start(t)
	names := seedNumbered(t, srv, "pages", 150)
	c := newClient(t, srv)
	reversed := func(s []string) []string {
		out := make([]string, len(s))
		for i, v := range s {
			out[len(s)-1-i] = v
		}
		return out
	}
	evens := func() []string {
		var out []string
		for i, n := range names {
			if i%2 == 0 {
				out = append(out, n)
			}
		}
		return out
	}
	tests := []struct {
		q     string
		want  []string
		pages int
	}{
		{"select * from pages", names, 2}, // default limit 100
		{"select itemName() from pages limit 2500", names, 1},
		{"select itemName() from pages limit 40", names, 4},
		{"select itemName() from pages where n > '0' order by n limit 70", reversed(names), 3},
		{"select * from pages where n > '0' order by n desc limit 149", names, 2},
		{"select itemName() from pages where even = 'true' limit 25", evens(), 3},
		{"select itemName() from pages where n > '9999'", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, pages := c.selectAll(tt.q)
			if diff := cmp.Diff(tt.want, got); diff != "" || pages != tt.pages {
				t.Errorf("%d pages, want %d (-want +got):\n%s", pages, tt.pages, diff)
			}
		})
	}

	t.Run("token tied to query", func(t *testing.T) {
		p := c.selectPage("select * from pages where n > '0' limit 10", "")
		if p.next == "" {
			t.Fatal("no NextToken")
		}
		for _, q := range []string{
			"select * from pages where n > '1' limit 10",
			"select * from pages where n > '0' order by n limit 10",
			"select * from books where n > '0' limit 10",
		} {
			if err := srv.CreateDomain(srv.Account(), "us-east-1", "books"); err != nil {
				t.Fatal(err)
			}
			if r := c.call("Select", "SelectExpression", q, "NextToken", p.next); r.code() != "InvalidNextToken" {
				t.Errorf("%s with another query's token: %d %s; want InvalidNextToken", q, r.status, r.code())
			}
		}
		// The output list, the limit and the spacing may change.
		q := c.selectPage("SELECT itemName() FROM pages WHERE n > '0' LIMIT 5", p.next)
		if diff := cmp.Diff(names[10:15], q.names); diff != "" {
			t.Errorf("continued page (-want +got):\n%s", diff)
		}
	})

	t.Run("count pages", func(t *testing.T) {
		total, token, pages := 0, "", 0
		for {
			p := c.selectPage("select count(*) from pages where even = 'true' limit 30", token)
			n, err := strconv.Atoi(p.items["Domain"]["Count"][0])
			if err != nil || n > 30 {
				t.Fatalf("Count = %q", p.items["Domain"]["Count"])
			}
			total += n
			pages++
			if token = p.next; token == "" {
				break
			}
		}
		if total != 75 || pages != 3 {
			t.Errorf("counted %d in %d pages; want 75 in 3", total, pages)
		}
		// A count's token skips ahead for a select.
		p := c.selectPage("select count(*) from pages limit 120", "")
		q := c.selectPage("select itemName() from pages", p.next)
		if diff := cmp.Diff(names[120:], q.names); diff != "" {
			t.Errorf("select after count (-want +got):\n%s", diff)
		}
	})

	t.Run("writes between pages", func(t *testing.T) {
		p := c.selectPage("select itemName() from pages limit 10", "")
		srv.Put(srv.Account(), "us-east-1", "pages", "a-before", map[string][]string{"n": {"x"}})
		srv.Put(srv.Account(), "us-east-1", "pages", "p0010x", map[string][]string{"n": {"x"}})
		q := c.selectPage("select itemName() from pages limit 3", p.next)
		if diff := cmp.Diff([]string{"p0010", "p0010x", "p0011"}, q.names); diff != "" {
			t.Errorf("next page (-want +got):\n%s", diff)
		}
	})
}

func TestSelectMegabyte(t *testing.T) {
	srv := Start(t)
	if err := srv.CreateDomain(srv.Account(), "us-east-1", "big"); err != nil {
		t.Fatal(err)
	}
	value := strings.Repeat("v", 1000)
	for i := range 10 {
		attrs := map[string][]string{}
		for j := range 256 {
			attrs[fmt.Sprintf("a%03d", j)] = []string{value}
		}
		if err := srv.Put(srv.Account(), "us-east-1", "big", fmt.Sprintf("item%d", i), attrs); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, srv)
	r := c.must("Select", "SelectExpression", "select * from big limit 2500")
	p := parsePage(t, r.body)
	if len(r.body) > maxResponseBytes+4096 || len(p.names) == 0 || len(p.names) >= 10 || p.next == "" {
		t.Fatalf("first page: %d bytes, %d items, next %q; want at most 1 MB, some items and a token", len(r.body), len(p.names), p.next)
	}
	got, _ := c.selectAll("select itemName() from big limit 2500")
	all, pages := c.selectAll("select * from big limit 2500")
	if !cmp.Equal(got, all) || pages < 3 {
		t.Errorf("paged select * gave %d items in %d pages; itemName() gave %d", len(all), pages, len(got))
	}
}
