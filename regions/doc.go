// Package regions knows where goboto's services are offered, and runs one
// function in every region of a service at once.
//
// # Catalog
//
// A Catalog lists, for EC2, S3, SimpleDB, SQS, RDS, CloudFront, CloudWatch
// and Auto Scaling, the regions of each AWS partition where the service has
// an endpoint, with the endpoint's hostname and the region's description.
// Its data is generated from endpoints.json, the endpoint model the AWS
// SDKs share (go generate; see catalog_gen.go), so it needs no network. New regions
// appear in EC2's DescribeRegions before they reach a release of this
// package; ec2.Conn.RefreshCatalog feeds them into a Catalog with Update.
// Package regions itself imports no service client.
//
// # ServiceSet
//
// A ServiceSet holds one connection per region of a service, in the spirit
// of boto's ServiceSet, and Map runs a function against all of them:
//
//	set, err := regions.NewServiceSet(cfg, regions.SDB, func(c aws.Config) *sdb.Conn { return sdb.New(c) })
//	domains := regions.Map(ctx, set, func(ctx context.Context, region string, db *sdb.Conn) ([]*sdb.Domain, error) {
//		return goboto.Collect(db.Domains(ctx))
//	})
//	all := regions.Flatten(domains)   // the domains of every region that answered
//	err = domains.Err()               // why the others did not
//
// boto's original visited the regions one after another and turned every
// error into None. Map visits them concurrently, so a call takes about as
// long as the slowest region, and it keeps each region's answer and error
// side by side: one region failing never hides another region's result.
//
// # Errors
//
// Results.Err joins one *RegionError per failed region; errors.As finds the
// region, and errors.Is and errors.As see through it to the cause (a
// *goboto.APIError, context.DeadlineExceeded, ...). A function that panics
// fails only its own region, with a *PanicError. Bad arguments to
// NewServiceSet come back as a *goboto.ValidationError before any
// connection is built.
package regions

//go:generate go run ./internal/gen/gencatalog -in ../../shared/aws-models/endpoints.json -out catalog_gen.go
