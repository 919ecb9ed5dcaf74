package goboto_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The README's Go snippets must compile against the packages as they are.
// The check takes every ```go block of README.md and type-checks it with
// go/types, importing the module's packages from the export data the go
// command builds (go list -export), so nothing is type-checked from source
// twice and aws-sdk-go-v2's EC2 module costs no more than its build.
//
// The conventions a snippet may rely on, kept small on purpose:
//
//   - A block that is a Go file's top-level declarations (a func Test...)
//     is checked as it is. Any other block is a function body, wrapped in
//     a function returning error, so `return err` works.
//   - The body may use the givens below without declaring them: ctx, cfg,
//     userInput, pipe, rdsConn, t. Declaring one again (cfg, _ :=
//     config.LoadDefaultConfig(ctx)) shadows it.
//   - A line holding only "..." and the body "{ ... }" stand for code left
//     out, and are dropped.
//   - Packages are imported by the name the snippet uses (sdb., aws.,
//     time., ...), from readmeImports; a name missing there is an error.
//   - Variables and imports a snippet declares and does not use are not
//     errors: snippets show calls, not whole programs.
//   - A block right after the line <!-- not compiled: reason --> is
//     skipped; the reason is required.

// readmeGivens are the variables a statement snippet may use undeclared.
var readmeGivens = []struct{ name, typ string }{
	{"ctx", "context.Context"},
	{"cfg", "aws.Config"},
	{"userInput", "string"},
	{"pipe", "io.Reader"},
	{"rdsConn", "*rds.Conn"},
	{"t", "*testing.T"},
}

// readmeImports maps the package names snippets use to import paths.
var readmeImports = map[string]string{
	"aws":        "github.com/aws/aws-sdk-go-v2/aws",
	"config":     "github.com/aws/aws-sdk-go-v2/config",
	"goboto":     "github.com/goboto/goboto",
	"regions":    "github.com/goboto/goboto/regions",
	"fakes":      "github.com/goboto/goboto/fakes",
	"localcloud": "github.com/goboto/goboto/fakes/localcloud",
	"sdb":        "github.com/goboto/goboto/sdb",
	"sdbtest":    "github.com/goboto/goboto/sdb/sdbtest",
	"ec2":        "github.com/goboto/goboto/ec2",
	"ec2test":    "github.com/goboto/goboto/ec2/ec2test",
	"s3":         "github.com/goboto/goboto/s3",
	"s3test":     "github.com/goboto/goboto/s3/s3test",
	"rds":        "github.com/goboto/goboto/rds",
	"rdstest":    "github.com/goboto/goboto/rds/rdstest",
	"sqs":        "github.com/goboto/goboto/sqs",
	"cloudwatch": "github.com/goboto/goboto/cloudwatch",
	"cloudfront": "github.com/goboto/goboto/cloudfront",
	"autoscale":  "github.com/goboto/goboto/autoscale",
	"asec2":      "github.com/goboto/goboto/autoscale/asec2",
	"context":    "context",
	"errors":     "errors",
	"fmt":        "fmt",
	"http":       "net/http",
	"io":         "io",
	"log":        "log",
	"os":         "os",
	"slog":       "log/slog",
	"strings":    "strings",
	"testing":    "testing",
	"time":       "time",
}

// readmeSnippet is one ```go block.
type readmeSnippet struct {
	line int    // README line of the block's first code line
	code string // the block's text
	skip string // the reason given in <!-- not compiled: reason -->
}

var notCompiled = regexp.MustCompile(`^<!--\s*not compiled:\s*(.*?)\s*-->$`)

// readmeSnippets finds the ```go blocks of a Markdown text.
func readmeSnippets(text string) ([]readmeSnippet, error) {
	var out []readmeSnippet
	var cur *readmeSnippet
	var code strings.Builder
	prev := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```go"):
			cur = &readmeSnippet{line: n + 1}
			if strings.HasPrefix(prev, "<!--") {
				m := notCompiled.FindStringSubmatch(prev)
				if m == nil || m[1] == "" {
					return nil, fmt.Errorf("line %d: a comment before a go block must read <!-- not compiled: reason -->", n-1)
				}
				cur.skip = m[1]
			}
			code.Reset()
		case cur != nil && trimmed == "```":
			cur.code = code.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			code.WriteString(line)
			code.WriteByte('\n')
		}
		prev = trimmed
	}
	if cur != nil {
		return nil, fmt.Errorf("line %d: go block never closed", cur.line-1)
	}
	return out, sc.Err()
}

// elided drops the placeholders for left-out code, keeping line numbers.
func elided(code string) string {
	lines := strings.Split(code, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "..." {
			lines[i] = ""
		}
		lines[i] = strings.ReplaceAll(lines[i], "{ ... }", "{}")
	}
	return strings.Join(lines, "\n")
}

// snippetFile renders snippet i as a Go file of package readme, and
// lists the import paths it needs.
func snippetFile(name string, i int, s readmeSnippet) (string, []string, error) {
	code := elided(s.code)
	directive := fmt.Sprintf("//line %s:%d\n", name, s.line)
	var body string
	var forced []string
	if f, err := parser.ParseFile(token.NewFileSet(), "", "package readme\n"+code, 0); err == nil && len(f.Decls) > 0 {
		body = directive + code
	} else {
		var params []string
		for _, g := range readmeGivens {
			params = append(params, g.name+" "+g.typ)
			if dot := strings.Index(g.typ, "."); dot > 0 {
				forced = append(forced, strings.TrimLeft(g.typ[:dot], "*"))
			}
		}
		body = fmt.Sprintf("func snippet%d(%s) error {\n\t{\n%s%s\n\t}\n\treturn nil\n}\n",
			i, strings.Join(params, ", "), directive, code)
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, "package readme\n"+body, parser.SkipObjectResolution)
	if err != nil {
		return "", nil, err
	}
	used := map[string]bool{}
	for _, p := range forced {
		used[p] = true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				if _, known := readmeImports[id.Name]; known {
					used[id.Name] = true
				}
			}
		}
		return true
	})
	var b strings.Builder
	b.WriteString("package readme\n\n")
	var paths []string
	for _, pkg := range slices.Sorted(maps.Keys(used)) {
		path := readmeImports[pkg]
		fmt.Fprintf(&b, "import %s %q\n", pkg, path)
		paths = append(paths, path)
	}
	b.WriteString("\n")
	b.WriteString(body)
	return b.String(), paths, nil
}

// exportData builds paths and their dependencies with the go command and
// returns where each one's export data is.
func exportData(goTool string, paths []string) (map[string]string, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{if .Export}}{{.ImportPath}}\t{{.Export}}{{end}}"}, paths...)
	cmd := exec.Command(goTool, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v\n%s", err, stderr.String())
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok {
			files[path] = file
		}
	}
	return files, nil
}

// checkSnippets type-checks the go blocks of the Markdown text and
// returns one message per error, positioned in name's lines.
func checkSnippets(goTool, name, text string) ([]string, int, error) {
	snippets, err := readmeSnippets(text)
	if err != nil {
		return nil, 0, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	var problems []string
	need := map[string]bool{}
	checked := 0
	for i, s := range snippets {
		if s.skip != "" {
			continue
		}
		checked++
		src, paths, err := snippetFile(name, i, s)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, p := range paths {
			need[p] = true
		}
		f, err := parser.ParseFile(fset, fmt.Sprintf("snippet%d.go", i), src, parser.SkipObjectResolution)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return problems, checked, nil
	}
	exports, err := exportData(goTool, slices.Sorted(maps.Keys(need)))
	if err != nil {
		return nil, checked, err
	}
	conf := types.Config{
		Importer: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
			file, ok := exports[path]
			if !ok {
				return nil, fmt.Errorf("no export data for %s", path)
			}
			return os.Open(file)
		}),
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) && te.Soft && strings.Contains(te.Msg, "not used") {
				return // snippets show calls, not whole programs
			}
			problems = append(problems, err.Error())
		},
	}
	_, _ = conf.Check("readme", fset, files, nil)
	sort.Strings(problems)
	return problems, checked, nil
}

func goTool(t *testing.T) string {
	t.Helper()
	tool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	return tool
}

// TestReadmeSnippetsCompile type-checks README.md's Go snippets.
func TestReadmeSnippetsCompile(t *testing.T) {
	text, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	problems, checked, err := checkSnippets(goTool(t), "README.md", string(text))
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("README.md has no go blocks to check")
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestReadmeCheckerCatches makes sure the check can fail: a name that
// does not exist, a wrong argument and a package the table lacks are
// reported at their README line, and what the conventions allow passes.
func TestReadmeCheckerCatches(t *testing.T) {
	const text = "# t\n\n```go\n" +
		"db := sdb.New(cfg)\n" + // line 4 (to 7: valid)
		"dom, err := db.CreateDomain(ctx, \"d\")\n" +
		"...\n" +
		"for item, err := range dom.Select(ctx, sdb.Where(\"%n = %v\", \"a\", userInput)) { ... }\n" +
		"```\n\n" + // line 8
		"```go\n" +
		"err := sdb.New(cfg).NoSuchMethod(ctx)\n" + // line 11
		"```\n\n" +
		"```go\n" +
		"x := strconv.Itoa(1)\n" + // line 15
		"```\n\n" +
		"```go\n" +
		"func TestX(t *testing.T) {\n" + // line 19
		"    db := sdb.New(aws.Config{}, goboto.WithRetry(\"3\", 0))\n" + // line 20
		"}\n" +
		"```\n\n" +
		"<!-- not compiled: shows a shape only -->\n" +
		"```go\n" +
		"this is not Go\n" +
		"```\n"
	problems, checked, err := checkSnippets(goTool(t), "T.md", text)
	if err != nil {
		t.Fatal(err)
	}
	if checked != 4 {
		t.Errorf("checked %d blocks, want 4 (the fifth is marked not compiled)", checked)
	}
	want := []string{
		"T.md:11:", "NoSuchMethod",
		"T.md:15:", "strconv",
		"T.md:20:", `"3"`,
	}
	joined := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("problems do not mention %q:\n%s", w, joined)
		}
	}
	if strings.Contains(joined, "T.md:4:") || strings.Contains(joined, "T.md:5:") || strings.Contains(joined, "T.md:7:") {
		t.Errorf("the valid block was reported:\n%s", joined)
	}
	if len(problems) != 3 {
		t.Errorf("%d problems, want 3:\n%s", len(problems), joined)
	}

	if _, err := readmeSnippets("<!-- not compiled -->\n```go\nx\n```\n"); err == nil {
		t.Error("a skip without a reason was accepted")
	}
	if _, err := readmeSnippets("```go\nx := 1\n"); err == nil {
		t.Error("an unclosed block was accepted")
	}
}
