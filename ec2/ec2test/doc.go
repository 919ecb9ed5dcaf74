// Package ec2test is an in-process fake of Amazon EC2 for tests, built on
// goboto's shared fake machinery: it checks SigV4 (and, for old clients,
// SigV2) signatures against the fake's test accounts, records every call,
// and can be told to fail with Faults.
//
//	srv := ec2test.Start(t)
//	conn := ec2.New(srv.Config())
//	regions, err := conn.Regions(ctx, true)
//
// It answers DescribeRegions and DescribeAvailabilityZones in EC2's own
// XML, with RegionName.N, ZoneName.N, ZoneId.N, AllRegions,
// AllAvailabilityZones, DryRun and the Filter.N parameters those operations
// document. Any other action is refused with InvalidAction, as EC2 refuses
// an action it does not know.
//
// # Differences from EC2
//
//   - The region list is the same for every account and every region of the
//     server, and opting in is done with SetRegions, not through the
//     Account Management API.
//   - Unless SetZones says otherwise, every region has three available zones,
//     <region>a to <region>c, with zone IDs derived from the region name
//     (use1-az1 for us-east-1a); real zone IDs map to names per account.
//   - An unknown filter name, a filter without values, or an unknown region
//     or zone name is answered with InvalidParameterValue; EC2's wording of
//     these messages may differ.
//   - Filter values accept EC2's * and ? wildcards, on every filter.
package ec2test
