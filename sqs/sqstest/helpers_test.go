package sqstest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto/fakes"
)

// startClocked starts a fake whose clock the test moves, and an
// aws-sdk-go-v2 client for it.
func startClocked(t *testing.T) (*Server, *fakes.Clock, *sqs.Client) {
	t.Helper()
	clock := fakes.NewClock(time.Now())
	srv := Start(t, fakes.WithClock(clock.Now))
	return srv, clock, sqs.NewFromConfig(srv.Config(""))
}

// mustQueue creates the queue name with attrs and returns its URL.
func mustQueue(t *testing.T, client *sqs.Client, name string, attrs map[string]string) *string {
	t.Helper()
	out, err := client.CreateQueue(t.Context(), &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	return out.QueueUrl
}
