package ec2test_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// startClocked starts a fake on a clock the test moves; the clients sign
// with the real time, so the allowed skew is wide.
func startClocked(t *testing.T, opts ...fakes.Option) (*ec2test.Server, *fakes.Clock) {
	clock := fakes.NewClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	opts = append(opts, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	return ec2test.Start(t, opts...), clock
}

// listed returns "id state" for every instance DescribeInstances lists.
func listed(t *testing.T, c *awsec2.Client) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, inst := range describe(t, c) {
		out[aws.ToString(inst.InstanceId)] = string(inst.State.Name)
	}
	return out
}

// tagged returns the IDs DescribeTags lists tags for.
func tagged(t *testing.T, c *awsec2.Client) map[string]bool {
	t.Helper()
	out, err := c.DescribeTags(t.Context(), &awsec2.DescribeTagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range out.Tags {
		ids[aws.ToString(d.ResourceId)] = true
	}
	return ids
}

func TestTerminatedInstanceExpires(t *testing.T) {
	srv, clock := startClocked(t)
	c := cclient(t, srv)
	in := func() *awsec2.RunInstancesInput {
		return &awsec2.RunInstancesInput{ClientToken: aws.String("expiring-1"), TagSpecifications: []types.TagSpecification{{
			ResourceType: types.ResourceTypeInstance, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("gone")}}}}}
	}
	gone := run(t, c, in())[0]
	kept := run(t, c, &awsec2.RunInstancesInput{TagSpecifications: []types.TagSpecification{{
		ResourceType: types.ResourceTypeInstance, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("kept")}}}}})[0]
	clock.Advance(10 * time.Minute)
	if _, err := c.TerminateInstances(t.Context(), &awsec2.TerminateInstancesInput{InstanceIds: []string{gone}}); err != nil {
		t.Fatal(err)
	}
	// Each step moves the clock on, then looks; times are since
	// TerminateInstances.
	steps := []struct {
		advance time.Duration
		list    map[string]string
		tags    map[string]bool
	}{
		{0, map[string]string{gone: "terminated", kept: "running"}, map[string]bool{gone: true, kept: true}},
		{ec2test.TerminatedLifetime - time.Second, map[string]string{gone: "terminated", kept: "running"}, map[string]bool{gone: true, kept: true}},
		{time.Second, map[string]string{kept: "running"}, map[string]bool{kept: true}},
		{24 * time.Hour, map[string]string{kept: "running"}, map[string]bool{kept: true}},
	}
	var since time.Duration
	for _, s := range steps {
		clock.Advance(s.advance)
		since += s.advance
		if diff := cmp.Diff(s.list, listed(t, c)); diff != "" {
			t.Errorf("%v after termination: instances (-want +got):\n%s", since, diff)
		}
		if diff := cmp.Diff(s.tags, tagged(t, c)); diff != "" {
			t.Errorf("%v after termination: tagged IDs (-want +got):\n%s", since, diff)
		}
	}
	_, err := c.DescribeInstances(t.Context(), &awsec2.DescribeInstancesInput{InstanceIds: []string{gone}})
	checkAPIError(t, err, "InvalidInstanceID.NotFound", gone)
	_, err = c.CreateTags(t.Context(), &awsec2.CreateTagsInput{Resources: []string{gone}, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	checkAPIError(t, err, "InvalidInstanceID.NotFound", gone)
	if got := srv.Instances(fake.TestAccountID, "us-east-1"); len(got) != 1 || got[0].ID != kept {
		t.Errorf("Instances = %+v; want only %s", got, kept)
	}

	// The launch's token still answers the first launch, terminated.
	out, err := c.RunInstances(t.Context(), withImage(in()))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{aws.ToString(out.Instances[0].InstanceId), string(out.Instances[0].State.Name)}
	if diff := cmp.Diff([]string{gone, "terminated"}, got); diff != "" {
		t.Errorf("RunInstances retried after expiry (-want +got):\n%s", diff)
	}
}

// TestTerminatedExpiryManual checks that under manual transitions the
// lifetime starts at the last request before the Step that terminated the
// instance, not at TerminateInstances.
func TestTerminatedExpiryManual(t *testing.T) {
	srv, clock := startClocked(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	id := run(t, c, nil)[0]
	srv.Step()
	if _, err := c.TerminateInstances(t.Context(), &awsec2.TerminateInstancesInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	var got []map[string]string
	got = append(got, listed(t, c)) // still shutting down, two hours on
	srv.Step()
	got = append(got, listed(t, c))
	clock.Advance(ec2test.TerminatedLifetime)
	got = append(got, listed(t, c))
	want := []map[string]string{{id: "shutting-down"}, {id: "terminated"}, {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("instances (-want +got):\n%s", diff)
	}
}

// withImage fills in run's defaults for a direct RunInstances call.
func withImage(in *awsec2.RunInstancesInput) *awsec2.RunInstancesInput {
	in.ImageId = aws.String(ec2test.DefaultEBSImage)
	in.MinCount, in.MaxCount = aws.Int32(1), aws.Int32(1)
	return in
}
