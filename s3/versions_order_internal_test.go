package s3

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestEntryKinds(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []bool
	}{
		{"empty listing", `<ListVersionsResult><Name>b</Name></ListVersionsResult>`, []bool{}},
		{"interleaved", `<?xml version="1.0"?><ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
<Version><Key>a</Key></Version><DeleteMarker><Key>a</Key></DeleteMarker><Version><Key>a</Key></Version>
<CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes><DeleteMarker><Key>b</Key></DeleteMarker></ListVersionsResult>`,
			[]bool{false, true, false, true}},
		// Only top-level entries count, whatever nests inside them.
		{"nested names", `<ListVersionsResult><Version><Key>a</Key><Owner><DeleteMarker/></Owner></Version></ListVersionsResult>`,
			[]bool{false}},
		{"other root", `<ListBucketResult><Version/></ListBucketResult>`, nil},
		{"truncated", `<ListVersionsResult><Version><Key>a</Key></Version>`, nil},
		{"not xml", `{"Versions": []}`, nil},
	} {
		if diff := cmp.Diff(tc.want, entryKinds([]byte(tc.body))); diff != "" {
			t.Errorf("%s: entryKinds (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestInterleave(t *testing.T) {
	v := func(id string) Version { return Version{VersionID: id} }
	m := func(id string) Version { return Version{VersionID: id, IsDeleteMarker: true} }
	for _, tc := range []struct {
		name    string
		vs, dms []Version
		markers []bool
		want    []Version
		ok      bool
	}{
		{"in order", []Version{v("1"), v("3")}, []Version{m("2")}, []bool{false, true, false}, []Version{v("1"), m("2"), v("3")}, true},
		{"markers only", nil, []Version{m("1"), m("2")}, []bool{true, true}, []Version{m("1"), m("2")}, true},
		{"no record", []Version{v("1")}, nil, nil, nil, false},
		{"too few entries", []Version{v("1")}, nil, []bool{false, false}, nil, false},
		{"too many markers", []Version{v("1")}, []Version{m("2")}, []bool{true, true}, nil, false},
	} {
		got, ok := interleave(tc.vs, tc.dms, tc.markers)
		if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreUnexported(Version{})); diff != "" || ok != tc.ok {
			t.Errorf("%s: interleave = %v (-want +got):\n%s", tc.name, ok, diff)
		}
	}
}

// FuzzEntryKinds checks that entryKinds never panics and that what it
// counts fits interleave whenever the counts agree.
func FuzzEntryKinds(f *testing.F) {
	f.Add(`<ListVersionsResult><Version/><DeleteMarker/></ListVersionsResult>`)
	f.Add(`<ListVersionsResult><DeleteMarker><Version/></DeleteMarker>`)
	f.Add(`<a><b>`)
	f.Fuzz(func(t *testing.T, body string) {
		kinds := entryKinds([]byte(body))
		var nv, nd int
		for _, dm := range kinds {
			if dm {
				nd++
			} else {
				nv++
			}
		}
		got, ok := interleave(make([]Version, nv), make([]Version, nd), kinds)
		if kinds != nil && (!ok || len(got) != len(kinds)) {
			t.Errorf("interleave of %d entries = %d, %v", len(kinds), len(got), ok)
		}
	})
}
