package rds

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"

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

// Conn returns the connection the group belongs to.
func (g *ParameterGroup) Conn() *Conn { return g.conn }

// String returns "ParameterGroup:<name>", as boto prints them.
func (g *ParameterGroup) String() string { return "ParameterGroup:" + g.Name }

func (g *ParameterGroup) set(x types.DBParameterGroup) {
	g.Name = aws.ToString(x.DBParameterGroupName)
	g.Family = aws.ToString(x.DBParameterGroupFamily)
	g.Description = aws.ToString(x.Description)
	g.ARN = aws.ToString(x.DBParameterGroupArn)
}

// ParameterGroupOptions describe a new parameter group for
// CreateParameterGroup.
type ParameterGroupOptions struct {
	Name        string // DBParameterGroupName, required
	Family      string // mysql8.0, postgres16, ...; required
	Description string // required
	Tags        Tags
}

// CreateParameterGroup creates a parameter group of o.Family, whose
// parameters start at the family's engine defaults
// (CreateDBParameterGroup).
func (c *Conn) CreateParameterGroup(ctx context.Context, o ParameterGroupOptions) (*ParameterGroup, error) {
	if err := ValidParameterGroupName(o.Name); err != nil {
		return nil, err
	}
	if o.Family == "" {
		return nil, goboto.Invalid("DBParameterGroupFamily", "", "is required")
	}
	if o.Description == "" {
		return nil, goboto.Invalid("Description", "", "is required")
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateDBParameterGroup(ctx, &rds.CreateDBParameterGroupInput{
		DBParameterGroupName:   aws.String(o.Name),
		DBParameterGroupFamily: aws.String(o.Family),
		Description:            aws.String(o.Description),
		Tags:                   o.Tags.v2(),
	})
	if err != nil {
		return nil, core.Error(err)
	}
	g := c.ParameterGroup(o.Name)
	if out.DBParameterGroup != nil {
		g.set(*out.DBParameterGroup)
	}
	return g, nil
}

// ParameterGroups lists the account's parameter groups, RDS's defaults
// included (DescribeDBParameterGroups), fetching pages as the loop needs
// them. An error is yielded once, last. It takes PageSize.
func (c *Conn) ParameterGroups(ctx context.Context, opts ...ListOption) iter.Seq2[*ParameterGroup, error] {
	return func(yield func(*ParameterGroup, error) bool) {
		o, client, err := c.listClient("ParameterGroups", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeDBParameterGroupsPaginator(client, &rds.DescribeDBParameterGroupsInput{MaxRecords: o.maxRecords()})
		each(ctx, yield, p, func(o *rds.DescribeDBParameterGroupsOutput) []types.DBParameterGroup { return o.DBParameterGroups },
			func(x types.DBParameterGroup) *ParameterGroup { g := c.ParameterGroup(""); g.set(x); return g })
	}
}

// Refresh reads the group's family and description
// (DescribeDBParameterGroups). Loaded parameters stay as they are. A
// group RDS does not know is a *goboto.APIError DBParameterGroupNotFound,
// for which goboto.IsNotFound is true.
func (g *ParameterGroup) Refresh(ctx context.Context) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeDBParameterGroups(ctx, &rds.DescribeDBParameterGroupsInput{DBParameterGroupName: aws.String(g.Name)})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.DBParameterGroups {
		if strings.EqualFold(aws.ToString(x.DBParameterGroupName), g.Name) {
			g.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "RDS", "DescribeDBParameterGroups", "DBParameterGroupNotFound",
		"DBParameterGroup "+g.Name+" not found.")
}

// Delete deletes the group (DeleteDBParameterGroup). RDS refuses while an
// instance uses it, and for its default groups.
func (g *ParameterGroup) Delete(ctx context.Context) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteDBParameterGroup(ctx, &rds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String(g.Name)})
	return core.Error(err)
}

// Load reads every parameter of the group (DescribeDBParameters), page
// after page by Marker until RDS has no more; boto 2 read only the first
// 100. It replaces what an earlier Load read, changes not yet applied
// included. It takes Source, to read the parameters of one source only,
// and PageSize (100, RDS's largest, by default).
func (g *ParameterGroup) Load(ctx context.Context, opts ...ListOption) error {
	if err := validExisting("DBParameterGroupName", g.Name); err != nil {
		return err
	}
	o, client, err := g.conn.listClient("ParameterGroup.Load", takes{source: true}, opts)
	if err != nil {
		return err
	}
	in := &rds.DescribeDBParametersInput{DBParameterGroupName: aws.String(g.Name), MaxRecords: o.maxRecords(),
		Source: optionalString(string(o.Source))}
	if in.MaxRecords == nil {
		in.MaxRecords = aws.Int32(pageSizeParameters)
	}
	var params []*Parameter
	p := rds.NewDescribeDBParametersPaginator(client, in)
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

// Parameter returns the loaded parameter name, and false if Load did not
// read one of that name.
func (g *ParameterGroup) Parameter(name string) (*Parameter, bool) {
	p, ok := g.index[name]
	return p, ok
}

// Set checks value and makes it the value of the parameter name, as
// Parameter.Set does; Apply sends it. The group must be loaded. A name
// the group does not have is refused, with the loaded name it is most
// likely a typing slip of.
func (g *ParameterGroup) Set(name, value string) error {
	p := g.index[name]
	if p == nil {
		if g.index == nil {
			return goboto.Invalid(name, value, "cannot be checked: load the parameter group first")
		}
		rule := "is not a parameter of " + g.Name
		if near := g.nearest(name); near != "" {
			rule += "; did you mean " + near + "?"
		}
		return goboto.Invalid(name, value, rule)
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
	client, err := g.conn.api()
	if err != nil {
		return err
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
		if _, err := client.ModifyDBParameterGroup(ctx, in); err != nil {
			return core.Error(err)
		}
		for _, p := range chunk {
			p.changed = false
			p.ApplyMethod = string(method)
			p.Source = ParameterSourceUser
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
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		_, err := client.ResetDBParameterGroup(ctx, &rds.ResetDBParameterGroupInput{
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
		if _, err := client.ResetDBParameterGroup(ctx, in); err != nil {
			return core.Error(err)
		}
	}
	return nil
}

// EngineDefaultParameters lists the default parameters of a family
// (DescribeEngineDefaultParameters), fetching pages by Marker as the loop
// needs them. An error is yielded once, last. It takes PageSize (100 by
// default).
func (c *Conn) EngineDefaultParameters(ctx context.Context, family string, opts ...ListOption) iter.Seq2[*Parameter, error] {
	return func(yield func(*Parameter, error) bool) {
		if family == "" {
			yield(nil, goboto.Invalid("DBParameterGroupFamily", "", "is required"))
			return
		}
		o, client, err := c.listClient("EngineDefaultParameters", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &rds.DescribeEngineDefaultParametersInput{DBParameterGroupFamily: aws.String(family), MaxRecords: o.maxRecords()}
		if in.MaxRecords == nil {
			in.MaxRecords = aws.Int32(pageSizeParameters)
		}
		p := rds.NewDescribeEngineDefaultParametersPaginator(client, in)
		each(ctx, yield, p, func(o *rds.DescribeEngineDefaultParametersOutput) []types.Parameter {
			if o.EngineDefaults == nil {
				return nil
			}
			return o.EngineDefaults.Parameters
		}, parameterFromV2)
	}
}
