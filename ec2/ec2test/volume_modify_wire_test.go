package ec2test_test

import (
	"net/url"
	"testing"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// TestVolumeModifyWireShapes compares the XML of ModifyVolume and
// DescribeVolumesModifications, and the error for a volume never
// modified, with golden files.
func TestVolumeModifyWireShapes(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	host := "ec2.us-east-1.amazonaws.com"
	v := url.Values{"Version": {"2016-11-15"}}
	call := func(action string, params url.Values, want int) string {
		t.Helper()
		p := url.Values{"Action": {action}}
		for k, vs := range v {
			p[k] = vs
		}
		for k, vs := range params {
			p[k] = vs
		}
		status, body := ec2test.RawSigV2(t, srv, host, p)
		if status != want {
			t.Fatalf("%s: %d %s", action, status, body)
		}
		return body
	}
	call("CreateVolume", url.Values{"AvailabilityZone": {"us-east-1a"}, "Size": {"10"}, "VolumeType": {"gp3"}}, 200)
	srv.Step()
	id := srv.Volumes(fake.TestAccountID, "us-east-1")[0].ID
	golden(t, "describe_volumes_modifications_none.xml",
		normalize(call("DescribeVolumesModifications", url.Values{"VolumeId.1": {id}}, 400)))
	golden(t, "modify_volume.xml", normalize(call("ModifyVolume", url.Values{"VolumeId": {id}, "Size": {"20"}, "Throughput": {"250"}}, 200)))
	srv.Step()
	srv.Step()
	golden(t, "describe_volumes_modifications.xml", normalize(call("DescribeVolumesModifications", nil, 200)))
}
