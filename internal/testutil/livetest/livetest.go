// Package livetest gives goboto's integration tests (//go:build
// integration) their aws.Config, and skips the test when no credentials
// can be had. config.LoadDefaultConfig alone does not fail without
// credentials (it only fails when a call needs them), so the skip checks
// that credentials can actually be retrieved.
package livetest

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// retrieveTimeout bounds the credential chain: without credentials it
// ends at the instance metadata service, which on a machine that is not
// an EC2 instance may take a while to give up.
const retrieveTimeout = 10 * time.Second

// T is the part of *testing.T Config uses.
type T interface {
	Helper()
	Skipf(format string, args ...any)
}

// Config loads the default credential chain in region and skips t when
// no credentials come out of it. The skip message never shows keys.
func Config(t T, region string) aws.Config {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), retrieveTimeout)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		t.Skipf("no AWS configuration: %v", err)
		return aws.Config{}
	}
	if cfg.Credentials == nil {
		t.Skipf("no AWS credentials in the default chain")
		return aws.Config{}
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		t.Skipf("no AWS credentials: %v", err)
		return aws.Config{}
	}
	return cfg
}
