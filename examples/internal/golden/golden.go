// Package golden is what the examples' tests share: the local cloud to
// run against, and transcripts compared with files under testdata/.
package golden

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
)

// update is the -update flag of every example's test binary; with it,
// Check rewrites the golden files instead of comparing.
var update = flag.Bool("update", false, "rewrite the golden transcripts")

// LocalEnv starts the in-process local cloud in us-east-1 for t, with
// opts (as exenv.Setup takes them), and stops it when t ends.
func LocalEnv(t *testing.T, opts ...fakes.Option) *exenv.Env {
	t.Helper()
	env, err := exenv.Setup(context.Background(), exenv.Flags{Region: "us-east-1"}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(env.Close)
	return env
}

// Check compares got with the file testdata/<name>, or rewrites the file
// under go test -update.
func Check(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
