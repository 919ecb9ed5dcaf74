package ec2

import (
	"context"
	"errors"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// RegionInfo is a handle on an EC2 region, as boto's RegionInfo: its name,
// EC2 endpoint and the account's opt-in status, and Connect for a
// connection to it. Conn.RegionInfo makes one without I/O; Refresh fills
// in the rest. (Conn.Regions lists regions as the catalog's
// regions.Region values.)
type RegionInfo struct {
	conn *Conn

	Name        string // "eu-west-1"
	Endpoint    string // "ec2.eu-west-1.amazonaws.com"
	OptInStatus string // OptInNotRequired, OptedIn or NotOptedIn
}

// RegionInfo returns a handle on the region called name, described
// through c. It sends no request; Refresh reads the region.
func (c *Conn) RegionInfo(name string) *RegionInfo { return &RegionInfo{conn: c, Name: name} }

// Conn returns the connection the handle describes the region through.
func (r *RegionInfo) Conn() *Conn { return r.conn }

// String returns "RegionInfo:<name>", as boto prints regions.
func (r *RegionInfo) String() string { return "RegionInfo:" + r.Name }

// Refresh reads the region's endpoint and opt-in status again
// (DescribeRegions with RegionName.1 and AllRegions, so a region the
// account has not opted in to is described too). A name not shaped like
// a region name is refused with a *goboto.ValidationError before sending.
// EC2 answers a region it does not know with InvalidParameterValue
// ("Invalid region: [xx-east-9]"), not with a NotFound code, so
// goboto.IsNotFound reports false for it; Refresh returns that
// *goboto.APIError as EC2 sent it, and reports the same code when EC2's
// answer lacks the region.
func (r *RegionInfo) Refresh(ctx context.Context) error {
	if err := validRegion(r.Name); err != nil {
		return err
	}
	client, err := r.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeRegions(ctx, &ec2.DescribeRegionsInput{
		RegionNames: []string{r.Name}, AllRegions: aws.Bool(true)})
	if err != nil {
		return core.Error(err)
	}
	i := slices.IndexFunc(out.Regions, func(v types.Region) bool { return aws.ToString(v.RegionName) == r.Name })
	if i < 0 {
		return core.NotFound(out.ResultMetadata, "EC2", "DescribeRegions", "InvalidParameterValue", "Invalid region: ["+r.Name+"]")
	}
	v := out.Regions[i]
	r.Endpoint = aws.ToString(v.Endpoint)
	r.OptInStatus = aws.ToString(v.OptInStatus)
	return nil
}

// Connect returns a connection to the region, as boto's
// RegionInfo.connect: the same client options as the connection the
// handle came from (credentials, retry policy, endpoint override, logging,
// middleware) with the region changed; the endpoint is resolved for the
// region as for any connection, not taken from Endpoint. For the handle's
// own connection's region it returns that connection. It sends no
// request; a name not shaped like a region name is refused with a
// *goboto.ValidationError. Calls to a region the account has not opted in
// to fail with EC2's error.
func (r *RegionInfo) Connect() (*Conn, error) {
	if err := validRegion(r.Name); err != nil {
		return nil, err
	}
	if _, err := r.conn.api(); err != nil {
		return nil, err
	}
	if r.Name == r.conn.region {
		return r.conn, nil
	}
	return r.conn.inRegion(r.Name), nil
}

// validRegion is validRegionName reporting the field as RegionName.
func validRegion(name string) error {
	err := validRegionName(name)
	if ve, ok := errors.AsType[*goboto.ValidationError](err); ok {
		return goboto.Invalid("RegionName", ve.Value, ve.Rule)
	}
	return err
}
