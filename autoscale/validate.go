package autoscale

import (
	"strings"
	"unicode/utf8"

	"github.com/goboto/goboto"
)

// checkName checks the name of a group, launch configuration, policy,
// scheduled action or lifecycle hook as AutoScaling does: 1-255
// characters (the model's XmlStringMaxLen255) and, for the names that
// may also be given as ARNs, no colon ("ResourceName" patterns; AWS
// answers ValidationError for "AutoScalingGroupName cannot contain a
// colon"). field is the API member the name travels in.
func checkName(field, name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return goboto.Invalid(field, name, "is empty")
	case n > 255:
		return goboto.Invalid(field, name, "is longer than 255 characters")
	case strings.Contains(name, ":"):
		return goboto.Invalid(field, name, "contains a colon, which AutoScaling keeps for ARNs")
	}
	return nil
}
