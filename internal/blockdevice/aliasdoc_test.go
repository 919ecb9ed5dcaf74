package blockdevice_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/blockdevice"
)

// TestAliasDocsListFields checks that the doc comments of the public
// aliases, which go doc shows instead of this internal package's
// structs, list the structs' fields as they are, so that a field added
// here cannot go unmentioned there.
func TestAliasDocsListFields(t *testing.T) {
	structs := map[string]reflect.Type{
		"BlockDevice": reflect.TypeFor[blockdevice.Device](),
		"EBS":         reflect.TypeFor[blockdevice.EBS](),
	}
	for _, file := range []string{"../../ec2/blockdevice.go", "../../autoscale/launchconfig_blockdevice.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE || len(g.Specs) != 1 {
				continue
			}
			s := g.Specs[0].(*ast.TypeSpec)
			typ, ok := structs[s.Name.Name]
			if !ok || !s.Assign.IsValid() {
				continue
			}
			found++
			var want, got []string
			for _, f := range reflect.VisibleFields(typ) {
				want = append(want, f.Name)
			}
			for _, line := range strings.Split(g.Doc.Text(), "\n") {
				if strings.HasPrefix(line, "\t") {
					got = append(got, strings.Fields(line)[0])
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: fields listed in the doc of %s (-struct +doc):\n%s", file, s.Name.Name, diff)
			}
		}
		if found != len(structs) {
			t.Errorf("%s: %d of the aliases %v found", file, found, structs)
		}
	}
}
