package ec2test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidID(t *testing.T) {
	tests := []struct {
		prefix, id string
		want       bool
	}{
		{"i", "i-0123456789abcdef0", true},
		{"i", "i-12345678", true},
		{"i", "i-1234567", false},
		{"i", "i-0123456789ABCDEF0", false},
		{"i", "vol-0123456789abcdef0", false},
		{"snap", "snap-0123456789abcdef0", true},
		{"vol", "vol-", false},
	}
	for _, tt := range tests {
		if got := validID(tt.prefix, tt.id); got != tt.want {
			t.Errorf("validID(%q, %q) = %v, want %v", tt.prefix, tt.id, got, tt.want)
		}
	}
	for range 100 {
		if id := newID("vol"); !validID("vol", id) {
			t.Fatalf("newID made %q", id)
		}
	}
}

func TestStructs(t *testing.T) {
	params := url.Values{
		"BlockDeviceMapping.2.DeviceName": {"/dev/sdb"}, "BlockDeviceMapping.2.VirtualName": {"ephemeral0"},
		"BlockDeviceMapping.1.DeviceName": {"/dev/sda1"}, "BlockDeviceMapping.1.Ebs.SnapshotId": {"snap-1"},
		"BlockDeviceMapping.10.NoDevice": {""}, "BlockDeviceMapping.x.DeviceName": {"ignored"}, "BlockDeviceMappingX": {"no"},
	}
	want := []url.Values{
		{"DeviceName": {"/dev/sda1"}, "Ebs.SnapshotId": {"snap-1"}},
		{"DeviceName": {"/dev/sdb"}, "VirtualName": {"ephemeral0"}},
		{"NoDevice": {""}},
	}
	if diff := cmp.Diff(want, structs(params, "BlockDeviceMapping")); diff != "" {
		t.Errorf("structs (-want +got):\n%s", diff)
	}
}

func TestPage(t *testing.T) {
	items := []int{0, 1, 2, 3, 4, 5, 6}
	var got []int
	tok := ""
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("paging does not end")
		}
		p := url.Values{"MaxResults": {"5"}}
		if tok != "" {
			p.Set("NextToken", tok)
		}
		part, next, err := page(p, items, 5, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, part...)
		if tok = next; tok == "" {
			break
		}
	}
	if diff := cmp.Diff(items, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	for _, bad := range []url.Values{{"MaxResults": {"4"}}, {"MaxResults": {"1001"}}, {"NextToken": {"page-99"}}, {"NextToken": {"junk"}}} {
		if _, _, err := page(bad, items, 5, 1000); err == nil {
			t.Errorf("page(%v) accepted", bad)
		}
	}
}

// FuzzStructs checks that structs never panics and that a field it
// returns came from a parameter named prefix.N.field, N a number.
func FuzzStructs(f *testing.F) {
	f.Add("Tag.1.Key", "Name")
	f.Add("Tag.01.Value", "")
	f.Add("Tag..Key", "x")
	f.Fuzz(func(t *testing.T, key, value string) {
		out := structs(url.Values{key: {value}}, "Tag")
		rest, isTag := strings.CutPrefix(key, "Tag.")
		num, field, hasField := strings.Cut(rest, ".")
		_, err := strconv.Atoi(num)
		want := isTag && hasField && err == nil
		switch {
		case want && (len(out) != 1 || !cmp.Equal(out[0], url.Values{field: {value}})):
			t.Errorf("structs(%q) = %v, want field %q", key, out, field)
		case !want && len(out) != 0:
			t.Errorf("structs(%q) = %v, want nothing", key, out)
		}
	})
}
