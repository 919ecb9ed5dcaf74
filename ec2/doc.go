// Package ec2 is goboto's Amazon EC2 connection. For now it covers what the
// regions package needs from EC2: the live list of regions
// (DescribeRegions), which keeps a regions.Catalog current as AWS opens
// regions and accounts opt in to them. Everything else is reachable through
// Client, the underlying aws-sdk-go-v2 client.
//
//	conn := ec2.New(cfg)
//	cat := regions.NewCatalog()
//	if err := conn.RefreshCatalog(ctx, cat); err != nil { ... }
//	set, err := regions.NewServiceSet(cfg, regions.EC2, ec2.NewConn, regions.WithCatalog(cat))
//
// The package regions never imports this one, so programs that only use
// the catalog or a ServiceSet of another service do not compile EC2's
// large client.
//
// # Errors
//
// Errors that EC2 answers come back as *goboto.APIError with Service "EC2",
// the operation, EC2's code (e.g. "UnauthorizedOperation"), the message,
// the request ID and the HTTP status. Match them with errors.As,
// goboto.IsNotFound or goboto.IsThrottled.
//
// # Retrying
//
// Calls retry under goboto's shared policy (see package goboto): EC2's
// RequestLimitExceeded counts as throttling and is retried with backoff, up
// to the attempts set by goboto.WithRetry.
//
// # Testing
//
// Package ec2test is an in-process fake of EC2 to run code against.
package ec2
