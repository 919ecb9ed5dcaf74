package ec2

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/core"
)

// Reservation is one launch request's instances, as RunInstances or
// DescribeInstances reports them: boto's Reservation.
type Reservation struct {
	conn *Conn

	ID          string
	OwnerID     string
	RequesterID string // the service that launched the instances for the owner, if any
	Groups      []GroupRef
	Instances   []*Instance
}

// Conn returns the connection the reservation belongs to.
func (r *Reservation) Conn() *Conn { return r.conn }

// String returns "Reservation:<id>", as boto prints reservations.
func (r *Reservation) String() string { return "Reservation:" + r.ID }

func (c *Conn) reservationFromV2(v types.Reservation) *Reservation {
	r := &Reservation{conn: c,
		ID:          aws.ToString(v.ReservationId),
		OwnerID:     aws.ToString(v.OwnerId),
		RequesterID: aws.ToString(v.RequesterId),
		Groups:      groupRefs(v.Groups),
	}
	for _, inst := range v.Instances {
		r.Instances = append(r.Instances, c.instanceFromV2(inst, r.ID))
	}
	return r
}

func groupRefs(gs []types.GroupIdentifier) []GroupRef {
	var out []GroupRef
	for _, g := range gs {
		out = append(out, GroupRef{ID: aws.ToString(g.GroupId), Name: aws.ToString(g.GroupName)})
	}
	return out
}

// Reservations lists the reservations holding instances that match f,
// every reservation when f is empty (DescribeInstances), each with its
// matching instances. Pages are fetched as the loop needs them, following
// NextToken (PageSize, 5-1000, sets the page size, counted in
// instances); breaking out of the loop stops fetching. An error is
// yielded once, last.
func (c *Conn) Reservations(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Reservation, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeInstances", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*Reservation](err)
	}
	return func(yield func(*Reservation, error) bool) {
		p := ec2.NewDescribeInstancesPaginator(client, &ec2.DescribeInstancesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeInstancesOutput) []types.Reservation { return o.Reservations },
			c.reservationFromV2)
	}
}

// Refresh reads the reservation's instances again (DescribeInstances,
// filtered by reservation-id), replacing r.Instances. A reservation EC2
// no longer lists (its instances terminated long ago) fails with an
// error for which goboto.IsNotFound is true.
func (r *Reservation) Refresh(ctx context.Context) error {
	if err := validID("ReservationId", "r", r.ID); err != nil {
		return err
	}
	client, err := r.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeInstances(ctx, &ec2.DescribeInstancesInput{
		Filters: Filter{"reservation-id": {r.ID}}.v2(),
	})
	if err != nil {
		return core.Error(err)
	}
	for _, v := range out.Reservations {
		if aws.ToString(v.ReservationId) == r.ID {
			*r = *r.conn.reservationFromV2(v)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeInstances", "InvalidReservationID.NotFound", "reservation", r.ID)
}

// Reservation returns a handle on the reservation id. It sends nothing;
// Refresh reads its instances.
func (c *Conn) Reservation(id string) *Reservation { return &Reservation{conn: c, ID: id} }
