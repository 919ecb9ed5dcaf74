package ec2_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/regions"
)

// seed is a small region list covering each opt-in state and a region too
// new for the generated catalog.
func seed() fakes.Option {
	return ec2test.WithRegions(
		ec2test.RegionInfo{Name: "us-east-1", OptInStatus: ec2test.OptInNotRequired},
		ec2test.RegionInfo{Name: "ap-east-1", OptInStatus: ec2test.OptedIn},
		ec2test.RegionInfo{Name: "me-south-1", OptInStatus: ec2test.NotOptedIn},
		ec2test.RegionInfo{Name: "us-east-9", OptInStatus: ec2test.OptedIn},
	)
}

func TestRegions(t *testing.T) {
	srv := ec2test.Start(t, seed())
	conn := ec2.New(srv.Config(""))
	enabled := []regions.Region{
		{Name: "ap-east-1", Partition: "aws", Description: "Asia Pacific (Hong Kong)", Hostname: "ec2.ap-east-1.amazonaws.com", OptInStatus: "opted-in"},
		{Name: "us-east-1", Partition: "aws", Description: "US East (N. Virginia)", Hostname: "ec2.us-east-1.amazonaws.com", OptInStatus: "opt-in-not-required"},
		{Name: "us-east-9", Partition: "aws", Hostname: "ec2.us-east-9.amazonaws.com", OptInStatus: "opted-in"},
	}
	all := []regions.Region{
		enabled[0],
		{Name: "me-south-1", Partition: "aws", Description: "Middle East (Bahrain)", Hostname: "ec2.me-south-1.amazonaws.com", OptInStatus: "not-opted-in"},
		enabled[1], enabled[2],
	}
	// Regions yields handles: name, endpoint and opt-in status.
	infos := func(rs []regions.Region) [][3]string {
		var out [][3]string
		for _, r := range rs {
			out = append(out, [3]string{r.Name, r.Hostname, r.OptInStatus})
		}
		return out
	}
	for _, tt := range []struct {
		opts []ec2.ListOption
		want []regions.Region
	}{{nil, enabled}, {[]ec2.ListOption{ec2.AllRegions()}, all}} {
		rs, err := goboto.Collect(conn.Regions(t.Context(), tt.opts...))
		if err != nil {
			t.Fatalf("Regions(%d options): %v", len(tt.opts), err)
		}
		var got [][3]string
		for _, r := range rs {
			if r.Conn() != conn {
				t.Errorf("%v: Conn() is not the listing connection", r)
			}
			got = append(got, [3]string{r.Name, r.Endpoint, r.OptInStatus})
		}
		if diff := cmp.Diff(infos(tt.want), got); diff != "" {
			t.Errorf("Regions(%d options) (-want +got):\n%s", len(tt.opts), diff)
		}
	}
	calls := srv.Calls()
	if len(calls) != 2 || calls[0].Operation != "DescribeRegions" || calls[0].SigVersion != 4 {
		t.Errorf("calls = %+v; want two SigV4 DescribeRegions", calls)
	}
}

func TestRefreshCatalog(t *testing.T) {
	srv := ec2test.Start(t, seed())
	cfg := srv.Config("")
	cat := regions.NewCatalog()
	if err := ec2.New(cfg).RefreshCatalog(t.Context(), cat); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range cat.Regions(regions.EC2, "aws") {
		got = append(got, r.Name+" "+r.OptInStatus)
	}
	want := []string{"ap-east-1 opted-in", "us-east-1 opt-in-not-required", "us-east-9 opted-in"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalog ec2 regions after refresh (-want +got):\n%s", diff)
	}
	if n := len(cat.Regions(regions.SQS, "aws")); n != 34 {
		t.Errorf("refresh changed sqs: %d regions", n)
	}

	// The refreshed catalog drives a ServiceSet: one EC2 connection per
	// enabled region, each asking the fake about its own zones.
	set, err := regions.NewServiceSet(cfg, regions.EC2, ec2.NewConn, regions.WithCatalog(cat))
	if err != nil {
		t.Fatal(err)
	}
	zones := regions.Map(t.Context(), set, func(ctx context.Context, region string, c *ec2.Conn) ([]string, error) {
		if c.Region() != region {
			t.Errorf("connection for %s is in %s", region, c.Region())
		}
		out, err := c.Client().DescribeAvailabilityZones(ctx, &awsec2.DescribeAvailabilityZonesInput{})
		if err != nil {
			return nil, err
		}
		var names []string
		for _, z := range out.AvailabilityZones {
			names = append(names, aws.ToString(z.ZoneName))
		}
		return names, nil
	})
	if err := zones.Err(); err != nil {
		t.Fatal(err)
	}
	wantZones := []string{"ap-east-1a", "ap-east-1b", "ap-east-1c", "us-east-1a", "us-east-1b", "us-east-1c", "us-east-9a", "us-east-9b", "us-east-9c"}
	if diff := cmp.Diff(wantZones, regions.Flatten(zones)); diff != "" {
		t.Errorf("zones across the set (-want +got):\n%s", diff)
	}
}

func TestRefreshCatalogDefaultRegions(t *testing.T) {
	srv := ec2test.Start(t)
	cat := regions.NewCatalog()
	if err := ec2.New(srv.Config("")).RefreshCatalog(t.Context(), cat); err != nil {
		t.Fatal(err)
	}
	got := cat.Regions(regions.EC2, "aws")
	if len(got) != 32 {
		t.Errorf("%d enabled regions, want 34 less the 2 not opted in", len(got))
	}
	for _, r := range got {
		if r.Name == "il-central-1" || r.Name == "mx-central-1" {
			t.Errorf("%s is not opted in but was kept", r.Name)
		}
		if r.Description == "" || r.OptInStatus == "" {
			t.Errorf("incomplete region %+v", r)
		}
	}
}

func TestRefreshCatalogKeepsCatalogOnError(t *testing.T) {
	tests := []struct {
		name    string
		regions []ec2test.RegionInfo
		fault   *fake.Fault
	}{
		{name: "server error", regions: nil, fault: &fake.Fault{Service: "ec2", Kind: fake.ServerError}},
		{name: "nothing enabled", regions: []ec2test.RegionInfo{{Name: "us-east-1", OptInStatus: ec2test.NotOptedIn}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []fakes.Option{}
			if tt.regions != nil {
				opts = append(opts, ec2test.WithRegions(tt.regions...))
			}
			srv := ec2test.Start(t, opts...)
			if tt.fault != nil {
				srv.Faults().Add(*tt.fault)
			}
			cat := regions.NewCatalog()
			err := ec2.New(srv.Config(""), goboto.WithRetry(1, 0)).RefreshCatalog(t.Context(), cat)
			if err == nil {
				t.Fatal("RefreshCatalog succeeded")
			}
			if n := len(cat.Regions(regions.EC2, "aws")); n != 34 {
				t.Errorf("catalog has %d ec2 regions after a failed refresh, want the generated 34", n)
			}
		})
	}
}

func TestRefreshCatalogNil(t *testing.T) {
	var ve *goboto.ValidationError
	if err := ec2.New(aws.Config{Region: "us-east-1"}).RefreshCatalog(t.Context(), nil); !errors.As(err, &ve) {
		t.Errorf("RefreshCatalog(nil) = %v, want *goboto.ValidationError", err)
	}
}

func TestRegionsAPIError(t *testing.T) {
	srv := ec2test.Start(t)
	srv.Faults().Add(fake.Fault{Service: "ec2", Operation: "DescribeRegions", Kind: fake.ServerError})
	_, err := goboto.Collect(ec2.New(srv.Config(""), goboto.WithRetry(1, 0)).Regions(t.Context()))
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("Regions = %v, want *goboto.APIError", err)
	}
	calls := srv.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1 (retries off)", len(calls))
	}
	want := &goboto.APIError{
		Service: "EC2", Operation: "DescribeRegions", Code: "InternalError",
		Message: "An internal error has occurred", RequestID: calls[0].RequestID, StatusCode: 500,
	}
	if diff := cmp.Diff(want, ae, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Err" }, cmp.Ignore())); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if ae.RequestID == "" || ae.Err == nil {
		t.Errorf("APIError lacks request ID or cause: %+v", ae)
	}
}

func TestRegionsAuthFailure(t *testing.T) {
	srv := ec2test.Start(t)
	cfg := srv.ConfigFor(fake.Credential{AccessKeyID: "AKIDGOBOTOUNKNOWN001", SecretAccessKey: "not-a-known-secret"}, "eu-west-1")
	_, err := goboto.Collect(ec2.New(cfg, goboto.WithRetry(1, 0)).Regions(t.Context()))
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "AuthFailure" || ae.StatusCode != 401 {
		t.Errorf("Regions with unknown key = %v; want AuthFailure (401)", err)
	}
}

func TestRegionsThrottled(t *testing.T) {
	t.Run("retried", func(t *testing.T) {
		srv := ec2test.Start(t)
		srv.Faults().Add(fake.Fault{Service: "ec2", Operation: "DescribeRegions", Kind: fake.Throttle, Times: 2})
		rs, err := goboto.Collect(ec2.New(srv.Config(""), goboto.WithRetry(3, time.Millisecond)).Regions(t.Context()))
		if err != nil || len(rs) == 0 {
			t.Fatalf("Regions after two throttles = %d regions, %v; want success on the third try", len(rs), err)
		}
		var got []string
		for _, c := range srv.Calls() {
			got = append(got, c.Code)
		}
		if diff := cmp.Diff([]string{"RequestLimitExceeded", "RequestLimitExceeded", ""}, got); diff != "" {
			t.Errorf("call codes (-want +got):\n%s", diff)
		}
	})
	t.Run("exhausted", func(t *testing.T) {
		srv := ec2test.Start(t)
		srv.Faults().Add(fake.Fault{Service: "ec2", Kind: fake.Throttle})
		_, err := goboto.Collect(ec2.New(srv.Config(""), goboto.WithRetry(2, time.Millisecond)).Regions(t.Context()))
		var ae *goboto.APIError
		if !goboto.IsThrottled(err) || !errors.As(err, &ae) || ae.Code != "RequestLimitExceeded" || ae.StatusCode != 503 {
			t.Errorf("Regions = %v; want a throttled RequestLimitExceeded (503)", err)
		}
		if n := len(srv.Calls()); n != 2 {
			t.Errorf("%d calls, want 2 attempts", n)
		}
	})
}

func TestRegionsCancelled(t *testing.T) {
	srv := ec2test.Start(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := goboto.Collect(ec2.New(srv.Config("")).Regions(ctx)); !errors.Is(err, context.Canceled) {
		t.Errorf("Regions under a cancelled context = %v, want context.Canceled", err)
	}
}

func TestConn(t *testing.T) {
	c := ec2.New(aws.Config{Region: "eu-west-1"})
	if c.Region() != "eu-west-1" || c.Client() == nil || c.String() != "EC2Connection:eu-west-1" {
		t.Errorf("Conn = %v, region %q, client %v", c, c.Region(), c.Client())
	}
}
