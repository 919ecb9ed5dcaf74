package main

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sdb"
)

func serviceSetChapter(ctx context.Context, t *transcript, env *exenv.Env) error {
	t.call("set, _ := regions.NewServiceSet(cfg, regions.SDB, newConn, regions.WithRegionTimeout(5*time.Second))")
	set, err := regions.NewServiceSet(env.Config, regions.SDB, func(c aws.Config) *sdb.Conn {
		return sdb.New(c, goboto.WithRetry(2, 50*time.Millisecond))
	}, regions.WithRegionTimeout(5*time.Second))
	if err != nil {
		return err
	}
	t.result("%d connections, one per SimpleDB region", set.Len())

	if env.Cloud != nil {
		t.printf("\nOn the fakes, sa-east-1 is made to fail and eu-west-1 to answer 200 ms late:\n")
		defer env.Cloud.Faults().Add(fakes.Fault{Service: "sdb", Region: "sa-east-1", Kind: fakes.ServerError})()
		defer env.Cloud.Faults().Add(fakes.Fault{Service: "sdb", Region: "eu-west-1", Kind: fakes.Latency, Delay: 200 * time.Millisecond})()
	}

	t.call("res := regions.Map(ctx, set, func(ctx, region, c *sdb.Conn) ([]*sdb.Domain, error) { return goboto.Collect(c.Domains(ctx)) })")
	res := regions.Map(ctx, set, func(ctx context.Context, region string, c *sdb.Conn) ([]*sdb.Domain, error) {
		return goboto.Collect(c.Domains(ctx))
	})
	for _, r := range res {
		if r.Err != nil {
			var ae *goboto.APIError
			if errors.As(r.Err, &ae) {
				t.result("%-15s error %s (HTTP %d)", r.Region, ae.Code, ae.StatusCode)
				continue
			}
			t.result("%-15s error %v", r.Region, r.Err)
			continue
		}
		t.result("%-15s %d domains", r.Region, len(r.Value))
	}
	t.result("results come back in region order; %d of %d regions failed and hid nothing else", len(res.Failed()), len(res))
	return nil
}
