package rds_test

import (
	"errors"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// fast polls the fake every millisecond at most.
var fast = goboto.Interval(time.Millisecond)

// startFake starts an rdstest server and returns it with a connection for
// the first test account in its default region.
func startFake(t *testing.T, opts ...fakes.Option) (*rdstest.Server, *rds.Conn) {
	t.Helper()
	srv := rdstest.Start(t, opts...)
	return srv, rds.New(srv.Config(""))
}

// otherConn is a connection for the fake's second account.
func otherConn(srv *rdstest.Server) *rds.Conn {
	cfg := srv.Config("")
	return rds.New(srv.ConfigFor(fake.DefaultCredentials()[1], cfg.Region))
}

// ops returns the operations srv has seen, in order.
func ops(srv *rdstest.Server) []string {
	var out []string
	for _, c := range srv.Calls() {
		out = append(out, c.Operation)
	}
	return out
}

func count(srv *rdstest.Server, op string) int {
	n := 0
	for _, c := range srv.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("err = %v; want APIError %s", err, code)
	}
}

func wantInvalid(t *testing.T, err error, text string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v; want *goboto.ValidationError", err)
	}
	if text != "" && err.Error() != text {
		t.Fatalf("err = %q; want %q", err.Error(), text)
	}
}

// mysqlOptions are the options of a small, valid MySQL instance named id.
func mysqlOptions(id string) rds.InstanceOptions {
	return rds.InstanceOptions{
		ID: id, Engine: rds.EngineMySQL, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "admin", MasterPassword: "correct-horse-battery",
	}
}

// newInstance creates a MySQL instance and waits until it is available.
func newInstance(t *testing.T, conn *rds.Conn, id string) *rds.DBInstance {
	t.Helper()
	db, err := conn.CreateDBInstance(t.Context(), mysqlOptions(id))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(t.Context(), rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	return db
}

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }
