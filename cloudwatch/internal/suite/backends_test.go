package suite_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/cloudwatch/internal/suite"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/moto"
)

var protocols = map[string]func(*cloudwatch.Options){
	"cbor":  func(*cloudwatch.Options) {},
	"json":  func(o *cloudwatch.Options) { o.Protocol = awsjson.New10(schemas.GraniteServiceVersion20100801) },
	"query": func(o *cloudwatch.Options) { o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801) },
}

// TestCloudWatchTest runs the suite against goboto's fake in each of the
// three protocols.
func TestCloudWatchTest(t *testing.T) {
	for name, p := range protocols {
		t.Run(name, func(t *testing.T) {
			// A clock the suite moves: alarms evaluate on it, so an
			// alarm's period passes at once, and nothing else does.
			clock := fakes.NewClock(time.Now())
			srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now))
			suite.Run(t, suite.Env{Name: "cloudwatchtest/" + name, Client: cloudwatch.NewFromConfig(srv.Config(""), p),
				NewNamespace: moto.Names("Suite"), Now: clock.Now, Advance: clock.Advance})
		})
	}
}

// TestMoto runs the suite against moto 5.2.1, which speaks CloudWatch's
// JSON and Query protocols but not CBOR (moto#9195). Its requests are
// sent uncompressed: moto fails on gzipped JSON. moto runs on real time,
// so the alarm evaluation test waits one 10-second period there; the two
// protocols run in parallel to wait once.
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	for _, name := range []string{"json", "query"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
				Credentials:               credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, ""),
				DisableRequestCompression: true}
			suite.Run(t, suite.Env{Name: "moto/" + name, Client: cloudwatch.NewFromConfig(cfg, protocols[name]),
				NewNamespace: moto.Names("Suite"), Now: time.Now, Diff: suite.MotoDifferences()})
		})
	}
}
