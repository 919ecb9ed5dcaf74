package regions_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"testing"

	"github.com/goboto/goboto/regions/internal/gen"
)

// endpointsJSON is where go generate reads the model from. The repository
// builds without it; the test is skipped when it is absent.
const endpointsJSON = "../../shared/aws-models/endpoints.json"

func TestGeneratedCatalogIsCurrent(t *testing.T) {
	data, err := os.ReadFile(endpointsJSON)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", endpointsJSON)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := gen.Generate(data, "regions")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("catalog_gen.go differs from what %s generates; run go generate ./regions", endpointsJSON)
	}
}
