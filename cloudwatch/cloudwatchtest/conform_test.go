package cloudwatchtest

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// served are the operations the fake implements.
var served = []string{"PutMetricData", "ListMetrics", "GetMetricStatistics", "GetMetricData"}

// TestConformModel sends every operation of CloudWatch's API model, in
// its JSON and its Query protocol, against a fake holding one metric: the
// served ones answer as the API Reference says (PutMetricData stores, the
// reads answer the seeded metric and change nothing), and the rest answer
// InvalidAction with the state unchanged. (The model's CBOR
// protocol is what the v2 client speaks; the other tests drive it.)
func TestConformModel(t *testing.T) {
	for _, proto := range []string{"json", "query"} {
		t.Run(proto, func(t *testing.T) {
			clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
			srv := Start(t, fakes.WithClock(clock.Now))
			client := cloudwatch.NewFromConfig(srv.Config(""))
			m := awsmodel.LoadOrSkip(t, "cloudwatch")
			m.Protocol = proto
			c := awsmodel.NewCase(t, m, srv, "", srv.digest)
			c.Implemented = func(op string) bool { return slices.Contains(served, op) }
			// Operations the fake does not serve and operations CloudWatch
			// does not have: the common errors' InvalidAction (JSON's
			// UnknownOperationException for the latter).
			c.NotImplementedCodes = []string{"InvalidAction", "UnknownOperationException"}
			c.Unknown = []string{"PutMetricDatum", "ListAllMetrics"}
			now := clock.Now()
			c.Prepare = func(string) error {
				srv.Reset()
				_, err := client.PutMetricData(t.Context(), &cloudwatch.PutMetricDataInput{Namespace: aws.String("Conform"),
					MetricData: []types.MetricDatum{{MetricName: aws.String("seeded"), Value: aws.Float64(4), Timestamp: aws.Time(now.Add(-5 * time.Minute))}}})
				return err
			}
			c.Overrides = awsmodel.Values{
				"*.Namespace":                                                    "Conform",
				"*.MetricName":                                                   "seeded",
				"PutMetricData.MetricData.1.Value":                               "2",
				"GetMetricStatistics.StartTime":                                  now.Add(-time.Hour).Format(time.RFC3339),
				"GetMetricStatistics.EndTime":                                    now.Format(time.RFC3339),
				"GetMetricStatistics.Period":                                     "60",
				"GetMetricStatistics.Statistics.1":                               "Sum",
				"GetMetricData.StartTime":                                        now.Add(-time.Hour).Format(time.RFC3339),
				"GetMetricData.EndTime":                                          now.Format(time.RFC3339),
				"GetMetricData.MetricDataQueries.1.Id":                           "q1",
				"GetMetricData.MetricDataQueries.1.MetricStat.Metric.Namespace":  "Conform",
				"GetMetricData.MetricDataQueries.1.MetricStat.Metric.MetricName": "seeded",
				"GetMetricData.MetricDataQueries.1.MetricStat.Period":            "60",
				"GetMetricData.MetricDataQueries.1.MetricStat.Stat":              "Sum",
			}
			c.Check = func(r awsmodel.Result) error {
				if !r.Implemented {
					return nil
				}
				if r.Status != http.StatusOK {
					return fmt.Errorf("HTTP %d %s; want 200: %s", r.Status, r.Code, r.Body)
				}
				if r.Operation == "PutMetricData" {
					if !r.Changed() {
						return errors.New("succeeded but stored nothing")
					}
					return nil
				}
				if r.Changed() {
					return errors.New("a read changed the state")
				}
				if !bytes.Contains(r.Body, []byte("seeded")) {
					return fmt.Errorf("answer lacks the seeded metric:\n%s", r.Body)
				}
				return nil
			}
			results := awsmodel.Conform(t, c)
			if got, want := len(results), len(m.Operations)+len(c.Unknown); got != want {
				t.Errorf("Conform checked %d requests; want %d", got, want)
			}
		})
	}
}
