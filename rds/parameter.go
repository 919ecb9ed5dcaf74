package rds

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
)

// Apply types of a parameter: a dynamic one can change while the database
// runs, a static one only takes effect at the next reboot.
const (
	ApplyTypeStatic  = "static"
	ApplyTypeDynamic = "dynamic"
)

// Parameter is one setting of a parameter group, as DescribeDBParameters
// or DescribeEngineDefaultParameters report it. Set changes Value locally,
// after checking it; ParameterGroup.Apply sends the changes.
type Parameter struct {
	Name                 string
	Value                string          // "" when the engine's own default applies
	DataType             string          // integer, float, boolean, string, list
	AllowedValues        string          // "1024-1073741824", "ON,OFF", ...; "" allows anything of the type
	Source               ParameterSource // ParameterSourceUser, ParameterSourceEngineDefault, ParameterSourceSystem
	ApplyType            string          // static or dynamic
	IsModifiable         bool
	MinimumEngineVersion string
	Description          string
	ApplyMethod          string // immediate or pending-reboot, for a value a user set

	changed bool
	was     string // Value before the first change not yet applied
}

// String returns "Parameter:<name>", as boto prints parameters.
func (p *Parameter) String() string {
	if p == nil {
		return "Parameter:<nil>"
	}
	return "Parameter:" + p.Name
}

// errNoParameter is what the methods of a nil *Parameter return, such as
// the one ParameterGroup.Parameter answers for a name the group lacks.
func errNoParameter(value string) error {
	return goboto.Invalid("Parameter", value, "is nil: the parameter group has no such parameter (check ParameterGroup.Parameter's ok)")
}

func parameterFromV2(x types.Parameter) *Parameter {
	return &Parameter{
		Name:                 aws.ToString(x.ParameterName),
		Value:                aws.ToString(x.ParameterValue),
		DataType:             aws.ToString(x.DataType),
		AllowedValues:        aws.ToString(x.AllowedValues),
		Source:               ParameterSource(aws.ToString(x.Source)),
		ApplyType:            aws.ToString(x.ApplyType),
		IsModifiable:         aws.ToBool(x.IsModifiable),
		MinimumEngineVersion: aws.ToString(x.MinimumEngineVersion),
		Description:          aws.ToString(x.Description),
		ApplyMethod:          string(x.ApplyMethod),
	}
}

// Changed reports whether Set changed the value since it was loaded or
// last applied.
func (p *Parameter) Changed() bool { return p != nil && p.changed }

// IsFormula reports whether value is one of RDS's formulas, which the
// engine works out per instance: "{DBInstanceClassMemory*3/4}",
// "GREATEST({DBInstanceClassMemory/9531392},5000)". A formula has at
// least one pair of braces, every brace closed in order and none empty,
// or is a call of one of RDS's functions (GREATEST, LEAST, SUM, IF).
// goboto sends formulas as they are and leaves their checking to RDS;
// boto 2 crashed on them.
func IsFormula(value string) bool {
	for _, fn := range []string{"GREATEST(", "LEAST(", "SUM(", "IF("} {
		if strings.HasPrefix(value, fn) && strings.HasSuffix(value, ")") {
			return true
		}
	}
	depth, pairs := 0, 0
	for i := 0; i < len(value); i++ {
		switch value[i] {
		case '{':
			if i+1 < len(value) && value[i+1] == '}' {
				return false // "{}" names nothing to work out
			}
			depth++
		case '}':
			if depth == 0 {
				return false
			}
			depth--
			pairs++
		}
	}
	return depth == 0 && pairs > 0
}

// takesFormulas reports whether a parameter of dataType may hold a
// formula: RDS's formulas work out numbers and booleans. A string or
// list value with braces is only text, checked as such.
func takesFormulas(dataType string) bool {
	return !strings.EqualFold(dataType, "string") && !strings.EqualFold(dataType, "list")
}

// Check reports why value cannot be the parameter's value, as a
// *goboto.ValidationError naming the parameter, the value and the rule:
//
//	max_allowed_packet: -5 out of range 1024-1073741824
//
// It refuses a parameter that is not modifiable, an empty value (Reset
// returns a parameter to its default), a value not of the data type, and
// one outside the allowed values. Formulas pass unchecked (IsFormula) for
// every data type but string and list, whose values are plain text.
// It returns nil for a value Set would take.
func (p *Parameter) Check(value string) error {
	if p == nil {
		return errNoParameter(value)
	}
	if !p.IsModifiable {
		return goboto.Invalid(p.Name, value, "not allowed: the parameter is not modifiable")
	}
	if value == "" {
		return goboto.Invalid(p.Name, "", "needs a value; ParameterGroup.Reset restores the default")
	}
	if IsFormula(value) && takesFormulas(p.DataType) {
		return nil
	}
	allowed, err := ParseAllowedValues(p.DataType, p.AllowedValues)
	if err != nil {
		// RDS described allowed values goboto cannot read; RDS will
		// judge the value itself rather than goboto refusing it on a
		// guess. The data type still applies.
		allowed, _ = ParseAllowedValues(p.DataType, "")
	}
	if rule := allowed.Check(value); rule != "" {
		return goboto.Invalid(p.Name, value, rule)
	}
	return nil
}

// Set checks value (see Check) and makes it the parameter's value, to be
// sent by ParameterGroup.Apply. Nothing is sent. Setting the value the
// parameter already has changes nothing, and setting it back to the value
// it had before undoes the change.
func (p *Parameter) Set(value string) error {
	if p == nil {
		return errNoParameter(value)
	}
	if err := p.Check(value); err != nil {
		return err
	}
	if !p.changed {
		p.was = p.Value
	}
	p.Value = value
	p.changed = value != p.was
	return nil
}
