package ec2test_test

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var requestIDs = regexp.MustCompile(`<(requestId|RequestID)>[^<]*</`)

// golden compares body, with its request ID blanked, to testdata/name.
func golden(t *testing.T, name, body string) {
	t.Helper()
	body = requestIDs.ReplaceAllString(body, "<$1>REQUEST-ID</")
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), body); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func TestWireShapes(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithRegions(
		ec2test.RegionInfo{Name: "eu-west-1"},
		ec2test.RegionInfo{Name: "ap-east-1", OptInStatus: ec2test.OptedIn},
	))
	tests := []struct {
		name, host string
		params     url.Values
		status     int
	}{
		{"describe_regions.xml", "ec2.eu-west-1.amazonaws.com",
			url.Values{"Action": {"DescribeRegions"}, "Version": {"2016-11-15"}}, 200},
		{"describe_regions_2014.xml", "ec2.eu-west-1.amazonaws.com",
			url.Values{"Action": {"DescribeRegions"}, "Version": {"2014-10-01"}, "RegionName.1": {"eu-west-1"}}, 200},
		{"describe_availability_zones.xml", "ec2.eu-west-1.amazonaws.com",
			url.Values{"Action": {"DescribeAvailabilityZones"}, "Version": {"2016-11-15"}, "ZoneName.1": {"eu-west-1a"}}, 200},
		{"invalid_action.xml", "ec2.eu-west-1.amazonaws.com",
			url.Values{"Action": {"DescribeUnicorns"}, "Version": {"2016-11-15"}}, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := ec2test.RawSigV2(t, srv, tt.host, tt.params)
			if status != tt.status {
				t.Errorf("status %d, want %d: %s", status, tt.status, body)
			}
			golden(t, tt.name, body)
		})
	}
	calls := srv.Calls()
	if len(calls) != len(tests) || calls[0].SigVersion != 2 || calls[0].Region != "eu-west-1" || calls[3].Code != "InvalidAction" {
		t.Errorf("calls = %+v", calls)
	}
}
