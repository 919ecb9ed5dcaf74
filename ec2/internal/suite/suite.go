// Package suite is a conformance suite for EC2 servers: one set of
// tests, written against goboto's ec2 package (and its aws-sdk-go-v2
// client where goboto refuses locally what a test must send), that runs
// unchanged against goboto's fake (ec2test) and against moto, as
// s3/internal/suite does with MinIO.
//
// Where a backend is known to answer otherwise than EC2, Differences
// says so, and each flag's comment says which answer matches AWS and on
// what evidence. A test that meets a difference checks the backend's
// known answer instead of skipping, so a flag that stops being true
// fails.
//
// One moto server serves every package of a run, so the suite tags and
// names what it creates uniquely (Env.Names), finds its own resources by
// those tags, never assumes an empty account, and deletes what it made.
package suite

import (
	"context"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/internal/testutil"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("ec2test").
	Name string
	// Conn talks to the backend in us-east-1 as Account.
	Conn    *ec2.Conn
	Account string
	// Other talks to the backend in us-east-1 as OtherAccount, a second
	// account snapshots are shared with.
	Other        *ec2.Conn
	OtherAccount string
	// ImageID is an EBS-backed image Account may launch.
	ImageID string
	// Names returns a name no earlier call returned, for tags, group
	// names and descriptions.
	Names func() string
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env. The tests run one after
// another: the account's VPC quota is shared by all of them.
func Run(t *testing.T, env Env) {
	t.Run("RegionsAndZones", func(t *testing.T) { testRegionsAndZones(t, env) })
	t.Run("DefaultVPC", func(t *testing.T) { testDefaultVPC(t, env) })
	t.Run("VPCs", func(t *testing.T) { testVPCs(t, env) })
	t.Run("Subnets", func(t *testing.T) { testSubnets(t, env) })
	t.Run("InternetGateways", func(t *testing.T) { testInternetGateways(t, env) })
	t.Run("RouteTables", func(t *testing.T) { testRouteTables(t, env) })
	t.Run("SecurityGroups", func(t *testing.T) { testSecurityGroups(t, env) })
	t.Run("InstancesInSubnet", func(t *testing.T) { testInstancesInSubnet(t, env) })
	t.Run("VolumesAndSnapshots", func(t *testing.T) { testVolumesAndSnapshots(t, env) })
	t.Run("TagFilters", func(t *testing.T) { testTagFilters(t, env) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, env) })
}

// wantCode fails t unless err carries code want.
func wantCode(t *testing.T, env Env, what string, err error, want string) {
	t.Helper()
	if got := testutil.ErrorCode(err); got != want {
		t.Errorf("%s: %s: %v (code %q), want %s", env.Name, what, err, got, want)
	}
}

// wantOK fails t on err.
func wantOK(t *testing.T, env Env, what string, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %s: %v", env.Name, what, err)
	}
}

// must stops t on err.
func must(t *testing.T, env Env, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %s: %v", env.Name, what, err)
	}
}

// cleanup runs fn when t ends, with a context that outlives t's, and
// ignores its error: it removes what a test made, which the test may
// already have removed.
func cleanup(t *testing.T, fn func(ctx context.Context) error) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = fn(ctx)
	})
}

// poll makes a Wait poll often: moto and ec2test move resources on at
// once or on the next request, so the default interval only slows the
// suite down.
func poll() []goboto.WaitOption {
	return []goboto.WaitOption{goboto.Interval(50 * time.Millisecond), goboto.Timeout(20 * time.Second)}
}

// collect gathers a listing's items, failing t on an error.
func collect[T any](t *testing.T, env Env, what string, seq func(yield func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for x, err := range seq {
		if err != nil {
			t.Fatalf("%s: %s: %v", env.Name, what, err)
		}
		out = append(out, x)
	}
	return out
}
