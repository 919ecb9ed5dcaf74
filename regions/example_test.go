package regions_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
)

func ExampleCatalog_Regions() {
	cat := regions.NewCatalog()
	for _, r := range cat.Regions(regions.SDB, "aws") {
		fmt.Printf("%-15s %-26s %s\n", r.Name, r.Description, r.Hostname)
	}
	// Output:
	// ap-northeast-1  Asia Pacific (Tokyo)       sdb.ap-northeast-1.amazonaws.com
	// ap-southeast-1  Asia Pacific (Singapore)   sdb.ap-southeast-1.amazonaws.com
	// ap-southeast-2  Asia Pacific (Sydney)      sdb.ap-southeast-2.amazonaws.com
	// eu-west-1       Europe (Ireland)           sdb.eu-west-1.amazonaws.com
	// sa-east-1       South America (Sao Paulo)  sdb.sa-east-1.amazonaws.com
	// us-east-1       US East (N. Virginia)      sdb.amazonaws.com
	// us-west-1       US West (N. California)    sdb.us-west-1.amazonaws.com
	// us-west-2       US West (Oregon)           sdb.us-west-2.amazonaws.com
}

func ExampleCatalog_Lookup() {
	cat := regions.NewCatalog()
	r, _ := cat.Lookup(regions.EC2, "cn-north-1")
	fmt.Println(r.Partition, r.Hostname)

	// CloudFront is global: every region reaches one endpoint, signed for us-east-1.
	cf, _ := cat.Lookup(regions.CloudFront, "eu-west-1")
	fmt.Println(cf.Global(), cf.Endpoint, cf.Hostname, cf.Name)

	_, ok := cat.Lookup(regions.SDB, "eu-central-1")
	fmt.Println("SimpleDB in Frankfurt:", ok)
	// Output:
	// aws-cn ec2.cn-north-1.amazonaws.com.cn
	// true aws-global cloudfront.amazonaws.com us-east-1
	// SimpleDB in Frankfurt: false
}

func ExampleCatalog_PartitionOf() {
	cat := regions.NewCatalog()
	for _, region := range []string{"us-gov-west-1", "cn-northwest-1", "ap-southeast-9"} {
		p, _ := cat.PartitionOf(region)
		info, _ := cat.Partition(p)
		fmt.Println(region, p, info.DNSSuffix)
	}
	// Output:
	// us-gov-west-1 aws-us-gov amazonaws.com
	// cn-northwest-1 aws-cn amazonaws.com.cn
	// ap-southeast-9 aws amazonaws.com
}

func ExampleCatalog_Update() {
	cat := regions.NewCatalog()
	// What ec2.Conn.RefreshCatalog does with DescribeRegions' answer.
	cat.Update(regions.EC2, "aws", []regions.Region{
		{Name: "us-east-1", OptInStatus: "opt-in-not-required"},
		{Name: "ap-east-1", OptInStatus: "opted-in"},
	})
	for _, r := range cat.Regions(regions.EC2, "aws") {
		fmt.Println(r.Name, r.Hostname, r.OptInStatus)
	}
	// Output:
	// ap-east-1 ec2.ap-east-1.amazonaws.com opted-in
	// us-east-1 ec2.us-east-1.amazonaws.com opt-in-not-required
}

// domainConn stands in for a service connection such as *sdb.Conn.
type domainConn struct{ region string }

func (c *domainConn) ListDomains(ctx context.Context) ([]string, error) {
	if c.region == "sa-east-1" {
		return nil, &goboto.APIError{Service: "SimpleDB", Operation: "ListDomains", Code: "ServiceUnavailable", StatusCode: 503}
	}
	return []string{c.region + "/users"}, nil
}

func ExampleMap() {
	cfg := aws.Config{Region: "us-east-1"} // e.g. from config.LoadDefaultConfig
	set, err := regions.NewServiceSet(cfg, regions.SDB, func(cfg aws.Config) *domainConn {
		return &domainConn{region: cfg.Region}
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// All eight SimpleDB regions are asked at once.
	domains := regions.Map(context.Background(), set, func(ctx context.Context, region string, c *domainConn) ([]string, error) {
		return c.ListDomains(ctx)
	})
	for _, d := range regions.Flatten(domains) {
		fmt.Println(d)
	}
	// One region failing does not hide the others.
	var re *regions.RegionError
	if errors.As(domains.Err(), &re) {
		fmt.Println("failed:", re)
	}
	// Output:
	// ap-northeast-1/users
	// ap-southeast-1/users
	// ap-southeast-2/users
	// eu-west-1/users
	// us-east-1/users
	// us-west-1/users
	// us-west-2/users
	// failed: sa-east-1: SimpleDB ListDomains: ServiceUnavailable (status 503)
}

func ExampleServiceSet_Do() {
	set, _ := regions.NewServiceSet(aws.Config{}, regions.SDB,
		func(cfg aws.Config) *domainConn { return &domainConn{region: cfg.Region} },
		regions.WithRegions("us-east-1", "eu-west-1"), regions.WithConcurrency(2))
	err := set.Do(context.Background(), func(ctx context.Context, region string, c *domainConn) error {
		_, err := c.ListDomains(ctx)
		return err
	})
	fmt.Println(err, set.Regions())
	// Output:
	// <nil> [us-east-1 eu-west-1]
}

func ExampleResults() {
	rs := regions.Results[int]{
		{Region: "us-east-1", Value: 3},
		{Region: "eu-west-1", Err: errors.New("AccessDenied")},
		{Region: "us-west-2", Value: 5},
	}
	fmt.Println(rs.Values(), len(rs.Failed()), rs.Err())
	// Output:
	// [3 5] 1 eu-west-1: AccessDenied
}
