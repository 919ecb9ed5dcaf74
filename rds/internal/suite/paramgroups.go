package suite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

// Parameters of mysql8.0 the tests change, as RDS documents them
// (MySQL 8.0 Reference Manual, Server System Variables; RDS's
// DescribeEngineDefaultParameters for mysql8.0): max_allowed_packet is
// dynamic, 1024-1073741824; innodb_log_buffer_size is static; basedir is
// not modifiable.
const (
	dynamicParam = "max_allowed_packet"
	staticParam  = "innodb_log_buffer_size"
	fixedParam   = "basedir"
)

// newParameterGroup creates a mysql8.0 parameter group and deletes it
// when t ends.
func newParameterGroup(t *testing.T, env Env) *rds.ParameterGroup {
	t.Helper()
	name := env.NewName()
	g, err := env.Conn.CreateParameterGroup(t.Context(), rds.ParameterGroupOptions{Name: name, Family: family, Description: "goboto conformance suite"})
	if err != nil {
		t.Fatalf("%s: CreateParameterGroup: %v", env.Name, err)
	}
	cleanup(t, env.Conn.ParameterGroup(name).Delete)
	return g
}

// CreateDBParameterGroup makes a group of the family (API Reference,
// CreateDBParameterGroup), which DescribeDBParameterGroups lists; a name
// taken is DBParameterGroupAlreadyExists, and a group RDS does not know
// is DBParameterGroupNotFound (DescribeDBParameterGroups, Errors), a
// family it does not know InvalidParameterValue. Every account has each
// family's default group, which cannot be deleted (DeleteDBParameterGroup:
// "You can't delete a default DB parameter group"; Errors:
// InvalidDBParameterGroupState).
func testParameterGroups(t *testing.T, env Env) {
	g := newParameterGroup(t, env)
	if got, want := []string{g.Family, g.Description}, []string{family, "goboto conformance suite"}; !cmp.Equal(want, got) {
		t.Errorf("%s: CreateDBParameterGroup answered %v, want %v", env.Name, got, want)
	}
	if !strings.HasPrefix(g.ARN, "arn:aws:rds:us-east-1:") || !strings.HasSuffix(g.ARN, ":pg:"+g.Name) {
		t.Errorf("%s: DBParameterGroupArn %q", env.Name, g.ARN)
	}
	r := env.Conn.ParameterGroup(g.Name)
	if err := r.Refresh(t.Context()); err != nil || r.Family != family || r.Description != "goboto conformance suite" {
		t.Errorf("%s: Refresh = %v, family %q, description %q", env.Name, err, r.Family, r.Description)
	}
	var listed bool
	for x, err := range env.Conn.ParameterGroups(t.Context(), rds.PageSize(20)) {
		if err != nil {
			t.Fatalf("%s: ParameterGroups: %v", env.Name, err)
		}
		listed = listed || x.Name == g.Name
	}
	if !listed {
		t.Errorf("%s: ParameterGroups does not list %s", env.Name, g.Name)
	}
	_, err := env.Conn.CreateParameterGroup(t.Context(), rds.ParameterGroupOptions{Name: g.Name, Family: family, Description: "again"})
	wantCode(t, env, "CreateDBParameterGroup of a taken name", err, "DBParameterGroupAlreadyExists")
	odd := env.NewName()
	_, err = env.Conn.CreateParameterGroup(t.Context(), rds.ParameterGroupOptions{Name: odd, Family: "mysql4.1", Description: "d"})
	if err == nil {
		cleanup(t, env.Conn.ParameterGroup(odd).Delete)
	}
	accepted(t, env, "CreateDBParameterGroup of family mysql4.1", err, "InvalidParameterValue", env.Diff.AcceptsAnyFamily)

	// goboto's Refresh turns an empty answer into DBParameterGroupNotFound
	// itself, so the raw client shows what the backend answers.
	missing := env.NewName()
	out, err := raw(env).DescribeDBParameterGroups(t.Context(), &awsrds.DescribeDBParameterGroupsInput{DBParameterGroupName: aws.String(missing)})
	if env.Diff.DescribeMissingGroupEmpty {
		if err != nil || len(out.DBParameterGroups) != 0 {
			t.Errorf("%s: DescribeDBParameterGroups of a missing group: the difference says an empty list, got %v", env.Name, err)
		}
	} else {
		wantCode(t, env, "DescribeDBParameterGroups of a missing group", err, "DBParameterGroupNotFound")
	}
	wantCode(t, env, "Refresh of a missing group", env.Conn.ParameterGroup(missing).Refresh(t.Context()), "DBParameterGroupNotFound")
	wantCode(t, env, "Delete of a missing group", env.Conn.ParameterGroup(missing).Delete(t.Context()), "DBParameterGroupNotFound")

	// An instance of the family makes sure of its default group on a
	// backend that makes default groups as instances use them.
	newInstance(t, env, instanceOptions(env.NewName()))
	def := env.Conn.ParameterGroup("default." + family)
	if err := def.Refresh(t.Context()); err != nil || def.Family != family {
		t.Errorf("%s: Refresh of default.%s = %v, family %q", env.Name, family, err, def.Family)
	}
	accepted(t, env, "Delete of a default group", def.Delete(t.Context()), "InvalidDBParameterGroupState", env.Diff.DeletesDefaultParameterGroup)

	if err := g.Delete(t.Context()); err != nil {
		t.Fatalf("%s: Delete: %v", env.Name, err)
	}
	wantCode(t, env, "Refresh of a deleted group", g.Refresh(t.Context()), "DBParameterGroupNotFound")
	wantCode(t, env, "Delete of a deleted group", g.Delete(t.Context()), "DBParameterGroupNotFound")
}

// setParams sets name=value pairs in g to apply by method: through
// goboto's Load, Set and Apply, which check each value against what
// DescribeDBParameters says of it; or, on a backend that describes only
// the values a user set, through the raw client.
func setParams(t *testing.T, env Env, g *rds.ParameterGroup, method rds.ApplyMethod, pairs ...string) {
	t.Helper()
	if env.Diff.ParametersOnlyUserSet {
		in := &awsrds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String(g.Name)}
		for i := 0; i < len(pairs); i += 2 {
			in.Parameters = append(in.Parameters, types.Parameter{ParameterName: aws.String(pairs[i]),
				ParameterValue: aws.String(pairs[i+1]), ApplyMethod: types.ApplyMethod(method)})
		}
		if _, err := raw(env).ModifyDBParameterGroup(t.Context(), in); err != nil {
			t.Fatalf("%s: ModifyDBParameterGroup: %v", env.Name, err)
		}
		return
	}
	if err := g.Load(t.Context()); err != nil {
		t.Fatalf("%s: Load: %v", env.Name, err)
	}
	for i := 0; i < len(pairs); i += 2 {
		if err := g.Set(pairs[i], pairs[i+1]); err != nil {
			t.Fatalf("%s: Set: %v", env.Name, err)
		}
	}
	if err := g.Apply(t.Context(), method); err != nil {
		t.Fatalf("%s: Apply %s: %v", env.Name, method, err)
	}
}

// userValues reads the values a user set in g (DescribeDBParameters,
// Source user), as "value/method" by name.
func userValues(t *testing.T, env Env, g *rds.ParameterGroup) map[string]string {
	t.Helper()
	if err := g.Load(t.Context(), rds.Source(rds.ParameterSourceUser)); err != nil {
		t.Fatalf("%s: Load user parameters: %v", env.Name, err)
	}
	got := map[string]string{}
	for _, p := range g.Parameters() {
		got[p.Name] = p.Value + "/" + p.ApplyMethod
	}
	return got
}

// DescribeDBParameters lists every parameter of a group, the engine's
// defaults included, in pages of MaxRecords (20 to 100) joined by Marker
// (API Reference, DescribeDBParameters, Marker and MaxRecords; the
// mysql8.0 family has several hundred parameters). ModifyDBParameterGroup
// sets values to apply immediately (dynamic parameters) or at the next
// reboot, and ResetDBParameterGroup returns named ones, or all, to the
// defaults (ResetDBParameterGroup: "To reset specific parameters, provide
// a list of ... ParameterName and ApplyMethod"; ResetAllParameters).
// DescribeEngineDefaultParameters lists the family's defaults.
func testParameters(t *testing.T, env Env) {
	g := newParameterGroup(t, env)

	first, err := raw(env).DescribeDBParameters(t.Context(), &awsrds.DescribeDBParametersInput{
		DBParameterGroupName: aws.String(g.Name), MaxRecords: aws.Int32(20)})
	if err != nil {
		t.Fatalf("%s: DescribeDBParameters: %v", env.Name, err)
	}
	if err := g.Load(t.Context(), rds.PageSize(20)); err != nil {
		t.Fatalf("%s: Load: %v", env.Name, err)
	}
	if env.Diff.ParametersOnlyUserSet {
		if len(first.Parameters) != 0 || len(g.Parameters()) != 0 {
			t.Errorf("%s: a new group lists %d parameters; the difference says none", env.Name, len(g.Parameters()))
		}
	} else {
		if len(first.Parameters) != 20 || aws.ToString(first.Marker) == "" {
			t.Errorf("%s: first page of MaxRecords 20: %d parameters, Marker %q", env.Name, len(first.Parameters), aws.ToString(first.Marker))
		}
		if n := len(g.Parameters()); n < 200 {
			t.Errorf("%s: Load read %d parameters of %s, want its several hundred", env.Name, n, family)
		}
		for _, name := range []string{dynamicParam, staticParam, fixedParam} {
			if _, ok := g.Parameter(name); !ok {
				t.Errorf("%s: Load did not read %s", env.Name, name)
			}
		}
		p, _ := g.Parameter(dynamicParam)
		if p != nil && (p.DataType != "integer" || p.AllowedValues != "1024-1073741824" || p.ApplyType != rds.ApplyTypeDynamic || !p.IsModifiable) {
			t.Errorf("%s: %s is %s %q %s modifiable %v", env.Name, dynamicParam, p.DataType, p.AllowedValues, p.ApplyType, p.IsModifiable)
		}
	}

	setParams(t, env, g, rds.ApplyImmediate, dynamicParam, "2048")
	setParams(t, env, g, rds.ApplyPendingReboot, staticParam, "16777216")
	want := map[string]string{dynamicParam: "2048/immediate", staticParam: "16777216/pending-reboot"}
	if diff := cmp.Diff(want, userValues(t, env, g)); diff != "" {
		t.Errorf("%s: user parameters after ModifyDBParameterGroup (-want +got):\n%s", env.Name, diff)
	}

	err = g.Reset(t.Context(), dynamicParam)
	if env.Diff.NoParameterReset {
		if err == nil {
			t.Errorf("%s: ResetDBParameterGroup: the difference says it is not implemented, but it succeeded", env.Name)
		}
	} else {
		if err != nil {
			t.Fatalf("%s: Reset %s: %v", env.Name, dynamicParam, err)
		}
		want := map[string]string{staticParam: "16777216/pending-reboot"}
		if diff := cmp.Diff(want, userValues(t, env, g)); diff != "" {
			t.Errorf("%s: user parameters after resetting %s (-want +got):\n%s", env.Name, dynamicParam, diff)
		}
		if err := g.Reset(t.Context()); err != nil {
			t.Fatalf("%s: Reset all: %v", env.Name, err)
		}
		if diff := cmp.Diff(map[string]string{}, userValues(t, env, g)); diff != "" {
			t.Errorf("%s: user parameters after ResetAllParameters (-want +got):\n%s", env.Name, diff)
		}
	}

	var n int
	var seen bool
	for p, err := range env.Conn.EngineDefaultParameters(t.Context(), family) {
		if err != nil {
			if !env.Diff.NoEngineDefaults {
				t.Errorf("%s: EngineDefaultParameters: %v", env.Name, err)
			}
			break
		}
		n++
		seen = seen || p.Name == dynamicParam
	}
	if env.Diff.NoEngineDefaults {
		if n != 0 {
			t.Errorf("%s: EngineDefaultParameters listed %d; the difference says it is not implemented", env.Name, n)
		}
	} else if n < 200 || !seen {
		t.Errorf("%s: EngineDefaultParameters(%s) listed %d parameters (%s among them: %v)", env.Name, family, n, dynamicParam, seen)
	}
}

// ModifyDBParameterGroup checks each value against the parameter's
// allowed values and refuses unknown and non-modifiable parameters
// (InvalidParameterValue), a static parameter applied immediately
// (API Reference, Parameter, ApplyMethod: "you can use immediate only
// with dynamic parameters"; InvalidParameterCombination) and more than 20
// parameters in one request (ModifyDBParameterGroup, Parameters: "You can
// modify up to 20 parameters in a single request"). A group RDS does not
// know is DBParameterGroupNotFound. goboto refuses all of these before
// sending, so the raw client sends them.
func testParameterErrors(t *testing.T, env Env) {
	g := newParameterGroup(t, env)
	one := func(name, value string, method types.ApplyMethod) []types.Parameter {
		return []types.Parameter{{ParameterName: aws.String(name), ParameterValue: aws.String(value), ApplyMethod: method}}
	}
	var many []types.Parameter
	for i := range 21 {
		many = append(many, one(dynamicParam, fmt.Sprint(2048+i), types.ApplyMethodImmediate)...)
	}
	for _, tc := range []struct {
		what   string
		params []types.Parameter
		want   string
	}{
		{dynamicParam + " = -5", one(dynamicParam, "-5", types.ApplyMethodImmediate), "InvalidParameterValue"},
		{dynamicParam + " = lots", one(dynamicParam, "lots", types.ApplyMethodImmediate), "InvalidParameterValue"},
		{"an unknown parameter", one("max_alowed_packet", "2048", types.ApplyMethodImmediate), "InvalidParameterValue"},
		{"a parameter not modifiable", one(fixedParam, "/tmp", types.ApplyMethodPendingReboot), "InvalidParameterValue"},
		{"a static parameter immediately", one(staticParam, "16777216", types.ApplyMethodImmediate), "InvalidParameterCombination"},
		{"21 parameters", many, "InvalidParameterCombination"},
	} {
		_, err := raw(env).ModifyDBParameterGroup(t.Context(), &awsrds.ModifyDBParameterGroupInput{
			DBParameterGroupName: aws.String(g.Name), Parameters: tc.params})
		accepted(t, env, "ModifyDBParameterGroup with "+tc.what, err, tc.want, env.Diff.NoParameterValidation)
	}
	if !env.Diff.NoParameterValidation {
		// A refused request changes nothing.
		if diff := cmp.Diff(map[string]string{}, userValues(t, env, g)); diff != "" {
			t.Errorf("%s: user parameters after refused requests (-want +got):\n%s", env.Name, diff)
		}
	}
	_, err := raw(env).ModifyDBParameterGroup(t.Context(), &awsrds.ModifyDBParameterGroupInput{
		DBParameterGroupName: aws.String(env.NewName()), Parameters: one(dynamicParam, "2048", types.ApplyMethodImmediate)})
	wantCode(t, env, "ModifyDBParameterGroup of a missing group", err, "DBParameterGroupNotFound")
}
