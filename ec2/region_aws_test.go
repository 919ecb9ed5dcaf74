//go:build integration

package ec2_test

import (
	"context"
	"testing"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/internal/testutil/livetest"
	"github.com/goboto/goboto/regions"
)

// TestRefreshCatalogAWS refreshes the region catalog from the real
// DescribeRegions:
//
//	go test -tags integration -run TestRefreshCatalogAWS ./ec2
//
// Cost: one DescribeRegions request, which AWS does not charge for.
func TestRefreshCatalogAWS(t *testing.T) {
	ctx := context.Background()
	cfg := livetest.Config(t, "us-east-1")
	cat := regions.NewCatalog()
	if err := ec2.New(cfg).RefreshCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Lookup(regions.EC2, "us-east-1"); !ok {
		t.Error("us-east-1 missing after refresh")
	}
}
