package viewerauth

import (
	"crypto"
	"testing"
)

// BenchmarkVerify measures verifications per second: the work the local
// edge does for each request to a restricted behaviour.
func BenchmarkVerify(b *testing.B) {
	rk, ek := rsaKey(b), ecKey(b)
	keys := Keys{"KRSA": rk.Public(), "KEC": ek.Public()}
	for _, kt := range []struct {
		id  string
		key crypto.Signer
	}{{"KRSA", rk}, {"KEC", ek}} {
		for _, hash := range []crypto.Hash{crypto.SHA1, crypto.SHA256} {
			for _, form := range []string{"canned", "custom"} {
				url := cannedURL(b, obj, kt.id, kt.key, hash, later)
				if form == "custom" {
					url = customURL(b, obj, kt.id, kt.key, hash, policyDoc(host+"/private/*", dlt(later)+","+ip("192.0.2.0/24")))
				}
				req := Request{URL: url, ClientIP: viewer, Time: now}
				b.Run(kt.id+"/"+hashName(hash)+"/"+form, func(b *testing.B) {
					for b.Loop() {
						if d := Verify(req, keys); !d.Allowed() {
							b.Fatalf("refused: %s", d.Reason)
						}
					}
					b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifies/s")
				})
			}
		}
	}
}
