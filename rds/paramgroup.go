package rds

import (
	"context"
	"iter"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ApplyMethod says when ModifyDBParameterGroup's changes take effect.
type ApplyMethod string

// The apply methods RDS knows. ApplyImmediate works for dynamic
// parameters only; ApplyPendingReboot for both kinds.
const (
	ApplyImmediate     ApplyMethod = "immediate"
	ApplyPendingReboot ApplyMethod = "pending-reboot"
)

// maxParametersPerCall is ModifyDBParameterGroup's and
// ResetDBParameterGroup's limit of parameters in one request.
const maxParametersPerCall = 20

// pageSizeParameters is how many parameters Load asks for per page:
// DescribeDBParameters' own default and maximum.
const pageSizeParameters = 100

// ParameterGroup is a handle on a DB parameter group. Conn.ParameterGroup
// makes one that knows only its name; Load reads its parameters, Set
// changes them locally and Apply sends the changes. A handle is not safe
// for concurrent use while a method updates it.
type ParameterGroup struct {
	conn *Conn

	Name        string
	Family      string // mysql8.0, postgres16, ...
	Description string
	ARN         string

	params []*Parameter
	index  map[string]*Parameter
}

// ParameterGroup returns a handle on the parameter group name. It does no
// I/O.
func (c *Conn) ParameterGroup(name string) *ParameterGroup {
	return &ParameterGroup{conn: c, Name: name}
}

// String returns "ParameterGroup:<name>", as boto prints them.
func (g *ParameterGroup) String() string { return "ParameterGroup:" + g.Name }

func (g *ParameterGroup) set(x types.DBParameterGroup) {
	g.Name = aws.ToString(x.DBParameterGroupName)
	g.Family = aws.ToString(x.DBParameterGroupFamily)
	g.Description = aws.ToString(x.Description)
	g.ARN = aws.ToString(x.DBParameterGroupArn)
}

// CreateParameterGroup creates an empty parameter group of family
// (mysql8.0, postgres16, ...), whose parameters start at the family's
// engine defaults (CreateDBParameterGroup).
func (c *Conn) CreateParameterGroup(ctx context.Context, name, family, description string) (*ParameterGroup, error) {
	if err := ValidParameterGroupName(name); err != nil {
		return nil, err
	}
	if family == "" {
		return nil, goboto.Invalid("DBParameterGroupFamily", "", "is required")
	}
	if description == "" {
		return nil, goboto.Invalid("Description", "", "is required")
	}
	out, err := c.client.CreateDBParameterGroup(ctx, &rds.CreateDBParameterGroupInput{
		DBParameterGroupName:   aws.String(name),
		DBParameterGroupFamily: aws.String(family),
		Description:            aws.String(description),
	})
	if err != nil {
		return nil, core.Error(err)
	}
	g := c.ParameterGroup(name)
	if out.DBParameterGroup != nil {
		g.set(*out.DBParameterGroup)
	}
	return g, nil
}

// ParameterGroups lists the account's parameter groups, RDS's defaults
// included (DescribeDBParameterGroups), fetching pages as the loop needs
// them. An error is yielded once, last.
func (c *Conn) ParameterGroups(ctx context.Context) iter.Seq2[*ParameterGroup, error] {
	return func(yield func(*ParameterGroup, error) bool) {
		p := rds.NewDescribeDBParameterGroupsPaginator(c.client, &rds.DescribeDBParameterGroupsInput{})
		each(ctx, yield, p, func(o *rds.DescribeDBParameterGroupsOutput) []types.DBParameterGroup { return o.DBParameterGroups },
			func(x types.DBParameterGroup) *ParameterGroup { g := c.ParameterGroup(""); g.set(x); return g })
	}
}

// Refresh reads the group's family and description
// (DescribeDBParameterGroups). Loaded parameters stay as they are.
func (g *ParameterGroup) Refresh(ctx context.Context) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	out, err := g.conn.client.DescribeDBParameterGroups(ctx, &rds.DescribeDBParameterGroupsInput{DBParameterGroupName: aws.String(g.Name)})
	if err != nil {
		return core.Error(err)
	}
	if len(out.DBParameterGroups) == 0 {
		return &goboto.APIError{Service: "RDS", Operation: "DescribeDBParameterGroups", Code: "DBParameterGroupNotFound",
			Message: "DB parameter group " + g.Name + " not found"}
	}
	g.set(out.DBParameterGroups[0])
	return nil
}

// Delete deletes the group (DeleteDBParameterGroup). RDS refuses while an
// instance uses it, and for its default groups.
func (g *ParameterGroup) Delete(ctx context.Context) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	_, err := g.conn.client.DeleteDBParameterGroup(ctx, &rds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String(g.Name)})
	return core.Error(err)
}

// LoadOption changes what ParameterGroup.Load reads: Source.
type LoadOption func(*rds.DescribeDBParametersInput)

// Source limits Load to parameters from one source: "user" (set in this
// group), "engine-default" or "system".
func Source(source string) LoadOption {
	return func(in *rds.DescribeDBParametersInput) { in.Source = aws.String(source) }
}

// Load reads every parameter of the group (DescribeDBParameters), page
// after page by Marker until RDS has no more; boto 2 read only the first
// 100. It replaces what an earlier Load read, changes not yet applied
// included.
func (g *ParameterGroup) Load(ctx context.Context, opts ...LoadOption) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	in := &rds.DescribeDBParametersInput{DBParameterGroupName: aws.String(g.Name), MaxRecords: aws.Int32(pageSizeParameters)}
	for _, o := range opts {
		if o != nil {
			o(in)
		}
	}
	var params []*Parameter
	p := rds.NewDescribeDBParametersPaginator(g.conn.client, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return core.Error(err)
		}
		for _, x := range out.Parameters {
			params = append(params, parameterFromV2(x))
		}
	}
	g.params = params
	g.index = make(map[string]*Parameter, len(params))
	for _, p := range params {
		g.index[p.Name] = p
	}
	return nil
}

// Parameters returns the parameters Load read, in RDS's order.
func (g *ParameterGroup) Parameters() []*Parameter { return g.params }

// Parameter returns the loaded parameter name, nil if Load did not read
// one of that name.
func (g *ParameterGroup) Parameter(name string) *Parameter { return g.index[name] }

// Set checks value and makes it the value of the parameter name, as
// Parameter.Set does; Apply sends it. The group must be loaded.
func (g *ParameterGroup) Set(name, value string) error {
	p := g.index[name]
	if p == nil {
		if g.index == nil {
			return goboto.Invalid(name, value, "cannot be checked: load the parameter group first")
		}
		return goboto.Invalid(name, value, "is not a parameter of "+g.Name)
	}
	return p.Set(value)
}

// Changes returns the parameters Set changed and Apply has not sent yet.
func (g *ParameterGroup) Changes() []*Parameter {
	var ch []*Parameter
	for _, p := range g.params {
		if p.changed {
			ch = append(ch, p)
		}
	}
	return ch
}

// Apply sends the changed parameters (ModifyDBParameterGroup), at most 20
// to a call as RDS allows, to take effect as method says. It sends
// nothing when nothing changed, and nothing at all when method is
// ApplyImmediate and a changed parameter is static: RDS would refuse that
// parameter with InvalidParameterCombination, after earlier calls had
// already applied others. A parameter is no longer changed once its call
// succeeded; after an error, Changes lists what is left.
func (g *ParameterGroup) Apply(ctx context.Context, method ApplyMethod) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	if method != ApplyImmediate && method != ApplyPendingReboot {
		return goboto.Invalid("ApplyMethod", string(method), "is not immediate or pending-reboot")
	}
	changes := g.Changes()
	for _, p := range changes {
		if method == ApplyImmediate && p.ApplyType == ApplyTypeStatic {
			return goboto.Invalid(p.Name, p.Value, "cannot apply immediately: the parameter is static; use ApplyPendingReboot")
		}
	}
	for chunk := range slices.Chunk(changes, maxParametersPerCall) {
		in := &rds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String(g.Name)}
		for _, p := range chunk {
			in.Parameters = append(in.Parameters, types.Parameter{
				ParameterName:  aws.String(p.Name),
				ParameterValue: aws.String(p.Value),
				ApplyMethod:    types.ApplyMethod(method),
			})
		}
		if _, err := g.conn.client.ModifyDBParameterGroup(ctx, in); err != nil {
			return core.Error(err)
		}
		for _, p := range chunk {
			p.changed = false
			p.ApplyMethod = string(method)
			p.Source = "user"
		}
	}
	return nil
}

// Reset returns parameters to their engine defaults
// (ResetDBParameterGroup): the named ones, at most 20 to a call, or every
// parameter of the group when no name is given. Named dynamic parameters
// the group has loaded reset immediately, the others at the next reboot.
// Load again to see the defaults.
func (g *ParameterGroup) Reset(ctx context.Context, names ...string) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	if len(names) == 0 {
		_, err := g.conn.client.ResetDBParameterGroup(ctx, &rds.ResetDBParameterGroupInput{
			DBParameterGroupName: aws.String(g.Name), ResetAllParameters: aws.Bool(true)})
		return core.Error(err)
	}
	for i, n := range names {
		if n == "" {
			return goboto.Invalid("Parameters", "", "name "+strconv.Itoa(i)+" is empty")
		}
	}
	for chunk := range slices.Chunk(names, maxParametersPerCall) {
		in := &rds.ResetDBParameterGroupInput{DBParameterGroupName: aws.String(g.Name)}
		for _, n := range chunk {
			method := types.ApplyMethodPendingReboot
			if p := g.index[n]; p != nil && p.ApplyType == ApplyTypeDynamic {
				method = types.ApplyMethodImmediate
			}
			in.Parameters = append(in.Parameters, types.Parameter{ParameterName: aws.String(n), ApplyMethod: method})
		}
		if _, err := g.conn.client.ResetDBParameterGroup(ctx, in); err != nil {
			return core.Error(err)
		}
	}
	return nil
}

// EngineDefaultParameters lists the default parameters of a family
// (DescribeEngineDefaultParameters), fetching pages by Marker as the loop
// needs them. An error is yielded once, last.
func (c *Conn) EngineDefaultParameters(ctx context.Context, family string) iter.Seq2[*Parameter, error] {
	return func(yield func(*Parameter, error) bool) {
		if family == "" {
			yield(nil, goboto.Invalid("DBParameterGroupFamily", "", "is required"))
			return
		}
		p := rds.NewDescribeEngineDefaultParametersPaginator(c.client, &rds.DescribeEngineDefaultParametersInput{
			DBParameterGroupFamily: aws.String(family), MaxRecords: aws.Int32(pageSizeParameters)})
		each(ctx, yield, p, func(o *rds.DescribeEngineDefaultParametersOutput) []types.Parameter {
			if o.EngineDefaults == nil {
				return nil
			}
			return o.EngineDefaults.Parameters
		}, parameterFromV2)
	}
}
