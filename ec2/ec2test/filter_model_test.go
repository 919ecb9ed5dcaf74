package ec2test_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/ec2/internal/ec2model"
)

// describeActionsWithFilters are the Describe actions ec2test implements
// that take Filter.N.
var describeActionsWithFilters = []string{
	"DescribeInstances", "DescribeVolumes", "DescribeVolumesModifications", "DescribeSnapshots", "DescribeImages",
	"DescribeSecurityGroups", "DescribeKeyPairs", "DescribeAddresses", "DescribeTags",
	"DescribeReservedInstances", "DescribeReservedInstancesOfferings", "DescribeSpotInstanceRequests",
	"DescribeSpotPriceHistory", "DescribeRegions", "DescribeAvailabilityZones",
	"DescribeVpcs", "DescribeSubnets", "DescribeInternetGateways", "DescribeRouteTables", "DescribeSecurityGroupRules",
}

var errorCode = regexp.MustCompile(`<Code>([^<]*)</Code>\s*<Message>([^<]*)</Message>`)

// TestDocumentedFiltersAccepted sends every filter name the EC2 API model
// documents for each Describe action the fake implements. EC2 API
// Reference, Filter: an unknown name is InvalidParameterValue ("The filter
// 'x' is invalid"), so a documented name must never get it. The fake
// evaluates the names its resources can answer and refuses the rest with
// UnsupportedOperation naming the filter, rather than ignoring them.
func TestDocumentedFiltersAccepted(t *testing.T) {
	m := ec2model.Load(t)
	srv := ec2test.Start(t)
	const host = "ec2.us-east-1.amazonaws.com"
	total, unsupported := 0, 0
	for _, action := range describeActionsWithFilters {
		names := m.FilterNames(action)
		if len(names) == 0 {
			t.Errorf("%s: the model documents no filters; is the extraction broken?", action)
		}
		var refused []string
		for _, name := range names {
			sent := name
			if name == "tag:" || name == "tag" { // "tag:<key>", as some actions' documentation writes it
				sent = "tag:Name"
			}
			status, body := ec2test.RawSigV2(t, srv, host, url.Values{"Action": {action}, "Version": {"2016-11-15"},
				"Filter.1.Name": {sent}, "Filter.1.Value.1": {"*"}})
			total++
			if status == 200 {
				continue
			}
			sub := errorCode.FindStringSubmatch(body)
			switch {
			case sub == nil:
				t.Errorf("%s filter %s: status %d, body %s", action, sent, status, body)
			case sub[1] == "UnsupportedOperation" && strings.Contains(html.UnescapeString(sub[2]), "'"+sent+"'"):
				unsupported++
				refused = append(refused, sent)
			default:
				t.Errorf("%s filter %s: %s: %s; want it evaluated, or UnsupportedOperation naming it", action, sent, sub[1], sub[2])
			}
		}
		if len(refused) > 0 {
			t.Logf("%s: %d of %d documented filters unsupported: %s", action, len(refused), len(names), strings.Join(refused, " "))
		}
	}
	t.Logf("%d documented filters, %d unsupported by the fake", total, unsupported)
}
