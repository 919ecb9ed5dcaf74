package ec2test_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

func TestCallRunsAndRefuses(t *testing.T) {
	b, err := ec2test.NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	const acct, region = "123456789012", "us-east-1"
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	body, err := b.Call(acct, region, now, "RunInstances", url.Values{
		"ImageId": {ec2test.DefaultEBSImage}, "MinCount": {"1"}, "MaxCount": {"2"}, "InstanceType": {"t3.micro"},
	})
	if err != nil {
		t.Fatalf("RunInstances: %v", err)
	}
	if !strings.Contains(string(body), "<RunInstancesResponse") {
		t.Errorf("answer is not a RunInstancesResponse: %.200s", body)
	}
	if got := len(b.Instances(acct, region)); got != 2 {
		t.Errorf("Instances = %d, want 2", got)
	}
	if got := len(b.Instances("210987654321", region)); got != 0 {
		t.Errorf("another account sees %d instances", got)
	}
	_, err = b.Call(acct, region, now, "TerminateInstances", url.Values{"InstanceId.1": {"i-0000000000000000f"}})
	var fe *fake.Error
	if !errors.As(err, &fe) || fe.Code != "InvalidInstanceID.NotFound" {
		t.Errorf("terminating a missing instance: %v, want InvalidInstanceID.NotFound", err)
	}
}

// AWS services tag what they launch with reserved aws: keys (AutoScaling's
// aws:autoscaling:groupName, "Tag your Auto Scaling groups and
// instances"): a Call may, while a user's RunInstances may not.
func TestCallMayTagAWSPrefix(t *testing.T) {
	b, err := ec2test.NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	const acct, region = "123456789012", "us-east-1"
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	params := url.Values{"ImageId": {ec2test.DefaultEBSImage}, "MinCount": {"1"}, "MaxCount": {"1"},
		"TagSpecification.1.ResourceType": {"instance"}, "TagSpecification.1.Tag.1.Key": {"aws:autoscaling:groupName"},
		"TagSpecification.1.Tag.1.Value": {"web"}}
	body, err := b.Call(acct, region, now, "RunInstances", params)
	if err != nil {
		t.Fatalf("RunInstances on a service's behalf: %v", err)
	}
	if !strings.Contains(string(body), "<key>aws:autoscaling:groupName</key>") {
		t.Errorf("the answer lacks the aws: tag: %.400s", body)
	}
	// Instances shows the tags, which the local cloud reads to publish
	// a group's CloudWatch metrics.
	if insts := b.Instances(acct, region); len(insts) != 1 || insts[0].Tags["aws:autoscaling:groupName"] != "web" {
		t.Errorf("Instances = %+v, want the group's tag", insts)
	}
	srv := ec2test.Start(t)
	status, answer := ec2test.RawSigV2(t, srv, "ec2.us-east-1.amazonaws.com", withAction(params, "RunInstances"))
	if status != 400 || !strings.Contains(answer, "reserved") {
		t.Errorf("a user's aws: tag: HTTP %d %s; want 400 reserved", status, answer)
	}
}

func withAction(p url.Values, action string) url.Values {
	q := url.Values{"Action": {action}, "Version": {"2016-11-15"}}
	for k, v := range p {
		q[k] = v
	}
	return q
}
