package ec2model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTypeRanges(t *testing.T) {
	doc := `<p>Valid sizes:</p> <ul> <li> <p>gp2: <code>1 - 16,384</code> GiB</p> </li> ` +
		`<li> <p> <code>st1</code> and <code>sc1</code>: 125 - 16,384 GiB</p> </li> ` +
		`<li> <p>gp3: <code>3,000 </code>(<i>default</i>)<code> - 80,000</code> IOPS</p> </li> </ul>`
	want := map[string]Range{"gp2": {1, 16384}, "st1": {125, 16384}, "sc1": {125, 16384}, "gp3": {3000, 80000}}
	if diff := cmp.Diff(want, TypeRanges(doc)); diff != "" {
		t.Errorf("TypeRanges (-want +got):\n%s", diff)
	}
	for _, doc := range []string{`<p>Valid Range: <code>125 - 2000</code> MiB/s</p>`, `<p>Valid Range: Minimum value of 125. Maximum value of 2,000.</p>`} {
		if r, ok := OneRange(doc); !ok || r != (Range{125, 2000}) {
			t.Errorf("OneRange(%q) = %v, %v", doc, r, ok)
		}
	}
	if _, ok := OneRange("<p>no range</p>"); ok {
		t.Error("OneRange found a range in a text without one")
	}
}

func TestFilterNames(t *testing.T) {
	doc := `<p>The filters.</p> <ul> <li> <p> <code>a-b</code> - one.</p> </li> ` +
		`<li> <p> <code>tag</code>:&lt;key&gt; - by tag.</p> </li> <li> <p> <code>tag:&lt;key&gt;</code> - again.</p> </li> ` +
		`<li> <p> <code>c.d</code> - two (<code>x</code> | <code>y</code>).</p> </li> ` +
		`<li> <p> <code>key-name</code> - a name with key in it.</p> </li> <li> <p> <code>tag-key</code> - tag keys.</p> </li> </ul>`
	m := &Model{
		Operations: map[string]Operation{"DescribeThings": {Input: &struct {
			Shape string `json:"shape"`
		}{"In"}}},
		Shapes: map[string]Shape{"In": {Members: map[string]Member{"Filters": {Documentation: doc}}}},
	}
	if diff := cmp.Diff([]string{"a-b", "tag:", "c.d", "key-name", "tag-key"}, m.FilterNames("DescribeThings")); diff != "" {
		t.Errorf("FilterNames (-want +got):\n%s", diff)
	}
}
