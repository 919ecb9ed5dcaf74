package rdstest_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

// allParams follows Marker through DescribeDBParameters.
func allParams(t *testing.T, c *awsrds.Client, in *awsrds.DescribeDBParametersInput) ([]types.Parameter, int) {
	t.Helper()
	var ps []types.Parameter
	pages := 0
	for {
		out, err := c.DescribeDBParameters(t.Context(), in)
		if err != nil {
			t.Fatalf("DescribeDBParameters: %v", err)
		}
		pages++
		ps = append(ps, out.Parameters...)
		if out.Marker == nil {
			return ps, pages
		}
		in.Marker = out.Marker
	}
}

func TestDefaultParameterGroupsPage(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	for _, name := range []string{"default.mysql8.0", "default.postgres16"} {
		t.Run(name, func(t *testing.T) {
			ps, pages := allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String(name)})
			if len(ps) <= 150 || pages != (len(ps)+99)/100 {
				t.Errorf("%d parameters in %d pages; want more than 150 in pages of 100", len(ps), pages)
			}
			seen := map[string]bool{}
			for i, p := range ps {
				n := aws.ToString(p.ParameterName)
				if seen[n] || i > 0 && n < aws.ToString(ps[i-1].ParameterName) {
					t.Errorf("parameter %d %s repeated or out of order", i, n)
				}
				seen[n] = true
			}
			small, pages := allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String(name), MaxRecords: aws.Int32(20)})
			if diff := cmp.Diff(len(ps), len(small)); diff != "" || pages != (len(ps)+19)/20 {
				t.Errorf("MaxRecords 20: %d pages, count (-want +got):\n%s", pages, diff)
			}
		})
	}
}

func TestDescribeDBParametersShape(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ps, _ := allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("default.mysql8.0")})
	byName := map[string]types.Parameter{}
	for _, p := range ps {
		byName[aws.ToString(p.ParameterName)] = p
	}
	type view struct {
		Value, DataType, Allowed, ApplyType, Source string
		Modifiable                                  bool
	}
	got := map[string]view{}
	for _, n := range []string{"max_allowed_packet", "innodb_buffer_pool_size", "long_query_time", "autocommit", "binlog_format", "performance_schema_accounts_size", "basedir"} {
		p := byName[n]
		got[n] = view{aws.ToString(p.ParameterValue), aws.ToString(p.DataType), aws.ToString(p.AllowedValues), aws.ToString(p.ApplyType),
			aws.ToString(p.Source), aws.ToBool(p.IsModifiable)}
	}
	want := map[string]view{
		"max_allowed_packet":               {"", "integer", "1024-1073741824", "dynamic", "engine-default", true},
		"innodb_buffer_pool_size":          {"{DBInstanceClassMemory*3/4}", "integer", "0-18446744073709551615", "dynamic", "system", true},
		"long_query_time":                  {"", "float", "0-31536000", "dynamic", "engine-default", true},
		"autocommit":                       {"", "boolean", "0,1", "dynamic", "engine-default", true},
		"binlog_format":                    {"ROW", "string", "ROW,STATEMENT,MIXED", "dynamic", "system", true},
		"performance_schema_accounts_size": {"", "integer", "-1-1048576", "static", "engine-default", true},
		"basedir":                          {"/rdsdbbin/mysql", "string", "", "static", "system", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
}

func TestEngineDefaults(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	var n, pages int
	in := &awsrds.DescribeEngineDefaultParametersInput{DBParameterGroupFamily: aws.String("postgres16")}
	for {
		out, err := c.DescribeEngineDefaultParameters(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		d := out.EngineDefaults
		if aws.ToString(d.DBParameterGroupFamily) != "postgres16" {
			t.Errorf("family %q", aws.ToString(d.DBParameterGroupFamily))
		}
		for _, p := range d.Parameters {
			if aws.ToString(p.Source) != "engine-default" {
				t.Errorf("%s: source %s", aws.ToString(p.ParameterName), aws.ToString(p.Source))
			}
		}
		n += len(d.Parameters)
		if d.Marker == nil {
			break
		}
		in.Marker = d.Marker
	}
	if n <= 150 || pages < 2 {
		t.Errorf("%d engine defaults in %d pages", n, pages)
	}
	_, err := c.DescribeEngineDefaultParameters(t.Context(), &awsrds.DescribeEngineDefaultParametersInput{DBParameterGroupFamily: aws.String("mysql9.9")})
	if code(err) != "InvalidParameterValue" {
		t.Errorf("unknown family: %v", err)
	}
}

func TestParameterGroupLifecycle(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	out, err := c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("App-Params"),
		DBParameterGroupFamily: aws.String("mysql8.0"), Description: aws.String("app")})
	if err != nil {
		t.Fatal(err)
	}
	want := types.DBParameterGroup{DBParameterGroupName: aws.String("app-params"), DBParameterGroupFamily: aws.String("mysql8.0"),
		Description: aws.String("app"), DBParameterGroupArn: aws.String("arn:aws:rds:us-east-1:111122223333:pg:app-params")}
	if diff := cmp.Diff(want, *out.DBParameterGroup, cmp.AllowUnexported(types.DBParameterGroup{})); diff != "" {
		t.Errorf("CreateDBParameterGroup (-want +got):\n%s", diff)
	}
	groups, err := c.DescribeDBParameterGroups(ctx, &awsrds.DescribeDBParameterGroupsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range groups.DBParameterGroups {
		names = append(names, aws.ToString(g.DBParameterGroupName))
	}
	if diff := cmp.Diff([]string{"app-params", "default.mariadb10.11", "default.mariadb10.6", "default.mariadb11.4",
		"default.mysql8.0", "default.mysql8.4", "default.postgres13", "default.postgres14", "default.postgres15",
		"default.postgres16", "default.postgres17"}, names); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}

	mod := func(ps ...types.Parameter) error {
		_, err := c.ModifyDBParameterGroup(ctx, &awsrds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String("app-params"), Parameters: ps})
		return err
	}
	p := func(name, value string, m types.ApplyMethod) types.Parameter {
		return types.Parameter{ParameterName: aws.String(name), ParameterValue: aws.String(value), ApplyMethod: m}
	}
	imm, reboot := types.ApplyMethodImmediate, types.ApplyMethodPendingReboot
	for _, tc := range []struct {
		name string
		ps   []types.Parameter
		want string
	}{
		{"below range", []types.Parameter{p("max_allowed_packet", "-5", imm)}, "InvalidParameterValue"},
		{"above range", []types.Parameter{p("max_allowed_packet", "1073741825", imm)}, "InvalidParameterValue"},
		{"not integer", []types.Parameter{p("max_allowed_packet", "1k", imm)}, "InvalidParameterValue"},
		{"in range", []types.Parameter{p("max_allowed_packet", "2048", imm)}, ""},
		{"formula", []types.Parameter{p("innodb_buffer_pool_size", "{DBInstanceClassMemory*3/4}", imm)}, ""},
		{"negative bound", []types.Parameter{p("performance_schema_accounts_size", "-1", reboot)}, ""},
		{"below negative bound", []types.Parameter{p("performance_schema_accounts_size", "-2", reboot)}, "InvalidParameterValue"},
		{"float", []types.Parameter{p("long_query_time", "0.5", imm)}, ""},
		{"float out of range", []types.Parameter{p("innodb_max_dirty_pages_pct", "99.999", imm)}, "InvalidParameterValue"},
		{"boolean", []types.Parameter{p("autocommit", "0", imm)}, ""},
		{"boolean word", []types.Parameter{p("autocommit", "yes", imm)}, "InvalidParameterValue"},
		{"list of values", []types.Parameter{p("innodb_flush_log_at_trx_commit", "3", imm)}, "InvalidParameterValue"},
		{"string choice", []types.Parameter{p("binlog_format", "MIXED", imm)}, ""},
		{"string not allowed", []types.Parameter{p("binlog_format", "FAST", imm)}, "InvalidParameterValue"},
		{"list type", []types.Parameter{p("sql_mode", "STRICT_ALL_TABLES,NO_ZERO_DATE", imm)}, ""},
		{"list type bad item", []types.Parameter{p("sql_mode", "STRICT_ALL_TABLES,FAST", imm)}, "InvalidParameterValue"},
		{"static immediate", []types.Parameter{p("innodb_log_file_size", "268435456", imm)}, "InvalidParameterCombination"},
		{"static pending reboot", []types.Parameter{p("innodb_log_file_size", "268435456", reboot)}, ""},
		{"not modifiable", []types.Parameter{p("basedir", "/tmp", reboot)}, "InvalidParameterValue"},
		{"unknown", []types.Parameter{p("no_such_parameter", "1", imm)}, "InvalidParameterValue"},
		{"no apply method", []types.Parameter{p("autocommit", "1", "")}, "InvalidParameterValue"},
		// All or nothing: the good first change is not applied either
		// (long_query_time stays 0.5 below).
		{"one bad of two", []types.Parameter{p("long_query_time", "7", imm), p("max_allowed_packet", "-5", imm)}, "InvalidParameterValue"},
		{"NaN float", []types.Parameter{p("long_query_time", "NaN", imm)}, "InvalidParameterValue"},
		{"braces in a string", []types.Parameter{p("binlog_format", "{ROW}", imm)}, "InvalidParameterValue"},
		{"empty braces", []types.Parameter{p("max_allowed_packet", "{}", imm)}, "InvalidParameterValue"},
	} {
		if got := code(mod(tc.ps...)); got != tc.want {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.want)
		}
	}
	var many []types.Parameter
	for i := 0; i < 21; i++ {
		many = append(many, p("max_connections", fmt.Sprint(100+i), imm))
	}
	if got := code(mod(many...)); got != "InvalidParameterCombination" {
		t.Errorf("21 parameters: %q", got)
	}
	if err := mod(many[:20]...); err != nil {
		t.Errorf("20 parameters: %v", err)
	}

	user, _ := allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("app-params"), Source: aws.String("user")})
	got := map[string]string{}
	for _, p := range user {
		got[aws.ToString(p.ParameterName)] = aws.ToString(p.ParameterValue) + " " + string(p.ApplyMethod)
	}
	wantUser := map[string]string{
		"max_allowed_packet": "2048 immediate", "innodb_buffer_pool_size": "{DBInstanceClassMemory*3/4} immediate",
		"performance_schema_accounts_size": "-1 pending-reboot", "long_query_time": "0.5 immediate", "autocommit": "0 immediate",
		"binlog_format": "MIXED immediate", "sql_mode": "STRICT_ALL_TABLES,NO_ZERO_DATE immediate",
		"innodb_log_file_size": "268435456 pending-reboot", "max_connections": "119 immediate",
	}
	if diff := cmp.Diff(wantUser, got); diff != "" {
		t.Errorf("user parameters (-want +got):\n%s", diff)
	}

	if _, err := c.ResetDBParameterGroup(ctx, &awsrds.ResetDBParameterGroupInput{DBParameterGroupName: aws.String("app-params"),
		Parameters: []types.Parameter{{ParameterName: aws.String("max_allowed_packet"), ApplyMethod: imm}}}); err != nil {
		t.Fatal(err)
	}
	user, _ = allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("app-params"), Source: aws.String("user")})
	if len(user) != len(wantUser)-1 {
		t.Errorf("after resetting one: %d user parameters", len(user))
	}
	if _, err := c.ResetDBParameterGroup(ctx, &awsrds.ResetDBParameterGroupInput{DBParameterGroupName: aws.String("app-params"),
		ResetAllParameters: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	user, _ = allParams(t, c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("app-params"), Source: aws.String("user")})
	if len(user) != 0 {
		t.Errorf("after resetting all: %d user parameters", len(user))
	}

	errCases := []struct {
		name       string
		err        error
		code       string
		httpStatus int
	}{}
	add := func(name string, err error, code string, st int) {
		errCases = append(errCases, struct {
			name       string
			err        error
			code       string
			httpStatus int
		}{name, err, code, st})
	}
	_, err = c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("app-params"),
		DBParameterGroupFamily: aws.String("mysql8.0"), Description: aws.String("again")})
	add("create twice", err, "DBParameterGroupAlreadyExists", 400)
	_, err = c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("bad--name"),
		DBParameterGroupFamily: aws.String("mysql8.0"), Description: aws.String("x")})
	add("bad name", err, "InvalidParameterValue", 400)
	_, err = c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("x"),
		DBParameterGroupFamily: aws.String("oracle-ee-19"), Description: aws.String("x")})
	add("bad family", err, "InvalidParameterValue", 400)
	_, err = c.ModifyDBParameterGroup(ctx, &awsrds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String("default.mysql8.0"),
		Parameters: []types.Parameter{p("autocommit", "0", imm)}})
	add("modify default", err, "InvalidParameterValue", 400)
	_, err = c.DescribeDBParameters(ctx, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("missing")})
	add("describe missing", err, "DBParameterGroupNotFound", 404)
	_, err = c.DescribeDBParameters(ctx, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("app-params"), MaxRecords: aws.Int32(19)})
	add("MaxRecords 19", err, "InvalidParameterValue", 400)
	_, err = c.DescribeDBParameters(ctx, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String("app-params"), Marker: aws.String("bogus")})
	add("bad marker", err, "InvalidParameterValue", 400)
	_, err = c.DeleteDBParameterGroup(ctx, &awsrds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String("default.postgres16")})
	add("delete default", err, "InvalidDBParameterGroupState", 400)
	_, err = c.DeleteDBParameterGroup(ctx, &awsrds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String("app-params")})
	add("delete", err, "", 0)
	_, err = c.DeleteDBParameterGroup(ctx, &awsrds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String("app-params")})
	add("delete again", err, "DBParameterGroupNotFound", 404)
	for _, tc := range errCases {
		if code(tc.err) != tc.code || status(tc.err) != tc.httpStatus {
			t.Errorf("%s: %v (status %d), want %s %d", tc.name, tc.err, status(tc.err), tc.code, tc.httpStatus)
		}
	}
}
