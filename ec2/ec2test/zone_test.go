package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

func zoneNames(out *awsec2.DescribeAvailabilityZonesOutput) []string {
	var names []string
	for _, z := range out.AvailabilityZones {
		names = append(names, aws.ToString(z.ZoneName)+"/"+aws.ToString(z.ZoneId))
	}
	return names
}

func TestDescribeAvailabilityZonesDefaults(t *testing.T) {
	srv := ec2test.Start(t)
	cfg := srv.ConfigFor(fake.DefaultCredentials()[0], "ap-southeast-2")
	cfg.RetryMaxAttempts = 1
	out, err := awsec2.NewFromConfig(cfg).DescribeAvailabilityZones(t.Context(), &awsec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := []types.AvailabilityZone{}
	for i, s := range []string{"a", "b", "c"} {
		want = append(want, types.AvailabilityZone{
			ZoneName: aws.String("ap-southeast-2" + s), ZoneId: aws.String("apse2-az" + string(rune('1'+i))),
			RegionName: aws.String("ap-southeast-2"), State: types.AvailabilityZoneStateAvailable,
			OptInStatus: types.AvailabilityZoneOptInStatusOptInNotRequired, ZoneType: aws.String("availability-zone"),
			GroupName: aws.String("ap-southeast-2-zg-1"), NetworkBorderGroup: aws.String("ap-southeast-2"),
			Messages: []types.AvailabilityZoneMessage{}, // EC2 sends an empty <messageSet/>
		})
	}
	if diff := cmp.Diff(want, out.AvailabilityZones, cmp.AllowUnexported(types.AvailabilityZone{})); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}
}

func TestDescribeAvailabilityZones(t *testing.T) {
	srv := ec2test.Start(t)
	srv.SetZones("us-east-1", []ec2test.ZoneInfo{
		{Name: "us-east-1a"},
		{Name: "us-east-1b", State: "impaired", Messages: []string{"degraded networking"}},
		{Name: "us-east-1-bos-1a", ID: "use1-bos1-az1", Type: "local-zone", OptInStatus: ec2test.NotOptedIn,
			GroupName: "us-east-1-bos-1", NetworkBorderGroup: "us-east-1-bos-1"},
	})
	c := client(t, srv) // us-east-1
	tests := []struct {
		name string
		in   awsec2.DescribeAvailabilityZonesInput
		want []string
	}{
		{"opted-in only", awsec2.DescribeAvailabilityZonesInput{}, []string{"us-east-1a/use1-az1", "us-east-1b/use1-az2"}},
		{"all", awsec2.DescribeAvailabilityZonesInput{AllAvailabilityZones: aws.Bool(true)},
			[]string{"us-east-1a/use1-az1", "us-east-1b/use1-az2", "us-east-1-bos-1a/use1-bos1-az1"}},
		{"named local zone", awsec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1-bos-1a"}}, []string{"us-east-1-bos-1a/use1-bos1-az1"}},
		{"by id", awsec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az2"}}, []string{"us-east-1b/use1-az2"}},
		{"state", awsec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("state", "available")}}, []string{"us-east-1a/use1-az1"}},
		{"zone-type", awsec2.DescribeAvailabilityZonesInput{AllAvailabilityZones: aws.Bool(true), Filters: []types.Filter{filter("zone-type", "local-zone")}},
			[]string{"us-east-1-bos-1a/use1-bos1-az1"}},
		{"message", awsec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("message", "*network*")}}, []string{"us-east-1b/use1-az2"}},
		{"region-name of another region", awsec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("region-name", "eu-west-1")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeAvailabilityZones(t.Context(), &tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, zoneNames(out)); diff != "" {
				t.Errorf("zones (-want +got):\n%s", diff)
			}
		})
	}

	out, err := c.DescribeAvailabilityZones(t.Context(), &awsec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1b"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.AvailabilityZones) != 1 || len(out.AvailabilityZones[0].Messages) != 1 ||
		aws.ToString(out.AvailabilityZones[0].Messages[0].Message) != "degraded networking" {
		t.Errorf("messages of us-east-1b = %+v", out.AvailabilityZones)
	}

	_, err = c.DescribeAvailabilityZones(t.Context(), &awsec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1z"}})
	checkAPIError(t, err, "InvalidParameterValue", "us-east-1z")
	_, err = c.DescribeAvailabilityZones(t.Context(), &awsec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("endpoint", "x")}})
	checkAPIError(t, err, "InvalidParameterValue", "The filter 'endpoint' is invalid")
}

func TestDescribeAvailabilityZonesUnknownRegion(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithRegions(ec2test.RegionInfo{Name: "us-east-1"}))
	cfg := srv.ConfigFor(fake.DefaultCredentials()[0], "eu-west-1")
	out, err := awsec2.NewFromConfig(cfg).DescribeAvailabilityZones(t.Context(), &awsec2.DescribeAvailabilityZonesInput{})
	if err != nil || len(out.AvailabilityZones) != 0 {
		t.Errorf("zones of a region not in the list = %v, %v; want none", zoneNames(out), err)
	}
}
