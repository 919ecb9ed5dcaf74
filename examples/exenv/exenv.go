// Package exenv gives the example programs their aws.Config: the local
// cloud (fakes/localcloud) by default, a real account when the user asks
// for one with -aws. It uses only goboto's public packages, so an example
// copied into another module keeps working; copy this file too, or import
// it.
package exenv

import (
	"cmp"
	"context"
	"flag"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// defaultRegion is the home region when neither -region nor the usual
// chain names one.
const defaultRegion = "us-east-1"

// Flags are the flags every example takes.
type Flags struct {
	AWS    bool
	Region string
}

// Register adds -aws and -region to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.BoolVar(&f.AWS, "aws", false, "use the real AWS account from the default credential chain (costs money)")
	fs.StringVar(&f.Region, "region", "", "home region (default: AWS_REGION or the profile's, else us-east-1)")
}

// Env is where an example runs.
type Env struct {
	Config aws.Config
	// Cloud is the in-process local cloud, nil with -aws.
	Cloud *localcloud.Cloud
	Local bool
}

// Close stops the local cloud, if any.
func (e *Env) Close() {
	if e.Cloud != nil {
		e.Cloud.Close()
	}
}

// OtherAccount returns a config for the fakes' second test account, for
// sharing demos; with -aws it returns false.
func (e *Env) OtherAccount(region string) (aws.Config, bool) {
	if e.Cloud == nil {
		return aws.Config{}, false
	}
	return e.Cloud.ConfigForAccount(fakes.OtherAccountID, region), true
}

// Setup starts the local cloud on a random loopback port, or loads the
// default credential chain when f.AWS is set. The local cloud is started
// with opts too (a fakes.WithClock the example moves, a fake's own
// option such as cloudfronttest.WithLegacyStreaming); with -aws they are
// not used.
func Setup(ctx context.Context, f Flags, opts ...fakes.Option) (*Env, error) {
	// The region comes from the usual chain (AWS_REGION, the profile)
	// unless -region names one, locally too.
	var load []func(*config.LoadOptions) error
	if f.Region != "" {
		load = append(load, config.WithRegion(f.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if f.AWS {
		if err != nil {
			return nil, fmt.Errorf("loading AWS credentials: %w", err)
		}
		return &Env{Config: cfg}, nil
	}
	region := cfg.Region
	if err != nil || region == "" {
		region = cmp.Or(f.Region, defaultRegion)
	}
	cloud, err := localcloud.New(append([]fakes.Option{fakes.WithRegion(region)}, opts...)...)
	if err != nil {
		return nil, err
	}
	return &Env{Config: cloud.Config(region), Cloud: cloud, Local: true}, nil
}

// CountCalls starts counting the requests the local cloud receives for
// operation op ("" for all). The returned function reports how many came
// since; it reports false with -aws, where nothing can be counted.
func (e *Env) CountCalls(op string) func() (int, bool) {
	if e.Cloud == nil {
		return func() (int, bool) { return 0, false }
	}
	start := len(e.Cloud.Calls())
	return func() (int, bool) {
		n := 0
		for _, c := range e.Cloud.Calls()[start:] {
			if op == "" || c.Operation == op {
				n++
			}
		}
		return n, true
	}
}
