//go:build integration

package sdb_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/testutil/livetest"
	"github.com/goboto/goboto/sdb"
)

// TestSuiteAWS runs the shared suite against real SimpleDB in us-east-1
// with the default credential chain:
//
//	go test -tags integration -run TestSuiteAWS ./sdb
//
// Cost: about 60 requests and a few seconds of box usage on a domain that
// lives under a minute: well under one US cent, and within SimpleDB's free
// tier where the account has it. Accounts created after SimpleDB closed to
// new customers get AuthFailure or OptInRequired.
func TestSuiteAWS(t *testing.T) {
	cfg := livetest.Config(t, "us-east-1")
	runSuite(t, sdb.New(cfg), fmt.Sprintf("goboto-suite-%d", time.Now().UnixNano()))
}
