package viewerauth

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParsePolicy pins the custom policy statement's shape (Developer
// Guide, "Create a signed URL using a custom policy", "Values that you
// specify in the policy statement"): one statement, Resource optional,
// DateLessThan required, DateGreaterThan and IpAddress optional, epoch
// times in whole seconds, IpAddress in CIDR form.
func TestParsePolicy(t *testing.T) {
	full := Policy{
		Resource:           "https://d111111abcdef8.cloudfront.net/game_download.zip",
		DateLessThan:       1767290400,
		DateGreaterThan:    1767200000,
		HasDateGreaterThan: true,
		SourceIP:           netip.MustParsePrefix("192.0.2.0/24"),
	}
	cases := []struct {
		name string
		doc  string
		want Policy
		bad  bool
	}{
		{name: "guide example", doc: `{
			"Statement": [{
				"Resource": "https://d111111abcdef8.cloudfront.net/game_download.zip",
				"Condition": {
					"IpAddress": {"AWS:SourceIp": "192.0.2.0/24"},
					"DateGreaterThan": {"AWS:EpochTime": 1767200000},
					"DateLessThan": {"AWS:EpochTime": 1767290400}
				}
			}]
		}`, want: full},
		{name: "only expiry", doc: `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, want: Policy{Resource: "*", DateLessThan: 5}},
		{name: "no resource", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, want: Policy{AnyResource: true, DateLessThan: 5}},
		{name: "empty", doc: ``, bad: true},
		{name: "not object", doc: `[]`, bad: true},
		{name: "trailing data", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}x`, bad: true},
		{name: "two statements", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}},{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, bad: true},
		{name: "no statements", doc: `{"Statement":[]}`, bad: true},
		{name: "statement null", doc: `{"Statement":null}`, bad: true},
		{name: "no condition", doc: `{"Statement":[{"Resource":"*"}]}`, bad: true},
		{name: "no DateLessThan", doc: `{"Statement":[{"Condition":{"DateGreaterThan":{"AWS:EpochTime":5}}}]}`, bad: true},
		{name: "epoch as string", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":"5"}}}]}`, bad: true},
		{name: "epoch fraction", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5.5}}}]}`, bad: true},
		{name: "epoch negative", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":-5}}}]}`, bad: true},
		{name: "case folded name", doc: `{"statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, bad: true},
		{name: "unknown condition", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5},"Referer":{"x":"y"}}}]}`, bad: true},
		{name: "resource null", doc: `{"Statement":[{"Resource":null,"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, bad: true},
		{name: "resource number", doc: `{"Statement":[{"Resource":5,"Condition":{"DateLessThan":{"AWS:EpochTime":5}}}]}`, bad: true},
		{name: "ip no mask", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5},"IpAddress":{"AWS:SourceIp":"192.0.2.1"}}}]}`, bad: true},
		{name: "ip v6", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5},"IpAddress":{"AWS:SourceIp":"2001:db8::/32"}}}]}`, bad: true},
		{name: "ip bad mask", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5},"IpAddress":{"AWS:SourceIp":"192.0.2.1/33"}}}]}`, bad: true},
		{name: "ip missing", doc: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":5},"IpAddress":{}}}]}`, bad: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParsePolicy([]byte(c.doc))
			if c.bad {
				if !errors.Is(err, ErrMalformedPolicy) {
					t.Fatalf("ParsePolicy = %+v, %v; want ErrMalformedPolicy", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestCannedPolicy pins the canned statement CloudFront rebuilds
// (Developer Guide, "Create a signed URL using a canned policy", policy
// statement example), without white space.
func TestCannedPolicy(t *testing.T) {
	want := `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/horizon.jpg?size=large&license=yes","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400}}}]}`
	got := string(CannedPolicy("https://d111111abcdef8.cloudfront.net/horizon.jpg?size=large&license=yes", 1767290400))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzPolicy checks that ParsePolicy never panics, refuses only with
// ErrMalformedPolicy, and that what it accepts survives a round trip
// through Policy.JSON unchanged.
func FuzzPolicy(f *testing.F) {
	for _, s := range []string{
		`{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"},"DateGreaterThan":{"AWS:EpochTime":1}}}]}`,
		`{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":0}}}]}`,
		`{"Statement":[{"Resource":"\u00e9\"\\","Condition":{"DateLessThan":{"AWS:EpochTime":9223372036854775807}}}]}`,
		`{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":1e3}}}]}`,
		`{"Statement":{}}`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := ParsePolicy(doc)
		if err != nil {
			if !errors.Is(err, ErrMalformedPolicy) {
				t.Fatalf("error %v does not wrap ErrMalformedPolicy", err)
			}
			return
		}
		again, err := ParsePolicy(p.JSON())
		if err != nil {
			t.Fatalf("ParsePolicy(%s) (round trip of %q): %v", p.JSON(), doc, err)
		}
		if again != p {
			t.Fatalf("round trip changed %+v into %+v", p, again)
		}
	})
}
