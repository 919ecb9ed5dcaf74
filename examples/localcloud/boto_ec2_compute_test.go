package main

import (
	"encoding/json"
	"net/netip"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// botoOfferingType is an instance type the fake's default Reserved
// Instance offerings and Spot prices cover.
const botoOfferingType = "t3.micro"

// botoEC2Compute is what testdata/boto_ec2_compute.py prints.
type botoEC2Compute struct {
	APIVersion string `json:"api_version"`
	Authorized bool
	Group      struct {
		ID          string
		DescribedID string `json:"described_id"`
		Rules       [][]any
	}
	Key struct {
		Name        string
		PEM         bool
		Fingerprint string
		Listed      []string
	}
	Run struct {
		Reservation    string
		Count          int
		ID             string
		State          string
		Image          string
		Type           string
		Zone           string
		Key            string
		Groups         []string
		Polls          int
		StateAfterWait string `json:"state_after_wait"`
		PrivateIP      string `json:"private_ip"`
		PublicIP       string `json:"public_ip"`
	}
	Running       []string
	Tags          map[string]string
	Tagged        []string
	DescribedTags [][]string `json:"described_tags"`
	Volume        struct {
		ID              string
		Size            int
		Zone            string
		CreatedStatus   string `json:"created_status"`
		Polls           int
		StatusAfterWait string `json:"status_after_wait"`
		Attach          string
		AttachPolls     int `json:"attach_polls"`
		Attachment      []string
	}
	Snapshot struct {
		ID              string
		Volume          string
		Description     string
		CreatedStatus   string `json:"created_status"`
		Polls           int
		StatusAfterWait string `json:"status_after_wait"`
		Progress        string
		Owner           string
		Share           bool
		Attribute       struct {
			ID          string
			Permissions map[string][]string
		}
		OtherSeesShared   []string            `json:"other_sees_shared"`
		OtherGetShared    []string            `json:"other_get_shared"`
		Unshare           bool                `json:"unshare"`
		AttributeAfter    map[string][]string `json:"attribute_after"`
		OtherSeesUnshared []string            `json:"other_sees_unshared"`
		OtherGetUnshared  *botoEC2Error       `json:"other_get_unshared"`
	}
	Image struct {
		ID             string
		Name           string
		Polls          int
		State          string
		RootDeviceName string `json:"root_device_name"`
		RootDeviceType string `json:"root_device_type"`
		Owner          string
		Public         bool
		Mapping        map[string]string
		Mine           []string
	}
	Address struct {
		IP                string
		Domain            string
		Allocation        string
		Associate         bool
		AssociatedTo      string `json:"associated_to"`
		InstancePublicIP  string `json:"instance_public_ip"`
		Disassociate      bool
		AfterDisassociate string `json:"after_disassociate"`
		Release           bool
		AfterRelease      []string `json:"after_release"`
	}
	Offerings struct {
		Count  int
		Types  []string
		IDs    int
		Priced bool
	}
	Spot         botoSpot
	SpotFiltered botoSpot `json:"spot_filtered"`
	Teardown     struct {
		Terminated           [][]string
		Polls                int
		State                string
		VolumeAfterTerminate string `json:"volume_after_terminate"`
		Deregister           bool
		DeleteSnapshot       bool     `json:"delete_snapshot"`
		DeleteVolume         bool     `json:"delete_volume"`
		DeleteKey            bool     `json:"delete_key"`
		DeleteGroup          bool     `json:"delete_group"`
		VolumesLeft          []string `json:"volumes_left"`
		SnapshotsLeft        []string `json:"snapshots_left"`
		KeysLeft             []string `json:"keys_left"`
		GroupsLeft           []string `json:"groups_left"`
	}
}

// botoEC2Error is how the script reports an EC2ResponseError.
type botoEC2Error struct {
	Status int
	Code   string
}

// botoSpot summarises one get_spot_price_history answer.
type botoSpot struct {
	Count    int
	Types    []string
	Products []string
	Zones    []string
	Positive bool
}

// runBotoAs runs testdata/<script> like runBoto, with the other test
// account's keys in OTHER_AWS_ACCESS_KEY_ID and OTHER_AWS_SECRET_ACCESS_KEY
// as well.
func runBotoAs(t *testing.T, srv *fake.Server, other fake.Credential, script string, out any, args ...string) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())
	env = append(env, "OTHER_AWS_ACCESS_KEY_ID="+other.AccessKeyID, "OTHER_AWS_SECRET_ACCESS_KEY="+other.SecretAccessKey)
	stdout, stderr, err := runCmd(t, env, pythonPath, append([]string{path, u.Port()}, args...)...)
	if err != nil {
		t.Fatalf("%s: %v\nstderr: %s", script, err, stderr)
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("%s: decode output: %v\nstdout: %s\nstderr: %s", script, err, stdout, stderr)
	}
}

// TestBotoEC2Compute drives the EC2 operations goboto wraps with boto 2
// (API 2014-10-01, Signature Version 4): a security group and key pair, an
// instance with tags, a volume, a snapshot shared with and taken back from
// the other account, an image registered from it, an Elastic IP, Reserved
// Instance offerings and Spot prices, and the teardown.
func TestBotoEC2Compute(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	srv := startCloud(t)
	region := srv.DefaultRegion()
	if region != "us-east-1" {
		t.Fatalf("the script signs for us-east-1; the local cloud's default region is %s", region)
	}
	zone := region + "a"
	other := fake.DefaultCredentials()[1]
	var got botoEC2Compute
	runBotoAs(t, srv, other, "boto_ec2_compute.py", &got, ec2test.DefaultEBSImage, other.AccountID, botoOfferingType)

	// IDs have EC2's shapes; the rest of the test takes them from got.
	ids := []struct {
		name, id string
		re       *regexp.Regexp
	}{
		{"group", got.Group.ID, regexp.MustCompile(`^sg-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"reservation", got.Run.Reservation, regexp.MustCompile(`^r-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"instance", got.Run.ID, regexp.MustCompile(`^i-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"volume", got.Volume.ID, regexp.MustCompile(`^vol-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"snapshot", got.Snapshot.ID, regexp.MustCompile(`^snap-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"image", got.Image.ID, regexp.MustCompile(`^ami-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"allocation", got.Address.Allocation, regexp.MustCompile(`^eipalloc-[0-9a-f]{8}([0-9a-f]{9})?$`)},
		{"key fingerprint", got.Key.Fingerprint, regexp.MustCompile(`^[0-9a-f]{2}(:[0-9a-f]{2}){19}$`)},
	}
	for _, c := range ids {
		if !c.re.MatchString(c.id) {
			t.Errorf("%s %q does not match %s", c.name, c.id, c.re)
		}
	}
	for name, ip := range map[string]string{"private": got.Run.PrivateIP, "public": got.Run.PublicIP, "elastic": got.Address.IP} {
		if _, err := netip.ParseAddr(ip); err != nil {
			t.Errorf("%s IP %q: %v", name, ip, err)
		}
	}

	// Waits are bounded: -1 means the state never came.
	for name, polls := range map[string]int{"instance running": got.Run.Polls, "volume available": got.Volume.Polls,
		"volume attached":    got.Volume.AttachPolls,
		"snapshot completed": got.Snapshot.Polls, "image available": got.Image.Polls, "instance terminated": got.Teardown.Polls} {
		if polls < 0 {
			t.Errorf("waiting for %s timed out", name)
		}
	}

	// boto's Reservation and Spot answers are compared for their summary;
	// their exact sizes follow the fake's price tables.
	if got.Offerings.Count == 0 || got.Offerings.IDs != got.Offerings.Count || !got.Offerings.Priced {
		t.Errorf("reserved offerings for %s: %+v; want some, each with its own ID and a price", botoOfferingType, got.Offerings)
	}
	if got.Spot.Count == 0 || !got.Spot.Positive || got.SpotFiltered.Count == 0 || !got.SpotFiltered.Positive {
		t.Errorf("spot price history: %+v, filtered %+v; want positive prices", got.Spot, got.SpotFiltered)
	}
	// get_spot_price_history(instance_type=..., product_description=...)
	// sends InstanceType and ProductDescription without the .N the API
	// documents; EC2 narrows the answer by them all the same.
	if diff := cmp.Diff([]string{botoOfferingType}, got.Spot.Types); diff != "" {
		t.Errorf("spot price history instance types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Linux/UNIX"}, got.Spot.Products); diff != "" {
		t.Errorf("spot price history products (-want +got):\n%s", diff)
	}
	// After AssociateAddress EC2 reports the Elastic IP as the instance's
	// public address.
	if got.Address.InstancePublicIP != got.Address.IP {
		t.Errorf("instance public IP after AssociateAddress: %s; want the Elastic IP %s", got.Address.InstancePublicIP, got.Address.IP)
	}

	inst, vol, snap := got.Run.ID, got.Volume.ID, got.Snapshot.ID
	want := got // IDs, counts and addresses checked above
	want.APIVersion = "2014-10-01"
	want.Authorized = true
	want.Group.DescribedID = got.Group.ID
	want.Group.Rules = [][]any{{"tcp", "22", "22", []any{"0.0.0.0/0"}}}
	want.Key.Name, want.Key.PEM, want.Key.Listed = "boto-key", true, []string{"boto-key"}
	want.Run.Count, want.Run.State, want.Run.StateAfterWait = 1, "pending", "running"
	want.Run.Image, want.Run.Type, want.Run.Zone = ec2test.DefaultEBSImage, "m1.small", zone
	want.Run.Key, want.Run.Groups = "boto-key", []string{"boto-ssh"}
	want.Running = []string{inst}
	want.Tags = map[string]string{"Name": "boto", "env": "test", "owner": "goboto"}
	want.Tagged = []string{inst}
	want.DescribedTags = [][]string{{inst, "Name", "boto"}, {inst, "env", "test"}, {inst, "owner", "goboto"}}

	want.Volume.Size, want.Volume.Zone = 4, zone
	want.Volume.CreatedStatus, want.Volume.StatusAfterWait = "creating", "available"
	want.Volume.Attach, want.Volume.Attachment = "attaching", []string{inst, "/dev/sdf", "attached"}

	want.Snapshot.Volume, want.Snapshot.Description = vol, "from boto"
	want.Snapshot.CreatedStatus, want.Snapshot.StatusAfterWait, want.Snapshot.Progress = "pending", "completed", "100%"
	want.Snapshot.Owner = fake.TestAccountID
	want.Snapshot.Share, want.Snapshot.Unshare = true, true
	want.Snapshot.Attribute.ID = snap
	want.Snapshot.Attribute.Permissions = map[string][]string{"user_ids": {other.AccountID}}
	want.Snapshot.OtherSeesShared = []string{snap}
	want.Snapshot.OtherGetShared = []string{fake.TestAccountID}
	want.Snapshot.AttributeAfter = map[string][]string{}
	want.Snapshot.OtherSeesUnshared = nil
	want.Snapshot.OtherGetUnshared = &botoEC2Error{Status: 400, Code: "InvalidSnapshot.NotFound"}

	want.Image.Name, want.Image.State = "boto-image", "available"
	want.Image.RootDeviceName, want.Image.RootDeviceType = "/dev/sda1", "ebs"
	want.Image.Owner, want.Image.Public = fake.TestAccountID, false
	want.Image.Mapping = map[string]string{"/dev/sda1": snap}
	want.Image.Mine = []string{got.Image.ID}

	want.Address.Domain = "vpc"
	want.Address.Associate, want.Address.AssociatedTo = true, inst
	want.Address.Disassociate, want.Address.AfterDisassociate = true, ""
	want.Address.Release, want.Address.AfterRelease = true, nil

	want.Offerings.Types = []string{botoOfferingType}
	want.Spot.Zones = []string{zone}
	want.SpotFiltered.Types = []string{botoOfferingType}
	want.SpotFiltered.Products = []string{"Linux/UNIX"}
	want.SpotFiltered.Zones = []string{zone}

	want.Teardown.Terminated = [][]string{{inst, "running", "shutting-down"}}
	want.Teardown.State = "terminated"
	want.Teardown.VolumeAfterTerminate = "available" // attached after launch: detached, not deleted
	want.Teardown.Deregister, want.Teardown.DeleteSnapshot, want.Teardown.DeleteVolume = true, true, true
	want.Teardown.DeleteKey, want.Teardown.DeleteGroup = true, true
	want.Teardown.VolumesLeft, want.Teardown.SnapshotsLeft, want.Teardown.KeysLeft = nil, nil, nil
	want.Teardown.GroupsLeft = []string{"default"}

	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("boto_ec2_compute.py (-want +got):\n%s", diff)
	}

	// Every request was boto's: EC2, Signature Version 4, in the default
	// region (the other account's came by host name through the proxy),
	// from one of the two accounts, and none failed on the server's side.
	// The only refusal was the one the script provoked.
	ops := map[string]bool{}
	accounts := map[string]bool{}
	var refused []string
	for _, c := range srv.Calls() {
		if c.Service != "ec2" || c.SigVersion != 4 || c.Region != region {
			t.Errorf("%s %s: service %q, signature version %d, region %q; want ec2, 4, %s", c.Method, c.Operation, c.Service, c.SigVersion, c.Region, region)
		}
		if c.Status >= 500 || c.Status == 0 {
			t.Errorf("%s: status %d %s", c.Operation, c.Status, c.Code)
		}
		if c.Status != 200 {
			refused = append(refused, c.Operation+" "+c.Code)
		}
		ops[c.Operation] = true
		accounts[c.Account] = true
	}
	if diff := cmp.Diff([]string{"DescribeSnapshots InvalidSnapshot.NotFound"}, refused); diff != "" {
		t.Errorf("refused calls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{fake.TestAccountID: true, other.AccountID: true}, accounts); diff != "" {
		t.Errorf("accounts served (-want +got):\n%s", diff)
	}
	wantOps := []string{
		"CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "DescribeSecurityGroups", "DeleteSecurityGroup",
		"CreateKeyPair", "DescribeKeyPairs", "DeleteKeyPair",
		"RunInstances", "DescribeInstances", "TerminateInstances", "CreateTags", "DescribeTags",
		"CreateVolume", "DescribeVolumes", "AttachVolume", "DeleteVolume",
		"CreateSnapshot", "DescribeSnapshots", "ModifySnapshotAttribute", "DescribeSnapshotAttribute", "DeleteSnapshot",
		"RegisterImage", "DescribeImages", "DeregisterImage",
		"AllocateAddress", "AssociateAddress", "DescribeAddresses", "DisassociateAddress", "ReleaseAddress",
		"DescribeReservedInstancesOfferings", "DescribeSpotPriceHistory",
	}
	var gotOps []string
	for op := range ops {
		gotOps = append(gotOps, op)
	}
	if diff := cmp.Diff(wantOps, gotOps, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("operations called (-want +got):\n%s", diff)
	}
}
