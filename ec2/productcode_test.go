package ec2_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

var marketCodes = []ec2.ProductCode{{ID: ec2test.MarketplaceProductCode, Type: "marketplace"}}

// EC2 User Guide, "Paid AMIs in the AWS Marketplace": the product code of
// a Marketplace AMI passes to its instances and their root volumes, to
// snapshots of those and to volumes made from the snapshots.
func TestMarketplaceCodesPropagate(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	img := conn.Image(ec2test.MarketplaceImage)
	if err := img.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, img.ProductCodes); diff != "" || img.OwnerAlias != "aws-marketplace" {
		t.Errorf("image codes (-want +got):\n%s; alias %q", diff, img.OwnerAlias)
	}
	var found []string
	for m, err := range conn.Images(ctx, ec2.Filter{"product-code": {ec2test.MarketplaceProductCode}, "product-code.type": {"marketplace"}}) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, m.ID)
	}
	if diff := cmp.Diff([]string{ec2test.MarketplaceImage}, found); diff != "" {
		t.Errorf("images by product code (-want +got):\n%s", diff)
	}

	inst := launch(t, conn, ec2.RunOptions{ImageID: ec2test.MarketplaceImage, InstanceType: "t3.small"})
	plain := launch(t, conn, ec2.RunOptions{InstanceType: "t3.small"})
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, inst.ProductCodes); diff != "" {
		t.Errorf("instance codes (-want +got):\n%s", diff)
	}
	var ids []string
	for i, err := range conn.Instances(ctx, ec2.Filter{"product-code.type": {"marketplace"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, i.ID)
	}
	if diff := cmp.Diff([]string{inst.ID}, ids); diff != "" {
		t.Errorf("instances by product code type (-want +got):\n%s (not %s)", diff, plain.ID)
	}

	root := conn.Volume(inst.BlockDevices[inst.RootDeviceName].VolumeID)
	if err := root.LoadProductCodes(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, root.ProductCodes); diff != "" {
		t.Errorf("root volume codes (-want +got):\n%s", diff)
	}
	// A Refresh keeps what LoadProductCodes read.
	if err := root.Refresh(ctx); err != nil || len(root.ProductCodes) != 1 {
		t.Errorf("after Refresh: %v, %v", root.ProductCodes, err)
	}
	snap, err := root.CreateSnapshot(ctx, "appliance root")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, snap.ProductCodes); diff != "" {
		t.Errorf("inherited snapshot codes (-want +got):\n%s", diff)
	}
	described := conn.Snapshot(snap.ID)
	if err := described.LoadProductCodes(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, described.ProductCodes); diff != "" {
		t.Errorf("snapshot codes (-want +got):\n%s", diff)
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	copyVol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := copyVol.LoadProductCodes(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, copyVol.ProductCodes); diff != "" {
		t.Errorf("volume from the snapshot (-want +got):\n%s", diff)
	}
	// A plain volume has none, and says so with an empty list.
	plainRoot := conn.Volume(plain.BlockDevices[plain.RootDeviceName].VolumeID)
	if err := plainRoot.LoadProductCodes(ctx); err != nil || plainRoot.ProductCodes != nil {
		t.Errorf("plain root volume: %v, %v", plainRoot.ProductCodes, err)
	}
	// An image registered from the snapshot carries the code on.
	reg, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: "rebuilt", RootDeviceName: "/dev/xvda",
		BlockDevices: ec2.BlockDeviceMapping{"/dev/xvda": {EBS: &ec2.EBS{SnapshotID: snap.ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, reg.ProductCodes); diff != "" {
		t.Errorf("registered image (-want +got):\n%s", diff)
	}
	// EC2 API Reference, ModifySnapshotAttribute: snapshots with
	// Marketplace product codes cannot be made public.
	wantCode(t, snap.Share(ctx, goboto.Everyone()), "OperationNotPermitted")
}

// EC2 answers an attachment of a Marketplace volume as a secondary device
// with OperationNotPermitted, and AttachVolume's reference lets it go
// only to a stopped instance, where its codes pass to the instance. The
// client refuses the secondary attachment itself once it knows the codes.
func TestMarketplaceAttach(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	fast := goboto.Interval(time.Millisecond)
	appliance := launch(t, conn, ec2.RunOptions{ImageID: ec2test.MarketplaceImage, InstanceType: "t3.small"})
	root := conn.Volume(appliance.BlockDevices[appliance.RootDeviceName].VolumeID)
	snap, err := root.CreateSnapshot(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, fast); err != nil {
		t.Fatal(err)
	}
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	host := launch(t, conn, ec2.RunOptions{InstanceType: "t3.small"})
	if err := host.Wait(ctx, ec2.InstanceRunning, fast); err != nil {
		t.Fatal(err)
	}

	// Codes not loaded: the request goes, and the fake refuses it.
	err = vol.Attach(ctx, host.ID, "/dev/sdf")
	wantCode(t, err, "OperationNotPermitted")
	if want := "'" + vol.ID + "' with Marketplace codes may not be attached as a secondary device."; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v; want %q", err, want)
	}
	// On the root device of a running instance: only a stopped one.
	wantCode(t, vol.Attach(ctx, host.ID, host.RootDeviceName), "IncorrectState")

	if err := vol.LoadProductCodes(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	wantValidation(t, vol.Attach(ctx, host.ID, "/dev/sdg"), "Device")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("sent %v; want nothing", got)
	}

	// As the root of a stopped instance whose own root is detached, it
	// goes, and the instance takes its codes.
	if err := host.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := host.Wait(ctx, ec2.InstanceStopped, fast); err != nil {
		t.Fatal(err)
	}
	own := conn.Volume(host.BlockDevices[host.RootDeviceName].VolumeID)
	if err := own.Detach(ctx); err != nil {
		t.Fatal(err)
	}
	if err := own.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if err := vol.Attach(ctx, host.ID, host.RootDeviceName); err != nil {
		t.Fatalf("attach as root of a stopped instance: %v", err)
	}
	if err := host.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, host.ProductCodes); diff != "" {
		t.Errorf("instance codes after the attachment (-want +got):\n%s", diff)
	}
}

// A second account shared a Marketplace snapshot makes a volume with the
// codes, and meets the same rule.
func TestMarketplaceSharedSnapshot(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	fast := goboto.Interval(time.Millisecond)
	appliance := launch(t, conn, ec2.RunOptions{ImageID: ec2test.MarketplaceImage, InstanceType: "t3.small"})
	snap, err := conn.Volume(appliance.BlockDevices[appliance.RootDeviceName].VolumeID).CreateSnapshot(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Share(ctx, goboto.Accounts(fake.OtherAccountID)); err != nil {
		t.Fatal(err)
	}
	other := otherConn(srv, "us-east-1")
	vol, err := other.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.LoadProductCodes(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(marketCodes, vol.ProductCodes, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("the other account's volume (-want +got):\n%s", diff)
	}
	host := launch(t, other, ec2.RunOptions{InstanceType: "t3.small"})
	if err := host.Wait(ctx, ec2.InstanceRunning, fast); err != nil {
		t.Fatal(err)
	}
	wantValidation(t, vol.Attach(ctx, host.ID, "/dev/sdf"), "Device")
	wantCode(t, other.Volume(vol.ID).Attach(ctx, host.ID, "/dev/sdf"), "OperationNotPermitted")
}
