// Package suite is a conformance suite for RDS servers: one set of tests,
// written against goboto's rds package (and the raw aws-sdk-go-v2 client
// where goboto refuses locally what a test must send), that runs
// unchanged against goboto's fake (rdstest) and against moto, as
// cloudwatch/internal/suite does.
//
// Where a backend is known to answer otherwise than RDS, Differences says
// so, and each flag's comment says which answer matches AWS and on what
// evidence. A test that meets a difference checks the backend's known
// answer instead of skipping, so a flag that stops being true fails.
package suite

import (
	"context"
	"testing"

	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/rds"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("rdstest", "moto").
	Name string
	// Conn is a goboto connection to the backend in us-east-1, making one
	// attempt a call: the suite checks first answers.
	Conn *rds.Conn
	// NewName returns a name no earlier call returned, starting with a
	// letter, so that suites sharing one server never collide.
	NewName func() string
	// Network returns a VPC the backend knows and three of its subnets,
	// in zones us-east-1a, b and c in that order, zones given. It may
	// create them.
	Network func(t *testing.T) (vpc string, subnets []rds.Subnet)
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env.
func Run(t *testing.T, env Env) {
	t.Run("InstanceLifecycle", func(t *testing.T) { testInstanceLifecycle(t, env) })
	t.Run("InstanceModify", func(t *testing.T) { testInstanceModify(t, env) })
	t.Run("InstanceStopStart", func(t *testing.T) { testInstanceStopStart(t, env) })
	t.Run("InstanceDelete", func(t *testing.T) { testInstanceDelete(t, env) })
	t.Run("InstanceErrors", func(t *testing.T) { testInstanceErrors(t, env) })
	t.Run("Snapshots", func(t *testing.T) { testSnapshots(t, env) })
	t.Run("SnapshotSharing", func(t *testing.T) { testSnapshotSharing(t, env) })
	t.Run("ParameterGroups", func(t *testing.T) { testParameterGroups(t, env) })
	t.Run("Parameters", func(t *testing.T) { testParameters(t, env) })
	t.Run("ParameterErrors", func(t *testing.T) { testParameterErrors(t, env) })
	t.Run("SubnetGroups", func(t *testing.T) { testSubnetGroups(t, env) })
	t.Run("SubnetGroupErrors", func(t *testing.T) { testSubnetGroupErrors(t, env) })
	t.Run("EngineVersions", func(t *testing.T) { testEngineVersions(t, env) })
	t.Run("OrderableOptions", func(t *testing.T) { testOrderableOptions(t, env) })
	t.Run("Tags", func(t *testing.T) { testTags(t, env) })
	t.Run("TagErrors", func(t *testing.T) { testTagErrors(t, env) })
}

// raw is the aws-sdk-go-v2 client under env's connection, for requests
// goboto refuses before sending.
func raw(env Env) *awsrds.Client { return env.Conn.Client() }

// wantCode fails t unless err carries the RDS code want.
func wantCode(t *testing.T, env Env, what string, err error, want string) {
	t.Helper()
	if got := testutil.ErrorCode(err); got != want {
		t.Errorf("%s: %s: got %v (code %q), want %s", env.Name, what, err, got, want)
	}
}

// accepted checks a request RDS refuses with want but the backend is
// known to take (the flag says so): it must succeed there, and fail with
// want elsewhere.
func accepted(t *testing.T, env Env, what string, err error, want string, differs bool) {
	t.Helper()
	if differs {
		if err != nil {
			t.Errorf("%s: %s: the difference says the backend accepts it, but it answered %v", env.Name, what, err)
		}
		return
	}
	wantCode(t, env, what, err, want)
}

// cleanup runs fn with a fresh context when t ends: t's own is done by
// then.
func cleanup(t *testing.T, fn func(ctx context.Context) error) {
	t.Cleanup(func() { _ = fn(context.Background()) })
}
