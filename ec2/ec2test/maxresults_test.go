package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// TestMaxResultsCapped pins the actions whose reference says a MaxResults
// above the limit is capped rather than refused; the aws CLI sends
// MaxResults=1000 on every describe-volumes call.
//
// EC2 API Reference, DescribeVolumes, MaxResults: "This value can be
// between 5 and 500; if MaxResults is given a value larger than 500, only
// 500 results are returned."
// EC2 API Reference, DescribeSnapshots, MaxResults: "This value can be
// between 5 and 1,000; if MaxResults is given a value larger than 1,000,
// only 1,000 results are returned."
func TestMaxResultsCapped(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	const volumes = 502
	for range volumes {
		createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(1)})
	}
	type pageShape struct {
		Items   int
		HasNext bool
	}
	var got []pageShape
	var token *string
	for {
		out, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{MaxResults: aws.Int32(1000), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, pageShape{len(out.Volumes), out.NextToken != nil})
		if token = out.NextToken; token == nil || len(got) > 3 {
			break
		}
	}
	if diff := cmp.Diff([]pageShape{{500, true}, {2, false}}, got); diff != "" {
		t.Errorf("DescribeVolumes MaxResults=1000 pages (-want +got):\n%s", diff)
	}

	// Below the minimum stays an error: the documented range starts at 5.
	_, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{MaxResults: aws.Int32(4)})
	checkAPIError(t, err, "InvalidParameterValue", "maxResults")
	_, err = c.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, MaxResults: aws.Int32(4)})
	checkAPIError(t, err, "InvalidParameterValue", "maxResults")
	if _, err := c.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, MaxResults: aws.Int32(5000)}); err != nil {
		t.Errorf("DescribeSnapshots MaxResults=5000: %v, want the first 1,000", err)
	}
}

// TestMaxResultsRefused pins the actions whose reference gives a range and
// no cap: a value outside it is InvalidParameterValue.
//
// EC2 API Reference, DescribeTags and DescribeSecurityGroups, MaxResults:
// "This value can be between 5 and 1000."
// EC2 API Reference, DescribeVolumesModifications, MaxResults: "up to a
// limit of 500".
func TestMaxResultsRefused(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	_, err := c.DescribeTags(ctx, &awsec2.DescribeTagsInput{MaxResults: aws.Int32(1001)})
	checkAPIError(t, err, "InvalidParameterValue", "maxResults")
	_, err = c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(1001)})
	checkAPIError(t, err, "InvalidParameterValue", "maxResults")
	_, err = c.DescribeVolumesModifications(ctx, &awsec2.DescribeVolumesModificationsInput{MaxResults: aws.Int32(501)})
	checkAPIError(t, err, "InvalidParameterValue", "maxResults")
}
