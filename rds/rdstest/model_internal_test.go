package rdstest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// modelPath is where the official RDS API model is: under
// $GOBOTO_AWS_MODELS, or in ../shared/aws-models beside the repository.
// It is not committed, so the test skips without it.
func modelPath() string {
	dir := os.Getenv("GOBOTO_AWS_MODELS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "aws-models")
	}
	return filepath.Join(dir, "rds", "service-2.json")
}

// Every input member of every action the fake answers is either read by
// the fake (named as a string in its source), refused (unsupportedTable),
// or listed here as safe to leave alone, with why. A member added to an
// action later, and neither read nor refused, fails this test rather than
// being dropped in silence.
func TestEveryParameterReadOrRefused(t *testing.T) {
	raw, err := os.ReadFile(modelPath())
	if err != nil {
		t.Skipf("RDS API model not available: %v", err)
	}
	var model struct {
		Operations map[string]struct {
			Input struct{ Shape string }
		}
		Shapes map[string]struct {
			Members map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(raw, &model); err != nil {
		t.Fatal(err)
	}
	ignored := map[string][]string{
		// Only a permission: the fake never upgrades across a major
		// version (InvalidParameterCombination), allowed or not.
		"ModifyDBInstance": {"AllowMajorVersionUpgrade"},
	}
	files, _ := filepath.Glob("*.go")
	var src strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "unsupported.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	b, _ := NewBackend()
	for op := range b.actions {
		o, ok := model.Operations[op]
		if !ok {
			t.Errorf("%s is not an RDS operation", op)
			continue
		}
		refused := b.unsupported[op]
		for name := range model.Shapes[o.Input.Shape].Members {
			switch {
			case strings.Contains(src.String(), `"`+name+`"`),
				slices.ContainsFunc(refused, func(u unsupportedParam) bool { return u.name == name }),
				slices.Contains(ignored[op], name):
			default:
				t.Errorf("%s: the fake neither reads nor refuses %s", op, name)
			}
		}
	}
}
