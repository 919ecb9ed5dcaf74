package ec2test

import (
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestEveryOptionalMember sets, for each action the fake serves, each
// optional input member of EC2's API model in turn (awsmodel's
// placeholder value, on a request otherwise pointed at seeded resources).
// A member the action's parameter table lists must be honoured: the
// answer is a success or a documented error, never the table's refusal.
// Any other member must be refused with InvalidParameter naming it, and
// the state left as it was: dropping it would serve a different request
// than the one sent (RequestSpotInstances' ValidUntil, RunInstances'
// IamInstanceProfile).
func TestEveryOptionalMember(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "ec2")
	b, _ := NewBackend()
	documented := slices.Concat(awsmodel.CommonErrorCodes, ec2DocumentedCodes)
	for _, codes := range ec2OperationErrors {
		documented = append(documented, codes...)
	}
	refusedByName := 0
	var srv *Server
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv = Start(t)
		seed := seedConform(t, srv)
		seedFor(t, srv, op, seed)
		return ec2Conform(t, m, srv), seed.values()
	}
	awsmodel.EachOptionalMember(t, m, slices.Sorted(maps.Keys(b.actions)), start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		changed, code, body := r.Changed(), r.Code, r.Body
		refusal := code == "InvalidParameter" && strings.Contains(string(body), mem.Wire+" ")
		honoured := checkParam(srv.params[op], op, mem.Wire, map[string][]string{mem.Wire: {mem.Value}}) == nil
		switch {
		case code != "" && !slices.Contains(documented, code):
			t.Errorf("%s=%q: undocumented code %s: %s", mem.Wire, mem.Value, code, body)
		case code != "" && changed:
			t.Errorf("%s=%q: answered %s but changed the state", mem.Wire, mem.Value, code)
		case honoured && refusal:
			t.Errorf("%s=%q: listed as honoured but refused: %s", mem.Wire, mem.Value, body)
		case !honoured && !refusal:
			t.Errorf("%s=%q: neither honoured nor refused by name (HTTP %d %s): %s", mem.Wire, mem.Value, r.Status, code, body)
		}
		if refusal {
			refusedByName++
		}
	})
	if refusedByName == 0 {
		t.Error("no member was refused: the parameter tables are not checked")
	}
}

// Values that ask for something the fake does not do are refused even
// for a parameter it reads, and the members the brief of this audit named
// are refused by name.
func TestParamTableRefusals(t *testing.T) {
	srv := Start(t)
	seed := seedConform(t, srv)
	tests := []struct {
		action string
		params []string
		name   string // the parameter the refusal names
	}{
		{"StopInstances", []string{"InstanceId.1", seed.instance, "Hibernate", "true"}, "Hibernate"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage, "ValidUntil", "2030-01-01T00:00:00Z"}, "ValidUntil"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage, "ValidFrom", "2030-01-01T00:00:00Z"}, "ValidFrom"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage, "LaunchGroup", "g"}, "LaunchGroup"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage, "AvailabilityZoneGroup", "g"}, "AvailabilityZoneGroup"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage,
			"LaunchSpecification.BlockDeviceMapping.1.DeviceName", "/dev/sdb", "LaunchSpecification.BlockDeviceMapping.1.Ebs.VolumeSize", "10"},
			"LaunchSpecification.BlockDeviceMapping.1.DeviceName"},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage, "LaunchSpecification.Monitoring.Enabled", "true"},
			"LaunchSpecification.Monitoring.Enabled"},
		{"RunInstances", []string{"ImageId", DefaultEBSImage, "MinCount", "1", "MaxCount", "1", "IamInstanceProfile.Name", "role"}, "IamInstanceProfile.Name"},
		{"RunInstances", []string{"ImageId", DefaultEBSImage, "MinCount", "1", "MaxCount", "1", "NetworkInterface.1.DeviceIndex", "0"}, "NetworkInterface.1.DeviceIndex"},
		{"RunInstances", []string{"ImageId", DefaultEBSImage, "MinCount", "1", "MaxCount", "1", "MetadataOptions.HttpTokens", "required"}, "MetadataOptions.HttpTokens"},
		{"RunInstances", []string{"ImageId", DefaultEBSImage, "MinCount", "1", "MaxCount", "1", "Placement.Tenancy", "dedicated"}, "Placement.Tenancy"},
		{"AssociateAddress", []string{"AllocationId", seed.allocation, "NetworkInterfaceId", "eni-12345678"}, "NetworkInterfaceId"},
		{"CreateVolume", []string{"AvailabilityZone", "us-east-1a", "Size", "1", "KmsKeyId", "alias/aws/ebs"}, "KmsKeyId"},
		{"DescribeInstances", []string{"Frobnicate", "1"}, "Frobnicate"},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.name, func(t *testing.T) {
			before := srv.digest()
			status, body := rawQuery(t, srv, tt.action, tt.params...)
			if status != 400 || !strings.Contains(body, "<Code>InvalidParameter</Code>") || !strings.Contains(body, tt.name) {
				t.Errorf("HTTP %d %s; want InvalidParameter naming %s", status, body, tt.name)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
	// The same requests without the refused parameter succeed, so the
	// refusals above are the parameters' doing.
	for _, tt := range []struct {
		action string
		params []string
	}{
		{"StopInstances", []string{"InstanceId.1", seed.instance, "Hibernate", "false"}},
		{"RunInstances", []string{"ImageId", DefaultEBSImage, "MinCount", "1", "MaxCount", "1", "Placement.Tenancy", "default"}},
		{"RequestSpotInstances", []string{"LaunchSpecification.ImageId", DefaultEBSImage}},
	} {
		if status, body := rawQuery(t, srv, tt.action, tt.params...); status != 200 {
			t.Errorf("%s %v: HTTP %d %s", tt.action, tt.params, status, body)
		}
	}
}

// rawQuery sends action with params (name, value, ...) signed as the
// first test account in us-east-1, and returns the status and body.
func rawQuery(t *testing.T, srv *Server, action string, kv ...string) (int, string) {
	t.Helper()
	m := awsmodel.LoadOrSkip(t, "ec2")
	req, err := m.RawRequest(action, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(req.Body)
	form := string(b)
	for i := 0; i+1 < len(kv); i += 2 {
		form += "&" + urlEscape(kv[i]) + "=" + urlEscape(kv[i+1])
	}
	req.Body = io.NopCloser(strings.NewReader(form))
	req.ContentLength = int64(len(form))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(form)), nil }
	c := ec2Conform(t, m, srv)
	r, ok := c.Do(t, action, req)
	if !ok {
		t.FailNow()
	}
	return r.Status, string(r.Body)
}

func urlEscape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "=", "%3D", "+", "%2B", " ", "%20").Replace(s)
}

// Every parameter a table lists, but those marked "~" (accepted, changing
// nothing), is read somewhere in the fake's source (its last name appears
// as a string), so a table cannot claim to honour a parameter the
// handlers drop.
func TestParamTableIsRead(t *testing.T) {
	var src strings.Builder
	for _, f := range awsmodel.Source(t, "params_table.go") {
		src.WriteString(f.Text)
	}
	quoted := regexp.MustCompile(`"[^"\n]*"`).FindAllString(src.String(), -1)
	for action, entries := range paramTable() {
		for _, e := range entries {
			if strings.HasPrefix(e, "~") {
				continue
			}
			e, _, _ = strings.Cut(e, "=")
			e = strings.TrimSuffix(e, ".*")
			parts := strings.Split(e, ".")
			last := parts[len(parts)-1]
			if last == "N" {
				last = parts[len(parts)-2]
			}
			if !slices.ContainsFunc(quoted, func(q string) bool { return strings.Contains(q, last) }) {
				t.Errorf("%s: the table lists %s, which no handler reads", action, e)
			}
		}
	}
}
