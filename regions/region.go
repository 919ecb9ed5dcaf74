package regions

// Endpoint prefixes of the services goboto covers, as endpoints.json and
// SigV4 signing name them.
const (
	EC2         = "ec2"
	S3          = "s3"
	SDB         = "sdb"
	SQS         = "sqs"
	RDS         = "rds"
	CloudFront  = "cloudfront"
	CloudWatch  = "monitoring"
	AutoScaling = "autoscaling"
)

// DefaultPartition is the partition assumed when no region says otherwise.
const DefaultPartition = "aws"

// Region is one region where a service is offered.
type Region struct {
	Name        string // "us-east-1"
	Partition   string // "aws", "aws-cn", "aws-us-gov", ...
	Description string // "US East (N. Virginia)"
	Hostname    string // the service's endpoint host there, e.g. "sdb.amazonaws.com"

	// Endpoint is set for a global service such as CloudFront: the
	// partition endpoint's key in endpoints.json ("aws-global"). Name is
	// then the region requests are signed for, and the service answers for
	// the whole partition from Hostname.
	Endpoint string

	// OptInStatus is EC2's answer for the account: "opt-in-not-required",
	// "opted-in" or "not-opted-in". The generated catalog leaves it empty.
	OptInStatus string
}

// Global reports whether r is a global service's single partition endpoint.
func (r Region) Global() bool { return r.Endpoint != "" }

// Partition describes one AWS partition.
type Partition struct {
	Name        string // "aws-cn"
	Description string // "AWS China"
	DNSSuffix   string // "amazonaws.com.cn"
	RegionRegex string // matches the partition's region names, known or future
}
