package localcloud_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExternalModule builds and runs a program in a module of its own
// that configures every fake and the local cloud through goboto's public
// packages alone: a use of an internal package there fails to build
// ("use of internal package ... not allowed"). The module resolves goboto
// through a replace directive and the rest from the module cache, offline.
func TestExternalModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program (-short)")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/external/main.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The user's module needs what goboto needs: its require block.
	_, requires, _ := strings.Cut(string(gomod), "\nrequire")
	dir := t.TempDir()
	mod := "module example.com/external\n\ngo 1.26.0\n\nrequire github.com/goboto/goboto v0.0.0\n\nreplace github.com/goboto/goboto => " +
		root + "\n\nrequire" + requires
	for name, data := range map[string][]byte{"go.mod": []byte(mod), "go.sum": sum, "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(gobin, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("go run in an outside module: %v\n%s", err, out)
	}
}
