package ec2test_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/goboto/goboto/ec2/ec2test"
)

// volatile are the parts of compute answers that change from run to run:
// IDs, addresses, host names and times.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\b(i|r|vol|snap|sg|subnet|vpc|eni-attach|eni)-[0-9a-f]{17}\b`), "$1-ID"},
	{regexp.MustCompile(`\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b`), "MAC"},
	{regexp.MustCompile(`\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`), "TIME"},
	{regexp.MustCompile(`ip-172-31-\d+-\d+`), "ip-PRIVATE"},
	{regexp.MustCompile(`ec2-54-\d+-\d+-\d+`), "ec2-PUBLIC"},
	{regexp.MustCompile(`172\.31\.\d+\.\d+`), "PRIVATE-IP"},
	{regexp.MustCompile(`54\.\d+\.\d+\.\d+`), "PUBLIC-IP"},
}

func normalize(body string) string {
	for _, v := range volatile {
		body = v.re.ReplaceAllString(body, v.with)
	}
	return body
}

// TestComputeWireShapes drives the fake the way boto 2 does (SigV2, API
// 2014-10-01) and compares the answers with golden files.
func TestComputeWireShapes(t *testing.T) {
	srv := ec2test.Start(t)
	host := "ec2.us-east-1.amazonaws.com"
	status, body := ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"CreateKeyPair"}, "Version": {"2014-10-01"}, "KeyName": {"gsg-keypair"}})
	if status != 200 {
		t.Fatalf("CreateKeyPair: %d %s", status, body)
	}
	status, body = ec2test.RawSigV2(t, srv, host, url.Values{
		"Action": {"RunInstances"}, "Version": {"2014-10-01"}, "ImageId": {ec2test.DefaultEBSImage},
		"MinCount": {"1"}, "MaxCount": {"1"}, "KeyName": {"gsg-keypair"}, "SecurityGroup.1": {"default"},
		"InstanceType": {"m1.small"}, "Placement.AvailabilityZone": {"us-east-1b"}, "ClientToken": {"golden-1"},
	})
	if status != 200 {
		t.Fatalf("RunInstances: %d %s", status, body)
	}
	golden(t, "run_instances_2014.xml", normalize(body))
	inst := srv.Instances("111122223333", "us-east-1")[0]
	status, body = ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"DescribeInstances"}, "Version": {"2014-10-01"}})
	if status != 200 {
		t.Fatalf("DescribeInstances: %d %s", status, body)
	}
	golden(t, "describe_instances_2014.xml", normalize(body))
	status, body = ec2test.RawSigV2(t, srv, host, url.Values{
		"Action": {"CreateSnapshot"}, "Version": {"2016-11-15"}, "VolumeId": {inst.Volumes["/dev/xvda"]}, "Description": {"root"},
	})
	if status != 200 {
		t.Fatalf("CreateSnapshot: %d %s", status, body)
	}
	golden(t, "create_snapshot.xml", normalize(body))
	status, body = ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"StopInstances"}, "Version": {"2014-10-01"}, "InstanceId.1": {"i-0000000000000000z"}})
	if status != 400 {
		t.Errorf("StopInstances of a malformed ID: %d", status)
	}
	golden(t, "instance_id_malformed.xml", normalize(body))
}

// TestBoto2ModifyInstanceAttribute sends ModifyInstanceAttribute as boto
// 2's modify_instance_attribute does: one <Name>.Value, or a
// BlockDeviceMapping.N list for blockDeviceMapping.
func TestBoto2ModifyInstanceAttribute(t *testing.T) {
	srv := ec2test.Start(t)
	host := "ec2.us-east-1.amazonaws.com"
	status, body := ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"RunInstances"}, "Version": {"2014-10-01"},
		"ImageId": {ec2test.DefaultEBSImage}, "MinCount": {"1"}, "MaxCount": {"1"}})
	if status != 200 {
		t.Fatalf("RunInstances: %d %s", status, body)
	}
	id := srv.Instances("111122223333", "us-east-1")[0].ID
	tests := []struct {
		params url.Values
		status int
		want   string // in the answer of DescribeInstanceAttribute
		attr   string
	}{
		{url.Values{"SourceDestCheck.Value": {"false"}}, 200, "<value>false</value>", "sourceDestCheck"},
		{url.Values{"BlockDeviceMapping.1.DeviceName": {"/dev/xvda"}, "BlockDeviceMapping.1.Ebs.DeleteOnTermination": {"false"}}, 200,
			"<deleteOnTermination>false</deleteOnTermination>", "blockDeviceMapping"},
		{url.Values{"InstanceType.Value": {"m1.large"}}, 400, "<value>m1.small</value>", "instanceType"},
		{url.Values{"Attribute": {"disableApiTermination"}, "Value": {"true"}}, 200, "<value>true</value>", "disableApiTermination"},
	}
	for _, tt := range tests {
		tt.params.Set("Action", "ModifyInstanceAttribute")
		tt.params.Set("Version", "2014-10-01")
		tt.params.Set("InstanceId", id)
		if status, body := ec2test.RawSigV2(t, srv, host, tt.params); status != tt.status {
			t.Errorf("%v: %d %s", tt.params, status, body)
		}
		_, body := ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"DescribeInstanceAttribute"}, "Version": {"2014-10-01"},
			"InstanceId": {id}, "Attribute": {tt.attr}})
		if !strings.Contains(body, tt.want) || !strings.Contains(body, `xmlns="http://ec2.amazonaws.com/doc/2014-10-01/"`) {
			t.Errorf("%s: %s, want %s in it", tt.attr, body, tt.want)
		}
	}
}
