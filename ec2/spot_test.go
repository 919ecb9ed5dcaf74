package ec2_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func TestSpotRules(t *testing.T) {
	launch := ec2.SpotLaunch{ImageID: ec2test.DefaultEBSImage}
	tests := []struct {
		name  string
		opts  ec2.SpotOptions
		field string
	}{
		{"no image", ec2.SpotOptions{}, "ImageId"},
		{"bad image", ec2.SpotOptions{Launch: ec2.SpotLaunch{ImageID: "img-1"}}, "ImageId"},
		{"negative price", ec2.SpotOptions{Price: -0.1, Launch: launch}, "Price"},
		{"count", ec2.SpotOptions{Count: 21, Launch: launch}, "Count"},
		{"type", ec2.SpotOptions{Type: "sometimes", Launch: launch}, "Type"},
		{"zone", ec2.SpotOptions{Launch: ec2.SpotLaunch{ImageID: ec2test.DefaultEBSImage, Zone: "eu-west-1a"}}, "Zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			_, err := conn.RequestSpotInstances(t.Context(), tt.opts)
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
	conn, rec := recordingConn(t)
	for _, err := range conn.SpotPriceHistory(t.Context(), ec2.SpotPriceFilter{Start: time.Now(), End: time.Now().Add(-time.Hour)}) {
		wantValidation(t, err, "End")
	}
	for _, err := range conn.SpotPriceHistory(t.Context(), ec2.SpotPriceFilter{}, ec2.PageSize(1001)) {
		wantValidation(t, err, "PageSize")
	}
	wantValidation(t, conn.SpotInstanceRequest("i-0123abcd").Cancel(t.Context()), "SpotInstanceRequestId")
	wantValidation(t, conn.SpotInstanceRequest("").Refresh(t.Context()), "SpotInstanceRequestId")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

func TestSpotPriceHistory(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetSpotPrice("us-east-1", "us-east-1a", "c5.xlarge", 0.0612)
	var got []ec2.SpotPrice
	for p, err := range conn.SpotPriceHistory(t.Context(), ec2.SpotPriceFilter{InstanceTypes: []string{"c5.xlarge"},
		ProductDescriptions: []string{"Linux/UNIX"}, Zone: "us-east-1a", Start: time.Now().Add(-2 * time.Hour)}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	if len(got) < 3 {
		t.Fatalf("%d prices; want the last 2 hours' and the one before", len(got))
	}
	for i, p := range got {
		if p.Price != 0.0612 || p.Zone != "us-east-1a" || p.InstanceType != "c5.xlarge" || p.ProductDescription != "Linux/UNIX" {
			t.Errorf("price %+v; want the seeded 0.0612", p)
		}
		if i > 0 && !p.Timestamp.Before(got[i-1].Timestamp) {
			t.Errorf("prices not newest first: %v after %v", p.Timestamp, got[i-1].Timestamp)
		}
	}
	srv.ResetCalls()
	n := 0
	for _, err := range conn.SpotPriceHistory(t.Context(), ec2.SpotPriceFilter{}, ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 7 {
			break
		}
	}
	if diff := cmp.Diff([]string{"DescribeSpotPriceHistory", "DescribeSpotPriceHistory"}, ops(srv)); diff != "" {
		t.Errorf("calls for 7 prices in pages of 5 (-want +got):\n%s", diff)
	}
}

func TestSpotRequestLifecycle(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	ctx := t.Context()
	srv.SetSpotPrice("us-east-1", "us-east-1b", "m5.large", 0.03)
	request := func(price float64, count int) []*ec2.SpotInstanceRequest {
		t.Helper()
		qs, err := conn.RequestSpotInstances(ctx, ec2.SpotOptions{Price: price, Count: count,
			Launch: ec2.SpotLaunch{ImageID: ec2test.DefaultEBSImage, InstanceType: "m5.large", Zone: "us-east-1b"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != count {
			t.Fatalf("%d requests; want %d", len(qs), count)
		}
		for _, q := range qs {
			if q.State != ec2.SpotInstanceRequestOpen || q.StatusCode != "pending-evaluation" || q.Launch.Zone != "us-east-1b" || q.Price != price {
				t.Errorf("new request %+v", *q)
			}
		}
		return qs
	}
	ok := request(0.04, 2)
	low := request(0.01, 1)[0]

	go srv.Step()
	if err := ok[0].Wait(ctx, ec2.SpotInstanceRequestActive, fast); err != nil {
		t.Fatal(err)
	}
	if ok[0].InstanceID == "" || ok[0].Zone != "us-east-1b" || ok[0].StatusCode != "fulfilled" {
		t.Errorf("fulfilled request %+v", *ok[0])
	}
	inst := ok[0].Instance()
	srv.Step()
	if err := inst.Refresh(ctx); err != nil || inst.State != ec2.InstanceRunning || inst.Type != "m5.large" {
		t.Errorf("launched instance: %v, %s %s; want a running m5.large", err, inst.State, inst.Type)
	}

	// Progress holds the wait past its timeout after the first poll, so
	// the error carries that poll's state however loaded the machine is.
	const timeout = 300 * time.Millisecond
	hold := goboto.Progress(func(_ string, elapsed time.Duration) { time.Sleep(timeout - elapsed + 10*time.Millisecond) })
	err := low.Wait(ctx, ec2.SpotInstanceRequestActive, fast, goboto.Timeout(timeout), hold)
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) || te.State != string(ec2.SpotInstanceRequestOpen) || low.StatusCode != "price-too-low" {
		t.Errorf("waiting on a low bid: %v, status %s; want a timeout while open, price-too-low", err, low.StatusCode)
	}
	if err := low.Cancel(ctx); err != nil || low.State != ec2.SpotInstanceRequestCancelled {
		t.Fatalf("Cancel: %v, state %s", err, low.State)
	}
	var se *goboto.StateError
	if err := low.Wait(ctx, ec2.SpotInstanceRequestActive, fast); !errors.As(err, &se) {
		t.Errorf("waiting on a cancelled request: %v; want *goboto.StateError", err)
	}

	var open []string
	for q, err := range conn.SpotInstanceRequests(ctx, ec2.Filter{"state": {string(ec2.SpotInstanceRequestActive)}}) {
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, q.ID)
	}
	if diff := cmp.Diff([]string{ok[0].ID, ok[1].ID}, open); diff != "" {
		t.Errorf("active requests (-want +got):\n%s", diff)
	}
	wantCode(t, conn.SpotInstanceRequest("sir-0123abcd").Refresh(ctx), "InvalidSpotInstanceRequestID.NotFound")
	wantCode(t, conn.SpotInstanceRequest("sir-0123abcd").Cancel(ctx), "InvalidSpotInstanceRequestID.NotFound")
}
