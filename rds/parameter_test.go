package rds_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

func param(name, dataType, allowed string) *rds.Parameter {
	return &rds.Parameter{Name: name, DataType: dataType, AllowedValues: allowed, IsModifiable: true, ApplyType: rds.ApplyTypeDynamic}
}

func TestParameterSet(t *testing.T) {
	tests := []struct {
		name  string
		p     *rds.Parameter
		value string
		want  string // the error's text; "" for none
	}{
		{"integer in range", param("max_allowed_packet", "integer", "1024-1073741824"), "2048", ""},
		{"integer below range", param("max_allowed_packet", "integer", "1024-1073741824"), "-5",
			"max_allowed_packet: -5 out of range 1024-1073741824"},
		{"integer above range", param("max_allowed_packet", "integer", "1024-1073741824"), "1073741825",
			"max_allowed_packet: 1073741825 out of range 1024-1073741824"},
		{"not an integer", param("max_connections", "integer", "1-100000"), "lots",
			"max_connections: lots is not an integer"},
		// boto 2 bug: negative lower bounds broke its parser.
		{"negative bound", param("innodb_ft_result_cache_limit", "integer", "-1-2147483647"), "-1", ""},
		{"below negative bound", param("innodb_ft_result_cache_limit", "integer", "-1-2147483647"), "-2",
			"innodb_ft_result_cache_limit: -2 out of range -1-2147483647"},
		{"range list first", param("port", "integer", "1-65535,131072"), "3306", ""},
		{"range list single", param("port", "integer", "1-65535,131072"), "131072", ""},
		{"range list gap", param("port", "integer", "1-65535,131072"), "70000",
			"port: 70000 out of range 1-65535,131072"},
		// boto 2 bug: formulas crashed it.
		{"formula", param("innodb_buffer_pool_size", "integer", "0-9223372036854775807"), "{DBInstanceClassMemory*3/4}", ""},
		{"function formula", param("max_connections", "integer", "1-100000"), "GREATEST({DBInstanceClassMemory/9531392},5000)", ""},
		{"formula in a boolean", param("read_only", "boolean", "{TrueIfReplica},0,1"), "{TrueIfReplica}", ""},
		{"formula in a float", param("random_page_cost", "float", "0-10"), "{DBInstanceVCPU/2}", ""},
		{"nested formula", param("autovacuum_work_mem", "integer", "-1-2147483647"), "{GREATEST({DBInstanceClassMemory/32768},131072)}", ""},
		{"log formula", param("max_wal_size", "integer", "128-2147483647"), "{log(DBInstanceClassMemory/8187281418)*1000}", ""},
		{"function of numbers", param("max_connections", "integer", "1-100000"), "LEAST(5000,10000)", ""},
		{"empty braces", param("max_connections", "integer", "1-100000"), "{}", "max_connections: {} is not an integer"},
		{"braces backwards", param("max_connections", "integer", "1-100000"), "}DBInstanceVCPU{", "max_connections: }DBInstanceVCPU{ is not an integer"},
		{"unclosed brace", param("max_connections", "integer", "1-100000"), "{DBInstanceVCPU", "max_connections: {DBInstanceVCPU is not an integer"},
		{"braces in an enumerated string", param("binlog_format", "string", "ROW,STATEMENT,MIXED"), "{ROW}",
			"binlog_format: {ROW} not one of ROW,STATEMENT,MIXED"},
		{"braces in a free string", param("log_line_prefix", "string", ""), "{%t}", ""},
		{"formula refused when not modifiable", &rds.Parameter{Name: "port", DataType: "integer"}, "{EndPointPort}",
			"port: {EndPointPort} not allowed: the parameter is not modifiable"},
		{"integer with plus sign", param("max_allowed_packet", "integer", "1024-1073741824"), "+2048", "max_allowed_packet: +2048 is not an integer"},
		{"integer with spaces", param("max_allowed_packet", "integer", "1024-1073741824"), " 2048", "max_allowed_packet:  2048 is not an integer"},
		{"negative range both ends", param("offset", "integer", "-100--10"), "-50", ""},
		{"negative range above", param("offset", "integer", "-100--10"), "-9", "offset: -9 out of range -100--10"},
		{"negative in a range list", param("cache", "integer", "-1,1-65535"), "-1", ""},
		{"gap in a range list", param("cache", "integer", "-1,1-65535"), "0", "cache: 0 out of range -1,1-65535"},
		// boto 2 bug: floats could not be set.
		{"float", param("random_page_cost", "float", "0-1.79769e+308"), "1.1", ""},
		{"float out of range", param("autovacuum_vacuum_scale_factor", "float", "0-100"), "100.5",
			"autovacuum_vacuum_scale_factor: 100.5 out of range 0-100"},
		{"float not a number", param("random_page_cost", "float", "0-10"), "fast",
			"random_page_cost: fast is not a number"},
		{"float negative", param("offset_factor", "float", "-1-1"), "-0.25", ""},
		{"float negative out of range", param("offset_factor", "float", "-1-1"), "-1.5", "offset_factor: -1.5 out of range -1-1"},
		{"float exponent", param("random_page_cost", "float", "0-1.79769e+308"), "4e2", ""},
		{"float negative exponent", param("vacuum_cost", "float", "1e-5-1"), "2.5E-5", ""},
		{"float below exponent bound", param("vacuum_cost", "float", "1e-5-1"), "1e-6", "vacuum_cost: 1e-6 out of range 1e-5-1"},
		{"float NaN", param("random_page_cost", "float", ""), "NaN", "random_page_cost: NaN is not a number"},
		{"float Inf", param("random_page_cost", "float", ""), "Inf", "random_page_cost: Inf is not a number"},
		{"float hex", param("random_page_cost", "float", ""), "0x1p3", "random_page_cost: 0x1p3 is not a number"},
		{"integer is a float too", param("random_page_cost", "float", "0-10"), "4", ""},
		{"boolean 1", param("general_log", "boolean", "0,1"), "1", ""},
		{"boolean 0", param("general_log", "boolean", "0,1"), "0", ""},
		{"boolean 2", param("general_log", "boolean", "0,1"), "2", "general_log: 2 not one of 0,1"},
		{"boolean true", param("general_log", "boolean", "0,1"), "true", "general_log: true not one of 0,1"},
		{"boolean as a range", param("general_log", "boolean", "0-1"), "1", ""},
		{"boolean as a range refuses 2", param("general_log", "boolean", "0-1"), "2", "general_log: 2 not one of 0,1"},
		{"boolean 01", param("general_log", "boolean", "0,1"), "01", "general_log: 01 not one of 0,1"},
		{"boolean ON", param("general_log", "boolean", "0,1"), "ON", "general_log: ON not one of 0,1"},
		{"boolean no allowed values", param("log_connections", "boolean", ""), "true", "log_connections: true not one of 0,1"},
		{"string allowed", param("binlog_format", "string", "ROW,STATEMENT,MIXED"), "ROW", ""},
		{"string refused", param("binlog_format", "string", "ROW,STATEMENT,MIXED"), "BLOCK",
			"binlog_format: BLOCK not one of ROW,STATEMENT,MIXED"},
		{"string free", param("log_line_prefix", "string", ""), "%t:%r:%u@%d:[%p]:", ""},
		{"list allowed", param("sql_mode", "list", "ANSI_QUOTES,NO_ZERO_DATE,STRICT_ALL_TABLES"), "ANSI_QUOTES,STRICT_ALL_TABLES", ""},
		{"list refused", param("sql_mode", "list", "ANSI_QUOTES,NO_ZERO_DATE"), "ANSI_QUOTES,PIPES",
			`sql_mode: ANSI_QUOTES,PIPES has "PIPES", not one of ANSI_QUOTES,NO_ZERO_DATE`},
		{"empty", param("max_allowed_packet", "integer", "1024-1073741824"), "",
			"max_allowed_packet: needs a value; ParameterGroup.Reset restores the default"},
		{"not modifiable", &rds.Parameter{Name: "innodb_version", DataType: "string"}, "9",
			"innodb_version: 9 not allowed: the parameter is not modifiable"},
		// Allowed values goboto cannot read leave the judging to RDS,
		// but the data type still holds.
		{"unreadable allowed values", param("odd", "integer", "1-x"), "7", ""},
		{"unreadable allowed values, bad type", param("odd", "integer", "1-x"), "seven", "odd: seven is not an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.p.Value
			err := tt.p.Set(tt.value)
			got := ""
			if err != nil {
				got = err.Error()
				var ve *goboto.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("error %T, want *goboto.ValidationError", err)
				}
				if ve.Field != tt.p.Name {
					t.Errorf("Field = %q, want %q", ve.Field, tt.p.Name)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("Set(%q) error (-want +got):\n%s", tt.value, diff)
			}
			wantValue, wantChanged := tt.value, true
			if tt.want != "" {
				wantValue, wantChanged = before, false
			}
			if diff := cmp.Diff([]any{wantValue, wantChanged}, []any{tt.p.Value, tt.p.Changed()}); diff != "" {
				t.Errorf("value, changed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParameterSetSameValue(t *testing.T) {
	p := param("max_allowed_packet", "integer", "1024-1073741824")
	p.Value = "4096"
	if err := p.Set("4096"); err != nil {
		t.Fatal(err)
	}
	if p.Changed() {
		t.Error("setting the current value marked the parameter changed")
	}
}

func TestParameterSetBack(t *testing.T) {
	p := param("max_allowed_packet", "integer", "1024-1073741824")
	p.Value = "4096"
	for _, tt := range []struct {
		value   string
		changed bool
	}{
		{"8192", true},
		{"16384", true},
		{"4096", false}, // back where it started: nothing to send
		{"2048", true},
	} {
		if err := p.Set(tt.value); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]any{tt.value, tt.changed}, []any{p.Value, p.Changed()}); diff != "" {
			t.Errorf("after Set(%q): value, changed (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestIsFormula(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"{DBInstanceClassMemory*3/4}", true},
		{"LEAST({DBInstanceClassMemory/9531392},5000)", true},
		{"SUM({DBInstanceVCPU*2},1)", true},
		{"1024", false},
		{"{", false},
		{"{}", false},
		{"}{", false},
		{"}DBInstanceVCPU{", false},
		{"{DBInstanceVCPU", false},
		{"DBInstanceVCPU}", false},
		{"{GREATEST({DBInstanceClassMemory/32768},131072)}", true},
		{"GREATEST(1,2)", true},
		{"IF({TrueIfReplica},1,0)", true},
		{"greatest(1,2)", false}, // RDS's function names are case-sensitive
		{"{a}}{", false},
		{"ON", false},
	} {
		if got := rds.IsFormula(tt.v); got != tt.want {
			t.Errorf("IsFormula(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
