package sigv2

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSignedFormMatchesSign pins SignedForm to Sign: the server must read
// the same parameters, Signature included, from SignedForm's body as from
// Sign and url.Values.Encode, and they must verify.
func TestSignedFormMatchesSign(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	creds := Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	session := creds
	session.SessionToken = "token/with+odd=chars"
	for _, tc := range []struct {
		name   string
		params url.Values
		set    []Param
		creds  Credentials
		host   string
		path   string
	}{
		{name: "empty", params: url.Values{}, creds: creds, host: "sdb.amazonaws.com", path: "/"},
		{name: "nil params", set: []Param{{"Action", "ListDomains"}}, creds: creds, host: "sdb.amazonaws.com"},
		{
			name: "put",
			params: url.Values{
				"DomainName": {"bench"}, "ItemName": {"item 0"},
				"Attribute.1.Name": {"title"}, "Attribute.1.Value": {"The Left Hand of Darkness"},
				"Attribute.2.Name": {"tags"}, "Attribute.2.Value": {"sf~+&=/é"},
				"Attribute.10.Name": {"z"}, "Attribute.10.Value": {""},
			},
			set:   []Param{{"Action", "PutAttributes"}, {"Version", "2009-04-15"}},
			creds: creds, host: "SDB.eu-west-1.amazonaws.com", path: "/",
		},
		{
			name:   "multi-valued name keeps its order",
			params: url.Values{"A": {"3", "1", "2"}, "B": {"x"}},
			set:    []Param{{"Action", "X"}},
			creds:  creds, host: "127.0.0.1:8080", path: "/some path",
		},
		{
			name:   "set replaces params and later set entries win",
			params: url.Values{"Action": {"Old"}, "Version": {"1", "2"}, "Signature": {"stale"}},
			set:    []Param{{"Action", "First"}, {"Action", "Second"}},
			creds:  creds, host: "sdb.amazonaws.com",
		},
		{
			name:   "own Timestamp kept",
			params: url.Values{"Timestamp": {"2026-12-06T09:59:00Z"}},
			creds:  creds, host: "sdb.amazonaws.com",
		},
		{
			name:   "Expires instead of Timestamp",
			params: url.Values{"Expires": {"2026-12-06T10:15:00Z"}},
			creds:  creds, host: "sdb.amazonaws.com",
		},
		{
			name:   "empty Timestamp replaced",
			params: url.Values{"Timestamp": {""}},
			creds:  creds, host: "sdb.amazonaws.com",
		},
		{
			name:   "session token",
			params: url.Values{"SecurityToken": {"old"}, "AWSAccessKeyId": {"someone else"}},
			creds:  session, host: "sdb.amazonaws.com",
		},
		{
			name:   "SecurityToken of params kept without a session",
			params: url.Values{"SecurityToken": {"given"}},
			creds:  creds, host: "sdb.amazonaws.com",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := url.Values{}
			for k, v := range tc.params {
				before[k] = append([]string(nil), v...)
			}

			want := url.Values{}
			for k, v := range tc.params {
				want[k] = append([]string(nil), v...)
			}
			for _, p := range tc.set {
				want.Set(p.Name, p.Value)
			}
			Sign(want, "post", tc.host, tc.path, tc.creds, now)

			body := SignedForm(tc.params, tc.set, "post", tc.host, tc.path, tc.creds, now)
			got, err := url.ParseQuery(body)
			if err != nil {
				t.Fatalf("body %q does not parse: %v", body, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("parameters (-Sign +SignedForm):\n%s", diff)
			}
			if !Verify(got, "POST", tc.host, tc.path, tc.creds.SecretAccessKey) {
				t.Errorf("body %q does not verify", body)
			}
			if !strings.HasPrefix(body, CanonicalQuery(got)+"&Signature=") {
				t.Errorf("body %q is not the canonical query and the Signature", body)
			}
			if diff := cmp.Diff(before, tc.params, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("params changed (-before +after):\n%s", diff)
			}

			// SignedPairs signs the same parameters given as pairs, in
			// canonical order and not, into the same body.
			var s Signer
			names := slices.Sorted(maps.Keys(tc.params))
			sorted := pairsOf(tc.params, names)
			slices.Reverse(names)
			reversed := pairsOf(tc.params, names)
			for order, pairs := range map[string][]Param{"sorted": sorted, "reversed": reversed} {
				kept := slices.Clone(pairs)
				if diff := cmp.Diff(body, s.SignedPairs(pairs, tc.set, "post", tc.host, tc.path, tc.creds, now)); diff != "" {
					t.Errorf("SignedPairs of the %s pairs (-SignedForm +SignedPairs):\n%s", order, diff)
				}
				if diff := cmp.Diff(kept, pairs, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("SignedPairs changed the %s pairs (-before +after):\n%s", order, diff)
				}
			}
		})
	}
}

// pairsOf lists params' pairs, names in the order given, each name's
// values in their order.
func pairsOf(params url.Values, names []string) []Param {
	var out []Param
	for _, k := range names {
		for _, v := range params[k] {
			out = append(out, Param{k, v})
		}
	}
	return out
}

// A Signer keeps its HMAC per secret key: signing with another key, or
// again with the first, gives what a fresh SignedForm gives.
func TestSignerSwitchesKeys(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	params := url.Values{"Action": {"ListDomains"}}
	var s Signer
	for _, secret := range []string{"first", "second", "second", "first"} {
		c := Credentials{AccessKeyID: "AKID", SecretAccessKey: secret}
		want := SignedForm(params, nil, "POST", "sdb.amazonaws.com", "/", c, now)
		if got := s.SignedForm(params, nil, "POST", "sdb.amazonaws.com", "/", c, now); got != want {
			t.Errorf("secret %q: Signer gave %q, want %q", secret, got, want)
		}
	}
}

// A Signer reuses the Timestamp it wrote for calls in the same second
// only: the next second, or an earlier one, gets its own, as a fresh
// SignedForm writes it.
func TestSignerTimestampFollowsClock(t *testing.T) {
	params := url.Values{"Action": {"ListDomains"}}
	c := Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	base := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	var s Signer
	for _, now := range []time.Time{
		base.Add(100 * time.Millisecond),
		base.Add(900 * time.Millisecond),
		base.Add(time.Second),
		base.Add(time.Second + 999*time.Millisecond),
		base.Add(-time.Hour),
		base.In(time.FixedZone("x", -7*3600)).Add(2 * time.Second),
	} {
		want := SignedForm(params, nil, "POST", "sdb.amazonaws.com", "/", c, now)
		if got := s.SignedForm(params, nil, "POST", "sdb.amazonaws.com", "/", c, now); got != want {
			t.Errorf("at %v: Signer gave %q, want %q", now, got, want)
		}
		form, err := url.ParseQuery(want)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := form.Get("Timestamp"), now.UTC().Format(TimeFormat); got != want {
			t.Errorf("at %v: Timestamp = %q, want %q", now, got, want)
		}
	}
}
