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
	Value                string // "" when the engine's own default applies
	DataType             string // integer, float, boolean, string, list
	AllowedValues        string // "1024-1073741824", "ON,OFF", ...; "" allows anything of the type
	Source               string // user, engine-default, system
	ApplyType            string // static or dynamic
	IsModifiable         bool
	MinimumEngineVersion string
	Description          string
	ApplyMethod          string // immediate or pending-reboot, for a value a user set

	changed bool
}

// String returns "Parameter:<name>", as boto prints parameters.
func (p *Parameter) String() string { return "Parameter:" + p.Name }

func parameterFromV2(x types.Parameter) *Parameter {
	return &Parameter{
		Name:                 aws.ToString(x.ParameterName),
		Value:                aws.ToString(x.ParameterValue),
		DataType:             aws.ToString(x.DataType),
		AllowedValues:        aws.ToString(x.AllowedValues),
		Source:               aws.ToString(x.Source),
		ApplyType:            aws.ToString(x.ApplyType),
		IsModifiable:         aws.ToBool(x.IsModifiable),
		MinimumEngineVersion: aws.ToString(x.MinimumEngineVersion),
		Description:          aws.ToString(x.Description),
		ApplyMethod:          string(x.ApplyMethod),
	}
}

// Changed reports whether Set changed the value since it was loaded or
// last applied.
func (p *Parameter) Changed() bool { return p.changed }

// IsFormula reports whether value is one of RDS's formulas, which the
// engine works out per instance: "{DBInstanceClassMemory*3/4}",
// "GREATEST({DBInstanceClassMemory/9531392},5000)". goboto sends them
// as they are and leaves their checking to RDS; boto 2 crashed on them.
func IsFormula(value string) bool {
	return strings.Contains(value, "{") && strings.Contains(value, "}")
}

// Check reports why value cannot be the parameter's value, as a
// *goboto.ValidationError naming the parameter, the value and the rule:
//
//	max_allowed_packet: -5 out of range 1024-1073741824
//
// It refuses a parameter that is not modifiable, an empty value (Reset
// returns a parameter to its default), a value not of the data type, and
// one outside the allowed values. Formulas pass unchecked (IsFormula).
// It returns nil for a value Set would take.
func (p *Parameter) Check(value string) error {
	if !p.IsModifiable {
		return goboto.Invalid(p.Name, value, "not allowed: the parameter is not modifiable")
	}
	if value == "" {
		return goboto.Invalid(p.Name, "", "needs a value; ParameterGroup.Reset restores the default")
	}
	if IsFormula(value) {
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
// parameter already has changes nothing.
func (p *Parameter) Set(value string) error {
	if err := p.Check(value); err != nil {
		return err
	}
	if value != p.Value {
		p.Value = value
		p.changed = true
	}
	return nil
}
