package cloudwatchtest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// protocols are CloudWatch's three wire protocols, each as the v2 client
// speaks it: rpcv2Cbor by default, awsJson1_0 and awsQuery when its
// Options.Protocol says so.
var protocols = []struct {
	name string
	set  func(*cloudwatch.Options)
}{
	{"cbor", func(*cloudwatch.Options) {}},
	{"json", func(o *cloudwatch.Options) { o.Protocol = awsjson.New10(schemas.GraniteServiceVersion20100801) }},
	{"query", func(o *cloudwatch.Options) { o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801) }},
}

// start runs a fake whose clock stands at a whole minute near the real
// time and returns it with its clock. Tests move the clock by hours, so
// the fake takes signatures up to two days from its clock.
func start(t *testing.T) (*cloudwatchtest.Server, *fakes.Clock) {
	t.Helper()
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	return cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour)), clock
}

// each runs f once per protocol, each with a fresh fake.
func each(t *testing.T, f func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client)) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			srv, clock := start(t)
			f(t, srv, clock, cloudwatch.NewFromConfig(srv.Config(""), p.set))
		})
	}
}

// code is an error's CloudWatch code, the awsQueryError one
// (InvalidParameterValue, not InvalidParameterValueException), or "" for
// none. Over CBOR and JSON the v2 client reports that code itself, taken
// from x-amzn-query-error; over Query it resolves the <Code> to the
// modelled type and reports the type's name, so the type says it.
func code(err error) string {
	var (
		ipv *types.InvalidParameterValueException
		ipc *types.InvalidParameterCombinationException
		mp  *types.MissingRequiredParameterException
		le  *types.LimitExceededFault
		ae  smithy.APIError
	)
	switch {
	case errors.As(err, &ipv):
		return "InvalidParameterValue"
	case errors.As(err, &ipc):
		return "InvalidParameterCombination"
	case errors.As(err, &mp):
		return "MissingParameter"
	case errors.As(err, &le):
		return "LimitExceeded"
	case errors.As(err, &ae):
		return ae.ErrorCode()
	}
	return ""
}
