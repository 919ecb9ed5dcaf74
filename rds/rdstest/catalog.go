package rdstest

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	enginecat "github.com/goboto/goboto/rds/internal/catalog"
)

//go:embed seed/*.txt
var seedFiles embed.FS

// engine is a DB engine the fake knows: the shared catalog's entry and
// the limits CreateDBInstance applies to it.
type engine struct {
	enginecat.Engine
	name       string
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
// parameter families: rds/internal/catalog's table, which the client
// checks against too, with each family's parameters from seed/. It is
// built once per Backend and never changed.
type catalog struct {
	engines  map[string]*engine
	families []*family // sorted by name
}

func newCatalog() *catalog {
	c := &catalog{engines: map[string]*engine{}}
	for _, e := range enginecat.Engines() {
		x := &engine{Engine: e, name: e.Name, port: e.Port, minStorage: 20, maxStorage: 65536, minPass: 8, maxPass: 41, maxUser: 16}
		if e.Name == "postgres" {
			x.maxPass, x.maxUser = 128, 63
		}
		c.engines[e.Name] = x
		for _, m := range e.Majors {
			c.families = append(c.families, &family{name: m.Family, engine: e.Name, params: mustSeed(m.Family)})
		}
	}
	slices.SortFunc(c.families, func(a, b *family) int { return strings.Compare(a.name, b.name) })
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
	e, ok := c.engines[engine]
	if !ok {
		return nil
	}
	_, m, ok := e.Resolve(version)
	if !ok {
		return nil
	}
	return c.family(m.Family)
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

// mustSeed returns a family's parameters from seed/<family>.txt. A seed
// that starts "@base <family>" is derived from that family's: "-name"
// lines drop a parameter and full lines add or replace one.
func mustSeed(familyName string) []param {
	ps, err := loadSeed(familyName, 0)
	if err != nil {
		panic("rdstest: seed " + familyName + ": " + err.Error())
	}
	return ps
}

func loadSeed(familyName string, depth int) ([]param, error) {
	if depth > 8 {
		return nil, fmt.Errorf("derivation too deep")
	}
	b, err := seedFiles.ReadFile("seed/" + familyName + ".txt")
	if err != nil {
		return nil, err
	}
	var base []param
	var own strings.Builder
	drop := map[string]bool{}
	var dropped []string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "@base "):
			if base, err = loadSeed(strings.TrimPrefix(line, "@base "), depth+1); err != nil {
				return nil, err
			}
		case strings.HasPrefix(line, "-"):
			drop[line[1:]] = true
			dropped = append(dropped, line[1:])
		default:
			own.WriteString(line + "\n")
		}
	}
	mine, err := parseSeed(own.String())
	if err != nil {
		return nil, err
	}
	for _, name := range dropped {
		if !slices.ContainsFunc(base, func(p param) bool { return p.Name == name }) {
			return nil, fmt.Errorf("drops %s, which its base does not have", name)
		}
	}
	for _, p := range mine {
		drop[p.Name] = true // replaced
	}
	out := slices.DeleteFunc(base, func(p param) bool { return drop[p.Name] })
	out = append(out, mine...)
	slices.SortFunc(out, func(a, b param) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
