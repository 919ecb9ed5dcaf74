package sdbtest

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// booksView returns the books domain as a view, without a server.
func booksView() view {
	v := view{}
	names := make([]string, 0, len(books))
	for n := range books {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var put []putAttr
		for a, vs := range books[n] {
			for _, val := range vs {
				put = append(put, putAttr{Name: a, Value: val})
			}
		}
		v.apply(&write{item: n, put: put})
	}
	return v
}

// FuzzSelect runs arbitrary select expressions over a small domain. It
// checks that nothing panics, that every answer holds only matching
// items in order, and that reading one item per page through positions
// gives the same items as reading them all at once.
func FuzzSelect(f *testing.F) {
	for _, q := range []string{
		"select * from books",
		"select * from books where keyword = 'Book' and keyword = 'Hardcover'",
		"select itemName() from books where every(keyword) in ('Book', 'CD') order by itemName() desc",
		"select count(*) from books where year between '1900' and '2000' limit 2",
		"select title from books where title like '%o' or not author is null intersection year > '1' order by year desc limit 3",
		`select * from books where title like '\%%' and rating != '****' order by rating`,
		"select * from books where (a = '1' or (a > '2' and a < '3')) and b not like '%' order by a",
	} {
		f.Add(q)
	}
	v := booksView()
	f.Fuzz(func(t *testing.T, text string) {
		q, e := prepare(text)
		if e != nil {
			if e.Code == "" || e.Status != 400 {
				t.Fatalf("prepare(%q) = %+v", text, e)
			}
			return
		}
		all := q.run(v, nil)
		for i, m := range all {
			if !q.test(m.name, m.it.attrs) {
				t.Fatalf("%q answered %s, which does not match", text, m.name)
			}
			if i > 0 && !q.before(position{all[i-1].key, all[i-1].name}, position{m.key, m.name}) {
				t.Fatalf("%q answered %s before %s", text, all[i-1].name, m.name)
			}
		}
		var paged []string
		var start *position
		for range len(all) + 1 {
			ms := q.run(v, start)
			if len(ms) == 0 {
				break
			}
			paged = append(paged, ms[0].name)
			p, ok := decodeToken(encodeToken(q.hash, position{ms[0].key, ms[0].name}), q.hash)
			if !ok {
				t.Fatalf("token of %s does not decode", ms[0].name)
			}
			start = &p
		}
		var names []string
		for _, m := range all {
			names = append(names, m.name)
		}
		if diff := cmp.Diff(names, paged); diff != "" {
			t.Fatalf("%q: one item per page differs (-all +paged):\n%s", text, diff)
		}
		a := newAnswer("Select")
		q.writeItems(a, all)
		q.writeCount(a, all)
		decodeToken(text, q.hash) // arbitrary tokens must not panic either
	})
}
