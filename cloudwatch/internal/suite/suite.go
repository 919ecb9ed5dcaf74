// Package suite is a conformance suite for CloudWatch servers: one set of
// tests, written against the raw aws-sdk-go-v2 client, that runs
// unchanged against goboto's fake (cloudwatchtest) and against moto, as
// s3/internal/suite does with MinIO.
//
// Where a backend is known to answer otherwise than CloudWatch,
// Differences says so, and each flag's comment says which answer matches
// AWS and on what evidence. A test that meets a difference checks the
// backend's known answer instead of skipping, so a flag that stops being
// true fails.
package suite

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("cloudwatchtest/json").
	Name string
	// Client talks to the backend in us-east-1, in the protocol chosen.
	Client *cloudwatch.Client
	// NewNamespace returns a namespace no earlier call returned, so that
	// suites sharing one server never see each other's metrics.
	NewNamespace func() string
	// Now is the backend's clock.
	Now func() time.Time
	// Advance moves the backend's clock by d, for a backend whose clock
	// the test holds (cloudwatchtest on a fakes.Clock); nil for a
	// backend on real time, where the suite sleeps instead, never more
	// than one 10-second period a test.
	Advance func(d time.Duration)
	// Diff lists the backend's known differences.
	Diff Differences
}

// Run runs every test of the suite against env.
func Run(t *testing.T, env Env) {
	t.Run("Statistics", func(t *testing.T) { testStatistics(t, env) })
	t.Run("ListMetrics", func(t *testing.T) { testListMetrics(t, env) })
	t.Run("GetMetricData", func(t *testing.T) { testGetMetricData(t, env) })
	t.Run("Limits", func(t *testing.T) { testLimits(t, env) })
	t.Run("AlarmPut", func(t *testing.T) { testAlarmPut(t, env) })
	t.Run("AlarmDescribe", func(t *testing.T) { testAlarmDescribe(t, env) })
	t.Run("AlarmState", func(t *testing.T) { testAlarmState(t, env) })
	t.Run("AlarmDelete", func(t *testing.T) { testAlarmDelete(t, env) })
	t.Run("AlarmEvaluation", func(t *testing.T) { testAlarmEvaluation(t, env) })
}

// code is an error's CloudWatch code, the awsQueryError one
// (InvalidParameterValue), whichever protocol carried it; "" for none.
func code(err error) string {
	var (
		ipv *types.InvalidParameterValueException
		ipc *types.InvalidParameterCombinationException
		mp  *types.MissingRequiredParameterException
		inf *types.InvalidFormatFault
		rnf *types.ResourceNotFound
		ae  smithy.APIError
	)
	switch {
	case errors.As(err, &ipv):
		return "InvalidParameterValue"
	case errors.As(err, &ipc):
		return "InvalidParameterCombination"
	case errors.As(err, &mp):
		return "MissingParameter"
	case errors.As(err, &inf):
		return "InvalidFormat"
	case errors.As(err, &rnf):
		return "ResourceNotFound"
	case errors.As(err, &ae):
		return ae.ErrorCode()
	}
	return ""
}
