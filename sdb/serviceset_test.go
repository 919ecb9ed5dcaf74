package sdb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// TestServiceSetAgainstFake fans ListDomains out over every SimpleDB
// region of the fake, with one region failing, one throttled once (and
// retried), and one too slow for the per-region timeout. Each region's
// outcome must be its own: no error hides another region's domains.
func TestServiceSetAgainstFake(t *testing.T) {
	srv := sdbtest.Start(t)
	for _, r := range []string{"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "sa-east-1"} {
		if err := srv.CreateDomain(srv.Account(), r, "in-"+r); err != nil {
			t.Fatal(err)
		}
	}
	srv.Faults().Add(fakes.Fault{Service: "sdb", Region: "eu-west-1", Kind: fakes.ServerError})
	srv.Faults().Add(fakes.Fault{Service: "sdb", Region: "us-west-2", Kind: fakes.Throttle, Times: 1})
	// A region that answers after the per-region timeout. The latency fault
	// honours the request's context, so the test does not wait it out.
	srv.Faults().Add(fakes.Fault{Service: "sdb", Region: "ap-northeast-1", Kind: fakes.Latency, Delay: time.Minute})

	set, err := regions.NewServiceSet(srv.Config(""), regions.SDB, func(c aws.Config) *sdb.Conn {
		return sdb.New(c, goboto.WithRetry(2, time.Millisecond))
	}, regions.WithRegionTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	res := regions.Map(context.Background(), set, func(ctx context.Context, region string, c *sdb.Conn) ([]string, error) {
		var names []string
		for d, err := range c.Domains(ctx) {
			if err != nil {
				return nil, err
			}
			names = append(names, d.Name())
		}
		return names, nil
	})

	type outcome struct {
		Region  string
		Domains []string
		Err     string
	}
	var got []outcome
	for _, r := range res {
		o := outcome{Region: r.Region, Domains: r.Value}
		var ae *goboto.APIError
		switch {
		case r.Err == nil:
		case errors.As(r.Err, &ae):
			o.Err = ae.Code
		case errors.Is(r.Err, context.DeadlineExceeded):
			o.Err = "timeout"
		default:
			o.Err = r.Err.Error()
		}
		got = append(got, o)
	}
	want := []outcome{
		{Region: "ap-northeast-1", Err: "timeout"},
		{Region: "ap-southeast-1"},
		{Region: "ap-southeast-2"},
		{Region: "eu-west-1", Err: "InternalError"},
		{Region: "sa-east-1", Domains: []string{"in-sa-east-1"}},
		{Region: "us-east-1", Domains: []string{"in-us-east-1"}},
		{Region: "us-west-1"},
		{Region: "us-west-2", Domains: []string{"in-us-west-2"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("per-region outcomes (-want +got):\n%s", diff)
	}
	if n := len(res.Failed()); n != 2 {
		t.Errorf("Failed() = %d regions, want 2", n)
	}
	var re *regions.RegionError
	if !errors.As(res.Err(), &re) {
		t.Errorf("Err() = %v, want a *regions.RegionError inside", res.Err())
	}
}
