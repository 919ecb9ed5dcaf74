package ec2_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// unreachable is a loopback address nothing listens on.
const unreachable = "http://127.0.0.1:1"

// TestEndpointOrder pins where a connection sends: AWS_ENDPOINT_URL_EC2
// beats the config's BaseEndpoint, as in aws-sdk-go-v2 (AWS SDKs and
// Tools Reference Guide, "Service-specific endpoints"), and
// goboto.WithEndpoint beats both; WithClientOptions comes last of all.
func TestEndpointOrder(t *testing.T) {
	srv := ec2test.Start(t)
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ENDPOINT_URL_EC2", unreachable)
	loaded, err := config.LoadDefaultConfig(context.Background(),
		config.WithSharedConfigFiles([]string{}), config.WithSharedCredentialsFiles([]string{}), config.WithRegion("us-east-1"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := srv.Config("")
	cfg.ConfigSources = loaded.ConfigSources // the environment, as LoadDefaultConfig gives it
	base := aws.ToString(cfg.BaseEndpoint)
	for _, tt := range []struct {
		name  string
		opts  []goboto.Option
		reach bool
	}{
		{"service variable beats BaseEndpoint", nil, false},
		{"WithEndpoint beats the variable", []goboto.Option{goboto.WithEndpoint(base)}, true},
		{"WithClientOptions comes after WithEndpoint", []goboto.Option{goboto.WithEndpoint(unreachable),
			ec2.WithClientOptions(func(o *awsec2.Options) { o.BaseEndpoint = aws.String(base) })}, true},
		{"WithClientOptions over the variable", []goboto.Option{
			ec2.WithClientOptions(nil, func(o *awsec2.Options) { o.BaseEndpoint = aws.String(unreachable) })}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			opts := append([]goboto.Option{goboto.WithRetry(1, 0)}, tt.opts...)
			_, err := goboto.Collect(ec2.New(cfg, opts...).KeyPairs(t.Context(), nil))
			if reached := len(srv.Calls()) == 1; reached != tt.reach || (err == nil) != tt.reach {
				t.Errorf("reached the fake: %v (err %v); want %v", reached, err, tt.reach)
			}
		})
	}
}

// TestListOptionsRefused shows each listing refuses, before sending, a
// ListOptions field it does not take.
func TestListOptionsRefused(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	srv.ResetCalls()
	for _, tt := range []struct {
		name, field string
		err         error
	}{
		{"key pairs page size", "PageSize", first(conn.KeyPairs(ctx, nil, ec2.PageSize(10)))},
		{"addresses page size", "PageSize", first(conn.Addresses(ctx, nil, ec2.PageSize(10)))},
		{"zones page size", "PageSize", first(conn.Zones(ctx, nil, ec2.PageSize(10)))},
		{"volumes owners", "Owners", first(conn.Volumes(ctx, nil, ec2.Owners("self")))},
		{"images restorable by", "RestorableBy", first(conn.Images(ctx, nil, ec2.RestorableBy("self")))},
		{"snapshots executable by", "ExecutableBy", first(conn.Snapshots(ctx, nil, ec2.ExecutableBy("self")))},
		{"instances all", "All", first(conn.Instances(ctx, nil, ec2.AllZones()))},
		{"offerings page size", "PageSize", first(conn.ReservedInstancesOfferings(ctx, ec2.OfferingFilter{}, ec2.PageSize(101)))},
		{"security groups page size", "PageSize", first(conn.SecurityGroups(ctx, nil, ec2.PageSize(1001)))},
		{"negative page size", "PageSize", first(conn.Volumes(ctx, nil, ec2.PageSize(-1)))},
	} {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, tt.err, tt.field) })
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls; want none", n)
	}
}

// first returns the first error a listing yields.
func first[T any](seq func(func(T, error) bool)) error {
	var got error
	for _, err := range seq {
		if err != nil {
			got = err
			break
		}
	}
	return got
}
