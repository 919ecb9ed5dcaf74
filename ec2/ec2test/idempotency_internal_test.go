package ec2test

import (
	"maps"
	"net/url"
	"slices"
	"testing"
)

func TestRequestDigest(t *testing.T) {
	base := "Action=RunInstances&Version=2016-11-15&ClientToken=t1&ImageId=ami-1&MinCount=1&MaxCount=1&SecurityGroup.1=a&SecurityGroup.2=b"
	tests := []struct {
		name  string
		other string
		same  bool
	}{
		{"identical", base, true},
		{"parameters reordered on the wire", "MaxCount=1&MinCount=1&ImageId=ami-1&SecurityGroup.2=b&SecurityGroup.1=a&ClientToken=t1", true},
		{"other version and dry run", base + "&Version=2014-10-01&DryRun=false", true},
		{"other expiry", base + "&Expires=2026-11-24T01:15:00Z", true},
		{"other count", "ImageId=ami-1&MinCount=1&MaxCount=2&SecurityGroup.1=a&SecurityGroup.2=b", false},
		{"list members swapped", "ImageId=ami-1&MinCount=1&MaxCount=1&SecurityGroup.1=b&SecurityGroup.2=a", false},
		{"parameter added", base + "&InstanceType=m5.large", false},
		{"parameter dropped", "ImageId=ami-1&MinCount=1&MaxCount=1&SecurityGroup.1=a", false},
		{"separator moved into a value", "ImageId=ami-1&MinCount=1&MaxCount=1&SecurityGroup.1=a%26SecurityGroup.2%3Db", false},
	}
	want := requestDigest(mustQuery(t, base))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := requestDigest(mustQuery(t, tt.other)) == want; got != tt.same {
				t.Errorf("same digest = %v; want %v", got, tt.same)
			}
		})
	}
}

func mustQuery(t testing.TB, q string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FuzzRequestDigest checks that two requests share a digest exactly when
// they carry the same parameters, leaving out those the token ignores.
func FuzzRequestDigest(f *testing.F) {
	f.Add("ImageId=ami-1&MaxCount=2", "MaxCount=2&ImageId=ami-1&ClientToken=x")
	f.Add("a=b=c", "a=b&a=c")
	f.Add("a=b&c=", "a=b%26c%3D")
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, errA := url.ParseQuery(a)
		pb, errB := url.ParseQuery(b)
		if errA != nil || errB != nil {
			t.Skip()
		}
		strip := func(p url.Values) url.Values {
			maps.DeleteFunc(p, func(k string, _ []string) bool { return unsignedForIdempotency(k) })
			return p
		}
		same := requestDigest(pa) == requestDigest(pb)
		equal := maps.EqualFunc(strip(pa), strip(pb), slices.Equal[[]string])
		if same != equal {
			t.Errorf("digests equal = %v, parameters equal = %v\n a: %v\n b: %v", same, equal, pa, pb)
		}
	})
}
