package ec2

import (
	"context"
	"iter"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Kinds of zone (Zone.Type).
const (
	AvailabilityZone = "availability-zone"
	LocalZone        = "local-zone"
	WavelengthZone   = "wavelength-zone"
)

// Zone is a handle on a zone of the connection's region: an Availability
// Zone, a Local Zone or a Wavelength Zone, as boto's Zone. Conn.Zone makes
// one without I/O; Refresh and Conn.Zones fill in the rest.
type Zone struct {
	conn *Conn

	Name               string   // "us-east-1a"
	ID                 string   // "use1-az1", the same physical zone in every account
	Region             string   // "us-east-1"
	State              string   // "available", "information", "impaired", "unavailable", "constrained"
	OptInStatus        string   // OptInNotRequired, OptedIn or NotOptedIn
	Type               string   // AvailabilityZone, LocalZone or WavelengthZone
	GroupName          string   // "us-east-1-zg-1"; for a Local Zone its zone group
	NetworkBorderGroup string   // where public IPs of the zone are advertised from
	Messages           []string // EC2's notes on the zone's state
}

// Zone returns a handle on the zone called name in the connection's
// region. It sends no request; Refresh reads the zone.
func (c *Conn) Zone(name string) *Zone { return &Zone{conn: c, Name: name, Region: c.region} }

// Conn returns the connection the zone belongs to.
func (z *Zone) Conn() *Conn { return z.conn }

// String returns "Zone:<name>", as boto prints zones.
func (z *Zone) String() string { return "Zone:" + z.Name }

// Zones lists the zones of the connection's region that f matches:
// without AllZones, those the account may use (EC2 leaves out zones that
// need an opt-in the account has not given). It calls
// DescribeAvailabilityZones, which answers in one page; the iterator
// makes the call when the loop starts. It takes AllZones.
//
// Filters include zone-name, zone-id, zone-type, state, opt-in-status,
// group-name and network-border-group.
func (c *Conn) Zones(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Zone, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeAvailabilityZones", all: true}, opts)
	if err != nil {
		return fail[*Zone](err)
	}
	return func(yield func(*Zone, error) bool) {
		in := &ec2.DescribeAvailabilityZonesInput{Filters: f.v2()}
		if o.All {
			in.AllAvailabilityZones = aws.Bool(true)
		}
		out, err := client.DescribeAvailabilityZones(ctx, in)
		if err != nil {
			yield(nil, core.Error(err))
			return
		}
		for _, v := range out.AvailabilityZones {
			z := &Zone{conn: c}
			z.set(v)
			if !yield(z, nil) {
				return
			}
		}
	}
}

// Refresh reads the zone again by name (DescribeAvailabilityZones,
// filtered by zone-name, with AllAvailabilityZones so that a zone the
// account has not opted in to is described too). A name that is not a
// zone of the connection's region is refused with a
// *goboto.ValidationError before sending. A zone EC2 does not list fails
// with InvalidZone.NotFound, EC2's code for a zone that does not exist or
// is not available to the account, for which goboto.IsNotFound is true.
// (Asked for by ZoneName.1, EC2 would answer InvalidParameterValue.)
func (z *Zone) Refresh(ctx context.Context) error {
	if err := validZoneName(z.conn.Region(), z.Name); err != nil {
		return err
	}
	client, err := z.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{
		Filters: Filter{"zone-name": {z.Name}}.v2(), AllAvailabilityZones: aws.Bool(true)})
	if err != nil {
		return core.Error(err)
	}
	i := slices.IndexFunc(out.AvailabilityZones, func(v types.AvailabilityZone) bool {
		return aws.ToString(v.ZoneName) == z.Name
	})
	if i < 0 {
		return core.NotFound(out.ResultMetadata, "EC2", "DescribeAvailabilityZones", "InvalidZone.NotFound",
			"The zone '"+z.Name+"' does not exist or is not available to the account")
	}
	z.set(out.AvailabilityZones[i])
	return nil
}

// set copies v's fields into z.
func (z *Zone) set(v types.AvailabilityZone) {
	*z = Zone{conn: z.conn,
		Name:               aws.ToString(v.ZoneName),
		ID:                 aws.ToString(v.ZoneId),
		Region:             aws.ToString(v.RegionName),
		State:              string(v.State),
		OptInStatus:        string(v.OptInStatus),
		Type:               aws.ToString(v.ZoneType),
		GroupName:          aws.ToString(v.GroupName),
		NetworkBorderGroup: aws.ToString(v.NetworkBorderGroup),
	}
	for _, m := range v.Messages {
		z.Messages = append(z.Messages, aws.ToString(m.Message))
	}
}

// validZoneName refuses an empty zone name and one that is not shaped like
// a zone of region (see validZone).
func validZoneName(region, name string) error {
	if name == "" {
		return goboto.Invalid("ZoneName", "", "is required")
	}
	return validZone("ZoneName", region, name)
}
