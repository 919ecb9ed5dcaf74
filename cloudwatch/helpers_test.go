package cloudwatch_test

import (
	"testing"
	"time"

	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// protocols are CloudWatch's three wire protocols.
var protocols = []cloudwatch.Protocol{cloudwatch.CBOR, cloudwatch.JSON, cloudwatch.Query}

// startFake starts a cloudwatchtest server and returns it with a
// connection speaking p for the first test account in its default
// region.
func startFake(t testing.TB, p cloudwatch.Protocol, opts ...fakes.Option) (*cloudwatchtest.Server, *cloudwatch.Conn) {
	t.Helper()
	srv := cloudwatchtest.Start(t, opts...)
	return srv, cloudwatch.New(srv.Config(""), cloudwatch.WithProtocol(p))
}

// each runs f once per protocol, each with a fresh fake.
func each(t *testing.T, f func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn)) {
	for _, p := range protocols {
		t.Run(string(p), func(t *testing.T) {
			srv, conn := startFake(t, p)
			f(t, srv, conn)
		})
	}
}

// calls counts the requests of operation op the fake has seen.
func calls(srv *cloudwatchtest.Server, op string) int {
	n := 0
	for _, c := range srv.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

// minute is the start of the current minute less d: a time whose
// datapoints fall at whole minutes.
func minute(d time.Duration) time.Time { return time.Now().UTC().Truncate(time.Minute).Add(-d) }

// fakeFault makes every request of op fail with CloudWatch's error whose
// model shape is shape and whose documented (Query) code is code, as
// the fake itself writes it.
func fakeFault(op, code, shape string) fakes.Fault {
	return fakes.Fault{Operation: op, Kind: fakes.ServerError,
		Err: &fakes.Error{Status: 400, Code: shape, QueryCode: code, Sender: true, Message: "refused by a test"}}
}
