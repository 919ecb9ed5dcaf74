package ec2test_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

func client(t *testing.T, srv *ec2test.Server) *awsec2.Client {
	cfg := srv.Config("")
	cfg.RetryMaxAttempts = 1
	return awsec2.NewFromConfig(cfg)
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func seeded(t *testing.T) *ec2test.Server {
	return ec2test.Start(t, ec2test.WithRegions(
		ec2test.RegionInfo{Name: "us-east-1"},
		ec2test.RegionInfo{Name: "us-west-2"},
		ec2test.RegionInfo{Name: "eu-west-1"},
		ec2test.RegionInfo{Name: "ap-east-1", OptInStatus: ec2test.OptedIn},
		ec2test.RegionInfo{Name: "me-south-1", OptInStatus: ec2test.NotOptedIn},
		ec2test.RegionInfo{Name: "us-gov-west-1", Endpoint: "ec2.us-gov-west-1.amazonaws.com", OptInStatus: ec2test.NotOptedIn},
	))
}

func regionNames(out *awsec2.DescribeRegionsOutput) []string {
	var names []string
	for _, r := range out.Regions {
		names = append(names, aws.ToString(r.RegionName))
	}
	return names
}

func TestDescribeRegions(t *testing.T) {
	srv := seeded(t)
	c := client(t, srv)
	tests := []struct {
		name string
		in   awsec2.DescribeRegionsInput
		want []string
	}{
		{"enabled only", awsec2.DescribeRegionsInput{}, []string{"ap-east-1", "eu-west-1", "us-east-1", "us-west-2"}},
		{"all", awsec2.DescribeRegionsInput{AllRegions: aws.Bool(true)},
			[]string{"ap-east-1", "eu-west-1", "me-south-1", "us-east-1", "us-gov-west-1", "us-west-2"}},
		{"named, enabled or not, in the order asked", awsec2.DescribeRegionsInput{RegionNames: []string{"me-south-1", "us-east-1"}},
			[]string{"me-south-1", "us-east-1"}},
		{"region-name wildcard", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("region-name", "us-*")}},
			[]string{"us-east-1", "us-west-2"}},
		{"region-name single character", awsec2.DescribeRegionsInput{AllRegions: aws.Bool(true), Filters: []types.Filter{filter("region-name", "??-west-?")}},
			[]string{"eu-west-1", "us-west-2"}},
		{"values are ORed", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("region-name", "eu-west-1", "ap-east-1")}},
			[]string{"ap-east-1", "eu-west-1"}},
		{"filters are ANDed", awsec2.DescribeRegionsInput{AllRegions: aws.Bool(true),
			Filters: []types.Filter{filter("region-name", "us-*"), filter("opt-in-status", "not-opted-in")}},
			[]string{"us-gov-west-1"}},
		{"opt-in-status among enabled", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("opt-in-status", "not-opted-in")}}, nil},
		{"opt-in-status among all", awsec2.DescribeRegionsInput{AllRegions: aws.Bool(true), Filters: []types.Filter{filter("opt-in-status", "opted-in", "not-opted-in")}},
			[]string{"ap-east-1", "me-south-1", "us-gov-west-1"}},
		{"endpoint", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("endpoint", "ec2.eu-west-1.amazonaws.com")}},
			[]string{"eu-west-1"}},
		{"filter on named regions", awsec2.DescribeRegionsInput{RegionNames: []string{"me-south-1", "us-east-1"},
			Filters: []types.Filter{filter("opt-in-status", "opt-in-not-required")}}, []string{"us-east-1"}},
		{"case-sensitive", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("region-name", "US-EAST-1")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeRegions(t.Context(), &tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, regionNames(out)); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescribeRegionsFields(t *testing.T) {
	srv := seeded(t)
	out, err := client(t, srv).DescribeRegions(t.Context(), &awsec2.DescribeRegionsInput{RegionNames: []string{"ap-east-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Regions) != 1 {
		t.Fatalf("got %d regions", len(out.Regions))
	}
	r := out.Regions[0]
	got := []string{aws.ToString(r.RegionName), aws.ToString(r.Endpoint), aws.ToString(r.OptInStatus)}
	if diff := cmp.Diff([]string{"ap-east-1", "ec2.ap-east-1.amazonaws.com", "opted-in"}, got); diff != "" {
		t.Errorf("region fields (-want +got):\n%s", diff)
	}
}

func TestDescribeRegionsErrors(t *testing.T) {
	srv := seeded(t)
	c := client(t, srv)
	tests := []struct {
		name     string
		in       awsec2.DescribeRegionsInput
		code     string
		contains string
	}{
		{"unknown region", awsec2.DescribeRegionsInput{RegionNames: []string{"us-east-1", "xx-nowhere-1"}}, "InvalidParameterValue", "Invalid region: [xx-nowhere-1]"},
		{"unknown filter", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("zone-name", "x")}}, "InvalidParameterValue", "The filter 'zone-name' is invalid"},
		{"filter without values", awsec2.DescribeRegionsInput{Filters: []types.Filter{filter("region-name")}}, "InvalidParameterValue", "region-name"},
		{"dry run", awsec2.DescribeRegionsInput{DryRun: aws.Bool(true)}, "DryRunOperation", "DryRun flag is set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DescribeRegions(t.Context(), &tt.in)
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
}

func checkAPIError(t *testing.T, err error, code, contains string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an API error %s", err, code)
	}
	if ae.ErrorCode() != code || !strings.Contains(ae.ErrorMessage(), contains) {
		t.Errorf("err = %s: %q; want %s containing %q", ae.ErrorCode(), ae.ErrorMessage(), code, contains)
	}
}

func TestSetRegions(t *testing.T) {
	srv := ec2test.Start(t)
	c := client(t, srv)
	srv.SetRegions([]ec2test.RegionInfo{{Name: "eu-west-1"}, {Name: "ap-east-1", OptInStatus: ec2test.NotOptedIn}})
	out, err := c.DescribeRegions(context.Background(), &awsec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	want := []types.Region{
		{RegionName: aws.String("ap-east-1"), Endpoint: aws.String("ec2.ap-east-1.amazonaws.com"), OptInStatus: aws.String("not-opted-in")},
		{RegionName: aws.String("eu-west-1"), Endpoint: aws.String("ec2.eu-west-1.amazonaws.com"), OptInStatus: aws.String("opt-in-not-required")},
	}
	if diff := cmp.Diff(want, out.Regions, cmp.AllowUnexported(types.Region{})); diff != "" {
		t.Errorf("regions after SetRegions (-want +got):\n%s", diff)
	}
}

func TestDefaultRegions(t *testing.T) {
	rs := ec2test.DefaultRegions()
	counts := map[string]int{}
	for _, r := range rs {
		counts[r.OptInStatus]++
		if r.Endpoint != "ec2."+r.Name+".amazonaws.com" {
			t.Errorf("%s: endpoint %q", r.Name, r.Endpoint)
		}
	}
	want := map[string]int{ec2test.OptInNotRequired: 17, ec2test.OptedIn: 15, ec2test.NotOptedIn: 2}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("opt-in states of the default regions (-want +got):\n%s", diff)
	}
}
