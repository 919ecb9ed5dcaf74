package ec2_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
)

// A vendor's appliance from the AWS Marketplace runs in one account. Its
// root volume carries the product code, and so does a snapshot of it. A
// second account that is shared the snapshot makes a volume from it, and
// may not attach that volume as a secondary device: EC2 refuses, and once
// the client knows the volume's codes it refuses before sending.
func ExampleVolume_LoadProductCodes() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	vendor := ec2.New(srv.Config("us-east-1"))
	customer := ec2.New(srv.ConfigForAccount(fakes.OtherAccountID, "us-east-1"))

	res, err := vendor.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.MarketplaceImage, InstanceType: "t3.small", Zone: "us-east-1a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	appliance := res.Instances[0]
	if err := appliance.Wait(ctx, ec2.InstanceRunning); err != nil {
		fmt.Println(err)
		return
	}
	root := vendor.Volume(appliance.BlockDevices[appliance.RootDeviceName].VolumeID)
	snap, err := root.CreateSnapshot(ctx, "appliance root")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := snap.Share(ctx, goboto.Accounts(fakes.OtherAccountID)); err != nil {
		fmt.Println(err)
		return
	}
	if err := snap.LoadProductCodes(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("snapshot codes:", snap.ProductCodes)

	// The customer's side.
	vol, err := customer.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err = customer.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.small", Zone: "us-east-1a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	host := res.Instances[0]
	if err := errors.Join(vol.Wait(ctx, ec2.VolumeAvailable), host.Wait(ctx, ec2.InstanceRunning)); err != nil {
		fmt.Println(err)
		return
	}

	// EC2's answer, for a handle that does not know the codes.
	var apiErr *goboto.APIError
	if err := vol.Attach(ctx, host.ID, "/dev/sdf"); errors.As(err, &apiErr) {
		fmt.Println("EC2:", apiErr.Code)
	}
	// The client's, once it does.
	if err := vol.LoadProductCodes(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("volume codes:", vol.ProductCodes)
	var invalid *goboto.ValidationError
	if err := vol.Attach(ctx, host.ID, "/dev/sdf"); errors.As(err, &invalid) {
		fmt.Println("refused locally:", invalid.Field)
	}
	// Output:
	// snapshot codes: [{7ayjdk2w4x8rqbm1vs0tpl5ne marketplace}]
	// EC2: OperationNotPermitted
	// volume codes: [{7ayjdk2w4x8rqbm1vs0tpl5ne marketplace}]
	// refused locally: Device
}
