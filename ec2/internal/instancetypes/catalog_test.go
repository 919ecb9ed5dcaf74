package instancetypes

import (
	"slices"
	"testing"
)

// The catalog's invariants: names unique and ordered, every type
// consistent (vCPUs = cores × threads, an architecture, a network
// figure), and the types the checks rely on present with the figures of
// EC2's instance type pages.
func TestCatalog(t *testing.T) {
	all := All()
	seen := map[string]bool{}
	for i, ty := range all {
		if seen[ty.Name] {
			t.Errorf("%s listed twice", ty.Name)
		}
		seen[ty.Name] = true
		if i > 0 && compareNames(all[i-1].Name, ty.Name) >= 0 {
			t.Errorf("%s sorts after %s", all[i-1].Name, ty.Name)
		}
		if ty.Cores*ty.ThreadsPerCore != ty.VCPUs || len(ty.Architectures) == 0 || ty.Network == "" || ty.MemoryMiB == 0 {
			t.Errorf("%s is inconsistent: %+v", ty.Name, ty)
		}
		if (ty.Store.Disks == 0) != (ty.Store.SizeGB == 0) {
			t.Errorf("%s: store %+v", ty.Name, ty.Store)
		}
	}
	for _, c := range []struct {
		name  string
		disks int
		arch  string
	}{
		{Default, 1, "i386"}, {"m5d.large", 1, "x86_64"}, {"m5d.4xlarge", 2, "x86_64"}, {"d3.2xlarge", 6, "x86_64"},
		{"t3.micro", 0, "x86_64"}, {"t4g.micro", 0, "arm64"}, {"m7g.large", 0, "arm64"}, {"c7g.large", 0, "arm64"},
	} {
		ty, ok := Lookup(c.name)
		if !ok || ty.Store.Disks != c.disks || !ty.Supports(c.arch) {
			t.Errorf("%s: %+v, %v; want %d disks and %s", c.name, ty, ok, c.disks, c.arch)
		}
	}
	// All returns a copy each time.
	all[0].Architectures[0] = "changed"
	if slices.Contains(All()[0].Architectures, "changed") {
		t.Error("All shares its slices")
	}
	if _, ok := Lookup("t3.huge"); ok {
		t.Error("Lookup found t3.huge")
	}
}

func TestEphemeralIndex(t *testing.T) {
	for name, want := range map[string]int{"ephemeral0": 0, "ephemeral23": 23, "ephemeral": -1, "ephemeralx": -1, "eph0": -1, "ephemeral-1": -1} {
		n, ok := EphemeralIndex(name)
		if (want < 0) == ok || ok && n != want {
			t.Errorf("EphemeralIndex(%q) = %d, %v; want %d", name, n, ok, want)
		}
	}
}
