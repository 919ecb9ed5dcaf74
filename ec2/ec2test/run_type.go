package ec2test

import (
	"strconv"

	"github.com/goboto/goboto/ec2/internal/instancetypes"
)

// launchType looks name up in the instance-type catalog the client checks
// against too (EC2's default, m1.small, when empty) and checks that it
// runs img's architecture.
//
// EC2 API Reference, RunInstances, InstanceType; EC2 answers an unknown
// type with InvalidParameterValue ("Invalid value '...' for
// InstanceType.") and a type whose architecture is not the image's with
// InvalidParameterValue naming both architectures (EC2 User Guide,
// "Troubleshoot launching instances": the instance type and the AMI must
// have matching architectures).
func launchType(name string, img *image) (instancetypes.Type, error) {
	if name == "" {
		name = instancetypes.Default
	}
	t, ok := instancetypes.Lookup(name)
	if !ok {
		return t, invalidValue("Invalid value '" + name + "' for InstanceType.")
	}
	if img != nil && !t.Supports(img.Architecture) {
		return t, invalidValue("The architecture '" + t.Architectures[len(t.Architectures)-1] +
			"' of the specified instance type does not match the architecture '" + img.Architecture +
			"' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.")
	}
	return t, nil
}

// checkEphemeral checks a mapping's VirtualName: "ephemeralN" where N
// counts from 0 below typ's instance-store disks (EC2 API Reference,
// BlockDeviceMapping, VirtualName: "An instance type with 2 available
// instance store volumes can specify mappings for ephemeral0 and
// ephemeral1"). EC2's error-code page gives InvalidBlockDeviceMapping for
// a mapping that is not valid.
func checkEphemeral(v string, typ instancetypes.Type) error {
	n, ok := instancetypes.EphemeralIndex(v)
	if !ok {
		return invalidValue("Value (" + v + ") for parameter virtualName is invalid.")
	}
	if n >= typ.Store.Disks {
		return ec2Error("InvalidBlockDeviceMapping", "The instance type %s has %d instance store volume(s); %s is not one of them (ephemeral0-ephemeral%d).",
			typ.Name, typ.Store.Disks, v, typ.Store.Disks-1)
	}
	return nil
}

// checkInstanceType answers ModifyInstanceAttribute's instanceType: a type
// of the catalog that runs the instance's architecture.
func checkInstanceType(name, arch string) error {
	t, ok := instancetypes.Lookup(name)
	if !ok {
		return invalidValue("Invalid value '" + name + "' for InstanceType.")
	}
	if !t.Supports(arch) {
		return invalidValue("The instance type " + name + " does not support the architecture " + strconv.Quote(arch) + " of the instance.")
	}
	return nil
}
