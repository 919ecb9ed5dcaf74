package main

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// The aws CLI's JSON for EC2's region and zone answers.
type (
	cliRegion struct {
		RegionName  string
		Endpoint    string
		OptInStatus string
	}
	cliRegions struct{ Regions []cliRegion }
	cliZone    struct {
		ZoneName           string
		ZoneId             string
		RegionName         string
		State              string
		OptInStatus        string
		ZoneType           string
		GroupName          string
		NetworkBorderGroup string
		Messages           []any
	}
	cliZones struct{ AvailabilityZones []cliZone }
)

// wantRegions is the fake's region list as the CLI should print it; all
// includes the regions the account has not opted in to.
func wantRegions(all bool, names ...string) []cliRegion {
	var out []cliRegion
	for _, r := range ec2test.DefaultRegions() {
		if !all && r.OptInStatus == ec2test.NotOptedIn {
			continue
		}
		if len(names) > 0 && !slices.Contains(names, r.Name) {
			continue
		}
		out = append(out, cliRegion{RegionName: r.Name, Endpoint: r.Endpoint, OptInStatus: r.OptInStatus})
	}
	return out
}

// TestAWSCLIEC2 reads regions and zones through the aws CLI, which signs
// EC2 with Signature Version 4 (API 2016-11-15); the scope's region is
// the one the answer is for.
func TestAWSCLIEC2(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())

	var zones []cliZone
	for _, z := range defaultZones(t, "us-west-2") {
		zones = append(zones, cliZone{
			ZoneName: z.Name, ZoneId: z.ID, RegionName: z.Region, State: z.State, OptInStatus: z.OptInStatus,
			ZoneType: z.Type, GroupName: z.GroupName, NetworkBorderGroup: z.NetworkBorderGroup,
		})
	}
	if len(zones) == 0 {
		t.Fatal("ec2test has no zones for us-west-2")
	}

	tests := []struct {
		name       string
		args       []string
		out, want  any
		wantRegion string // where the server served it
	}{
		{"describe-regions", []string{"ec2", "describe-regions"},
			&cliRegions{}, &cliRegions{wantRegions(false)}, srv.DefaultRegion()},
		{"describe-regions --all-regions", []string{"ec2", "describe-regions", "--all-regions"},
			&cliRegions{}, &cliRegions{wantRegions(true)}, srv.DefaultRegion()},
		{"describe-regions --region-names", []string{"ec2", "describe-regions", "--region-names", "eu-west-1", "us-west-2"},
			&cliRegions{}, &cliRegions{wantRegions(false, "eu-west-1", "us-west-2")}, srv.DefaultRegion()},
		{"describe-availability-zones --region us-west-2", []string{"ec2", "describe-availability-zones", "--region", "us-west-2"},
			&cliZones{}, &cliZones{zones}, "us-west-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			awsJSON(t, srv, env, tt.out, tt.args...)
			if diff := cmp.Diff(tt.want, tt.out, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("aws %q (-want +got):\n%s", tt.args, diff)
			}
			calls := srv.Calls()
			if len(calls) != 1 {
				t.Fatalf("server saw %d calls, want 1: %+v", len(calls), calls)
			}
			got := []any{calls[0].Service, calls[0].Region, calls[0].SigVersion, calls[0].Status}
			want := []any{"ec2", tt.wantRegion, 4, 200}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("call (service, region, signature version, status) (-want +got):\n%s", diff)
			}
		})
	}
}
