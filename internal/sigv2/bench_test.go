package sigv2

import (
	"net/url"
	"strconv"
	"testing"
	"time"
)

// BenchmarkSignedForm signs a PutAttributes of six pairs, the form of
// sdb's BenchmarkPutAttributes.
func BenchmarkSignedForm(b *testing.B) {
	params := url.Values{"DomainName": {"bench"}, "ItemName": {"item0"}}
	for i, v := range []string{"Ursula K. Le Guin", "sf", "classic", "hugo", "The Left Hand of Darkness", "1969"} {
		n := strconv.Itoa(i + 1)
		params.Set("Attribute."+n+".Name", "name"+n)
		params.Set("Attribute."+n+".Value", v)
		params.Set("Attribute."+n+".Replace", "true")
	}
	set := []Param{{"Action", "PutAttributes"}, {"Version", "2009-04-15"}}
	c := Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	now := time.Now()
	var s Signer
	b.ReportAllocs()
	for b.Loop() {
		s.SignedForm(params, set, "POST", "sdb.amazonaws.com", "/", c, now)
	}
}
