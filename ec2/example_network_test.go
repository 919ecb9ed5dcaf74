package ec2_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func ExampleSecurityGroup_Authorize() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	web, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	ssh, err := ec2.ParseRule("tcp 22 from 0.0.0.0/0") // as boto users wrote it
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := web.Authorize(ctx, ssh, ec2.TCP(80).From("::/0")); err != nil {
		fmt.Println(err)
		return
	}
	if err := web.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range web.Rules {
		fmt.Println(r)
	}
	// Output:
	// tcp 22 from 0.0.0.0/0
	// tcp 80 from ::/0
}

func ExampleConn_CreateKeyPair() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	kp, err := conn.CreateKeyPair(ctx, "deploy")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Save kp.PrivateKey now (os.WriteFile(path, kp.PrivateKey, 0o600)):
	// EC2 never returns it again. Printing it shows nothing.
	fmt.Println(kp, len(kp.Fingerprint), kp.PrivateKey)
	// Output: KeyPair:deploy 59 [REDACTED]
}

func ExampleAddress_Associate() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	addr, err := conn.AllocateAddress(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := addr.Associate(ctx, "i-0123456789abcdef0"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("associated with", addr.InstanceID)
	var apiErr *goboto.APIError
	if err := addr.Release(ctx); errors.As(err, &apiErr) {
		fmt.Println("release refused:", apiErr.Code) // still associated
	}
	if err := addr.Disassociate(ctx); err != nil {
		fmt.Println(err)
		return
	}
	if err := addr.Release(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("released")
	// Output:
	// associated with i-0123456789abcdef0
	// release refused: InvalidIPAddress.InUse
	// released
}
