package rdstest

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed seed/*.txt
var seedFiles embed.FS

// engine is a DB engine the fake knows.
type engine struct {
	name       string
	versions   []string // oldest first; the last is the default
	port       int
	minStorage int // gp2 and gp3, GiB
	maxStorage int
	minPass    int // master password length
	maxPass    int
	maxUser    int // master user name length
}

// family is a parameter group family and its engine defaults.
type family struct {
	name   string
	engine string
	params []param // sorted by name
}

// param is one parameter's definition, or its value in a group.
type param struct {
	Name, DataType, AllowedValues, ApplyType string
	IsModifiable                             bool
	Source, Value, MinimumEngineVersion      string
	Description                              string
	ApplyMethod                              string // in a group: how the last change was applied
}

// catalog is what the fake knows of engines, instance classes and
// parameter families. It is built once per Backend and never changed.
type catalog struct {
	engines  map[string]*engine
	families []*family // sorted by name
	classes  []string
}

func newCatalog() *catalog {
	c := &catalog{engines: map[string]*engine{
		"mysql": {name: "mysql", port: 3306, minStorage: 20, maxStorage: 65536, minPass: 8, maxPass: 41, maxUser: 16,
			versions: []string{"8.0.35", "8.0.36", "8.0.37", "8.0.39", "8.0.40"}},
		"postgres": {name: "postgres", port: 5432, minStorage: 20, maxStorage: 65536, minPass: 8, maxPass: 128, maxUser: 63,
			versions: []string{"16.1", "16.2", "16.3", "16.4", "16.6"}},
	}}
	for _, f := range []struct{ name, engine string }{{"mysql8.0", "mysql"}, {"postgres16", "postgres"}} {
		c.families = append(c.families, &family{name: f.name, engine: f.engine, params: mustSeed(f.name)})
	}
	for _, fam := range []string{"t3", "t4g"} {
		for _, size := range []string{"micro", "small", "medium", "large", "xlarge", "2xlarge"} {
			c.classes = append(c.classes, "db."+fam+"."+size)
		}
	}
	for _, fam := range []string{"m5", "m6g", "m6i", "m7g", "r5", "r6g", "r6i", "r7g"} {
		for _, size := range []string{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"} {
			c.classes = append(c.classes, "db."+fam+"."+size)
		}
	}
	slices.Sort(c.classes)
	return c
}

// family returns the parameter family named name, in any case (boto 2
// wrote "MySQL5.1").
func (c *catalog) family(name string) *family {
	for _, f := range c.families {
		if strings.EqualFold(f.name, name) {
			return f
		}
	}
	return nil
}

// familyOf returns the parameter family of an engine version: mysql
// 8.0.x is mysql8.0, postgres 16.x is postgres16.
func (c *catalog) familyOf(engine, version string) *family {
	major := version
	switch engine {
	case "mysql":
		if parts := strings.SplitN(version, ".", 3); len(parts) >= 2 {
			major = parts[0] + "." + parts[1]
		}
	default:
		major, _, _ = strings.Cut(version, ".")
	}
	return c.family(engine + major)
}

// parseSeed reads a seed file: one parameter per line, fields separated
// by "|" in the order its header comment gives.
func parseSeed(text string) ([]param, error) {
	var out []param
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 9 {
			return nil, fmt.Errorf("line %d: %d fields, want 9", i+1, len(f))
		}
		p := param{Name: f[0], DataType: f[1], AllowedValues: f[2], Value: f[6], MinimumEngineVersion: f[7], Description: f[8]}
		switch f[3] {
		case "s":
			p.ApplyType = "static"
		case "d":
			p.ApplyType = "dynamic"
		default:
			return nil, fmt.Errorf("line %d: apply type %q", i+1, f[3])
		}
		p.IsModifiable = f[4] == "y"
		switch f[5] {
		case "e":
			p.Source = "engine-default"
		case "s":
			p.Source = "system"
		default:
			return nil, fmt.Errorf("line %d: source %q", i+1, f[5])
		}
		if !slices.Contains([]string{"integer", "float", "boolean", "string", "list"}, p.DataType) {
			return nil, fmt.Errorf("line %d: data type %q", i+1, p.DataType)
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b param) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func mustSeed(familyName string) []param {
	b, err := seedFiles.ReadFile("seed/" + familyName + ".txt")
	if err != nil {
		panic("rdstest: " + err.Error())
	}
	ps, err := parseSeed(string(b))
	if err != nil {
		panic("rdstest: seed " + familyName + ": " + err.Error())
	}
	return ps
}
