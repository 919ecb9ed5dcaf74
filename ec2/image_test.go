package ec2_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

func TestRegisterOptionsRules(t *testing.T) {
	const snap = "snap-0123456789abcdef0"
	root := ec2.BlockDeviceMapping{"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap}}}
	tests := []struct {
		name  string
		opts  ec2.RegisterOptions
		field string
	}{
		{"no name", ec2.RegisterOptions{RootDeviceName: "/dev/sda1", BlockDevices: root}, "Name"},
		{"short name", ec2.RegisterOptions{Name: "ab", RootDeviceName: "/dev/sda1", BlockDevices: root}, "Name"},
		{"name chars", ec2.RegisterOptions{Name: "web#1", RootDeviceName: "/dev/sda1", BlockDevices: root}, "Name"},
		{"long name", ec2.RegisterOptions{Name: strings.Repeat("a", 129), RootDeviceName: "/dev/sda1", BlockDevices: root}, "Name"},
		{"no root no location", ec2.RegisterOptions{Name: "web"}, "RootDeviceName"},
		{"bad root name", ec2.RegisterOptions{Name: "web", RootDeviceName: "root", BlockDevices: root}, "RootDeviceName"},
		{"root not mapped", ec2.RegisterOptions{Name: "web", RootDeviceName: "/dev/xvda", BlockDevices: root}, "BlockDevices[/dev/xvda]"},
		{"root without snapshot", ec2.RegisterOptions{Name: "web", RootDeviceName: "/dev/sda1",
			BlockDevices: ec2.BlockDeviceMapping{"/dev/sda1": {EBS: &ec2.EBS{Size: 8}}}}, "BlockDevices[/dev/sda1]"},
		{"root ephemeral", ec2.RegisterOptions{Name: "web", RootDeviceName: "/dev/sda1",
			BlockDevices: ec2.BlockDeviceMapping{"/dev/sda1": {Ephemeral: "ephemeral0"}}}, "BlockDevices[/dev/sda1]"},
		{"bad mapping", ec2.RegisterOptions{Name: "web", RootDeviceName: "/dev/sda1",
			BlockDevices: ec2.BlockDeviceMapping{"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap, Size: -8}}}}, "BlockDeviceMapping[/dev/sda1].EBS.Size"},
		{"architecture", ec2.RegisterOptions{Name: "web", Location: "b/m.xml", Architecture: "amd64"}, "Architecture"},
		{"virtualization", ec2.RegisterOptions{Name: "web", Location: "b/m.xml", VirtualizationType: "pv"}, "VirtualizationType"},
		{"kernel", ec2.RegisterOptions{Name: "web", Location: "b/m.xml", KernelID: "ami-0123abcd"}, "KernelID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			_, err := conn.RegisterImage(t.Context(), tt.opts)
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
	conn, rec := recordingConn(t)
	_, err := conn.Instance("i-0123abcd").CreateImage(t.Context(), ec2.ImageOptions{})
	wantValidation(t, err, "Name")
	_, err = conn.Image("ami-1").Run(t.Context(), ec2.RunOptions{})
	wantValidation(t, err, "ImageId")
	wantValidation(t, conn.Image("ami-0123abcd").Share(t.Context(), goboto.Accounts("1")), "Audience")
	wantValidation(t, conn.Image("ami-0123abcd").Wait(t.Context(), "ready"), "State")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

// TestEBSBackedImage is the seed walkthrough: snapshot a volume, register
// an EBS-backed image whose root comes from the snapshot, launch it.
func TestEBSBackedImage(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	_, snap := newSnapshot(t, conn, "root")
	img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{
		Name:           "my-ebs-image",
		Description:    "from a snapshot",
		Architecture:   "x86_64",
		RootDeviceName: "/dev/sda1",
		BlockDevices: ec2.BlockDeviceMapping{
			"/dev/sda1": {EBS: &ec2.EBS{SnapshotID: snap.ID, Size: 10, DeleteOnTermination: true}},
			"/dev/sdb":  {Ephemeral: "ephemeral0"},
		},
		Tags: ec2.Tags{"Name": "mine"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := img.Wait(ctx, ec2.ImageAvailable, fast); err != nil {
		t.Fatal(err)
	}
	got := []any{img.Name, img.Description, img.OwnerID, img.RootDeviceType, img.RootDeviceName, img.Public, img.Tags["Name"]}
	want := []any{"my-ebs-image", "from a snapshot", fake.TestAccountID, "ebs", "/dev/sda1", false, "mine"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("image (-want +got):\n%s", diff)
	}
	rootDev := img.BlockDevices["/dev/sda1"]
	if rootDev.EBS == nil || rootDev.EBS.SnapshotID != snap.ID || rootDev.EBS.Size != 10 || !rootDev.EBS.DeleteOnTermination {
		t.Errorf("image root device = %+v; want EBS from %s, 10 GiB, deleted on termination", rootDev.EBS, snap.ID)
	}
	if img.BlockDevices["/dev/sdb"].Ephemeral != "ephemeral0" {
		t.Errorf("image /dev/sdb = %+v; want ephemeral0", img.BlockDevices["/dev/sdb"])
	}
	res, err := img.Run(ctx, ec2.RunOptions{InstanceType: "t3.micro"})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if err := inst.Wait(ctx, ec2.InstanceRunning, fast); err != nil {
		t.Fatal(err)
	}
	if inst.ImageID != img.ID || inst.RootDeviceName != "/dev/sda1" {
		t.Errorf("instance image %s root %s; want %s, /dev/sda1", inst.ImageID, inst.RootDeviceName, img.ID)
	}
	mine, err := goboto.Collect(conn.Images(ctx, nil, ec2.Owners("self")))
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine[0].ID != img.ID {
		t.Errorf("own images = %v; want %s", mine, img.ID)
	}
	if err := img.Deregister(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = img.Run(ctx, ec2.RunOptions{})
	wantCode(t, err, "InvalidAMIID.NotFound")
}

func TestInstanceStoreImage(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{
		Name:     "my-s3-image",
		Location: "mybucket/images/image.manifest.xml",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := img.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if img.RootDeviceType != "instance-store" || img.Location != "mybucket/images/image.manifest.xml" {
		t.Errorf("image root %q location %q; want instance-store from the manifest", img.RootDeviceType, img.Location)
	}
}

func TestCreateImage(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	if err := inst.Wait(ctx, ec2.InstanceRunning, fast); err != nil {
		t.Fatal(err)
	}
	img, err := inst.CreateImage(ctx, ec2.ImageOptions{Name: "web (2024-01-01)", Description: "nightly", NoReboot: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := img.Wait(ctx, ec2.ImageAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if img.Name != "web (2024-01-01)" || img.RootDeviceType != "ebs" || img.OwnerID != fake.TestAccountID {
		t.Errorf("image = %+v", img)
	}
	_, err = inst.CreateImage(ctx, ec2.ImageOptions{Name: "web (2024-01-01)"})
	wantCode(t, err, "InvalidAMIName.Duplicate")
}

func TestImageSharing(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	_, snap := newSnapshot(t, conn, "root")
	img, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: "shared", RootDeviceName: "/dev/xvda",
		BlockDevices: ec2.BlockDeviceMapping{"/dev/xvda": {EBS: &ec2.EBS{SnapshotID: snap.ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	other := otherConn(srv, conn.Region())
	_, err = other.Image(img.ID).Run(ctx, ec2.RunOptions{})
	wantCode(t, err, "InvalidAMIID.NotFound")

	if err := img.Share(ctx, goboto.Accounts(fake.OtherAccountID)); err != nil {
		t.Fatal(err)
	}
	p, err := img.Permissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Accounts(fake.OtherAccountID), p); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if _, err := other.Image(img.ID).Run(ctx, ec2.RunOptions{}); err != nil {
		t.Errorf("other account launching the shared image: %v", err)
	}
	launchable, err := goboto.Collect(other.Images(ctx, nil, ec2.ExecutableBy("self"), ec2.Owners(fake.TestAccountID)))
	if err != nil {
		t.Fatal(err)
	}
	if len(launchable) != 1 || launchable[0].ID != img.ID {
		t.Errorf("other's launchable images of the owner = %v; want %s", launchable, img.ID)
	}
	wantCode(t, other.Image(img.ID).Share(ctx, goboto.Everyone()), "OperationNotPermitted")

	if err := img.Share(ctx, goboto.Everyone()); err != nil {
		t.Fatal(err)
	}
	if err := img.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !img.Public {
		t.Error("image not public after sharing with all")
	}
	if err := img.Unshare(ctx, goboto.Audience{Everyone: true, Accounts: []string{fake.OtherAccountID}}); err != nil {
		t.Fatal(err)
	}
	_, err = other.Image(img.ID).Run(ctx, ec2.RunOptions{})
	wantCode(t, err, "InvalidAMIID.NotFound")
	if err := img.Share(ctx, goboto.Accounts("123456789012")); err != nil {
		t.Fatal(err)
	}
	if err := img.ResetPermissions(ctx); err != nil {
		t.Fatal(err)
	}
	if p, err := img.Permissions(ctx); err != nil || !p.IsZero() {
		t.Errorf("after reset: %+v, %v; want private", p, err)
	}
}

func TestPublicImages(t *testing.T) {
	_, conn := startFake(t)
	imgs, err := goboto.Collect(conn.Images(t.Context(), ec2.Filter{"root-device-type": {"ebs"}}, ec2.Owners("amazon")))
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 1 || imgs[0].ID != ec2test.DefaultEBSImage || !imgs[0].Public || imgs[0].OwnerAlias != "amazon" {
		t.Errorf("amazon's EBS images = %+v; want %s, public, owner alias amazon", imgs, ec2test.DefaultEBSImage)
	}
}
