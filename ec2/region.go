package ec2

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/regions"
)

// EC2's opt-in states of a region.
const (
	OptInNotRequired = "opt-in-not-required" // enabled for every account
	OptedIn          = "opted-in"            // enabled because the account opted in
	NotOptedIn       = "not-opted-in"        // disabled for the account
)

// Regions lists the regions of the connection's partition that are
// enabled for the account, or with AllRegions every region, enabled or
// not, each as a RegionInfo handle with its EC2 endpoint and opt-in
// status, sorted by name (DescribeRegions, one page; the call is made
// when the loop starts). It takes AllRegions.
func (c *Conn) Regions(ctx context.Context, opts ...ListOption) iter.Seq2[*RegionInfo, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeRegions", all: true}, opts)
	if err != nil {
		return fail[*RegionInfo](err)
	}
	return func(yield func(*RegionInfo, error) bool) {
		out, err := client.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(o.All)})
		if err != nil {
			yield(nil, core.Error(err))
			return
		}
		rs := make([]*RegionInfo, 0, len(out.Regions))
		for _, r := range out.Regions {
			if name := aws.ToString(r.RegionName); name != "" {
				rs = append(rs, &RegionInfo{conn: c, Name: name, Endpoint: aws.ToString(r.Endpoint), OptInStatus: aws.ToString(r.OptInStatus)})
			}
		}
		slices.SortFunc(rs, func(a, b *RegionInfo) int { return strings.Compare(a.Name, b.Name) })
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// RefreshCatalog replaces cat's EC2 regions for the connection's partition
// with the regions enabled for the account (opt-in-not-required or
// opted-in), as EC2 reports them now. cat is left unchanged when the call
// fails or EC2 reports no enabled region. It calls DescribeRegions.
func (c *Conn) RefreshCatalog(ctx context.Context, cat *regions.Catalog) error {
	if cat == nil {
		return goboto.Invalid("Catalog", "", "must not be nil")
	}
	rs, err := c.describeRegions(ctx, cat)
	if err != nil {
		return err
	}
	// AllRegions=false already leaves out disabled regions; the filter
	// keeps a disabled one out even if an emulator sends it anyway.
	rs = slices.DeleteFunc(rs, func(r regions.Region) bool { return r.OptInStatus == NotOptedIn })
	if len(rs) == 0 {
		return errors.New("ec2: DescribeRegions reported no enabled region; catalog left unchanged")
	}
	partition, ok := cat.PartitionOf(c.region)
	if !ok {
		partition = rs[0].Partition
	}
	rs = slices.DeleteFunc(rs, func(r regions.Region) bool { return r.Partition != "" && r.Partition != partition })
	cat.Update(regions.EC2, partition, rs)
	return nil
}

// describeRegions reads the enabled regions as the catalog's values.
func (c *Conn) describeRegions(ctx context.Context, cat *regions.Catalog) ([]regions.Region, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(false)})
	if err != nil {
		return nil, core.Error(err)
	}
	rs := make([]regions.Region, 0, len(out.Regions))
	for _, r := range out.Regions {
		name := aws.ToString(r.RegionName)
		if name == "" {
			continue
		}
		reg := regions.Region{
			Name:        name,
			Hostname:    aws.ToString(r.Endpoint),
			OptInStatus: aws.ToString(r.OptInStatus),
		}
		reg.Partition, _ = cat.PartitionOf(name)
		if known, ok := cat.Lookup(regions.EC2, name); ok {
			reg.Description = known.Description
		}
		rs = append(rs, reg)
	}
	slices.SortFunc(rs, func(a, b regions.Region) int { return strings.Compare(a.Name, b.Name) })
	return rs, nil
}
