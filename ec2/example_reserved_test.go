package ec2_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func ExampleConn_ReservedInstancesOfferings() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	conn := ec2.New(srv.Config(""))

	f := ec2.OfferingFilter{InstanceType: "m5.large", Zone: "us-east-1a", ProductDescription: "Linux/UNIX",
		Tenancy: "default", Duration: ec2.OneYear}
	for o, err := range conn.ReservedInstancesOfferings(context.Background(), f) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-15s %8.2f upfront + %.4f/hour\n", o.OfferingType, o.FixedPrice, o.HourlyPrice())
	}
	// Output:
	// No Upfront          0.00 upfront + 0.0605/hour
	// Partial Upfront   252.00 upfront + 0.0288/hour
	// All Upfront       494.00 upfront + 0.0000/hour
}

func ExampleReservedInstancesOffering_Purchase() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	conn := ec2.New(srv.Config(""))
	ctx := context.Background()

	f := ec2.OfferingFilter{InstanceType: "t3.micro", Zone: "us-east-1a", ProductDescription: "Linux/UNIX",
		Tenancy: "default", OfferingType: ec2.AllUpfront, Duration: ec2.OneYear}
	for o, err := range conn.ReservedInstancesOfferings(ctx, f) {
		if err != nil {
			fmt.Println(err)
			return
		}
		// Without Confirm nothing is bought: the error tells the price.
		_, err := o.Purchase(ctx, 2, ec2.PurchaseOptions{})
		var ce *ec2.ConfirmationRequiredError
		if errors.As(err, &ce) {
			fmt.Printf("2 would cost %.2f upfront\n", ce.Upfront)
		}
		ri, err := o.Purchase(ctx, 2, ec2.PurchaseOptions{Confirm: true, LimitPrice: &ce.Upfront})
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := ri.Wait(ctx, ec2.ReservedInstancesActive); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(ri.Count, ri.InstanceType, ri.State)
	}
	// Output:
	// 2 would cost 108.00 upfront
	// 2 t3.micro active
}

func ExampleConn_RequestSpotInstances() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	srv.SetSpotPrice("us-east-1", "us-east-1a", "m5.large", 0.031)
	conn := ec2.New(srv.Config(""))
	ctx := context.Background()

	for p, err := range conn.SpotPriceHistory(ctx, ec2.SpotPriceFilter{InstanceTypes: []string{"m5.large"},
		ProductDescriptions: []string{"Linux/UNIX"}, Zone: "us-east-1a"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("now:", p.Price)
		break // the newest price comes first
	}
	reqs, err := conn.RequestSpotInstances(ctx, ec2.SpotOptions{Price: 0.035,
		Launch: ec2.SpotLaunch{ImageID: ec2test.DefaultEBSImage, InstanceType: "m5.large", Zone: "us-east-1a"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := reqs[0]
	fmt.Println(req.State, req.StatusCode)
	if err := req.Wait(ctx, ec2.SpotInstanceRequestActive); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.State, req.StatusCode, req.Instance() != nil)
	// Output:
	// now: 0.031
	// open pending-evaluation
	// active fulfilled true
}
