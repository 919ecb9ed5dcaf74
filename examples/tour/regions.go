package main

import (
	"context"
	"strings"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/regions"
)

func regionsChapter(ctx context.Context, t *transcript, env *exenv.Env) error {
	cat := regions.NewCatalog()
	t.call("regions.NewCatalog().Regions(regions.SDB, \"aws\")   // generated from AWS's endpoint list")
	var names []string
	for _, r := range cat.Regions(regions.SDB, "aws") {
		names = append(names, r.Name)
	}
	t.result("%d regions: %s", len(names), strings.Join(names, " "))
	t.call("cat.Hostname(regions.SDB, \"us-east-1\")")
	host, _ := cat.Hostname(regions.SDB, "us-east-1")
	t.result("%s", host)
	t.call("cat.Hostname(regions.EC2, \"cn-north-1\")")
	host, _ = cat.Hostname(regions.EC2, "cn-north-1")
	t.result("%s", host)

	t.call("ec2.New(cfg).RefreshCatalog(ctx, cat)   // EC2 DescribeRegions: what this account has enabled")
	before := len(cat.Regions(regions.EC2, "aws"))
	if err := ec2.New(env.Config).RefreshCatalog(ctx, cat); err != nil {
		return err
	}
	after := len(cat.Regions(regions.EC2, "aws"))
	t.result("EC2 regions in the catalog: %d from the endpoint list, %d enabled for this account", before, after)
	return nil
}
