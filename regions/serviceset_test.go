package regions_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
)

// conn is a stand-in connection: it remembers the config it was built with.
type conn struct {
	region string
	cfg    aws.Config
}

func newConn(cfg aws.Config) *conn { return &conn{region: cfg.Region, cfg: cfg} }

func TestNewServiceSetRegions(t *testing.T) {
	refreshed := regions.NewCatalog()
	refreshed.Update(regions.EC2, "aws", []regions.Region{{Name: "us-west-2"}, {Name: "us-east-1"}})
	tests := []struct {
		name      string
		cfgRegion string
		service   string
		opts      []regions.SetOption
		want      []string
	}{
		{"sdb default partition", "", regions.SDB, nil,
			[]string{"ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "eu-west-1", "sa-east-1", "us-east-1", "us-west-1", "us-west-2"}},
		{"partition of cfg.Region", "cn-north-1", regions.EC2, nil, []string{"cn-north-1", "cn-northwest-1"}},
		{"region placed by pattern", "us-gov-south-7", regions.RDS, nil, []string{"us-gov-east-1", "us-gov-west-1"}},
		{"global service", "eu-west-1", regions.CloudFront, nil, []string{"us-east-1"}},
		{"catalog", "us-east-1", regions.EC2, []regions.SetOption{regions.WithCatalog(refreshed)}, []string{"us-east-1", "us-west-2"}},
		{"explicit regions keep their order", "", regions.SDB,
			[]regions.SetOption{regions.WithRegions("us-west-2", "eu-west-1", "local-1")}, []string{"us-west-2", "eu-west-1", "local-1"}},
		{"explicit regions for a service the catalog lacks", "", "dynamodb",
			[]regions.SetOption{regions.WithRegions("us-east-1")}, []string{"us-east-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := aws.Config{Region: tt.cfgRegion, RetryMaxAttempts: 7}
			set, err := regions.NewServiceSet(cfg, tt.service, newConn, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, set.Regions()); diff != "" {
				t.Errorf("Regions() (-want +got):\n%s", diff)
			}
			if set.Len() != len(tt.want) || set.Service() != tt.service {
				t.Errorf("Len() = %d, Service() = %q", set.Len(), set.Service())
			}
			for _, r := range tt.want {
				c, ok := set.Conn(r)
				if !ok || c.region != r || c.cfg.RetryMaxAttempts != 7 {
					t.Errorf("Conn(%s) = %+v, %v; want a connection built for %s from cfg", r, c, ok, r)
				}
			}
			if _, ok := set.Conn("nowhere-1"); ok {
				t.Error("Conn(nowhere-1) found")
			}
			if cfg.Region != tt.cfgRegion {
				t.Errorf("caller's cfg.Region changed to %q", cfg.Region)
			}
		})
	}
}

func TestNewServiceSetRegionsIsACopy(t *testing.T) {
	set, err := regions.NewServiceSet(aws.Config{}, regions.SDB, newConn)
	if err != nil {
		t.Fatal(err)
	}
	rs := set.Regions()
	rs[0] = "changed"
	if set.Regions()[0] == "changed" {
		t.Error("changing the slice from Regions changed the set")
	}
}

func TestNewServiceSetInvalid(t *testing.T) {
	tests := []struct {
		name      string
		cfgRegion string
		service   string
		newConn   func(aws.Config) *conn
		opts      []regions.SetOption
		field     string
	}{
		{"unknown service", "", "dynamodb", newConn, nil, "service"},
		{"empty service", "", "", newConn, nil, "service"},
		{"nil newConn", "", regions.SDB, nil, nil, "newConn"},
		{"not offered in partition", "cn-north-1", regions.SDB, newConn, nil, "service"},
		{"region in no partition", "mars-north-1", regions.EC2, newConn, nil, "Region"},
		{"empty region list", "", regions.SDB, newConn, []regions.SetOption{regions.WithRegions()}, "Regions"},
		{"empty catalog entry", "", regions.EC2, newConn, []regions.SetOption{regions.WithCatalog(emptyEC2())}, "service"},
		{"empty region name", "", regions.SDB, newConn, []regions.SetOption{regions.WithRegions("us-east-1", "")}, "Regions"},
		{"duplicate region", "", regions.SDB, newConn, []regions.SetOption{regions.WithRegions("us-east-1", "us-east-1")}, "Regions"},
		{"zero concurrency", "", regions.SDB, newConn, []regions.SetOption{regions.WithConcurrency(0)}, "Concurrency"},
		{"negative timeout", "", regions.SDB, newConn, []regions.SetOption{regions.WithRegionTimeout(-time.Second)}, "RegionTimeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var built int
			nc := tt.newConn
			if nc != nil {
				nc = func(cfg aws.Config) *conn { built++; return newConn(cfg) }
			}
			set, err := regions.NewServiceSet(aws.Config{Region: tt.cfgRegion}, tt.service, nc, tt.opts...)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("NewServiceSet = %v, %v; want a *goboto.ValidationError", set, err)
			}
			if ve.Field != tt.field {
				t.Errorf("ValidationError.Field = %q, want %q (%v)", ve.Field, tt.field, err)
			}
			if built != 0 {
				t.Errorf("%d connections built before the error", built)
			}
		})
	}
}

func emptyEC2() *regions.Catalog {
	c := regions.NewCatalog()
	c.Update(regions.EC2, "aws", nil)
	return c
}

func awsConfig() aws.Config { return aws.Config{Region: "us-east-1"} }
