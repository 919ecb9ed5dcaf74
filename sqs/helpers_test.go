package sqs_test

import (
	"testing"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// startFake starts an sqstest server and returns it with a connection for
// the first test account in its default region.
func startFake(t *testing.T, opts ...fakes.Option) (*sqstest.Server, *sqs.Conn) {
	t.Helper()
	srv := sqstest.Start(t, opts...)
	return srv, sqs.New(srv.Config(""))
}

// newQueue creates the queue name on conn.
func newQueue(t *testing.T, conn *sqs.Conn, o sqs.QueueOptions) *sqs.Queue {
	t.Helper()
	q, err := conn.CreateQueue(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
