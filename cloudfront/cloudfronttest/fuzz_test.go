package cloudfronttest

import (
	"testing"
)

// FuzzDocument feeds arbitrary bodies to the document reader: it never
// panics, and a document it accepts renders to XML that reads back to
// the same tree, so what is stored is what is answered.
func FuzzDocument(f *testing.F) {
	f.Add([]byte(`<InvalidationBatch><CallerReference>r</CallerReference><Paths><Quantity>1</Quantity><Items><Path>/a&amp;b</Path></Items></Paths></InvalidationBatch>`))
	f.Add([]byte(`<InvalidationBatch><Paths><Quantity>2</Quantity></Paths></InvalidationBatch>`))
	f.Add([]byte(`<Tags><Items><Tag><Key>k</Key><Value>v</Value></Tag></Items></Tags>`))
	f.Add([]byte(`<?xml version="1.0"?><KeyGroupConfig><Name>n</Name><Items><PublicKey>K1</PublicKey></Items></KeyGroupConfig>`))
	f.Add([]byte(`<a><b>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, root := range []string{"InvalidationBatch", "Tags", "KeyGroupConfig", "DistributionConfig"} {
			doc, err := parseDoc(body, root)
			if err != nil {
				continue
			}
			if check(doc, root, root) != nil {
				continue
			}
			again, err := parseDoc(render(doc), root)
			if err != nil {
				t.Fatalf("%s: rendered document does not read back: %v\n%s", root, err, render(doc))
			}
			if err := check(again, root, root); err != nil {
				t.Fatalf("%s: rendered document no longer checks: %v", root, err)
			}
			if canonical(again) != canonical(doc) {
				t.Fatalf("%s: round trip changed the document:\n%s\n%s", root, canonical(doc), canonical(again))
			}
		}
	})
}
