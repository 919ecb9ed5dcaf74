package suite

import (
	"context"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sdb"
)

// testDomains pins the life of a domain: CreateDomain is idempotent and
// keeps the items of a domain that exists (Developer Guide, CreateDomain:
// "CreateDomain is an idempotent operation; running it multiple times
// using the same domain name will not result in an error response");
// DeleteDomain of a missing domain succeeds and a deleted domain is
// NoSuchDomain, HTTP 400 (API Error Codes: NoSuchDomain "The specified
// domain does not exist", 400 Bad Request).
func testDomains(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put", d.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}}))
	if _, err := b.conn.CreateDomain(ctx, d.Name()); err != nil {
		t.Fatalf("%s: CreateDomain of an existing domain: %v", b.Name, err)
	}
	_, err := d.Get(ctx, "alice", sdb.Consistent())
	if b.Diff.CreateEmptiesDomain {
		// moto's known answer: the item went with the old domain.
		wantCode(t, b, "Get after a second CreateDomain (moto)", err, sdb.NoSuchItem, 200)
	} else if err != nil {
		t.Errorf("%s: Get after a second CreateDomain: %v, want the item kept", b.Name, err)
	}

	wantNoError(t, b, "DeleteDomain", d.Delete(ctx))
	_, err = d.Get(ctx, "alice")
	wantCode(t, b, "Get in a deleted domain", err, "NoSuchDomain", 400)
	err = d.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}})
	wantCode(t, b, "Put in a deleted domain", err, "NoSuchDomain", 400)
	// API Reference, DeleteDomain: "Running DeleteDomain on a domain
	// that does not exist or running the function multiple times using
	// the same domain name will not result in an error response."
	if err := d.Delete(ctx); err != nil {
		t.Errorf("%s: DeleteDomain of a missing domain: %v, want success", b.Name, err)
	}
	for _, name := range domainNames(t, b, ctx) {
		if name == d.Name() {
			t.Errorf("%s: ListDomains still lists deleted %s", b.Name, name)
		}
	}

	// API Reference, CreateDomain, DomainName: "The name can range
	// between 3 and 255 characters and can contain the following
	// characters: a-z, A-Z, 0-9, '_', '-', and '.'." The client refuses
	// a bad name before sending; the server's own answer is
	// InvalidParameterValue (Special Errors).
	for _, bad := range []string{"ab", "has space", "slash/name"} {
		if _, err := b.conn.CreateDomain(ctx, bad); !isValidation(err) {
			t.Errorf("client CreateDomain(%q) = %v, want a *goboto.ValidationError", bad, err)
		}
		err := b.call("CreateDomain", url.Values{"DomainName": {bad}})
		wantCode(t, b, "CreateDomain "+bad, err, "InvalidParameterValue", 400)
	}
}

// domainNames lists every domain through the client, which follows
// NextToken.
func domainNames(t *testing.T, b *backend, ctx context.Context, opts ...sdb.ListOption) []string {
	t.Helper()
	var names []string
	for d, err := range b.conn.Domains(ctx, opts...) {
		if err != nil {
			t.Fatalf("%s: ListDomains: %v", b.Name, err)
		}
		names = append(names, d.Name())
	}
	return names
}

type listDomainsPage struct {
	Names     []string `xml:"DomainName"`
	NextToken string   `xml:"NextToken"`
}

// testListDomains pins ListDomains paging (API model, ListDomains: "It
// returns domain names up to the limit set by MaxNumberOfDomains. A
// NextToken is returned if there are more than MaxNumberOfDomains
// domains"; MaxNumberOfDomains: "The range is 1 to 100").
func testListDomains(t *testing.T, b *backend) {
	ctx := context.Background()
	var mine []string
	for range 3 {
		mine = append(mine, b.domain(t).Name())
	}
	slices.Sort(mine)

	// The client follows NextToken across pages of one: every domain
	// appears once. The shared moto may hold other suites' domains, so
	// only ours are compared.
	var got []string
	for _, n := range domainNames(t, b, ctx, sdb.PageSize(1)) {
		if slices.Contains(mine, n) {
			got = append(got, n)
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff(mine, got); diff != "" {
		t.Errorf("%s: domains listed in pages of 1 (-want +got):\n%s", b.Name, diff)
	}

	var page listDomainsPage
	_, err := b.raw.Do(ctx, "ListDomains", url.Values{"MaxNumberOfDomains": {"1"}}, &page)
	wantNoError(t, b, "ListDomains MaxNumberOfDomains=1", err)
	if b.Diff.IgnoresMaxNumberOfDomains {
		if len(page.Names) < len(mine) || page.NextToken != "" {
			t.Errorf("%s: ListDomains(1) = %d names, token %q; moto answers every domain and no token",
				b.Name, len(page.Names), page.NextToken)
		}
	} else if len(page.Names) != 1 || page.NextToken == "" {
		t.Errorf("%s: ListDomains(1) = %v, token %q; want one name and a NextToken", b.Name, page.Names, page.NextToken)
	}

	for _, n := range []string{"0", "101"} {
		err := b.call("ListDomains", url.Values{"MaxNumberOfDomains": {n}})
		if b.Diff.IgnoresMaxNumberOfDomains {
			if err != nil {
				t.Errorf("%s: ListDomains(%s) = %v; moto takes any number", b.Name, n, err)
			}
			continue
		}
		wantCode(t, b, "ListDomains MaxNumberOfDomains="+n, err, "InvalidParameterValue", 400)
	}
	if b.Diff.IgnoresMaxNumberOfDomains {
		return
	}
	// API Error Codes: InvalidNextToken "The specified next token is not
	// valid", 400.
	err = b.call("ListDomains", url.Values{"NextToken": {"bm90IGEgdG9rZW4="}})
	wantCode(t, b, "ListDomains with a made-up NextToken", err, "InvalidNextToken", 400)
}

// testDomainMetadata pins DomainMetadata's counts and sizes (API
// Reference, DomainMetadata, Response Elements: the number of items, of
// distinct attribute names and of attribute name-value pairs, and the
// bytes of item names, attribute names and values, with the Timestamp
// they were computed at). A missing domain is NoSuchDomain (Special
// Errors).
func testDomainMetadata(t *testing.T, b *backend) {
	ctx := context.Background()
	d := b.domain(t)
	wantNoError(t, b, "Put alice", d.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}, "lang": {"fr", "en"}}))
	wantNoError(t, b, "Put bob", d.Put(ctx, "bob", sdb.Attributes{"city": {"Rome"}}))
	err := d.Refresh(ctx)
	if b.Diff.NoDomainMetadata {
		wantUnimplemented(t, b, "DomainMetadata (moto)", err)
		return
	}
	wantNoError(t, b, "DomainMetadata", err)
	got := *d.Metadata
	if got.Timestamp.IsZero() {
		t.Errorf("%s: DomainMetadata has no Timestamp", b.Name)
	}
	got.Timestamp = time.Time{}
	want := sdb.DomainMetadata{
		ItemCount:                2,
		ItemNamesSizeBytes:       int64(len("alice") + len("bob")),
		AttributeNameCount:       2,
		AttributeNamesSizeBytes:  int64(len("city") + len("lang")),
		AttributeValueCount:      4,
		AttributeValuesSizeBytes: int64(len("Paris") + len("fr") + len("en") + len("Rome")),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: DomainMetadata (-want +got):\n%s", b.Name, diff)
	}
	err = b.conn.Domain(b.NewDomain()).Refresh(ctx)
	wantCode(t, b, "DomainMetadata of a missing domain", err, "NoSuchDomain", 400)
}
