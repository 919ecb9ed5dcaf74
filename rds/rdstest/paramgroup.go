package rdstest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// paramGroup is a DB parameter group: a family's parameters, some of them
// set by the user.
type paramGroup struct {
	name, description string
	fam               *family
	isDefault         bool
	params            []param // sorted by name, like fam.params
	tags              tagList
}

func newParamGroup(name string, fam *family, description string) *paramGroup {
	return &paramGroup{name: name, description: description, fam: fam, params: slices.Clone(fam.params)}
}

// find returns the index of the parameter named name, or -1.
func (g *paramGroup) find(name string) int {
	i, ok := slices.BinarySearchFunc(g.params, name, func(p param, n string) int { return strings.Compare(p.Name, n) })
	if !ok {
		return -1
	}
	return i
}

func (b *Backend) paramGroupActions() map[string]action {
	return map[string]action{
		"CreateDBParameterGroup":          b.createDBParameterGroup,
		"DescribeDBParameterGroups":       b.describeDBParameterGroups,
		"DeleteDBParameterGroup":          b.deleteDBParameterGroup,
		"ModifyDBParameterGroup":          b.modifyDBParameterGroup,
		"ResetDBParameterGroup":           b.resetDBParameterGroup,
		"DescribeDBParameters":            b.describeDBParameters,
		"DescribeEngineDefaultParameters": b.describeEngineDefaultParameters,
	}
}

type paramGroupXML struct {
	DBParameterGroupName   string
	DBParameterGroupFamily string
	Description            string
	DBParameterGroupArn    string
}

func (a *account) paramGroupXML(g *paramGroup) paramGroupXML {
	return paramGroupXML{g.name, g.fam.name, g.description, a.arn("pg", g.name)}
}

type paramXML struct {
	ParameterName        string
	ParameterValue       string `xml:",omitempty"`
	Description          string `xml:",omitempty"`
	Source               string
	ApplyType            string
	DataType             string
	AllowedValues        string `xml:",omitempty"`
	IsModifiable         bool
	MinimumEngineVersion string `xml:",omitempty"`
	ApplyMethod          string
}

func paramsXML(ps []param) []paramXML {
	out := make([]paramXML, len(ps))
	for i, p := range ps {
		method := p.ApplyMethod
		if method == "" {
			method = "pending-reboot"
		}
		out[i] = paramXML{p.Name, p.Value, p.Description, p.Source, p.ApplyType, p.DataType, p.AllowedValues,
			p.IsModifiable, p.MinimumEngineVersion, method}
	}
	return out
}

// paramGroup looks a group up by name, which RDS treats case-insensitively.
func (a *account) paramGroup(name string) (*paramGroup, error) {
	if g, ok := a.paramGroups[strings.ToLower(name)]; ok {
		return g, nil
	}
	return nil, notFound(CodeDBParameterGroupNotFound, "DBParameterGroup not found: %s", name)
}

func (b *Backend) createDBParameterGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	famName, err := required(r.Params, "DBParameterGroupFamily")
	if err != nil {
		return nil, err
	}
	desc, err := required(r.Params, "Description")
	if err != nil {
		return nil, err
	}
	if err := checkIdentifier("DBParameterGroupName", name, 255); err != nil {
		return nil, err
	}
	fam := b.catalog.family(famName)
	if fam == nil {
		return nil, invalidValue("DBParameterGroupFamily %s is not a valid parameter group family.", famName)
	}
	tags, err := readTags(r)
	if err != nil {
		return nil, err
	}
	name = strings.ToLower(name)
	if _, ok := a.paramGroups[name]; ok {
		return nil, alreadyExists(CodeDBParameterGroupAlreadyExists, "Parameter group %s already exists", name)
	}
	g := newParamGroup(name, fam, desc)
	g.tags = tags
	a.paramGroups[name] = g
	return done(struct{ DBParameterGroup paramGroupXML }{a.paramGroupXML(g)})
}

func (b *Backend) describeDBParameterGroups(r *fake.Request, a *account) (any, error) {
	if _, err := filters(r.Params); err != nil { // RDS supports no filters here
		return nil, err
	}
	var groups []*paramGroup
	if name := r.Params.Get("DBParameterGroupName"); name != "" {
		g, err := a.paramGroup(name)
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
	} else {
		groups = byKey(a.paramGroups)
	}
	groups, marker, err := page(r.Params, groups)
	if err != nil {
		return nil, err
	}
	out := make([]paramGroupXML, len(groups))
	for i, g := range groups {
		out[i] = a.paramGroupXML(g)
	}
	return done(struct {
		Marker            string          `xml:",omitempty"`
		DBParameterGroups []paramGroupXML `xml:"DBParameterGroups>DBParameterGroup"`
	}{marker, out})
}

func (b *Backend) deleteDBParameterGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	g, err := a.paramGroup(name)
	if err != nil {
		return nil, err
	}
	if g.isDefault {
		return nil, badState(CodeInvalidDBParameterGroupState, "Default DBParameterGroup cannot be deleted: %s", g.name)
	}
	for _, inst := range a.instances {
		if inst.paramGroup == g.name {
			return nil, badState(CodeInvalidDBParameterGroupState,
				"One or more database instances are still members of this parameter group %s, so the group cannot be deleted", g.name)
		}
	}
	delete(a.paramGroups, g.name)
	return done(nil)
}

// change is one parameter of a Modify or Reset request.
type change struct {
	name, value, method string
	hasValue            bool
}

// changes reads Parameters.Parameter.N, at most 20 of them.
func changes(r *fake.Request) ([]change, error) {
	items := indexed(r.Params, "Parameters")
	if len(items) > 20 {
		// RDS answers so, as users of ModifyDBParameterGroup report.
		return nil, invalidCombination("Cannot modify more than 20 parameters in a single request")
	}
	out := make([]change, len(items))
	for i, it := range items {
		_, has := it["ParameterValue"]
		out[i] = change{name: it.Get("ParameterName"), value: it.Get("ParameterValue"), method: it.Get("ApplyMethod"), hasValue: has}
		if out[i].name == "" {
			return nil, invalidValue("Parameters.Parameter.%d has no ParameterName.", i+1)
		}
	}
	return out, nil
}

// checkMethod applies RDS's rule on ApplyMethod: immediate or
// pending-reboot, and immediate only for dynamic parameters.
func checkMethod(p param, c change) error {
	switch c.method {
	case "immediate":
		if p.ApplyType == "static" {
			return invalidCombination("cannot use immediate apply method for static parameter")
		}
	case "pending-reboot":
	case "":
		return invalidValue("ApplyMethod is required for parameter %s; use immediate or pending-reboot.", c.name)
	default:
		return invalidValue("Invalid apply method %s for parameter %s; use immediate or pending-reboot.", c.method, c.name)
	}
	return nil
}

func (b *Backend) modifyDBParameterGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	cs, err := changes(r)
	if err != nil {
		return nil, err
	}
	g, err := a.paramGroup(name)
	if err != nil {
		return nil, err
	}
	if g.isDefault {
		return nil, invalidValue("Cannot modify a default parameter group.")
	}
	if len(cs) == 0 {
		return nil, missing("Parameters")
	}
	// Check every change before applying any: RDS applies all or none.
	idx := make([]int, len(cs))
	for i, c := range cs {
		j := g.find(c.name)
		if j < 0 {
			return nil, invalidValue("Could not find parameter with name: %s", c.name)
		}
		p := g.params[j]
		if !c.hasValue {
			return nil, invalidValue("ParameterValue is required for parameter %s.", c.name)
		}
		if !p.IsModifiable {
			return nil, invalidValue("The parameter %s cannot be modified.", c.name)
		}
		if err := checkMethod(p, c); err != nil {
			return nil, err
		}
		if !validValue(p, c.value) {
			return nil, invalidValue("Invalid parameter value: %s for: %s allowed values are: %s", c.value, c.name, p.AllowedValues)
		}
		idx[i] = j
	}
	reboot := false
	for i, c := range cs {
		p := &g.params[idx[i]]
		p.Value, p.Source, p.ApplyMethod = c.value, "user", c.method
		reboot = reboot || c.method == "pending-reboot"
		a.event(b.now, "db-parameter-group", g.name, "", fmt.Sprintf("Updated parameter %s to %s with apply method %s", c.name, c.value, c.method))
	}
	b.paramGroupChanged(a, g, reboot)
	return done(struct{ DBParameterGroupName string }{g.name})
}

func (b *Backend) resetDBParameterGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	all, err := boolParam(r.Params, "ResetAllParameters", false)
	if err != nil {
		return nil, err
	}
	cs, err := changes(r)
	if err != nil {
		return nil, err
	}
	g, err := a.paramGroup(name)
	if err != nil {
		return nil, err
	}
	if g.isDefault {
		return nil, invalidValue("Cannot reset a default parameter group.")
	}
	switch {
	case all && len(cs) > 0:
		return nil, invalidCombination("Cannot specify both ResetAllParameters and a list of Parameters.")
	case !all && len(cs) == 0:
		return nil, invalidCombination("Specify ResetAllParameters or a list of Parameters to reset.")
	}
	reboot := false
	if all {
		for i, p := range g.params {
			if p.Source == "user" {
				reboot = true
				g.params[i] = g.fam.params[i]
			}
		}
		a.event(b.now, "db-parameter-group", g.name, "", "Reset all parameters to engine defaults")
	} else {
		idx := make([]int, len(cs))
		for i, c := range cs {
			j := g.find(c.name)
			if j < 0 {
				return nil, invalidValue("Could not find parameter with name: %s", c.name)
			}
			if c.method == "" {
				c.method = "pending-reboot" // a reset names parameters only
			}
			if err := checkMethod(g.params[j], c); err != nil {
				return nil, err
			}
			idx[i] = j
		}
		for i, c := range cs {
			g.params[idx[i]] = g.fam.params[idx[i]]
			reboot = reboot || c.method != "immediate"
			a.event(b.now, "db-parameter-group", g.name, "", "Reset parameter "+c.name+" to its engine default")
		}
	}
	b.paramGroupChanged(a, g, reboot)
	return done(struct{ DBParameterGroupName string }{g.name})
}

func (b *Backend) describeDBParameters(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBParameterGroupName")
	if err != nil {
		return nil, err
	}
	if _, err := filters(r.Params); err != nil {
		return nil, err
	}
	g, err := a.paramGroup(name)
	if err != nil {
		return nil, err
	}
	ps := g.params
	if src := r.Params.Get("Source"); src != "" {
		if !slices.Contains([]string{"user", "engine-default", "system"}, src) {
			return nil, invalidValue("Invalid value %s for Source: use user, engine-default or system.", src)
		}
		ps = nil
		for _, p := range g.params {
			if p.Source == src {
				ps = append(ps, p)
			}
		}
	}
	ps, marker, err := page(r.Params, ps)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Parameters []paramXML `xml:"Parameters>Parameter"`
		Marker     string     `xml:",omitempty"`
	}{paramsXML(ps), marker})
}

func (b *Backend) describeEngineDefaultParameters(r *fake.Request, a *account) (any, error) {
	famName, err := required(r.Params, "DBParameterGroupFamily")
	if err != nil {
		return nil, err
	}
	if _, err := filters(r.Params); err != nil {
		return nil, err
	}
	fam := b.catalog.family(famName)
	if fam == nil {
		return nil, invalidValue("DBParameterGroupFamily %s is not a valid parameter group family.", famName)
	}
	ps := slices.Clone(fam.params)
	for i := range ps {
		ps[i].Source = "engine-default" // every parameter is the engine's default here
	}
	ps, marker, err := page(r.Params, ps)
	if err != nil {
		return nil, err
	}
	type defaults struct {
		DBParameterGroupFamily string
		Marker                 string     `xml:",omitempty"`
		Parameters             []paramXML `xml:"Parameters>Parameter"`
	}
	return done(struct{ EngineDefaults defaults }{defaults{fam.name, marker, paramsXML(ps)}})
}
