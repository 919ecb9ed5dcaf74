package ec2

import (
	"context"
	"encoding/base64"
	"iter"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SpotInstanceRequestState is a Spot Instance request's state, as EC2
// names it.
type SpotInstanceRequestState string

// Spot Instance request states. An active request is fulfilled: EC2 has
// launched its instance.
const (
	SpotInstanceRequestOpen      SpotInstanceRequestState = "open"
	SpotInstanceRequestActive    SpotInstanceRequestState = "active"
	SpotInstanceRequestClosed    SpotInstanceRequestState = "closed"
	SpotInstanceRequestCancelled SpotInstanceRequestState = "cancelled"
	SpotInstanceRequestFailed    SpotInstanceRequestState = "failed"
)

// SpotPrice is one entry of the Spot price history: the price of an
// instance type in a zone from Timestamp on.
type SpotPrice struct {
	InstanceType       string
	ProductDescription string
	Zone               string
	Price              float64 // per hour
	Timestamp          time.Time
}

// SpotPriceFilter narrows Conn.SpotPriceHistory. Empty fields do not
// narrow. With Start, the history includes the price in force at Start.
type SpotPriceFilter struct {
	InstanceTypes       []string
	ProductDescriptions []string // "Linux/UNIX", "Windows", ...
	Zone                string
	Start, End          time.Time
	Filter              Filter // further Filter.N, e.g. "spot-price"
}

// SpotPriceHistory lists Spot prices, newest first
// (DescribeSpotPriceHistory), fetching pages as the loop needs them
// (PageSize, 1-1000, sets their size); breaking out of the loop stops
// fetching. An error is yielded once, last.
func (c *Conn) SpotPriceHistory(ctx context.Context, f SpotPriceFilter, opts ...ListOption) iter.Seq2[SpotPrice, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSpotPriceHistory", lo: 1, hi: 1000}, opts)
	if err == nil {
		err = validZone("Zone", c.region, f.Zone)
	}
	if err == nil && !f.Start.IsZero() && !f.End.IsZero() && f.End.Before(f.Start) {
		err = goboto.Invalid("End", f.End.Format(time.RFC3339), "is before Start")
	}
	if err != nil {
		return fail[SpotPrice](err)
	}
	return func(yield func(SpotPrice, error) bool) {
		in := &ec2.DescribeSpotPriceHistoryInput{Filters: f.Filter.v2(), ProductDescriptions: f.ProductDescriptions,
			MaxResults: o.maxResults()}
		for _, t := range f.InstanceTypes {
			in.InstanceTypes = append(in.InstanceTypes, types.InstanceType(t))
		}
		if f.Zone != "" {
			in.AvailabilityZone = aws.String(f.Zone)
		}
		if !f.Start.IsZero() {
			in.StartTime = aws.Time(f.Start)
		}
		if !f.End.IsZero() {
			in.EndTime = aws.Time(f.End)
		}
		p := ec2.NewDescribeSpotPriceHistoryPaginator(client, in)
		each(ctx, yield, p, func(o *ec2.DescribeSpotPriceHistoryOutput) []types.SpotPrice { return o.SpotPriceHistory },
			spotPriceFromV2)
	}
}

// SpotLaunch is what a Spot request launches: the subset of RunOptions a
// LaunchSpecification carries.
type SpotLaunch struct {
	ImageID          string
	InstanceType     string
	Zone             string
	KeyName          string
	SecurityGroups   []string
	SecurityGroupIDs []string
	SubnetID         string
	UserData         []byte
}

// SpotOptions describe a RequestSpotInstances call.
type SpotOptions struct {
	// Price is the most to pay per instance-hour; 0 leaves it to EC2,
	// which caps it at the on-demand price.
	Price float64
	Count int    // instances, 1 when 0
	Type  string // "one-time" (the default) or "persistent"
	// ValidUntil ends an open request; zero leaves EC2's default (7 days).
	ValidUntil time.Time
	Launch     SpotLaunch
}

// SpotInstanceRequest is a handle on a Spot Instance request, a snapshot
// of it as EC2 last described it. Like Instance, a handle is not safe for
// concurrent use while a method updates it.
type SpotInstanceRequest struct {
	conn *Conn

	ID            string
	State         SpotInstanceRequestState
	StatusCode    string // pending-evaluation, fulfilled, price-too-low, ...
	StatusMessage string
	Price         float64
	Type          string
	InstanceID    string // the instance launched, once fulfilled
	Zone          string // where the instance was launched
	CreateTime    time.Time
	ValidUntil    time.Time
	Launch        SpotLaunch
	Tags          Tags
}

// SpotInstanceRequest returns a handle on the Spot request id. It does no
// I/O.
func (c *Conn) SpotInstanceRequest(id string) *SpotInstanceRequest {
	return &SpotInstanceRequest{conn: c, ID: id}
}

// String returns "SpotInstanceRequest:<id>", as boto prints them.
func (q *SpotInstanceRequest) String() string { return "SpotInstanceRequest:" + q.ID }

// Conn returns the connection the request belongs to.
func (q *SpotInstanceRequest) Conn() *Conn { return q.conn }

// Instance returns a handle on the instance the request launched, nil
// before it is fulfilled. It does no I/O.
func (q *SpotInstanceRequest) Instance() *Instance {
	if q.InstanceID == "" {
		return nil
	}
	return q.conn.Instance(q.InstanceID)
}

func (q *SpotInstanceRequest) set(x types.SpotInstanceRequest) {
	price, _ := strconv.ParseFloat(aws.ToString(x.SpotPrice), 64)
	*q = SpotInstanceRequest{conn: q.conn, ID: aws.ToString(x.SpotInstanceRequestId), State: SpotInstanceRequestState(x.State),
		Price: price, Type: string(x.Type), InstanceID: aws.ToString(x.InstanceId),
		Zone: aws.ToString(x.LaunchedAvailabilityZone), CreateTime: aws.ToTime(x.CreateTime),
		ValidUntil: aws.ToTime(x.ValidUntil), Tags: tagsFromV2(x.Tags)}
	if x.Status != nil {
		q.StatusCode, q.StatusMessage = aws.ToString(x.Status.Code), aws.ToString(x.Status.Message)
	}
	if l := x.LaunchSpecification; l != nil {
		q.Launch = SpotLaunch{ImageID: aws.ToString(l.ImageId), InstanceType: string(l.InstanceType),
			KeyName: aws.ToString(l.KeyName), SubnetID: aws.ToString(l.SubnetId)}
		if l.Placement != nil {
			q.Launch.Zone = aws.ToString(l.Placement.AvailabilityZone)
		}
		for _, g := range l.SecurityGroups {
			if id := aws.ToString(g.GroupId); id != "" {
				q.Launch.SecurityGroupIDs = append(q.Launch.SecurityGroupIDs, id)
			}
			if n := aws.ToString(g.GroupName); n != "" {
				q.Launch.SecurityGroups = append(q.Launch.SecurityGroups, n)
			}
		}
	}
}

// validSpotRequestID checks a Spot request ID's shape (sir-...). Unlike
// other EC2 IDs it is not always hexadecimal, so only the prefix is
// checked.
func validSpotRequestID(id string) error {
	if id == "" {
		return goboto.Invalid("SpotInstanceRequestId", "", "is required")
	}
	if len(id) < 5 || id[:4] != "sir-" {
		return goboto.Invalid("SpotInstanceRequestId", id, "must start with sir-")
	}
	return nil
}

// input checks o and builds the request.
func (o SpotOptions) input(region string) (*ec2.RequestSpotInstancesInput, error) {
	l := o.Launch
	if err := validImageID(l.ImageID); err != nil {
		return nil, err
	}
	if err := validZone("Zone", region, l.Zone); err != nil {
		return nil, err
	}
	switch {
	case o.Price < 0:
		return nil, goboto.Invalid("Price", strconv.FormatFloat(o.Price, 'f', -1, 64), "must not be negative")
	case o.Count < 0 || o.Count > 20:
		return nil, goboto.Invalid("Count", strconv.Itoa(o.Count), "must be 1-20")
	case len(l.UserData) > MaxUserData:
		return nil, goboto.Invalid("UserData", strconv.Itoa(len(l.UserData))+" bytes", "exceeds "+strconv.Itoa(MaxUserData)+" bytes")
	}
	if err := oneOf("Type", o.Type, []string{"one-time", "persistent"}); err != nil {
		return nil, err
	}
	in := &ec2.RequestSpotInstancesInput{InstanceCount: aws.Int32(int32(max(o.Count, 1))), Type: types.SpotInstanceType(o.Type),
		LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(l.ImageID),
			InstanceType: types.InstanceType(l.InstanceType), SecurityGroups: l.SecurityGroups, SecurityGroupIds: l.SecurityGroupIDs}}
	if o.Price > 0 {
		in.SpotPrice = aws.String(strconv.FormatFloat(o.Price, 'f', -1, 64))
	}
	if !o.ValidUntil.IsZero() {
		in.ValidUntil = aws.Time(o.ValidUntil)
	}
	ls := in.LaunchSpecification
	if l.Zone != "" {
		ls.Placement = &types.SpotPlacement{AvailabilityZone: aws.String(l.Zone)}
	}
	if l.KeyName != "" {
		ls.KeyName = aws.String(l.KeyName)
	}
	if l.SubnetID != "" {
		ls.SubnetId = aws.String(l.SubnetID)
	}
	if len(l.UserData) > 0 {
		ls.UserData = aws.String(base64.StdEncoding.EncodeToString(l.UserData))
	}
	return in, nil
}

// RequestSpotInstances asks for Spot Instances (RequestSpotInstances) and
// returns one request per instance, open until EC2 fulfils them;
// SpotInstanceRequest.Wait(ctx, SpotInstanceRequestActive) waits for
// that.
func (c *Conn) RequestSpotInstances(ctx context.Context, o SpotOptions) ([]*SpotInstanceRequest, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in, err := o.input(c.region)
	if err != nil {
		return nil, err
	}
	out, err := client.RequestSpotInstances(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	qs := make([]*SpotInstanceRequest, 0, len(out.SpotInstanceRequests))
	for _, x := range out.SpotInstanceRequests {
		q := c.SpotInstanceRequest("")
		q.set(x)
		qs = append(qs, q)
	}
	return qs, nil
}

// SpotInstanceRequests lists the account's Spot requests that match f
// (DescribeSpotInstanceRequests), fetching pages as the loop needs them
// (PageSize, 5-1000). An error is yielded once, last.
func (c *Conn) SpotInstanceRequests(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*SpotInstanceRequest, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSpotInstanceRequests", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*SpotInstanceRequest](err)
	}
	return func(yield func(*SpotInstanceRequest, error) bool) {
		p := ec2.NewDescribeSpotInstanceRequestsPaginator(client, &ec2.DescribeSpotInstanceRequestsInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeSpotInstanceRequestsOutput) []types.SpotInstanceRequest {
			return o.SpotInstanceRequests
		},
			func(x types.SpotInstanceRequest) *SpotInstanceRequest {
				q := c.SpotInstanceRequest("")
				q.set(x)
				return q
			})
	}
}

// Refresh reads the request's current description into q
// (DescribeSpotInstanceRequests). An unknown ID fails with
// InvalidSpotInstanceRequestID.NotFound.
func (q *SpotInstanceRequest) Refresh(ctx context.Context) error {
	if err := q.check(); err != nil {
		return err
	}
	out, err := q.conn.client.DescribeSpotInstanceRequests(ctx, &ec2.DescribeSpotInstanceRequestsInput{SpotInstanceRequestIds: []string{q.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.SpotInstanceRequests {
		if aws.ToString(x.SpotInstanceRequestId) == q.ID {
			q.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeSpotInstanceRequests", "InvalidSpotInstanceRequestID.NotFound", "spot instance request", q.ID)
}

// Wait polls the request (DescribeSpotInstanceRequests, through Refresh)
// until it is in state. Waiting for SpotInstanceRequestActive waits for
// the request to be fulfilled: active with InstanceID set; it fails with
// a *goboto.StateError if the request is closed, cancelled or failed
// first. A request whose price is too low stays open, so only the timeout
// (a *goboto.WaitTimeoutError) ends that wait. A request just made may not
// be described yet; it is polled again.
func (q *SpotInstanceRequest) Wait(ctx context.Context, state SpotInstanceRequestState, opts ...goboto.WaitOption) error {
	if err := q.check(); err != nil {
		return err
	}
	w := core.Wait{Resource: "spot instance request", ID: q.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := q.Refresh(ctx); err != nil {
				return "", err
			}
			if q.State == SpotInstanceRequestActive && q.InstanceID == "" {
				return string(q.State) + " (no instance yet)", nil
			}
			return string(q.State), nil
		},
		RetryNotFound: true,
	}
	switch state {
	case SpotInstanceRequestActive:
		w.Failure = strs([]SpotInstanceRequestState{SpotInstanceRequestClosed, SpotInstanceRequestCancelled, SpotInstanceRequestFailed})
	case SpotInstanceRequestCancelled, SpotInstanceRequestClosed:
		w.Failure = strs([]SpotInstanceRequestState{SpotInstanceRequestFailed})
	case SpotInstanceRequestOpen, SpotInstanceRequestFailed:
	default:
		return goboto.Invalid("State", string(state), "is not a Spot Instance request state")
	}
	return wait(ctx, w, opts)
}

// check refuses a handle not shaped like a Spot request or without a
// connection.
func (q *SpotInstanceRequest) check() error {
	return q.conn.ready(validSpotRequestID(q.ID))
}

// Cancel cancels the request (CancelSpotInstanceRequests). An instance it
// launched keeps running; terminate it through Instance.
func (q *SpotInstanceRequest) Cancel(ctx context.Context) error {
	if err := q.check(); err != nil {
		return err
	}
	out, err := q.conn.client.CancelSpotInstanceRequests(ctx, &ec2.CancelSpotInstanceRequestsInput{SpotInstanceRequestIds: []string{q.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.CancelledSpotInstanceRequests {
		if aws.ToString(x.SpotInstanceRequestId) == q.ID {
			q.State = SpotInstanceRequestState(x.State)
		}
	}
	return nil
}

func spotPriceFromV2(x types.SpotPrice) SpotPrice {
	price, _ := strconv.ParseFloat(aws.ToString(x.SpotPrice), 64)
	return SpotPrice{InstanceType: string(x.InstanceType), ProductDescription: string(x.ProductDescription),
		Zone: aws.ToString(x.AvailabilityZone), Price: price, Timestamp: aws.ToTime(x.Timestamp)}
}
