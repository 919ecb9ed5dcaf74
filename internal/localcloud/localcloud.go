// Package localcloud mounts every goboto fake on one fake.Server, routed by
// the SigV4 scope's service name, or by Version for SigV2 and unsigned
// query requests. examples/localcloud serves it on a fixed address; the
// tour and the other examples use it in-process.
package localcloud

import (
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
	"github.com/goboto/goboto/s3/s3test"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// New returns an unstarted server hosting every service's fake.
func New(opts fake.Options) *fake.Server {
	return fake.NewServer(opts, Services()...)
}

// Services returns a fresh backend of every service's fake.
func Services() []fake.Service {
	return []fake.Service{
		sdbtest.NewBackend().Service(),
		ec2test.NewBackend().Service(),
		s3test.NewBackend().Service(),
		rdstest.NewBackend().Service(),
	}
}
