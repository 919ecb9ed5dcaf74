package ec2test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// tagSpecTypes returns the resource types whose TagSpecification.N the fake
// applies for action; nil when the action applies none.
func tagSpecTypes(action string) []string {
	switch action {
	case "RunInstances":
		return []string{"instance", "volume"}
	case "CreateVolume":
		return []string{"volume"}
	case "CreateSnapshot", "CopySnapshot":
		return []string{"snapshot"}
	case "RegisterImage", "CreateImage":
		return []string{"image"}
	case "AllocateAddress":
		return []string{"elastic-ip"}
	case "CreateKeyPair", "ImportKeyPair":
		return []string{"key-pair"}
	case "CreateSecurityGroup":
		return []string{"security-group"}
	case "CreateVpc":
		return []string{"vpc"}
	case "CreateSubnet":
		return []string{"subnet"}
	case "CreateInternetGateway":
		return []string{"internet-gateway"}
	case "CreateRouteTable":
		return []string{"route-table"}
	case "CreateLaunchTemplate":
		return []string{"launch-template"}
	}
	return nil
}

// checkTagSpecs refuses, before anything changes, a TagSpecification.N the
// fake would not apply: a resource type the action does not tag in the
// fake (CreateImage's snapshots, RunInstances' network interfaces, any
// TagSpecification on an action that takes none here), or one without a
// type. Tags asked for must be applied or refused, never dropped.
func checkTagSpecs(r *fake.Request) error {
	specs := structs(r.Params, "TagSpecification")
	if len(specs) == 0 {
		return nil
	}
	allowed := tagSpecTypes(r.Operation)
	for _, spec := range specs {
		typ := spec.Get("ResourceType")
		switch {
		case typ == "":
			return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Sender: true,
				Message: "Tag specification resource type must have a value"}
		case !slices.Contains(allowed, typ):
			return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameter", Sender: true,
				Message: fmt.Sprintf("TagSpecification with resource type '%s' is not supported by ec2test for %s (it tags %s).",
					typ, r.Operation, orNothing(allowed))}
		}
		for _, t := range structs(spec, "Tag") {
			// AWS services tag what they launch with aws: keys
			// (aws:autoscaling:groupName); users may not.
			if !r.Internal && strings.HasPrefix(strings.ToLower(t.Get("Key")), "aws:") {
				return invalidValue("Tag keys starting with 'aws:' are reserved for internal use")
			}
		}
	}
	return nil
}

func orNothing(types []string) string {
	if len(types) == 0 {
		return "nothing"
	}
	return strings.Join(types, ", ")
}
