package regions_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/regions"
)

// The golden facts below are read off endpoints.json by hand; they pin down
// what the generator must extract.

func TestSimpleDBRegions(t *testing.T) {
	cat := regions.NewCatalog()
	got := cat.Regions(regions.SDB, "")
	want := []regions.Region{
		{Name: "ap-northeast-1", Partition: "aws", Description: "Asia Pacific (Tokyo)", Hostname: "sdb.ap-northeast-1.amazonaws.com"},
		{Name: "ap-southeast-1", Partition: "aws", Description: "Asia Pacific (Singapore)", Hostname: "sdb.ap-southeast-1.amazonaws.com"},
		{Name: "ap-southeast-2", Partition: "aws", Description: "Asia Pacific (Sydney)", Hostname: "sdb.ap-southeast-2.amazonaws.com"},
		{Name: "eu-west-1", Partition: "aws", Description: "Europe (Ireland)", Hostname: "sdb.eu-west-1.amazonaws.com"},
		{Name: "sa-east-1", Partition: "aws", Description: "South America (Sao Paulo)", Hostname: "sdb.sa-east-1.amazonaws.com"},
		{Name: "us-east-1", Partition: "aws", Description: "US East (N. Virginia)", Hostname: "sdb.amazonaws.com"},
		{Name: "us-west-1", Partition: "aws", Description: "US West (N. California)", Hostname: "sdb.us-west-1.amazonaws.com"},
		{Name: "us-west-2", Partition: "aws", Description: "US West (Oregon)", Hostname: "sdb.us-west-2.amazonaws.com"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Regions(sdb, aws) (-want +got):\n%s", diff)
	}
	if got := cat.Regions(regions.SDB, "aws-cn"); got != nil {
		t.Errorf("Regions(sdb, aws-cn) = %v, want none: SimpleDB is not offered in China", got)
	}
}

func TestChinaHostnames(t *testing.T) {
	cat := regions.NewCatalog()
	var n int
	for _, svc := range cat.Services() {
		for _, r := range cat.Regions(svc, "aws-cn") {
			n++
			if !strings.HasSuffix(r.Hostname, ".amazonaws.com.cn") {
				t.Errorf("%s in %s: hostname %q does not end in .amazonaws.com.cn", svc, r.Name, r.Hostname)
			}
		}
	}
	// ec2, s3, sqs, rds, monitoring, autoscaling in 2 regions, cloudfront global.
	if n != 13 {
		t.Errorf("aws-cn has %d service endpoints, want 13", n)
	}
}

func TestCloudFrontIsGlobal(t *testing.T) {
	cat := regions.NewCatalog()
	want := []regions.Region{{
		Name: "us-east-1", Partition: "aws", Description: "US East (N. Virginia)",
		Hostname: "cloudfront.amazonaws.com", Endpoint: "aws-global",
	}}
	if diff := cmp.Diff(want, cat.Regions(regions.CloudFront, "aws")); diff != "" {
		t.Errorf("Regions(cloudfront, aws) (-want +got):\n%s", diff)
	}
	// Every region of the partition reaches the one endpoint.
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		got, ok := cat.Lookup(regions.CloudFront, region)
		if !ok || !got.Global() {
			t.Errorf("Lookup(cloudfront, %s) = %+v, %v; want the global endpoint", region, got, ok)
			continue
		}
		if diff := cmp.Diff(want[0], got); diff != "" {
			t.Errorf("Lookup(cloudfront, %s) (-want +got):\n%s", region, diff)
		}
	}
	cn, ok := cat.Lookup(regions.CloudFront, "cn-north-1")
	wantCN := regions.Region{Name: "cn-northwest-1", Partition: "aws-cn", Description: "China (Ningxia)",
		Hostname: "cloudfront.cn-northwest-1.amazonaws.com.cn", Endpoint: "aws-cn-global"}
	if diff := cmp.Diff(wantCN, cn); !ok || diff != "" {
		t.Errorf("Lookup(cloudfront, cn-north-1) ok=%v (-want +got):\n%s", ok, diff)
	}
}

func TestOnlyRealRegions(t *testing.T) {
	cat := regions.NewCatalog()
	for _, p := range cat.Partitions() {
		info, ok := cat.Partition(p)
		if !ok {
			t.Fatalf("Partition(%q) not found", p)
		}
		for _, svc := range cat.Services() {
			rs := cat.Regions(svc, p)
			if !slices.IsSortedFunc(rs, func(a, b regions.Region) int { return strings.Compare(a.Name, b.Name) }) {
				t.Errorf("Regions(%s, %s) not sorted", svc, p)
			}
			for _, r := range rs {
				if strings.Contains(r.Name, "fips") || strings.Contains(r.Name, "global") || strings.Contains(r.Name, ".") {
					t.Errorf("%s in %s: %q is not a region", svc, p, r.Name)
				}
				if r.Description == "" || r.Partition != p || r.Hostname == "" {
					t.Errorf("%s in %s: incomplete %+v", svc, p, r)
				}
				if !strings.HasSuffix(r.Hostname, "."+info.DNSSuffix) {
					t.Errorf("%s in %s: hostname %q outside %s", svc, p, r.Hostname, info.DNSSuffix)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	cat := regions.NewCatalog()
	tests := []struct {
		service, region string
		wantHost        string
		wantPartition   string
		wantOK          bool
	}{
		{regions.EC2, "us-east-1", "ec2.us-east-1.amazonaws.com", "aws", true},
		{regions.S3, "us-east-1", "s3.us-east-1.amazonaws.com", "aws", true},
		{regions.SDB, "us-east-1", "sdb.amazonaws.com", "aws", true},
		{regions.SDB, "eu-central-1", "", "", false},
		{regions.CloudWatch, "us-gov-west-1", "monitoring.us-gov-west-1.amazonaws.com", "aws-us-gov", true},
		{regions.AutoScaling, "eusc-de-east-1", "autoscaling.eusc-de-east-1.amazonaws.eu", "aws-eusc", true},
		{regions.RDS, "cn-north-1", "rds.cn-north-1.amazonaws.com.cn", "aws-cn", true},
		{regions.SQS, "us-isob-east-1", "sqs.us-isob-east-1.sc2s.sgov.gov", "aws-iso-b", true},
		{regions.EC2, "fips-us-east-1", "", "", false},
		{regions.RDS, "rds.us-east-1", "", "", false},
		{regions.RDS, "us-east-1-fips", "", "", false},
		{regions.S3, "aws-global", "", "", false},
		{regions.S3, "s3-external-1", "", "", false},
		{regions.EC2, "us-east-9", "", "", false}, // placed by pattern, but not offered
		{"dynamodb", "us-east-1", "", "", false},
		{regions.EC2, "", "", "", false},
	}
	for _, tt := range tests {
		got, ok := cat.Lookup(tt.service, tt.region)
		if ok != tt.wantOK || got.Hostname != tt.wantHost || got.Partition != tt.wantPartition {
			t.Errorf("Lookup(%q, %q) = %+v, %v; want host %q partition %q, %v",
				tt.service, tt.region, got, ok, tt.wantHost, tt.wantPartition, tt.wantOK)
		}
		host, ok := cat.Hostname(tt.service, tt.region)
		if host != tt.wantHost || ok != tt.wantOK {
			t.Errorf("Hostname(%q, %q) = %q, %v; want %q, %v", tt.service, tt.region, host, ok, tt.wantHost, tt.wantOK)
		}
	}
}

func TestPartitionOf(t *testing.T) {
	cat := regions.NewCatalog()
	tests := []struct {
		region, want string
		ok           bool
	}{
		{"us-east-1", "aws", true},
		{"il-central-1", "aws", true},
		{"cn-northwest-1", "aws-cn", true},
		{"us-gov-west-1", "aws-us-gov", true},
		{"us-iso-east-1", "aws-iso", true},
		{"us-isob-east-1", "aws-iso-b", true},
		{"eu-isoe-west-1", "aws-iso-e", true},
		{"us-isof-south-1", "aws-iso-f", true},
		{"eusc-de-east-1", "aws-eusc", true},
		// Not listed yet: placed by the partition's pattern.
		{"us-east-9", "aws", true},
		{"ap-northeast-12", "aws", true},
		{"cn-south-3", "aws-cn", true},
		{"us-gov-south-1", "aws-us-gov", true},
		{"eusc-de-west-2", "aws-eusc", true},
		{"mars-north-1", "", false},
		{"us-east", "", false},
		{"aws-global", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := cat.PartitionOf(tt.region)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PartitionOf(%q) = %q, %v; want %q, %v", tt.region, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPartitions(t *testing.T) {
	cat := regions.NewCatalog()
	want := []string{"aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"}
	if diff := cmp.Diff(want, cat.Partitions()); diff != "" {
		t.Errorf("Partitions() (-want +got):\n%s", diff)
	}
	got, ok := cat.Partition("aws-cn")
	wantCN := regions.Partition{Name: "aws-cn", Description: "AWS China", DNSSuffix: "amazonaws.com.cn", RegionRegex: `^cn\-\w+\-\d+$`}
	if diff := cmp.Diff(wantCN, got); !ok || diff != "" {
		t.Errorf("Partition(aws-cn) ok=%v (-want +got):\n%s", ok, diff)
	}
	if _, ok := cat.Partition("aws-moon"); ok {
		t.Error("Partition(aws-moon) found")
	}
	wantSvcs := []string{"autoscaling", "cloudfront", "ec2", "monitoring", "rds", "s3", "sdb", "sqs"}
	if diff := cmp.Diff(wantSvcs, cat.Services()); diff != "" {
		t.Errorf("Services() (-want +got):\n%s", diff)
	}
}

func TestUpdate(t *testing.T) {
	cat := regions.NewCatalog()
	cat.Update(regions.EC2, "", []regions.Region{
		{Name: "us-west-2", OptInStatus: "opt-in-not-required"},
		{Name: "us-east-9", Hostname: "ec2.us-east-9.amazonaws.com", OptInStatus: "opted-in"},
		{Name: "us-east-1", Description: "Virginia", OptInStatus: "opt-in-not-required"},
		{Name: ""}, // dropped
	})
	want := []regions.Region{
		{Name: "us-east-1", Partition: "aws", Description: "Virginia", Hostname: "ec2.us-east-1.amazonaws.com", OptInStatus: "opt-in-not-required"},
		{Name: "us-east-9", Partition: "aws", Hostname: "ec2.us-east-9.amazonaws.com", OptInStatus: "opted-in"},
		{Name: "us-west-2", Partition: "aws", Description: "US West (Oregon)", Hostname: "ec2.us-west-2.amazonaws.com", OptInStatus: "opt-in-not-required"},
	}
	if diff := cmp.Diff(want, cat.Regions(regions.EC2, "aws")); diff != "" {
		t.Errorf("Regions after Update (-want +got):\n%s", diff)
	}
	if got, ok := cat.Lookup(regions.EC2, "us-east-9"); !ok || got.OptInStatus != "opted-in" {
		t.Errorf("Lookup(ec2, us-east-9) = %+v, %v", got, ok)
	}
	if _, ok := cat.Lookup(regions.EC2, "eu-west-1"); ok {
		t.Error("eu-west-1 still listed for ec2 after Update")
	}
	// Other services, other partitions and other catalogs are untouched.
	if n := len(cat.Regions(regions.SQS, "aws")); n != 34 {
		t.Errorf("sqs has %d aws regions after updating ec2, want 34", n)
	}
	if n := len(cat.Regions(regions.EC2, "aws-cn")); n != 2 {
		t.Errorf("ec2 has %d aws-cn regions after updating aws, want 2", n)
	}
	if n := len(regions.NewCatalog().Regions(regions.EC2, "aws")); n != 34 {
		t.Errorf("a fresh catalog has %d ec2 regions, want 34: Update leaked", n)
	}
}

func TestUpdateNewPartition(t *testing.T) {
	cat := regions.NewCatalog()
	cat.Update(regions.EC2, "aws-moon", []regions.Region{{Name: "moon-1", Hostname: "ec2.moon-1.example"}})
	if p, ok := cat.PartitionOf("moon-1"); !ok || p != "aws-moon" {
		t.Errorf("PartitionOf(moon-1) = %q, %v; want aws-moon", p, ok)
	}
	if h, ok := cat.Hostname(regions.EC2, "moon-1"); !ok || h != "ec2.moon-1.example" {
		t.Errorf("Hostname(ec2, moon-1) = %q, %v", h, ok)
	}
	if !slices.Contains(cat.Partitions(), "aws-moon") {
		t.Errorf("Partitions() = %v, want aws-moon listed", cat.Partitions())
	}
}

func TestCatalogHandsOutCopies(t *testing.T) {
	cat := regions.NewCatalog()
	rs := cat.Regions(regions.SDB, "aws")
	rs[0].Hostname = "evil.example"
	in := []regions.Region{{Name: "us-east-1"}}
	cat.Update(regions.SQS, "aws", in)
	in[0].Hostname = "evil.example"
	if h, _ := cat.Hostname(regions.SDB, rs[0].Name); h == "evil.example" {
		t.Error("changing a slice from Regions changed the catalog")
	}
	if h, _ := cat.Hostname(regions.SQS, "us-east-1"); h != "sqs.us-east-1.amazonaws.com" {
		t.Errorf("changing the slice given to Update changed the catalog: %q", h)
	}
}

// TestCatalogConcurrentUse is for -race.
func TestCatalogConcurrentUse(t *testing.T) {
	cat := regions.NewCatalog()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					cat.Update(regions.EC2, "aws", cat.Regions(regions.EC2, "aws"))
				} else if _, ok := cat.Lookup(regions.EC2, "us-east-1"); !ok {
					t.Error("Lookup(ec2, us-east-1) failed during updates")
				}
			}
		})
	}
	wg.Wait()
}

// Catalogs share the generated tables until they are updated: an Update
// must leave every other catalog, and the package-level lookups, as
// generated.
func TestUpdateLeavesOtherCatalogsAlone(t *testing.T) {
	updated := regions.NewCatalog()
	updated.Update(regions.EC2, "", []regions.Region{{Name: "us-east-9", Description: "US East (Nowhere)"}})
	updated.Update(regions.EC2, "aws-moon", []regions.Region{{Name: "moon-1", Hostname: "ec2.moon-1.example"}})
	if _, ok := updated.Lookup(regions.EC2, "us-east-9"); !ok {
		t.Fatal("the updated catalog does not list us-east-9")
	}

	fresh := regions.NewCatalog()
	if r, ok := fresh.Lookup(regions.EC2, "us-east-9"); ok {
		t.Errorf("a fresh catalog lists us-east-9 (%+v): Update leaked", r)
	}
	if r, ok := regions.Lookup(regions.EC2, "us-east-9"); ok {
		t.Errorf("regions.Lookup lists us-east-9 (%+v): Update leaked", r)
	}
	if slices.Contains(fresh.Partitions(), "aws-moon") {
		t.Error("a fresh catalog lists the partition aws-moon: Update leaked")
	}
	if p, ok := regions.PartitionOf("moon-1"); ok {
		t.Errorf("regions.PartitionOf(moon-1) = %q: Update leaked", p)
	}
	// The region's description went into the updated catalog's partition;
	// a fresh catalog must not fill it in from there.
	fresh.Update(regions.EC2, "", []regions.Region{{Name: "us-east-9"}})
	if r, _ := fresh.Lookup(regions.EC2, "us-east-9"); r.Description != "" {
		t.Errorf("a fresh catalog describes us-east-9 as %q: the partition's regions leaked", r.Description)
	}
	if n := len(regions.NewCatalog().Regions(regions.EC2, "aws")); n != 34 {
		t.Errorf("a fresh catalog has %d ec2 regions, want 34", n)
	}
}

// regions.Lookup and regions.Hostname answer as a fresh catalog does.
func TestPackageLookup(t *testing.T) {
	cat := regions.NewCatalog()
	checked := 0
	for _, svc := range cat.Services() {
		for _, p := range cat.Partitions() {
			for _, r := range cat.Regions(svc, p) {
				want, wantOK := cat.Lookup(svc, r.Name)
				got, ok := regions.Lookup(svc, r.Name)
				if diff := cmp.Diff(want, got); diff != "" || ok != wantOK {
					t.Errorf("Lookup(%s, %s) = %v (-catalog +package):\n%s", svc, r.Name, ok, diff)
				}
				if h, ok := regions.Hostname(svc, r.Name); h != want.Hostname || ok != wantOK {
					t.Errorf("Hostname(%s, %s) = %q, %v; want %q, %v", svc, r.Name, h, ok, want.Hostname, wantOK)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d endpoints", checked)
	}
	for _, tc := range []struct{ service, region, want string }{
		{regions.SDB, "us-east-1", "sdb.amazonaws.com"},
		{regions.SDB, "eu-west-1", "sdb.eu-west-1.amazonaws.com"},
		{regions.CloudFront, "eu-west-1", "cloudfront.amazonaws.com"},
		{regions.SDB, "cn-north-1", ""},   // not offered there
		{regions.SDB, "us-east-9", ""},    // not listed yet
		{regions.SDB, "", ""},             // no region
		{regions.SDB, "mars-north-1", ""}, // no partition
	} {
		got, ok := regions.Hostname(tc.service, tc.region)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Hostname(%q, %q) = %q, %v; want %q", tc.service, tc.region, got, ok, tc.want)
		}
	}
}

// TestCatalogsUpdatedConcurrently is for -race: catalogs made at once
// copy the shared tables on their first Update while others read them.
func TestCatalogsUpdatedConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 20 {
				cat := regions.NewCatalog()
				if i%2 == 0 {
					cat.Update(regions.EC2, "aws", []regions.Region{{Name: "us-east-9"}})
					cat.Update(regions.EC2, "aws-moon", []regions.Region{{Name: "moon-1"}})
				} else if h, ok := regions.Hostname(regions.EC2, "us-east-1"); !ok || h != "ec2.us-east-1.amazonaws.com" {
					t.Errorf("Hostname(ec2, us-east-1) = %q, %v during updates", h, ok)
				}
			}
		})
	}
	wg.Wait()
}
