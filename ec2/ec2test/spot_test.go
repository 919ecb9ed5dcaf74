package ec2test_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// spotClock is a fixed clock for the fake, half past an hour.
var spotClock = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

func startSpot(t *testing.T, opts ...fakes.Option) (*ec2test.Server, *awsec2.Client) {
	t.Helper()
	opts = append(opts, fakes.WithClock(func() time.Time { return spotClock }), fakes.WithMaxSkew(100*365*24*time.Hour))
	srv := ec2test.Start(t, opts...)
	return srv, awsec2.NewFromConfig(srv.Config(""))
}

func spotHistory(t *testing.T, c *awsec2.Client, in *awsec2.DescribeSpotPriceHistoryInput) ([]types.SpotPrice, int) {
	t.Helper()
	var out []types.SpotPrice
	calls := 0
	p := awsec2.NewDescribeSpotPriceHistoryPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		calls++
		out = append(out, page.SpotPriceHistory...)
	}
	return out, calls
}

func TestSpotPriceHistory(t *testing.T) {
	_, c := startSpot(t)
	in := &awsec2.DescribeSpotPriceHistoryInput{InstanceTypes: []types.InstanceType{types.InstanceTypeM5Large},
		ProductDescriptions: []string{"Linux/UNIX"}, AvailabilityZone: aws.String("us-east-1b"),
		StartTime: aws.Time(spotClock.Add(-150 * time.Minute)), EndTime: aws.Time(spotClock)}
	got, _ := spotHistory(t, c, in)
	var stamps []string
	for _, p := range got {
		stamps = append(stamps, aws.ToTime(p.Timestamp).Format("15:04"))
		price, err := strconv.ParseFloat(aws.ToString(p.SpotPrice), 64)
		if err != nil || price < 0.096*0.25 || price > 0.096*0.40 {
			t.Errorf("price %q; want 25-40%% of m5.large's 0.096", aws.ToString(p.SpotPrice))
		}
		if aws.ToString(p.AvailabilityZone) != "us-east-1b" || p.InstanceType != types.InstanceTypeM5Large {
			t.Errorf("point %+v outside the request", p)
		}
	}
	// Newest first, with the price in force at StartTime (08:00).
	if diff := cmp.Diff([]string{"10:00", "09:00", "08:00"}, stamps); diff != "" {
		t.Errorf("timestamps (-want +got):\n%s", diff)
	}
	again, _ := spotHistory(t, c, in)
	if diff := cmp.Diff(got, again, cmp.Comparer(func(a, b types.SpotPrice) bool {
		return aws.ToString(a.SpotPrice) == aws.ToString(b.SpotPrice) && aws.ToTime(a.Timestamp).Equal(aws.ToTime(b.Timestamp))
	})); diff != "" {
		t.Errorf("series not deterministic (-want +got):\n%s", diff)
	}

	// A day of 3 types × 3 zones × 2 products, paged.
	all, calls := spotHistory(t, c, &awsec2.DescribeSpotPriceHistoryInput{MaxResults: aws.Int32(200)})
	if len(all) != 25*3*3*2 || calls != 3 {
		t.Errorf("%d prices in %d calls; want 450 in 3", len(all), calls)
	}
	win, _ := spotHistory(t, c, &awsec2.DescribeSpotPriceHistoryInput{Filters: []types.Filter{
		{Name: aws.String("product-description"), Values: []string{"Windows"}}, {Name: aws.String("instance-type"), Values: []string{"t3.*"}}}})
	if len(win) != 25*3 {
		t.Errorf("%d Windows t3 prices; want 75", len(win))
	}
	for _, bad := range []*awsec2.DescribeSpotPriceHistoryInput{
		{StartTime: aws.Time(spotClock), EndTime: aws.Time(spotClock.Add(-time.Hour))},
		{Filters: []types.Filter{{Name: aws.String("colour"), Values: []string{"red"}}}},
	} {
		_, err := c.DescribeSpotPriceHistory(t.Context(), bad)
		riCode(t, err, "InvalidParameterValue")
	}
}

func spotRequests(t *testing.T, c *awsec2.Client, ids ...string) map[string]types.SpotInstanceRequest {
	t.Helper()
	out, err := c.DescribeSpotInstanceRequests(t.Context(), &awsec2.DescribeSpotInstanceRequestsInput{SpotInstanceRequestIds: ids})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]types.SpotInstanceRequest{}
	for _, q := range out.SpotInstanceRequests {
		m[aws.ToString(q.SpotInstanceRequestId)] = q
	}
	return m
}

func TestSpotRequests(t *testing.T) {
	srv, c := startSpot(t, ec2test.WithManualTransitions())
	ctx := t.Context()
	srv.SetSpotPrice("us-east-1", "us-east-1a", "m5.large", 0.03)
	request := func(price string, count int32) []string {
		t.Helper()
		out, err := c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{SpotPrice: aws.String(price), InstanceCount: aws.Int32(count),
			LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(ec2test.DefaultEBSImage),
				InstanceType: types.InstanceTypeM5Large, Placement: &types.SpotPlacement{AvailabilityZone: aws.String("us-east-1a")}}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, q := range out.SpotInstanceRequests {
			if q.State != types.SpotInstanceStateOpen || aws.ToString(q.Status.Code) != "pending-evaluation" {
				t.Errorf("new request %s is %s/%s; want open/pending-evaluation", aws.ToString(q.SpotInstanceRequestId), q.State, aws.ToString(q.Status.Code))
			}
			ids = append(ids, aws.ToString(q.SpotInstanceRequestId))
		}
		return ids
	}
	high := request("0.05", 2)
	low := request("0.02", 1)
	if len(high) != 2 || len(low) != 1 {
		t.Fatalf("requests %v %v; want 2 and 1", high, low)
	}
	srv.Step()
	qs := spotRequests(t, c)
	for _, id := range high {
		q := qs[id]
		if q.State != types.SpotInstanceStateActive || aws.ToString(q.Status.Code) != "fulfilled" || aws.ToString(q.InstanceId) == "" ||
			aws.ToString(q.LaunchedAvailabilityZone) != "us-east-1a" {
			t.Errorf("request %s: %s/%s instance %q; want active/fulfilled with an instance", id, q.State, aws.ToString(q.Status.Code), aws.ToString(q.InstanceId))
		}
	}
	if q := qs[low[0]]; q.State != types.SpotInstanceStateOpen || aws.ToString(q.Status.Code) != "price-too-low" || q.InstanceId != nil {
		t.Errorf("low request: %s/%s; want open/price-too-low", q.State, aws.ToString(q.Status.Code))
	}
	// The launched instance is an ordinary one, pending until its own step.
	inst := aws.ToString(qs[high[0]].InstanceId)
	d, err := c.DescribeInstances(ctx, &awsec2.DescribeInstancesInput{InstanceIds: []string{inst}})
	if err != nil || len(d.Reservations) != 1 || d.Reservations[0].Instances[0].State.Name != types.InstanceStateNamePending {
		t.Fatalf("DescribeInstances %s: %v %+v; want one pending instance", inst, err, d)
	}

	active, err := c.DescribeSpotInstanceRequests(ctx, &awsec2.DescribeSpotInstanceRequestsInput{Filters: []types.Filter{
		{Name: aws.String("status-code"), Values: []string{"fulfilled"}}}})
	if err != nil || len(active.SpotInstanceRequests) != 2 {
		t.Errorf("fulfilled filter: %v, %d requests; want 2", err, len(active.SpotInstanceRequests))
	}

	out, err := c.CancelSpotInstanceRequests(ctx, &awsec2.CancelSpotInstanceRequestsInput{SpotInstanceRequestIds: []string{high[0], low[0]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range out.CancelledSpotInstanceRequests {
		if x.State != types.CancelSpotInstanceRequestStateCancelled {
			t.Errorf("cancel %s: %s", aws.ToString(x.SpotInstanceRequestId), x.State)
		}
	}
	qs = spotRequests(t, c, high[0], low[0])
	if got := aws.ToString(qs[high[0]].Status.Code); got != "request-canceled-and-instance-running" {
		t.Errorf("cancelled active request status %q", got)
	}
	if got := aws.ToString(qs[low[0]].Status.Code); got != "canceled-before-fulfillment" {
		t.Errorf("cancelled open request status %q", got)
	}

	_, err = c.DescribeSpotInstanceRequests(ctx, &awsec2.DescribeSpotInstanceRequestsInput{SpotInstanceRequestIds: []string{"sir-0123abcd"}})
	riCode(t, err, "InvalidSpotInstanceRequestID.NotFound")
	_, err = c.CancelSpotInstanceRequests(ctx, &awsec2.CancelSpotInstanceRequestsInput{SpotInstanceRequestIds: []string{"sir-XYZ"}})
	riCode(t, err, "InvalidSpotInstanceRequestID.Malformed")
	for _, in := range []*awsec2.RequestSpotInstancesInput{
		{SpotPrice: aws.String("-1"), LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(ec2test.DefaultEBSImage)}},
		{InstanceCount: aws.Int32(0), LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(ec2test.DefaultEBSImage)}},
		{Type: "sometimes", LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(ec2test.DefaultEBSImage)}},
	} {
		_, err := c.RequestSpotInstances(ctx, in)
		riCode(t, err, "InvalidParameterValue")
	}
	_, err = c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{LaunchSpecification: &types.RequestSpotLaunchSpecification{}})
	riCode(t, err, "MissingParameter")
	_, err = c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{LaunchSpecification: &types.RequestSpotLaunchSpecification{
		ImageId: aws.String(ec2test.DefaultEBSImage), KeyName: aws.String("nokey")}})
	riCode(t, err, "InvalidKeyPair.NotFound")

	// An image that does not exist fails the request when it is evaluated.
	bad, err := c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{LaunchSpecification: &types.RequestSpotLaunchSpecification{
		ImageId: aws.String("ami-0123abcd")}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Step()
	id := aws.ToString(bad.SpotInstanceRequests[0].SpotInstanceRequestId)
	if q := spotRequests(t, c, id)[id]; q.State != types.SpotInstanceStateFailed || aws.ToString(q.Status.Code) != "bad-parameters" {
		t.Errorf("request for a missing image: %s/%s; want failed/bad-parameters", q.State, aws.ToString(q.Status.Code))
	}
	if n := len(spotRequests(t, awsec2.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[1], "us-east-1")))); n != 0 {
		t.Errorf("other account sees %d requests", n)
	}
}
