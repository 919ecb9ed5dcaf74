// Command gencatalog writes regions/catalog_gen.go from endpoints.json.
// It runs under go generate in package regions:
//
//	go run ./internal/gen/gencatalog -in ../../shared/aws-models/endpoints.json -out catalog_gen.go
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/goboto/goboto/regions/internal/gen"
)

func main() {
	in := flag.String("in", "", "path to endpoints.json")
	out := flag.String("out", "catalog_gen.go", "file to write")
	pkg := flag.String("pkg", "regions", "package name of the generated file")
	flag.Parse()
	if err := run(*in, *out, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

func run(in, out, pkg string) error {
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	src, err := gen.Generate(data, pkg)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
