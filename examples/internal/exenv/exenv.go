// Package exenv gives the example programs their aws.Config: the local
// fakes by default, a real account when the user asks for one.
package exenv

import (
	"context"
	"flag"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/localcloud"
)

// Flags are the flags every example takes.
type Flags struct {
	AWS    bool
	Region string
}

// Register adds -aws and -region to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.BoolVar(&f.AWS, "aws", false, "use the real AWS account from the default credential chain (costs money)")
	fs.StringVar(&f.Region, "region", "us-east-1", "home region")
}

// Env is where an example runs.
type Env struct {
	Config aws.Config
	// Cloud is the in-process local cloud, nil with -aws.
	Cloud *fake.Server
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
	return e.Cloud.Config(region, fake.DefaultCredentials()[1]), true
}

// Setup starts the local cloud on a random loopback port, or loads the
// default credential chain when f.AWS is set.
func Setup(ctx context.Context, f Flags) (*Env, error) {
	if f.AWS {
		cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(f.Region))
		if err != nil {
			return nil, fmt.Errorf("loading AWS credentials: %w", err)
		}
		return &Env{Config: cfg}, nil
	}
	srv := localcloud.New(fake.Options{DefaultRegion: f.Region})
	if err := srv.Start(); err != nil {
		return nil, err
	}
	return &Env{Config: srv.Config(f.Region, fake.DefaultCredentials()[0]), Cloud: srv, Local: true}, nil
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
