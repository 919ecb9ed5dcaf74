package goboto_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// allowedServices lists, for each goboto package, the aws-sdk-go-v2 service
// modules it may compile. Importing one service must never drag in
// another's module: the v2 EC2 module alone takes minutes and gigabytes to
// build. CloudFront may use S3 because its AddObject writes to a bucket.
var allowedServices = map[string][]string{
	"regions":    nil,
	"sdb":        nil,
	"ec2":        {"ec2"},
	"s3":         {"s3"},
	"sqs":        {"sqs"},
	"rds":        {"rds"},
	"cloudfront": {"cloudfront", "s3"},
	"cloudwatch": {"cloudwatch"},
	"autoscale":  {"autoscaling"},
}

func TestServicePackagesStayApart(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	const v2Service = "github.com/aws/aws-sdk-go-v2/service/"
	checked := 0
	for pkg, allowed := range allowedServices {
		if files, _ := filepath.Glob(filepath.Join(pkg, "*.go")); len(files) == 0 {
			continue // not written yet
		}
		checked++
		out, err := exec.Command(goTool, "list", "-deps", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		ok := map[string]bool{"internal": true}
		for _, a := range allowed {
			ok[a] = true
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, v2Service) {
				if strings.HasPrefix(dep, "github.com/goboto/goboto/") {
					other := strings.TrimPrefix(dep, "github.com/goboto/goboto/")
					top := strings.SplitN(other, "/", 2)[0]
					if _, isService := allowedServices[top]; isService && top != pkg && top != "regions" && !(pkg == "cloudfront" && top == "s3") {
						t.Errorf("%s imports goboto/%s", pkg, other)
					}
				}
				continue
			}
			svc := strings.SplitN(strings.TrimPrefix(dep, v2Service), "/", 2)[0]
			if !ok[svc] {
				t.Errorf("%s compiles aws-sdk-go-v2 service module %q", pkg, svc)
			}
		}
	}
	if checked == 0 {
		wd, _ := os.Getwd()
		t.Fatalf("no service packages found under %s", wd)
	}
}

// TestExamplesArePublic checks that every example program imports only
// public goboto packages, so that a user can copy it into a module of
// their own: Go refuses another module's internal packages. Their tests
// may use internal helpers.
func TestExamplesArePublic(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./examples/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	programs := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.Contains(fields[0], "/internal/") {
			continue
		}
		programs++
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/goboto/goboto/") && strings.Contains(imp+"/", "/internal/") {
				t.Errorf("%s imports %s", fields[0], imp)
			}
		}
	}
	if programs == 0 {
		t.Fatal("no example packages listed")
	}
}
