package gen

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// model is a small endpoints.json with each case the generator must handle.
const model = `{
  "version": 3,
  "partitions": [{
    "partition": "test", "partitionName": "Test", "dnsSuffix": "example.com",
    "regionRegex": "^(tt)\\-\\w+\\-\\d+$",
    "defaults": {"hostname": "{service}.{region}.{dnsSuffix}"},
    "regions": {"tt-east-1": {"description": "East"}, "tt-west-1": {"description": "West"}},
    "services": {
      "ec2": {"endpoints": {
        "tt-west-1": {}, "tt-east-1": {"variants": [{"hostname": "ec2.tt-east-1.api.aws", "tags": ["dualstack"]}]},
        "fips-tt-east-1": {"hostname": "ec2-fips.tt-east-1.example.com", "credentialScope": {"region": "tt-east-1"}},
        "tt-west-1-fips": {}, "ec2.tt-west-1": {}
      }},
      "sdb": {"endpoints": {"tt-east-1": {"hostname": "sdb.example.com"}, "tt-west-1": {}}},
      "sqs": {"defaults": {"hostname": "{region}.queue.{dnsSuffix}"}, "endpoints": {"tt-east-1": {}}},
      "cloudfront": {"isRegionalized": false, "partitionEndpoint": "test-global", "endpoints": {
        "test-global": {"hostname": "cloudfront.example.com", "credentialScope": {"region": "tt-west-1"}}
      }},
      "s3": {"isRegionalized": true, "partitionEndpoint": "test-global", "endpoints": {
        "test-global": {"hostname": "s3.example.com"}, "tt-east-1": {}
      }},
      "dynamodb": {"endpoints": {"tt-east-1": {}}}
    }
  }]
}`

func TestResolve(t *testing.T) {
	var doc document
	if err := json.Unmarshal([]byte(model), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.Partitions[0]
	tests := []struct {
		service string
		want    serviceData
	}{
		{"ec2", serviceData{service: "ec2", partition: "test", regions: []string{"tt-east-1", "tt-west-1"}}},
		{"sdb", serviceData{service: "sdb", partition: "test", regions: []string{"tt-east-1", "tt-west-1"},
			hosts: [][2]string{{"tt-east-1", "sdb.example.com"}}}},
		{"sqs", serviceData{service: "sqs", partition: "test", regions: []string{"tt-east-1"},
			hosts: [][2]string{{"tt-east-1", "tt-east-1.queue.example.com"}}}},
		{"cloudfront", serviceData{service: "cloudfront", partition: "test", endpoint: "test-global",
			regions: []string{"tt-west-1"}, hosts: [][2]string{{"tt-west-1", "cloudfront.example.com"}}}},
		{"s3", serviceData{service: "s3", partition: "test", regions: []string{"tt-east-1"}}},
	}
	for _, tt := range tests {
		got, err := resolve(tt.service, p, p.Services[tt.service])
		if err != nil {
			t.Errorf("resolve(%s): %v", tt.service, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(serviceData{})); diff != "" {
			t.Errorf("resolve(%s) (-want +got):\n%s", tt.service, diff)
		}
	}
}

func TestGenerate(t *testing.T) {
	a, err := Generate([]byte(model), "regions")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate([]byte(model), "regions")
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("two runs over the same input differ")
	}
	src := string(a)
	for _, want := range []string{
		`{"tt-east-1", "East"}`,
		`{service: "sdb", partition: "test"`,
		`{"tt-east-1", "sdb.example.com"}`,
		`endpoint: "test-global"`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated source lacks %s:\n%s", want, src)
		}
	}
	for _, unwanted := range []string{"fips", "dynamodb", "ec2.tt-west-1\""} {
		if strings.Contains(src, unwanted) {
			t.Errorf("generated source contains %q:\n%s", unwanted, src)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	tests := map[string]string{
		"not json":      `{`,
		"no partitions": `{"partitions": []}`,
		"bad regex":     `{"partitions": [{"partition": "p", "dnsSuffix": "x", "regionRegex": "("}]}`,
		"no dnsSuffix":  `{"partitions": [{"partition": "p", "regionRegex": "x"}]}`,
		"global endpoint missing": `{"partitions": [{"partition": "p", "dnsSuffix": "x", "regionRegex": "x",
			"services": {"cloudfront": {"isRegionalized": false, "partitionEndpoint": "g", "endpoints": {}}}}]}`,
		"global scope not a region": `{"partitions": [{"partition": "p", "dnsSuffix": "x", "regionRegex": "x",
			"services": {"cloudfront": {"isRegionalized": false, "partitionEndpoint": "g", "endpoints": {"g": {}}}}}]}`,
	}
	for name, in := range tests {
		if _, err := Generate([]byte(in), "regions"); err == nil {
			t.Errorf("%s: Generate succeeded", name)
		}
	}
}

// FuzzGenerate checks that any input either fails cleanly or yields Go
// source that parses.
func FuzzGenerate(f *testing.F) {
	f.Add([]byte(model))
	f.Add([]byte(`{"partitions": [{"partition": "p", "dnsSuffix": "x", "regionRegex": "x", "regions": {"r\"1": {}}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		src, err := Generate(in, "regions")
		if err != nil {
			return
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "catalog_gen.go", src, 0); err != nil {
			t.Fatalf("generated source does not parse: %v\n%s", err, src)
		}
	})
}
