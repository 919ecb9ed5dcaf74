package rds_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// WithClientOptions reaches what goboto does not wrap: here a middleware
// that names every operation the connection sends; Conn.Client calls
// aws-sdk-go-v2 directly.
func ExampleWithClientOptions() {
	srv, err := rdstest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	trace := rds.WithClientOptions(func(o *awsrds.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("trace",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
					middleware.InitializeOutput, middleware.Metadata, error) {
					fmt.Println("sending", middleware.GetOperationName(ctx))
					return next.HandleInitialize(ctx, in)
				}), middleware.After)
		})
	})
	conn := rds.New(srv.Config(""), trace)
	ctx := context.Background()
	if err := conn.DBSecurityGroup("default").Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	// rdstest does not implement this one, and says so as RDS would.
	_, err = conn.Client().DescribeAccountAttributes(ctx, &awsrds.DescribeAccountAttributesInput{})
	var ae smithy.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.ErrorCode())
	}
	// Output:
	// sending DescribeDBSecurityGroups
	// sending DescribeAccountAttributes
	// InvalidAction
}
