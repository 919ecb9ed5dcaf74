// Package asec2 joins goboto's autoscale and ec2 packages: a group's
// instances as ec2 handles (Instances) and a launch template check for
// CreateGroup that asks EC2 whether a version exists (Templates).
// It is a package of its own so that importing autoscale does not
// compile the EC2 client, which is large: only programs that import
// asec2 do.
//
//	g, err := as.CreateGroup(ctx, autoscale.GroupOptions{
//		Name:           "web",
//		LaunchTemplate: &autoscale.LaunchTemplate{Name: "web", Version: "3"},
//		Templates:      asec2.Templates(ec2conn), // version 3 must exist
//		Subnets:        subnets, Min: 0, Max: 4, Desired: new(2),
//	})
//	...
//	for inst, err := range asec2.Instances(ctx, g, ec2conn) {
//		// inst is an *ec2.Instance: its state, addresses, tags.
//	}
package asec2
